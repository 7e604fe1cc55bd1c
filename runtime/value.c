/* SPDX-License-Identifier: MIT */
/* See value.h. */
#include "value.h"
#include "names.h"

#include <quickjs-gvajs.h>

#include <math.h>
#include <stdarg.h>
#include <string.h>

#define N_TYPED_ARRAY_TYPES (JS_TYPED_ARRAY_FLOAT64 + 1)

static const guint8 element_sizes[N_TYPED_ARRAY_TYPES] = {
  [JS_TYPED_ARRAY_UINT8C] = 1, [JS_TYPED_ARRAY_INT8] = 1,
  [JS_TYPED_ARRAY_UINT8] = 1, [JS_TYPED_ARRAY_INT16] = 2,
  [JS_TYPED_ARRAY_UINT16] = 2, [JS_TYPED_ARRAY_INT32] = 4,
  [JS_TYPED_ARRAY_UINT32] = 4, [JS_TYPED_ARRAY_BIG_INT64] = 8,
  [JS_TYPED_ARRAY_BIG_UINT64] = 8, [JS_TYPED_ARRAY_FLOAT32] = 4,
  [JS_TYPED_ARRAY_FLOAT64] = 8,
};

/* QuickJS 2025-04-26 has no public "which kind of typed array is this";
 * its class ids are fixed for the process, so they are learnt once from
 * one empty array of each kind. */
static JSClassID typed_array_class_ids[N_TYPED_ARRAY_TYPES];

static void
learn_typed_array_classes (JSContext * ctx)
{
  static gsize done = 0;
  JSValue zero = JS_NewInt32 (ctx, 0), array;
  gint t;

  if (!g_once_init_enter (&done))
    return;
  for (t = 0; t < N_TYPED_ARRAY_TYPES; t++) {
    array = JS_NewTypedArray (ctx, 1, &zero, t);
    typed_array_class_ids[t] = JS_GetClassID (array);
    JS_FreeValue (ctx, array);
  }
  g_once_init_leave (&done, 1);
}

gint
_gvajs_typed_array_type (JSContext * ctx, JSValueConst value)
{
  JSClassID id;
  gint t;

  if (!JS_IsObject (value))
    return -1;
  learn_typed_array_classes (ctx);
  id = JS_GetClassID (value);
  for (t = 0; t < N_TYPED_ARRAY_TYPES; t++)
    if (typed_array_class_ids[t] == id)
      return t;
  return -1;
}

gsize
_gvajs_typed_array_element_size (JSTypedArrayEnum type)
{
  return element_sizes[type];
}

/* With their articles, for messages: the names are the rest. */
static const gchar *const typed_arrays_described[N_TYPED_ARRAY_TYPES] = {
  "a Uint8ClampedArray", "an Int8Array", "a Uint8Array", "an Int16Array",
  "a Uint16Array", "an Int32Array", "a Uint32Array", "a BigInt64Array",
  "a BigUint64Array", "a Float32Array", "a Float64Array",
};

const gchar *
_gvajs_typed_array_name (JSTypedArrayEnum type)
{
  return strchr (typed_arrays_described[type], ' ') + 1;
}

const gchar *
_gvajs_describe_type (JSContext * ctx, JSValueConst value)
{
  gint t = _gvajs_typed_array_type (ctx, value);

  if (t >= 0)
    return typed_arrays_described[t];
  if (JS_IsUndefined (value))
    return "undefined";
  if (JS_IsNull (value))
    return "null";
  if (JS_IsNumber (value))
    return "a number";
  if (JS_IsString (value))
    return "a string";
  if (JS_IsBool (value))
    return "a boolean";
  if (JS_IsBigInt (ctx, value))
    return "a bigint";
  if (JS_IsArray (ctx, value) > 0)
    return "an Array (use a Float32Array)";
  if (JS_IsFunction (ctx, value))
    return "a function";
  return JS_IsObject (value) ? "an object" : "a symbol";
}

/* Primitives convert without calling into the script; long strings are
 * cut at 40 characters. */
static gchar *
describe_primitive (JSContext * ctx, JSValueConst value)
{
  const char *str = JS_ToCString (ctx, value);
  gboolean long_text = str && g_utf8_strlen (str, -1) > 40;
  gchar *head = long_text ? g_utf8_substring (str, 0, 40) : g_strdup (str);
  gchar *text;

  text = JS_IsString (value) ? g_strdup_printf ("the string \"%s%s\"",
      head ? head : "", long_text ? "..." : "") : g_strdup (head);
  g_free (head);
  JS_FreeCString (ctx, str);
  return text;
}

