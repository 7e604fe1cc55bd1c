/**
 * Types for gvajs modules: the built-in module `"gvajs"` and the globals
 * scripts run with. Reference this file (or list the package in
 * `compilerOptions.types`) from a module's tsconfig.json.
 *
 * @packageDocumentation
 */

/// <reference path="./gvajs.d.ts" />
/// <reference path="./globals.d.ts" />
