/* SPDX-License-Identifier: MIT */
/* readText(), readJSON(), writeText(), appendText() and writeJSON() of
 * the "gvajs" module: the only file access a script has, limited to the
 * folders of the element's allow-read and allow-write properties. Paths
 * are resolved (symlinks included) before the check, so "../" and links
 * cannot leave an allowed folder. */
#include "files.h"
#include "gvajs-error.h"
#include "readfile.h"
#include "value.h"
#include "writefile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

gchar **
_gvajs_files_canonicalize (const gchar * const *dirs,
    const gchar * property, GError ** error)
{
  GPtrArray *canonical = g_ptr_array_new_with_free_func (g_free);

  for (; dirs && *dirs; dirs++) {
    gchar *real = realpath (*dirs, NULL);
    if (real == NULL || !g_file_test (real, G_FILE_TEST_IS_DIR)) {
      g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_CONFIG,
          "property '%s': '%s' is not an existing folder", property, *dirs);
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

/* The real path of @dir, or a copy of @dir when it cannot be resolved. */
static gchar *
real_dir (const gchar * dir)
{
  gchar *real = realpath (dir, NULL), *copy = g_strdup (real ? real : dir);

  free (real);
  return copy;
}

static gboolean
is_inside_any (const gchar * path, const gchar * const *dirs)
{
  for (; *dirs; dirs++)
    if (is_inside (path, *dirs))
      return TRUE;
  return FALSE;
}

/* Whether the folder @dir is one of @dirs or inside one. */
static gboolean
is_folder_within (const gchar * dir, const gchar * const *dirs)
{
  for (; *dirs; dirs++)
    if (strcmp (dir, *dirs) == 0 || is_inside (dir, *dirs))
      return TRUE;
  return FALSE;
}

/* Whether @path is in an allow-read folder or, with @module_tree, in the
 * module's folder. */
static gboolean
is_allowed (JSContext * ctx, const gchar * path, gboolean module_tree)
{
  gchar *module_dir;
  gboolean inside = is_inside_any (path, _gvajs_host_allowed_dirs (ctx));

  if (!inside && module_tree && _gvajs_host_module_dir (ctx)) {
    module_dir = real_dir (_gvajs_host_module_dir (ctx));
    inside = is_inside (path, module_dir);
    g_free (module_dir);
  }
  return inside;
}

/**
 * _gvajs_files_resolve:
 * @path: as the script wrote it; relative paths start at the module's
 *   folder
 * @module_tree: whether the module's folder is allowed too (imports)
 *
 * Returns: (transfer full): the real path (symbolic links resolved) when
 * it lies in an allowed folder. Otherwise NULL with @error set: one
 * message for anything outside, whether or not it exists, and the
 * system's reason only for a path inside that cannot be resolved.
 */
gchar *
_gvajs_files_resolve (JSContext * ctx, const gchar * path,
    gboolean module_tree, GError ** error)
{
  gchar *joined, *lexical, *real, *result = NULL;
  gint saved;

  joined = g_path_is_absolute (path) ? g_strdup (path) :
      g_build_filename (_gvajs_host_module_dir (ctx), path, NULL);
  lexical = g_canonicalize_filename (joined, NULL);
  real = realpath (joined, NULL);
  saved = errno;
  if (real && is_allowed (ctx, real, module_tree))
    result = g_strdup (real);
  else if (real == NULL && is_allowed (ctx, lexical, module_tree))
    g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        g_strerror (saved));
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES, "'%s' is outside "
        "the %sallow-read folders", path, module_tree ? "module's folder "
        "and the " : "");
  free (real);
  g_free (lexical);
  g_free (joined);
  return result;
}

/* Where @path (relative to the module's folder) is written: its folder's
 * real path and its name, when that folder lies in an allow-write folder.
 * Otherwise NULL with @error set, with one message for anywhere outside. */