gchar *
_gvajs_describe (JSContext * ctx, JSValueConst value)
{
  const gchar *name;
  gint t;

  if (JS_IsString (value) || JS_IsNumber (value) || JS_IsBool (value) ||
      JS_IsUndefined (value) || JS_IsNull (value))
    return describe_primitive (ctx, value);
  if (JS_IsArray (ctx, value) > 0)
    return g_strdup ("an array");
  if (JS_IsFunction (ctx, value))
    return g_strdup ("a function");
  if (JS_IsBigInt (ctx, value))
    return g_strdup ("a BigInt");
  if (JS_IsSymbol (value))
    return g_strdup ("a symbol");
  if ((t = _gvajs_typed_array_type (ctx, value)) >= 0)
    return g_strdup (typed_arrays_described[t]);
  if ((name = _gvajs_class_name (JS_GetClassID (value))) != NULL)
    return g_strdup_printf ("%s %s", strchr ("AEIOU", name[0]) ? "an" : "a",
        name);
  return g_strdup ("an object");
}

JSValue
_gvajs_throw_type (JSContext * ctx, const gchar * fn, const gchar * arg,
    const gchar * want, JSValueConst value)
{
  gchar *what = _gvajs_describe (ctx, value);

  JS_ThrowTypeError (ctx, "%s(): %s must be %s, not %s", fn, arg, want, what);
  g_free (what);
  return JS_EXCEPTION;
}

gboolean
_gvajs_get_finite (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, gdouble * out)
{
  if (!JS_IsNumber (value)) {
    _gvajs_throw_type (ctx, fn, arg, "a number", value);
    return FALSE;
  }
  JS_ToFloat64 (ctx, out, value);
  if (!isfinite (*out)) {
    JS_ThrowRangeError (ctx, "%s(): %s must be a finite number, not %s", fn,
        arg, isnan (*out) ? "NaN" : *out > 0 ? "Infinity" : "-Infinity");
    return FALSE;
  }
  return TRUE;
}

gboolean
_gvajs_get_int (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, gint64 min, gint64 max, gint64 * out)
{
  gdouble d;

  if (!_gvajs_get_finite (ctx, fn, arg, value, &d))
    return FALSE;
  if (d != floor (d) || d < min || d > max) {
    JS_ThrowRangeError (ctx, "%s(): %s must be an integer from %"
        G_GINT64_FORMAT " to %" G_GINT64_FORMAT ", not %.17g", fn, arg, min,
        max, d);
    return FALSE;
  }
  *out = (gint64) d;
  return TRUE;
}

#define ITEM_NAME(name, array, index) \
  g_snprintf ((name), sizeof (name), "%s[%u]", (array), (index))

gboolean
_gvajs_get_finite_item (JSContext * ctx, const gchar * fn,
    const gchar * array, guint index, JSValueConst value, gdouble * out)
{
  gchar name[64];

  if (JS_IsNumber (value) && JS_ToFloat64 (ctx, out, value) == 0 &&
      isfinite (*out))
    return TRUE;
  ITEM_NAME (name, array, index);
  return _gvajs_get_finite (ctx, fn, name, value, out);
}

gboolean
_gvajs_get_int_item (JSContext * ctx, const gchar * fn, const gchar * array,
    guint index, JSValueConst value, gint64 min, gint64 max, gint64 * out)
{
  gchar name[64];

  if (JS_VALUE_GET_TAG (value) == JS_TAG_INT &&
      JS_VALUE_GET_INT (value) >= min && JS_VALUE_GET_INT (value) <= max) {
    *out = JS_VALUE_GET_INT (value);
    return TRUE;
  }
  ITEM_NAME (name, array, index);
  return _gvajs_get_int (ctx, fn, name, value, min, max, out);
}

/* GstStructure's rule for names: a letter, then letters, digits and
 * "/-_.:+"; anything else makes gst_structure_new_empty() fail. */
