/* SPDX-License-Identifier: MIT */
/* readText() and readJSON() of the "gvajs" module: the only file access a
 * script has, limited to the folders of the element's allow-read property.
 * Paths are resolved (symlinks included) before the check, so "../" and
 * links cannot leave an allowed folder. */
#include "files.h"
#include "gvajs-error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

gchar **
_gvajs_files_canonicalize (const gchar * const *dirs, GError ** error)
{
  GPtrArray *canonical = g_ptr_array_new_with_free_func (g_free);

  for (; dirs && *dirs; dirs++) {
    gchar *real = realpath (*dirs, NULL);
    if (real == NULL || !g_file_test (real, G_FILE_TEST_IS_DIR)) {
      g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_CONFIG,
          "property 'allow-read': '%s' is not an existing folder", *dirs);
      free (real);
      g_ptr_array_unref (canonical);
      return NULL;
    }
    g_ptr_array_add (canonical, g_strdup (real));
    free (real);
  }
  g_ptr_array_add (canonical, NULL);
  return (gchar **) g_ptr_array_free (canonical, FALSE);
}

static gboolean
is_inside (const gchar * path, const gchar * dir)
{
  gsize n = strlen (dir);

  return strncmp (path, dir, n) == 0 &&
      (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* The resolved path of @path (relative paths start at the module's folder)
 * if it lies in an allowed folder; otherwise NULL with a TypeError thrown.
 * Free with g_free(). */
static gchar *
resolve_allowed (JSContext * ctx, const gchar * fn, const gchar * path)
{
  const gchar *const *allowed = _gvajs_host_allowed_dirs (ctx), *const *dir;
  gchar *joined, *real, *copy;

  if (allowed[0] == NULL) {
    JS_ThrowTypeError (ctx, "%s('%s'): file access is off; list the folder "
        "in the element's allow-read property", fn, path);
    return NULL;
  }
  joined = g_path_is_absolute (path) ? g_strdup (path) :
      g_build_filename (_gvajs_host_module_dir (ctx), path, NULL);
  real = realpath (joined, NULL);
  g_free (joined);
  if (real == NULL) {
    JS_ThrowTypeError (ctx, "%s('%s'): %s", fn, path, g_strerror (errno));
    return NULL;
  }
  copy = g_strdup (real);
  free (real);
  for (dir = allowed; *dir; dir++)
    if (is_inside (copy, *dir))
      return copy;
  JS_ThrowTypeError (ctx, "%s('%s'): '%s' is outside the allow-read "
      "folders", fn, path, copy);
  g_free (copy);
  return NULL;
}

/* Reads an allowed file; files larger than the memory limit are refused
 * before they are read. Returns a JS string or JS_EXCEPTION. */
static JSValue
read_text (JSContext * ctx, const gchar * fn, JSValueConst path_value)
{
  guint64 limit = _gvajs_host_memory_limit (ctx);
  const char *path = NULL;
  gchar *real = NULL, *contents = NULL;
  gsize length;
  GError *error = NULL;
  GStatBuf st;
  JSValue ret = JS_EXCEPTION;

  if (!JS_IsString (path_value)) {
    JS_ThrowTypeError (ctx, "%s() needs a path string", fn);
    goto out;
  }
  path = JS_ToCString (ctx, path_value);
  if (path == NULL || (real = resolve_allowed (ctx, fn, path)) == NULL)
    goto out;
  if (g_stat (real, &st) == 0 && limit && (guint64) st.st_size > limit) {
    JS_ThrowRangeError (ctx, "%s('%s'): the file is larger than the "
        "memory-limit", fn, path);
    goto out;
  }
  if (!g_file_get_contents (real, &contents, &length, &error)) {
    JS_ThrowTypeError (ctx, "%s('%s'): %s", fn, path, error->message);
    g_error_free (error);
    goto out;
  }
  ret = JS_NewStringLen (ctx, contents, length);
out:
  g_free (contents);
  g_free (real);
  JS_FreeCString (ctx, path);
  return ret;
}

static JSValue
js_gvajs_read_text (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  return read_text (ctx, "readText", argc > 0 ? argv[0] : JS_UNDEFINED);
}

static JSValue
js_gvajs_read_json (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  JSValue text = read_text (ctx, "readJSON", argc > 0 ? argv[0] : JS_UNDEFINED);
  const char *str, *name;
  size_t length;
  JSValue value;

  if (JS_IsException (text))
    return text;
  str = JS_ToCStringLen (ctx, &length, text);
  name = JS_ToCString (ctx, argv[0]);
  value = str && name ? JS_ParseJSON (ctx, str, length, name) : JS_EXCEPTION;
  JS_FreeCString (ctx, name);
  JS_FreeCString (ctx, str);
  JS_FreeValue (ctx, text);
  return value;
}

const JSCFunctionListEntry _gvajs_files_funcs[] = {
  JS_CFUNC_DEF ("readText", 1, js_gvajs_read_text),
  JS_CFUNC_DEF ("readJSON", 1, js_gvajs_read_json),
};

const gint _gvajs_files_n_funcs = G_N_ELEMENTS (_gvajs_files_funcs);