static gchar *
resolve_write (JSContext * ctx, const gchar * path, GError ** error)
{
  gchar *joined, *dir, *name, *real, *result = NULL;
  gint saved;

  joined = g_path_is_absolute (path) ? g_strdup (path) :
      g_build_filename (_gvajs_host_module_dir (ctx), path, NULL);
  dir = g_path_get_dirname (joined);
  name = g_path_get_basename (joined);
  real = realpath (dir, NULL);
  saved = errno;
  if (g_str_has_suffix (path, "/") || strcmp (name, ".") == 0 ||
      strcmp (name, "..") == 0 || strcmp (name, "/") == 0)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "'%s' names a "
        "folder, not a file", path);
  else if (real && is_folder_within (real, _gvajs_host_write_dirs (ctx)))
    result = g_build_filename (real, name, NULL);
  else if (real == NULL && is_folder_within (dir,
          _gvajs_host_write_dirs (ctx)))
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        "its folder: %s", g_strerror (saved));
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES, "'%s' is outside "
        "the allow-write folders", path);
  free (real);
  g_free (name);
  g_free (dir);
  g_free (joined);
  return result;
}

/* A path argument: a string without NUL characters (C would read only
 * up to the first). Free with JS_FreeCString(); NULL after throwing. */
static const char *
get_path (JSContext * ctx, const gchar * fn, JSValueConst value)
{
  const char *path;
  size_t length;

  if (!JS_IsString (value)) {
    JS_ThrowTypeError (ctx, "%s() needs a path string", fn);
    return NULL;
  }
  path = JS_ToCStringLen (ctx, &length, value);
  if (path && strlen (path) != length) {
    JS_ThrowTypeError (ctx, "%s(): the path contains a NUL character", fn);
    JS_FreeCString (ctx, path);
    return NULL;
  }
  return path;
}

/* Reads an allowed regular file; files larger than the memory limit are
 * refused before they are read. Returns a JS string or JS_EXCEPTION. */
