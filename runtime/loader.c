/* SPDX-License-Identifier: MIT */
/* Module loading. The user's module and its relative imports are read from
 * files; the only bare specifier is the built-in "gvajs". Packages from npm
 * are bundled by esbuild beforehand, so there is no node_modules lookup, and
 * no native (.so) modules can be loaded. An import must lie in the module's
 * folder or an allow-read folder (files.c's rule), and only regular files
 * of a bounded size are read. Every file compiled is recorded in the host,
 * so that only their source maps are ever read. */
#include "loader.h"
#include "errors.h"
#include "files.h"
#include "gvajs-error.h"
#include "readfile.h"

static JSValue
compile_source (JSContext * ctx, const gchar * path, const gchar * source,
    gsize length)
{
  _gvajs_host_add_module (ctx, path);
  return JS_Eval (ctx, source, length, path,
      JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
}

/**
 * _gvajs_compile_file:
 *
 * Reads and compiles @path as an ES module without running it. Returns the
 * module, owned by the runtime, or NULL with @error set.
 */
JSModuleDef *
_gvajs_compile_file (JSContext * ctx, const gchar * path, GError ** error)
{
  gchar *source = NULL, *canonical, *what;
  gsize length;
  GError *read_error = NULL;
  JSValue compiled;

  if (!_gvajs_read_file (path, GVAJS_MAX_SOURCE_SIZE, &source, &length,
          &read_error)) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
        "could not read module '%s': %s", path, read_error->message);
    g_error_free (read_error);
    return NULL;
  }
  canonical = g_canonicalize_filename (path, NULL);
  compiled = compile_source (ctx, canonical, source, length);
  g_free (canonical);
  g_free (source);
  if (JS_IsException (compiled)) {
    what = g_strdup_printf ("compiling module '%s'", path);
    _gvajs_take_exception (ctx, error, GVAJS_RUNTIME_ERROR_LOAD, what);
    g_free (what);
    return NULL;
  }
  /* The runtime keeps compiled modules in its module list. */
  JS_FreeValue (ctx, compiled);
  return JS_VALUE_GET_PTR (compiled);
}

/* QuickJS's loader callback: @name is already normalized against the
 * importing module's path. Errors are thrown as JS exceptions, so they
 * reach the importer's evaluation with a location. */
static JSModuleDef *
load_import (JSContext * ctx, const char *name, void *opaque)
{
  gchar *source = NULL, *real;
  gsize length;
  GError *read_error = NULL;
  JSValue compiled;

  if (name[0] != '/') {
    JS_ThrowReferenceError (ctx, "cannot import '%s': gvajs modules may "
        "import only relative files and \"gvajs\"; bundle packages with "
        "esbuild (gvajs build)", name);
    return NULL;
  }
  real = _gvajs_files_resolve (ctx, name, TRUE, &read_error);
  if (real == NULL || !_gvajs_read_file (real, GVAJS_MAX_SOURCE_SIZE,
          &source, &length, &read_error)) {
    JS_ThrowReferenceError (ctx, "could not load module '%s': %s", name,
        read_error->message);
    g_error_free (read_error);
    g_free (real);
    return NULL;
  }
  g_free (real);
  compiled = compile_source (ctx, name, source, length);
  g_free (source);
  if (JS_IsException (compiled))
    return NULL;
  JS_FreeValue (ctx, compiled);
  return JS_VALUE_GET_PTR (compiled);
}

/* Relative specifiers become absolute, canonical paths, so one file is one
 * module however it is reached; bare specifiers stay as they are. */
static char *
normalize_specifier (JSContext * ctx, const char *base, const char *name,
    void *opaque)
{
  gchar *dir, *joined, *path;
  char *result;

  if (name[0] != '.' && name[0] != '/')
    return js_strdup (ctx, name);
  dir = g_path_get_dirname (base);
  joined = g_path_is_absolute (name) ? g_strdup (name) :
      g_build_filename (dir, name, NULL);
  path = g_canonicalize_filename (joined, NULL);
  result = js_strdup (ctx, path);
  g_free (path);
  g_free (joined);
  g_free (dir);
  return result;
}

void
_gvajs_loader_install (JSRuntime * rt)
{
  JS_SetModuleLoaderFunc (rt, normalize_specifier, load_import, NULL);
}
