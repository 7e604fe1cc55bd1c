/* SPDX-License-Identifier: MIT */
/* The global `console`. log/info/debug print to stdout and warn/error/trace
 * to stderr, as users of Node expect; every line also goes to the `gvajs`
 * debug category, tagged with the element, at the matching level. */
#include "console.h"
#include "errors.h"
#include "sourcemap.h"

#include <string.h>

#define GST_CAT_DEFAULT gvajs_debug

typedef enum
{
  CONSOLE_LOG,
  CONSOLE_INFO,
  CONSOLE_DEBUG,
  CONSOLE_WARN,
  CONSOLE_ERROR,
} ConsoleLevel;

static gchar *
join_arguments (JSContext * ctx, int argc, JSValueConst * argv)
{
  GString *line = g_string_new (NULL);
  gint i;

  for (i = 0; i < argc; i++) {
    gchar *text = _gvajs_value_to_display (ctx, argv[i]);
    if (i > 0)
      g_string_append_c (line, ' ');
    g_string_append (line, text);
    g_free (text);
  }
  return g_string_free (line, FALSE);
}

static GstDebugLevel
debug_level (ConsoleLevel level)
{
  switch (level) {
    case CONSOLE_WARN:
      return GST_LEVEL_WARNING;
    case CONSOLE_ERROR:
      return GST_LEVEL_ERROR;
    case CONSOLE_DEBUG:
      return GST_LEVEL_DEBUG;
    default:
      return GST_LEVEL_INFO;
  }
}

static JSValue
js_console_print (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  gchar *line = join_arguments (ctx, argc, argv);

  GST_CAT_LEVEL_LOG (gvajs_debug, debug_level (magic), _gvajs_host_owner (ctx),
      "%s",
      line);
  if (magic == CONSOLE_WARN || magic == CONSOLE_ERROR) {
    g_printerr ("%s\n", line);
  } else {
    g_print ("%s\n", line);
    /* Piped output (tee, a test runner) should see each line as it comes. */
    fflush (stdout);
  }
  g_free (line);
  return JS_UNDEFINED;
}

/* The JS stack of the caller, without console.trace's own native frame,
 * mapped to the TypeScript source when the module has a source map. A
 * script that replaced Error gets an empty stack. Free with g_free(). */
static gchar *
caller_stack (JSContext * ctx)
{
  /* The Error constructor records the stack; JS_NewError() does not. */
  JSValue global = JS_GetGlobalObject (ctx);
  JSValue ctor = JS_GetPropertyStr (ctx, global, "Error");
  JSValue error = JS_CallConstructor (ctx, ctor, 0, NULL);
  JSValue stack = JS_IsException (error) ? JS_UNDEFINED :
      JS_GetPropertyStr (ctx, error, "stack");
  const char *text = JS_IsString (stack) ? JS_ToCString (ctx, stack) : NULL;
  const char *skip = text ? strchr (text, '\n') : NULL;
  gchar *frames = g_strdup (skip ? skip + 1 : "");

  if (JS_HasException (ctx))
    JS_FreeValue (ctx, JS_GetException (ctx));
  JS_FreeCString (ctx, text);
  JS_FreeValue (ctx, stack);
  JS_FreeValue (ctx, error);
  JS_FreeValue (ctx, ctor);
  JS_FreeValue (ctx, global);
  return _gvajs_source_map_stack (ctx, frames);
}

/* console.trace(...): like Node, "Trace: <arguments>" and the stack, on
 * stderr. */
static JSValue
js_console_trace (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  gchar *line = join_arguments (ctx, argc, argv);
  gchar *stack = caller_stack (ctx);

  GST_CAT_LEVEL_LOG (gvajs_debug, GST_LEVEL_INFO, _gvajs_host_owner (ctx),
      "Trace: %s\n%s", line, stack ? stack : "");
  g_printerr ("Trace: %s\n%s", line, stack ? stack : "");
  g_free (stack);
  g_free (line);
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_console_proto_funcs[] = {
  JS_CFUNC_MAGIC_DEF ("log", 0, js_console_print, CONSOLE_LOG),
  JS_CFUNC_MAGIC_DEF ("info", 0, js_console_print, CONSOLE_INFO),
  JS_CFUNC_MAGIC_DEF ("debug", 0, js_console_print, CONSOLE_DEBUG),
  JS_CFUNC_MAGIC_DEF ("warn", 0, js_console_print, CONSOLE_WARN),
  JS_CFUNC_MAGIC_DEF ("error", 0, js_console_print, CONSOLE_ERROR),
  JS_CFUNC_DEF ("trace", 0, js_console_trace),
};

void
_gvajs_console_init (JSContext * ctx)
{
  JSValue global = JS_GetGlobalObject (ctx);
  JSValue console = JS_NewObject (ctx);

  JS_SetPropertyFunctionList (ctx, console, js_console_proto_funcs,
      G_N_ELEMENTS (js_console_proto_funcs));
  JS_SetPropertyStr (ctx, global, "console", console);
  JS_FreeValue (ctx, global);
}