static JSValue
read_text (JSContext * ctx, const gchar * fn, JSValueConst path_value)
{
  guint64 limit = _gvajs_host_memory_limit (ctx);
  const char *path;
  gchar *real = NULL, *contents = NULL;
  gsize length;
  GError *error = NULL;
  JSValue ret = JS_EXCEPTION;

  if ((path = get_path (ctx, fn, path_value)) == NULL)
    return JS_EXCEPTION;
  if (_gvajs_host_allowed_dirs (ctx)[0] == NULL)
    JS_ThrowTypeError (ctx, "%s('%s'): file access is off; list the folder "
        "in the element's allow-read property", fn, path);
  else if ((real = _gvajs_files_resolve (ctx, path, FALSE, &error)) &&
      _gvajs_read_file (real, limit ? limit : G_MAXSSIZE, &contents, &length,
          &error))
    ret = JS_NewStringLen (ctx, contents, length);
  if (error && g_error_matches (error, GVAJS_READ_FILE_ERROR,
          GVAJS_READ_FILE_ERROR_TOO_BIG))
    JS_ThrowRangeError (ctx, "%s('%s'): the file is larger than the "
        "memory-limit", fn, path);
  else if (error)
    JS_ThrowTypeError (ctx, "%s('%s'): %s", fn, path, error->message);
  g_clear_error (&error);
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

/* ---- writing ---- */

typedef enum
{
  REPLACE,
  APPEND,
} WriteMode;

/* Writes @text to the allowed file @path_value names; a failure leaves
 * the file as it was. */
static JSValue
write_text (JSContext * ctx, const gchar * fn, JSValueConst path_value,
    const char *text, gsize length, WriteMode mode)
{
  const char *path;
  gchar *real = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  if ((path = get_path (ctx, fn, path_value)) == NULL)
    return JS_EXCEPTION;
  if (_gvajs_host_write_dirs (ctx)[0] == NULL) {
    JS_ThrowTypeError (ctx, "%s('%s'): writing is off; list the folder in "
        "the element's allow-write property", fn, path);
  } else if ((real = resolve_write (ctx, path, &error))) {
    ok = mode == APPEND ? _gvajs_append_file (real, text, length, &error) :
        _gvajs_write_file (real, text, length, &error);
  }
  if (error)
    JS_ThrowTypeError (ctx, "%s('%s'): %s%s", fn, path, error->message,
        error->domain == G_FILE_ERROR && real ? "; the file is as it was" :
        "");
  g_clear_error (&error);
  g_free (real);
  JS_FreeCString (ctx, path);
  return ok ? JS_UNDEFINED : JS_EXCEPTION;
}

/* The text argument of writeText()/appendText(): a string of UTF-8 text
 * (a lone surrogate has no UTF-8 form). Free with JS_FreeCString. */
static const char *
get_file_text (JSContext * ctx, const gchar * fn, JSValueConst value,
    size_t * length)
{
  const char *text;

  if (!JS_IsString (value)) {
    _gvajs_throw_type (ctx, fn, "text", "a string", value);
    return NULL;
  }
  text = JS_ToCStringLen (ctx, length, value);
  if (text && !g_utf8_validate_len (text, *length, NULL)) {
    JS_ThrowRangeError (ctx, "%s(): text holds a lone surrogate (half of a "
        "UTF-16 pair), which has no UTF-8 form", fn);
    JS_FreeCString (ctx, text);
    return NULL;
  }
  return text;
}

/* writeText(path, text) (magic REPLACE) and appendText(path, text)
 * (APPEND, which ends the text with a newline when it has none: whole
 * lines only). */
static JSValue
js_gvajs_write_text (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  const gchar *fn = magic == APPEND ? "appendText" : "writeText";
  const char *text;
  size_t length;
  gchar *line = NULL;
  JSValue ret;

  if ((text = get_file_text (ctx, fn, argv[1], &length)) == NULL)
    return JS_EXCEPTION;
  if (magic == APPEND && (length == 0 || text[length - 1] != '\n')) {
    line = g_malloc (length + 1);
    memcpy (line, text, length);
    line[length++] = '\n';
  }
  ret = write_text (ctx, fn, argv[0], line ? line : text, length, magic);
  g_free (line);
  JS_FreeCString (ctx, text);
  return ret;
}

/* writeJSON(path, value): the value as JSON.stringify(value, null, 2)
 * with a final newline. */
static JSValue
js_gvajs_write_json (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  JSValue json = JS_JSONStringify (ctx, argv[1], JS_UNDEFINED,
      JS_NewInt32 (ctx, 2));
  const char *text;
  size_t length;
  gchar *file;
  JSValue ret;

  if (JS_IsException (json))
    return json;
  if (!JS_IsString (json)) {
    JS_FreeValue (ctx, json);
    return _gvajs_throw_type (ctx, "writeJSON", "value", "a value JSON can "
        "represent", argv[1]);
  }
  text = get_file_text (ctx, "writeJSON", json, &length);
  JS_FreeValue (ctx, json);
  if (text == NULL)
    return JS_EXCEPTION;
  file = g_strdup_printf ("%s\n", text);
  ret = write_text (ctx, "writeJSON", argv[0], file, length + 1, REPLACE);
  g_free (file);
  JS_FreeCString (ctx, text);
  return ret;
}

const JSCFunctionListEntry _gvajs_files_funcs[] = {
  JS_CFUNC_DEF ("readText", 1, js_gvajs_read_text),
  JS_CFUNC_DEF ("readJSON", 1, js_gvajs_read_json),
  JS_CFUNC_MAGIC_DEF ("writeText", 2, js_gvajs_write_text, REPLACE),
  JS_CFUNC_MAGIC_DEF ("appendText", 2, js_gvajs_write_text, APPEND),
  JS_CFUNC_DEF ("writeJSON", 2, js_gvajs_write_json),
};

const gint _gvajs_files_n_funcs = G_N_ELEMENTS (_gvajs_files_funcs);
