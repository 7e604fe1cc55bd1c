/**
 * The globals a gvajs module has besides ECMAScript's own (ES2023):
 * `console`, and nothing else — no `setTimeout`, `fetch`, `process` or
 * DOM. Everything else comes from the built-in module `"gvajs"`.
 *
 * Available everywhere: while the module is evaluated, in hooks, and per
 * frame.
 *
 * @packageDocumentation
 */

declare global {
  /**
   * Output for people: `log`, `info` and `debug` print to stdout, `warn`
   * and `error` to stderr. Each line also goes to the `gvajs` GStreamer
   * debug category (`GST_DEBUG=gvajs:5`) at the matching level, tagged
   * with the element. Arguments are joined by spaces; objects print as
   * JSON, errors as `Name: message`.
   *
   * ```ts
   * console.log("frame", frame.pts, { regions: frame.regions().length });
   * ```
   * @category Globals
   */
  interface Console {
    /** Prints to stdout; debug level INFO. */
    log(...data: unknown[]): void;
    /** Prints to stdout; debug level INFO. */
    info(...data: unknown[]): void;
    /** Prints to stdout; debug level DEBUG. */
    debug(...data: unknown[]): void;
    /** Prints to stderr; debug level WARNING. */
    warn(...data: unknown[]): void;
    /** Prints to stderr; debug level ERROR. */
    error(...data: unknown[]): void;
    /**
     * Prints "Trace: " and the arguments, then the stack that called it, to
     * stderr (debug level INFO); with a source map beside the module the
     * stack names the TypeScript file, line and column.
     */
    trace(...data: unknown[]): void;
  }

  /** The console: see {@link Console}. @category Globals */
  var console: Console;
}

export {};
