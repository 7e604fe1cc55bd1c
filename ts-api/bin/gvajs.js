#!/usr/bin/env node
// The gvajs command. The CLI is TypeScript compiled to dist/ by
// `npm run build` (tsc -p ts-api).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("gvajs: the CLI is not built; run \"npm run build\" in the repository");
  process.exitCode = 1;
} else {
  const { main } = await import(cli.href);
  process.exitCode = await main(process.argv.slice(2));
}