static gboolean
is_structure_name (const gchar * name)
{
  const gchar *p;

  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (p = name + 1; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/-_.:+", *p) == NULL)
      return FALSE;
  return TRUE;
}

const char *
_gvajs_get_text (JSContext * ctx, const gchar * fn, const gchar * param,
    JSValueConst value)
{
  size_t length;
  const char *text = JS_ToCStringLen (ctx, &length, value);

  if (text == NULL)
    return NULL;
  if (strlen (text) != length)
    JS_ThrowRangeError (ctx, "%s(): %s holds a NUL character (\\0), which "
        "GStreamer's C strings cannot carry", fn, param);
  else if (!g_utf8_validate (text, length, NULL))
    JS_ThrowRangeError (ctx, "%s(): %s holds a lone surrogate (half of a "
        "UTF-16 pair), which is not text GStreamer can store as UTF-8", fn,
        param);
  else
    return text;
  JS_FreeCString (ctx, text);
  return NULL;
}

gboolean
_gvajs_check_gst_name (JSContext * ctx, const gchar * fn, const gchar * param,
    const gchar * kind, const gchar * name)
{
  if (!is_structure_name (name)) {
    JS_ThrowRangeError (ctx, "%s(): %s \"%s\" is not a valid %s: it must "
        "start with a letter and hold only letters, digits and /-_.:+", fn,
        param, name, kind);
    return FALSE;
  }
  return _gvajs_names_admit (ctx, fn, name);
}

const char *
_gvajs_get_structure_name (JSContext * ctx, const gchar * fn,
    JSValueConst value)
{
  const char *name;

  if (!JS_IsString (value)) {
    _gvajs_throw_type (ctx, fn, "name", "a string", value);
    return NULL;
  }
  name = _gvajs_get_text (ctx, fn, "name", value);
  if (name && !_gvajs_check_gst_name (ctx, fn, "name", "tensor name", name)) {
    JS_FreeCString (ctx, name);
    return NULL;
  }
  return name;
}

gboolean
_gvajs_check_options (JSContext * ctx, const gchar * fn,
    JSValueConst options, const gchar * const *names)
{
  JSPropertyEnum *props = NULL;
  uint32_t count = 0, i;
  const char *key;
  gchar *list;
  gboolean ok = TRUE;

  if (JS_GetOwnPropertyNames (ctx, &props, &count, options,
          JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
    return FALSE;
  for (i = 0; i < count; i++) {
    key = JS_AtomToCString (ctx, props[i].atom);
    if (ok && (key == NULL || !g_strv_contains (names, key))) {
      list = g_strjoinv (", ", (gchar **) names);
      JS_ThrowTypeError (ctx, "%s(): unknown option \"%s\"; the options "
          "are %s", fn, key ? key : "?", list);
      g_free (list);
      ok = FALSE;
    }
    JS_FreeCString (ctx, key);
    JS_FreeAtom (ctx, props[i].atom);
  }
  js_free (ctx, props);
  return ok;
}

gboolean
_gvajs_array_length (JSContext * ctx, JSValueConst value, uint32_t * length)
{
  JSValue n;
  gboolean ok;

  if (JS_IsArray (ctx, value) <= 0)
    return FALSE;
  n = JS_GetProperty (ctx, value, _gvajs_host_atoms (ctx)[GVAJS_ATOM_LENGTH]);
  ok = !JS_IsException (n) && JS_ToUint32 (ctx, length, n) == 0;
  JS_FreeValue (ctx, n);
  return ok;
}

/* Past the inline items the storage grows by half, in the JS heap. */
static gboolean
array_grow (JSContext * ctx, GvajsArray * array)
{
  guint32 size = array->size + array->size / 2;
  JSValue *items;

  if (array->size >= G_MAXINT32 / 2) {
    JS_ThrowRangeError (ctx, "an array of more than %d items", G_MAXINT32);
    return FALSE;
  }
  items = array->items == array->inline_items ? js_malloc (ctx,
      size * sizeof (JSValue)) : js_realloc (ctx, array->items,
      size * sizeof (JSValue));
  if (items == NULL)
    return FALSE;
  if (array->items == array->inline_items)
    memcpy (items, array->inline_items, array->n * sizeof (JSValue));
  array->items = items;
  array->size = size;
  return TRUE;
}

void
_gvajs_array_add (JSContext * ctx, GvajsArray * array, JSValue item)
{
  if (array->items == NULL) {
    array->items = array->inline_items;
    array->size = G_N_ELEMENTS (array->inline_items);
  }
  if (array->failed || JS_IsException (item) || (array->n == array->size &&
          !array_grow (ctx, array))) {
    JS_FreeValue (ctx, item);
    array->failed = TRUE;
    return;
  }
  array->items[array->n++] = item;
}

JSValue
_gvajs_array_end (JSContext * ctx, GvajsArray * array)
{
  JSValue result;
  guint32 i;

  if (array->failed) {
    for (i = 0; i < array->n; i++)
      JS_FreeValue (ctx, array->items[i]);
    result = JS_EXCEPTION;
  } else {
    result = gvajs_js_new_array (ctx, array->items, array->n);
  }
  if (array->items && array->items != array->inline_items)
    js_free (ctx, array->items);
  array->items = NULL;
  array->n = array->size = 0;
  return result;
}

JSValue
_gvajs_new_number_array (JSContext * ctx, const gdouble * values, guint n)
{
  GvajsArray array = GVAJS_ARRAY_INIT;
  guint i;

  for (i = 0; i < n; i++)
    _gvajs_array_add (ctx, &array, JS_NewFloat64 (ctx, values[i]));
  return _gvajs_array_end (ctx, &array);
}

JSValue
_gvajs_new_rect (JSContext * ctx, gdouble x, gdouble y, gdouble w, gdouble h)
{
  JSValue values[4] = { JS_NewFloat64 (ctx, x), JS_NewFloat64 (ctx, y),
    JS_NewFloat64 (ctx, w), JS_NewFloat64 (ctx, h)
  };

  return gvajs_js_new_object_like (ctx, _gvajs_host_rect_model (ctx),
      values, 4);
}

JSValue
_gvajs_new_typed_array (JSContext * ctx, JSValueConst array_buffer,
    JSTypedArrayEnum type)
{
  /* JS_NewTypedArray reads three arguments whenever the first is an
   * ArrayBuffer. */
  JSValue args[3] = { array_buffer, JS_UNDEFINED, JS_UNDEFINED };

  return JS_NewTypedArray (ctx, 3, args, type);
}

gboolean
_gvajs_array_view (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, GvajsArrayView * view)
{
  size_t offset, length, size, elem;
  JSValue buffer;
  guint8 *data;
  gint t = _gvajs_typed_array_type (ctx, value);

  if (t < 0 || t == JS_TYPED_ARRAY_BIG_INT64 ||
      t == JS_TYPED_ARRAY_BIG_UINT64) {
    JS_ThrowTypeError (ctx, "%s(): %s must be a typed array of numbers "
        "(Float32Array, Float64Array, Int32Array, Uint8Array, ...), not %s",
        fn, arg, _gvajs_describe_type (ctx, value));
    return FALSE;
  }
  buffer = JS_GetTypedArrayBuffer (ctx, value, &offset, &length, &elem);
  if (JS_IsException (buffer))
    return FALSE;
  data = JS_GetArrayBuffer (ctx, &size, buffer);
  JS_FreeValue (ctx, buffer);
  if (data == NULL && length > 0)
    return FALSE;
  view->type = t;
  view->data = data ? data + offset : NULL;
  view->length = length / elem;
  return TRUE;
}

JSValue
_gvajs_new_array_view (JSContext * ctx, gsize n, JSTypedArrayEnum type,
    GvajsArrayView * view)
{
  JSValue length = JS_NewInt64 (ctx, n);
  JSValue array = JS_NewTypedArray (ctx, 1, &length, type);

  if (JS_IsException (array))
    return array;
  if (!_gvajs_array_view (ctx, "gvajs", "result", array, view)) {
    JS_FreeValue (ctx, array);
    return JS_EXCEPTION;
  }
  return array;
}

JSValue
_gvajs_output_array (JSContext * ctx, const gchar * fn, JSValueConst out,
    JSTypedArrayEnum type, gsize n, GvajsArrayView * view,
    const gchar * size_format, ...)
{
  const gchar *name = _gvajs_typed_array_name (type);
  gchar *size;
  va_list args;

  if (JS_IsUndefined (out))
    return _gvajs_new_array_view (ctx, n, type, view);
  if (!_gvajs_array_view (ctx, fn, "out", out, view))
    return JS_EXCEPTION;
  if (view->type == type && view->length == n)
    return JS_DupValue (ctx, out);
  va_start (args, size_format);
  size = g_strdup_vprintf (size_format, args);
  va_end (args);
  JS_ThrowRangeError (ctx, "%s(): out must be %s %s of %s", fn,
      strchr ("AEIOU", name[0]) ? "an" : "a", name, size);
  g_free (size);
  return JS_EXCEPTION;
}
