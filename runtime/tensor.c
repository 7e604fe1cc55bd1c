/* SPDX-License-Identifier: MIT */
/* Tensor: a view of one GstStructure, either a region's param or the
 * structure of a frame-level GstGVATensorMeta, with DL Streamer's field
 * names and types (reference/gvapython.md §3.2), and the frame's
 * tensors() and addTensor().
 *
 * A Tensor holds a handle serial (see GvajsHandle), never the structure.
 * data() views bytes that this buffer's structure alone holds: copying a
 * buffer (a tee, any element making it writable) copies its structures but
 * shares their data_buffer GVariants, so the first data() of a tensor in a
 * call puts a copy of its bytes in its structure, unless the call already
 * made them (setData(), an earlier data()). A write through the view then
 * changes this buffer's tensor, and no other. The view's ArrayBuffer keeps
 * a reference on the GVariant, so it stays sound even when setData() or
 * removeRegion() drops the field, and it is detached when the call ends. */
#include "tensor.h"
#include "names.h"
#include "quarks.h"
#include "analytics.h"
#include "gvameta.h"

#include <math.h>
#include <string.h>

/* DL Streamer's GVA_TENSOR_MAX_RANK */
#define MAX_RANK 8
#define PRECISION_UNSPECIFIED 255
#define LAYOUT_ANY 0

static JSClassID js_tensor_class_id;

/* ---- GValue -> JS ---- */

static JSValue gvalue_to_js (JSContext * ctx, const GValue * value);

static JSValue
list_to_js (JSContext * ctx, const GValue * value)
{
  gboolean is_array = GST_VALUE_HOLDS_ARRAY (value);
  guint n = is_array ? gst_value_array_get_size (value) :
      gst_value_list_get_size (value), i;
  GvajsArray array = GVAJS_ARRAY_INIT;

  for (i = 0; i < n && !array.failed; i++)
    _gvajs_array_add (ctx, &array, gvalue_to_js (ctx, is_array ?
            gst_value_array_get_value (value, i) :
            gst_value_list_get_value (value, i)));
  return _gvajs_array_end (ctx, &array);
}

/* A typed array of @type over a new copy of @size bytes. */
static JSValue
new_typed_copy (JSContext * ctx, gconstpointer bytes, gsize size,
    JSTypedArrayEnum type)
{
  JSValue buffer = JS_NewArrayBufferCopy (ctx, bytes, size), array;

  if (JS_IsException (buffer))
    return JS_EXCEPTION;
  array = _gvajs_new_typed_array (ctx, buffer, type);
  JS_FreeValue (ctx, buffer);
  return array;
}

/* Whether @variant holds bytes ("ay"): by its type string, which
 * g_variant_is_of_type() would walk as a pattern, a fifth of what reading
 * an embedding costs. */
static gboolean
is_bytes (GVariant * variant)
{
  return strcmp (g_variant_get_type_string (variant), "ay") == 0;
}

static JSValue
variant_to_js (JSContext * ctx, GVariant * variant)
{
  gconstpointer bytes;
  gchar *text;
  gsize n;
  JSValue str;

  if (variant == NULL)
    return JS_NULL;
  if (is_bytes (variant)) {
    bytes = g_variant_get_fixed_array (variant, &n, 1);
    return new_typed_copy (ctx, bytes, n, JS_TYPED_ARRAY_UINT8);
  }
  text = g_variant_print (variant, TRUE);
  str = JS_NewString (ctx, text);
  g_free (text);
  return str;
}

/* Anything without a JS counterpart reads as its GStreamer serialization,
 * or null (pointers, or what cannot be serialized). */
static JSValue
serialized_to_js (JSContext * ctx, const GValue * value)
{
  gchar *text;
  JSValue str;

  if (G_VALUE_HOLDS_POINTER (value) || !(text = gst_value_serialize (value)))
    return JS_NULL;
  str = JS_NewString (ctx, text);
  g_free (text);
  return str;
}

static JSValue
gvalue_to_js (JSContext * ctx, const GValue * value)
{
  const gchar *str;

  if (GST_VALUE_HOLDS_ARRAY (value) || GST_VALUE_HOLDS_LIST (value))
    return list_to_js (ctx, value);
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value))) {
    case G_TYPE_STRING:
      str = g_value_get_string (value);
      return str ? JS_NewString (ctx, str) : JS_NULL;
    case G_TYPE_BOOLEAN:
      return JS_NewBool (ctx, g_value_get_boolean (value));
    case G_TYPE_INT:
      return JS_NewInt32 (ctx, g_value_get_int (value));
    case G_TYPE_UINT:
      return JS_NewUint32 (ctx, g_value_get_uint (value));
    case G_TYPE_INT64:
      return JS_NewInt64 (ctx, g_value_get_int64 (value));
    case G_TYPE_UINT64:
      return JS_NewFloat64 (ctx, (gdouble) g_value_get_uint64 (value));
    case G_TYPE_LONG:
      return JS_NewInt64 (ctx, g_value_get_long (value));
    case G_TYPE_ULONG:
      return JS_NewFloat64 (ctx, (gdouble) g_value_get_ulong (value));
    case G_TYPE_FLOAT:
      return JS_NewFloat64 (ctx, g_value_get_float (value));
    case G_TYPE_DOUBLE:
      return JS_NewFloat64 (ctx, g_value_get_double (value));
    case G_TYPE_ENUM:
      return JS_NewInt32 (ctx, g_value_get_enum (value));
    case G_TYPE_VARIANT:
      return variant_to_js (ctx, g_value_get_variant (value));
    default:
      return serialized_to_js (ctx, value);
  }
}

static JSValue
field_to_js (JSContext * ctx, const GstStructure * s, GQuark field)
{
  const GValue *value = gst_structure_id_get_value (s, field);

  return value ? gvalue_to_js (ctx, value) : JS_UNDEFINED;
}

/* ---- JS -> GValue, for set() ---- */

/* How set() stores numbers: by their value, or always as doubles (set()'s
 * "double", and the fields DL Streamer reads as doubles). */
typedef enum
{
  NUMBERS_BY_VALUE,
  NUMBERS_DOUBLE,
  /* a field DL Streamer reads as a double, and its arrays as floats (the
   * keypoints' confidences) */
  NUMBERS_DL_STREAMER_DOUBLE,
} NumberKind;

/* By value, integers are stored as int (int64 beyond 32 bits), other
 * numbers as double: DL Streamer's types for label_id and the like. */
static void
number_to_gvalue (gdouble d, NumberKind kind, GValue * out)
{
  if (kind != NUMBERS_BY_VALUE) {
    g_value_init (out, G_TYPE_DOUBLE);
    g_value_set_double (out, d);
  } else if (d == floor (d) && d >= G_MININT32 && d <= G_MAXINT32) {
    g_value_init (out, G_TYPE_INT);
    g_value_set_int (out, (gint) d);
  } else if (d == floor (d) && fabs (d) <= 9007199254740992.0) {
    g_value_init (out, G_TYPE_INT64);
    g_value_set_int64 (out, (gint64) d);
  } else {
    g_value_init (out, G_TYPE_DOUBLE);
    g_value_set_double (out, d);
  }
}

/* Element type for a number array: uint when every item is a natural
 * number (DL Streamer's dims and point_connections), int when some are
 * negative, float otherwise (its keypoint confidences; gstgva reads only
 * float and uint arrays). */
static GType
number_array_type (GArray * numbers)
{
  gboolean natural = TRUE, beyond_int = FALSE;
  gdouble d;
  guint i;

  for (i = 0; i < numbers->len; i++) {
    d = g_array_index (numbers, gdouble, i);
    if (d != floor (d) || d < G_MININT32 || d > G_MAXUINT32)
      return G_TYPE_FLOAT;
    natural = natural && d >= 0;
    beyond_int = beyond_int || d > G_MAXINT32;
  }
  if (natural)
    return G_TYPE_UINT;
  return beyond_int ? G_TYPE_FLOAT : G_TYPE_INT;
}

static void
append_number (GValue * array, GType type, gdouble d)
{
  GValue item = G_VALUE_INIT;

  g_value_init (&item, type);
  if (type == G_TYPE_UINT)
    g_value_set_uint (&item, (guint) d);
  else if (type == G_TYPE_INT)
    g_value_set_int (&item, (gint) d);
  else if (type == G_TYPE_FLOAT)
    g_value_set_float (&item, (gfloat) d);
  else
    g_value_set_double (&item, d);
  gst_value_array_append_and_take_value (array, &item);
}

static void
append_string (GValue * array, const char *str)
{
  GValue item = G_VALUE_INIT;

  g_value_init (&item, G_TYPE_STRING);
  g_value_set_string (&item, str);
  gst_value_array_append_and_take_value (array, &item);
}

/* Reads one array item into @numbers or @strings; all items must be of
 * one kind. May run user code (getters). */
static gboolean
read_array_item (JSContext * ctx, JSValueConst item, guint i,
    GArray * numbers, GPtrArray * strings)
{
  gchar *what, arg[32];
  const char *str;
  gdouble d;

  if (JS_IsNumber (item) && strings->len == 0) {
    if (!_gvajs_get_finite_item (ctx, "Tensor.set", "value", i, item, &d))
      return FALSE;
    g_array_append_val (numbers, d);
    return TRUE;
  }
  g_snprintf (arg, sizeof arg, "value[%u]", i);
  if (JS_IsString (item) && numbers->len == 0) {
    str = _gvajs_get_text (ctx, "Tensor.set", arg, item);
    g_ptr_array_add (strings, g_strdup (str));
    JS_FreeCString (ctx, str);
    return str != NULL;
  }
  what = _gvajs_describe (ctx, item);
  JS_ThrowTypeError (ctx, "Tensor.set(): an array must hold only numbers "
      "or only strings, but %s is %s", arg, what);
  g_free (what);
  return FALSE;
}

static gboolean
array_to_gvalue (JSContext * ctx, JSValueConst value, NumberKind kind,
    GValue * out)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (gdouble));
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  JSValue item;
  uint32_t n = 0, i;
  gboolean ok = _gvajs_array_length (ctx, value, &n);
  GType type;

  for (i = 0; ok && i < n; i++) {
    item = JS_GetPropertyUint32 (ctx, value, i);
    ok = !JS_IsException (item) && read_array_item (ctx, item, i, numbers,
        strings);
    JS_FreeValue (ctx, item);
  }
  if (ok) {
    g_value_init (out, GST_TYPE_ARRAY);
    type = kind == NUMBERS_DOUBLE ? G_TYPE_DOUBLE :
        kind == NUMBERS_DL_STREAMER_DOUBLE ? G_TYPE_FLOAT :
        number_array_type (numbers);
    for (i = 0; i < numbers->len; i++)
      append_number (out, type, g_array_index (numbers, gdouble, i));
    for (i = 0; i < strings->len; i++)
      append_string (out, g_ptr_array_index (strings, i));
  }
  g_array_unref (numbers);
  g_ptr_array_unref (strings);
  return ok;
}

/* By value, a typed array keeps its element type: Float32Array → float,
 * Float64Array → double, Int* → int, Uint* → uint. "double" makes every
 * element a double; a field DL Streamer reads as a double takes floats
 * (or a Float64Array's doubles). */
static gboolean
typed_to_gvalue (JSContext * ctx, JSValueConst value, NumberKind kind,
    GValue * out)
{
  GvajsArrayView view;
  GType type;
  gsize i;

  if (!_gvajs_array_view (ctx, "Tensor.set", "value", value, &view))
    return FALSE;
  switch (view.type) {
    case JS_TYPED_ARRAY_FLOAT32:
      type = G_TYPE_FLOAT;
      break;
    case JS_TYPED_ARRAY_FLOAT64:
      type = G_TYPE_DOUBLE;
      break;
    case JS_TYPED_ARRAY_INT8:
    case JS_TYPED_ARRAY_INT16:
    case JS_TYPED_ARRAY_INT32:
      type = G_TYPE_INT;
      break;
    default:
      type = G_TYPE_UINT;
      break;
  }
  if (kind == NUMBERS_DOUBLE)
    type = G_TYPE_DOUBLE;
  else if (kind == NUMBERS_DL_STREAMER_DOUBLE && type != G_TYPE_DOUBLE)
    type = G_TYPE_FLOAT;
  g_value_init (out, GST_TYPE_ARRAY);
  for (i = 0; i < view.length; i++)
    append_number (out, type, _gvajs_array_view_get (&view, i));
  return TRUE;
}

/* Converts @value for set(), numbers as @kind says; @out is initialised
 * when this returns TRUE. May run user code, so the caller looks the
 * tensor up afterwards. */
static gboolean
js_to_gvalue (JSContext * ctx, JSValueConst value, NumberKind kind,
    GValue * out)
{
  const char *str;
  gdouble d;

  if (JS_IsString (value)) {
    if ((str = _gvajs_get_text (ctx, "Tensor.set", "value", value)) == NULL)
      return FALSE;
    g_value_init (out, G_TYPE_STRING);
    g_value_set_string (out, str);
    JS_FreeCString (ctx, str);
    return TRUE;
  }
  if (JS_IsBool (value)) {
    g_value_init (out, G_TYPE_BOOLEAN);
    g_value_set_boolean (out, JS_ToBool (ctx, value));
    return TRUE;
  }
  if (JS_IsNumber (value)) {
    if (!_gvajs_get_finite (ctx, "Tensor.set", "value", value, &d))
      return FALSE;
    number_to_gvalue (d, kind, out);
    return TRUE;
  }
  if (JS_IsArray (ctx, value) > 0)
    return array_to_gvalue (ctx, value, kind, out);
  if (_gvajs_typed_array_type (ctx, value) >= 0)
    return typed_to_gvalue (ctx, value, kind, out);
  _gvajs_throw_type (ctx, "Tensor.set", "value", "a string, a number, a "
      "boolean, an array of numbers or of strings, or a typed array", value);
  return FALSE;
}

/* ---- data() and setData() ---- */

/* DL Streamer's precision → the typed array data() returns. FP16 and
 * BF16 have no typed array in QuickJS 2025-04-26: their raw 16-bit words
 * come as a Uint16Array. Packed and custom precisions come as bytes. */
static JSTypedArrayEnum
precision_array_type (gint precision)
{
  switch (precision) {
    case 10:                   /* FP32 */
      return JS_TYPED_ARRAY_FLOAT32;
    case 13:                   /* FP64 */
      return JS_TYPED_ARRAY_FLOAT64;
    case 11:                   /* FP16 */
    case 12:                   /* BF16 */
    case 60:                   /* U16 */
      return JS_TYPED_ARRAY_UINT16;
    case 30:                   /* I16 */
      return JS_TYPED_ARRAY_INT16;
    case 50:                   /* I8 */
      return JS_TYPED_ARRAY_INT8;
    case 70:                   /* I32 */
      return JS_TYPED_ARRAY_INT32;
    case 74:                   /* U32 */
      return JS_TYPED_ARRAY_UINT32;
    case 72:                   /* I64 */
      return JS_TYPED_ARRAY_BIG_INT64;
    case 73:                   /* U64 */
      return JS_TYPED_ARRAY_BIG_UINT64;
    default:                   /* U8, BOOL, and bytes of the rest */
      return JS_TYPED_ARRAY_UINT8;
  }
}

/* The precision setData() records for a typed array's type. */
static gint
array_type_precision (JSTypedArrayEnum type)
{
  static const gint precisions[] = {
    [JS_TYPED_ARRAY_UINT8C] = 40, [JS_TYPED_ARRAY_INT8] = 50,
    [JS_TYPED_ARRAY_UINT8] = 40, [JS_TYPED_ARRAY_INT16] = 30,
    [JS_TYPED_ARRAY_UINT16] = 60, [JS_TYPED_ARRAY_INT32] = 70,
    [JS_TYPED_ARRAY_UINT32] = 74, [JS_TYPED_ARRAY_BIG_INT64] = 72,
    [JS_TYPED_ARRAY_BIG_UINT64] = 73, [JS_TYPED_ARRAY_FLOAT32] = 10,
    [JS_TYPED_ARRAY_FLOAT64] = 13,
  };

  return precisions[type];
}

static gint
int_field (const GstStructure * s, GQuark field, gint fallback)
{
  const GValue *value = gst_structure_id_get_value (s, field);

  return value && G_VALUE_HOLDS_INT (value) ? g_value_get_int (value) :
      fallback;
}

/* Called at detach with the bytes, and again at finalization with NULL. */
static void
unref_variant (JSRuntime * rt, void *opaque, void *ptr)
{
  if (ptr != NULL)
    g_variant_unref (opaque);
}

/* A new (floating) GVariant of bytes, a copy of @size at @data. The copy
 * is g_malloc'd, so aligned for any element type data() views it as. */
static GVariant *
new_bytes (gconstpointer data, gsize size)
{
  GBytes *copy = g_bytes_new_take (g_memdup2 (data, size), size);
  GVariant *bytes = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
      copy, TRUE);

  g_bytes_unref (copy);
  return bytes;
}

/* Makes @bytes (floating, new) @s's data_buffer, private to it for the rest
 * of the call. A `data` pointer into the old bytes is removed: they may be
 * freed now. */
static void
set_private_bytes (GvajsScope * scope, GstStructure * s, GVariant * bytes)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_VARIANT);
  g_value_take_variant (&value, bytes);
  _gvajs_scope_add_private_bytes (scope, g_value_get_variant (&value));
  gst_structure_id_take_value (s, GVAJS_QUARK (DATA_BUFFER), &value);
  if (gst_structure_id_has_field_typed (s, GVAJS_QUARK (DATA),
          G_TYPE_POINTER))
    gst_structure_remove_field (s, _gvajs_field_name (GVAJS_FIELD_DATA));
}

/* Sets *@own to @s's data_buffer @bytes as only @s holds them: as they
 * are when this call made them, else a copy put in @s (borrowed; @bytes
 * may be freed), counted against the call's metadata allowance. *@own is
 * NULL when the buffer is not writable, so its metadata cannot change.
 * FALSE after throwing. */
static gboolean
private_bytes (JSContext * ctx, GvajsScope * scope, GstStructure * s,
    GVariant * bytes, GVariant ** own)
{
  gconstpointer data;
  gsize n;

  *own = NULL;
  if (_gvajs_scope_has_private_bytes (scope, bytes)) {
    *own = bytes;
    return TRUE;
  }
  if (!gst_buffer_is_writable (scope->buffer))
    return TRUE;
  data = g_variant_get_fixed_array (bytes, &n, 1);
  if (!_gvajs_scope_count_metadata (ctx, "Tensor.data", GVAJS_META_OVERHEAD + n))
    return FALSE;
  *own = new_bytes (data, n);
  set_private_bytes (scope, s, *own);
  return TRUE;
}

/* An ArrayBuffer over @s's data_buffer @variant, made private to @s: in
 * place when the bytes are aligned for @type, else (or when @s cannot
 * change) over a copy whose writes reach no one. Either way it is
 * detached when the call ends. */
static JSValue
bytes_buffer (JSContext * ctx, GvajsScope * scope, GstStructure * s,
    GVariant * variant, JSTypedArrayEnum type)
{
  gsize n;
  gconstpointer bytes = g_variant_get_fixed_array (variant, &n, 1);
  gsize size = _gvajs_typed_array_element_size (type);
  GVariant *own;
  JSValue buffer;

  if (n % size != 0)
    return JS_ThrowRangeError (ctx, "Tensor.data(): data_buffer holds %"
        G_GSIZE_FORMAT " bytes, not a whole number of %" G_GSIZE_FORMAT
        "-byte elements for its precision", n, size);
  if (!private_bytes (ctx, scope, s, variant, &own))
    return JS_EXCEPTION;
  if (own)
    bytes = g_variant_get_fixed_array (own, &n, 1);
  if (own && n > 0 && GPOINTER_TO_SIZE (bytes) % size == 0) {
    buffer = JS_NewArrayBuffer (ctx, (uint8_t *) bytes, n, unref_variant,
        g_variant_ref (own), FALSE);
    if (JS_IsException (buffer))
      g_variant_unref (own);
  } else {
    buffer = JS_NewArrayBufferCopy (ctx, bytes, n);
  }
  if (!JS_IsException (buffer))
    _gvajs_scope_track_view (ctx, scope, buffer);
  return buffer;
}

/* @s's data_buffer: the GVariant of bytes, NULL when absent or of
 * another type (*@value then says what it is, or is NULL when absent). */
static GVariant *
data_buffer (const GstStructure * s, const GValue ** value)
{
  GVariant *variant;

  *value = gst_structure_id_get_value (s, GVAJS_QUARK (DATA_BUFFER));
  variant = *value && G_VALUE_HOLDS_VARIANT (*value) ?
      g_value_get_variant (*value) : NULL;
  return variant && is_bytes (variant) ? variant : NULL;
}

gconstpointer
_gvajs_tensor_bytes (const GstStructure * s, gsize * n, gint * precision)
{
  const GValue *value;
  GVariant *variant = data_buffer (s, &value);

  *precision = int_field (s, GVAJS_QUARK (PRECISION), PRECISION_UNSPECIFIED);
  *n = variant ? g_variant_get_size (variant) : 0;
  return variant ? g_variant_get_data (variant) : NULL;
}

static JSValue
js_tensor_data (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsHandle handle;
  GvajsScope *scope = _gvajs_scope_get_handle (ctx, this_val,
      js_tensor_class_id, "Tensor", &handle);
  JSTypedArrayEnum type;
  const GValue *value;
  GVariant *variant;
  JSValue buffer, array;

  if (scope == NULL)
    return JS_EXCEPTION;
  if ((variant = data_buffer (handle.ptr, &value)) == NULL && value == NULL)
    return JS_UNDEFINED;
  if (variant == NULL)
    return JS_ThrowTypeError (ctx, "Tensor.data(): field data_buffer holds "
        "%s, not a GVariant of bytes (\"ay\")", G_VALUE_HOLDS_VARIANT (value)
        && g_value_get_variant (value) ? g_variant_get_type_string
        (g_value_get_variant (value)) : G_VALUE_TYPE_NAME (value));
  type = precision_array_type (int_field (handle.ptr,
          GVAJS_QUARK (PRECISION), PRECISION_UNSPECIFIED));
  buffer = bytes_buffer (ctx, scope, handle.ptr, variant, type);
  if (JS_IsException (buffer))
    return JS_EXCEPTION;
  array = _gvajs_new_typed_array (ctx, buffer, type);
  JS_FreeValue (ctx, buffer);
  return array;
}

/* setData()'s dims: 1 to MAX_RANK natural numbers; @rank 0 when absent. */
static gboolean
parse_dims (JSContext * ctx, JSValueConst value, guint * dims, guint * rank)
{
  JSValue item;
  uint32_t n = 0, i;
  gint64 dim;
  gboolean ok;

  *rank = 0;
  if (JS_IsUndefined (value))
    return TRUE;
  if (!_gvajs_array_length (ctx, value, &n)) {
    if (!JS_HasException (ctx))
      _gvajs_throw_type (ctx, "Tensor.setData", "dims", "an array", value);
    return FALSE;
  }
  if (n < 1 || n > MAX_RANK) {
    JS_ThrowRangeError (ctx, "Tensor.setData(): dims must have 1 to %d "
        "entries, not %u", MAX_RANK, n);
    return FALSE;
  }
  for (i = 0; i < n; i++) {
    item = JS_GetPropertyUint32 (ctx, value, i);
    ok = _gvajs_get_int_item (ctx, "Tensor.setData", "dims", i, item, 0,
        G_MAXUINT32, &dim);
    JS_FreeValue (ctx, item);
    if (!ok)
      return FALSE;
    dims[i] = (guint) dim;
  }
  *rank = n;
  return TRUE;
}

static gboolean
check_dims (JSContext * ctx, const guint * dims, guint rank, gsize length)
{
  guint64 product = 1;
  guint i;

  /* Saturates past @length, so no overflow; a zero anywhere wins. */
  for (i = 0; i < rank; i++)
    product = product > length && dims[i] ? product : product * dims[i];
  if (product != length) {
    JS_ThrowRangeError (ctx, "Tensor.setData(): the product of dims must "
        "equal the array's length, %" G_GSIZE_FORMAT, length);
    return FALSE;
  }
  return TRUE;
}

/* Writes DL Streamer's fields: data_buffer (bytes, copied, so private to
 * @s), precision, dims (array of uint). */
static void
write_data (GvajsScope * scope, GstStructure * s, const GvajsArrayView * view,
    const guint * dims, guint rank)
{
  gsize size = view->length * _gvajs_typed_array_element_size (view->type);
  GValue value = G_VALUE_INIT;
  guint i;

  set_private_bytes (scope, s, new_bytes (view->data, size));
  gst_structure_id_set (s, GVAJS_QUARK (PRECISION), G_TYPE_INT,
      array_type_precision (view->type), NULL);
  g_value_init (&value, GST_TYPE_ARRAY);
  for (i = 0; i < rank; i++)
    append_number (&value, G_TYPE_UINT, dims[i]);
  gst_structure_id_take_value (s, GVAJS_QUARK (DIMS), &value);
}

static JSValue
js_tensor_set_data (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsHandle handle;
  GvajsArrayView view;
  GvajsScope *scope;
  guint dims[MAX_RANK], rank;

  if (!_gvajs_scope_get_handle (ctx, this_val, js_tensor_class_id, "Tensor",
          &handle) || !parse_dims (ctx, argv[1], dims, &rank))
    return JS_EXCEPTION;
  /* parse_dims() may have run getters: take the view and the handle only
   * now, and run no JS code until the bytes are copied. */
  if (!_gvajs_array_view (ctx, "Tensor.setData", "data", argv[0], &view) ||
      !(scope = _gvajs_scope_get_handle (ctx, this_val, js_tensor_class_id,
              "Tensor", &handle)))
    return JS_EXCEPTION;
  if (rank == 0) {
    if (view.length > G_MAXUINT32)
      return JS_ThrowRangeError (ctx, "Tensor.setData(): too many elements");
    dims[0] = view.length;
    rank = 1;
  }
  if (!check_dims (ctx, dims, rank, view.length) ||
      !_gvajs_scope_count_metadata (ctx, "Tensor.setData", GVAJS_META_OVERHEAD +
          view.length * _gvajs_typed_array_element_size (view.type)))
    return JS_EXCEPTION;
  write_data (scope, handle.ptr, &view, dims, rank);
  return JS_UNDEFINED;
}

/* ---- the Tensor class ---- */

/* The structure of the tensor @this_val, its handle in *@handle; NULL
 * after throwing. */
static GstStructure *
tensor_handle (JSContext * ctx, JSValueConst this_val, GvajsHandle * handle)
{
  if (_gvajs_scope_get_handle (ctx, this_val, js_tensor_class_id, "Tensor",
          handle) == NULL)
    return NULL;
  return handle->ptr;
}

static GstStructure *
tensor_get (JSContext * ctx, JSValueConst this_val)
{
  GvajsHandle handle;

  return tensor_handle (ctx, this_val, &handle);
}

/* After a change to the live tensor of @handle: a region's
 * classification results are mirrored as ClsMtds (analytics.c), which
 * must follow. */
static void
tensor_changed (JSContext * ctx, const GvajsHandle * handle)
{
  if (handle->region)
    _gvajs_analytics_roi_changed (_gvajs_scope_get (ctx)->buffer,
        handle->region);
}

/* A field name argument (non-empty string); free with JS_FreeCString. */
static const char *
get_field_name (JSContext * ctx, const gchar * fn, JSValueConst value)
{
  const char *name;

  if (!JS_IsString (value)) {
    _gvajs_throw_type (ctx, fn, "field", "a string", value);
    return NULL;
  }
  name = _gvajs_get_text (ctx, fn, "field", value);
  if (name && *name == '\0') {
    JS_FreeCString (ctx, name);
    JS_ThrowRangeError (ctx, "%s(): field must not be empty", fn);
    return NULL;
  }
  return name;
}

static JSValue
js_tensor_name (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GstStructure *s = tensor_get (ctx, this_val);

  if (s == NULL)
    return JS_EXCEPTION;
#if GST_CHECK_VERSION (1, 26, 0)
  /* Named by a string, which asking for its quark would intern. */
  return JS_NewString (ctx, gst_structure_get_name (s));
#else
  return _gvajs_name_to_js (ctx, gst_structure_get_name_id (s));
#endif
}

static JSValue
js_tensor_set_name (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GstStructure *s = tensor_get (ctx, this_val);
  const char *name;

  if (s == NULL || !(name = _gvajs_get_structure_name (ctx,
              "Tensor.setName", argv[0])))
    return JS_EXCEPTION;
  gst_structure_set_name (s, name);
  JS_FreeCString (ctx, name);
  return JS_UNDEFINED;
}

static JSValue
js_tensor_fields (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GstStructure *s = tensor_get (ctx, this_val);
  GvajsArray array = GVAJS_ARRAY_INIT;
  gint i, n;

  if (s == NULL)
    return JS_EXCEPTION;
  n = gst_structure_n_fields (s);
  for (i = 0; i < n && !array.failed; i++)
    _gvajs_array_add (ctx, &array, JS_NewString (ctx,
            gst_structure_nth_field_name (s, i)));
  return _gvajs_array_end (ctx, &array);
}

/* @s's field @name, or NULL; never interns @name. */
static const GValue *
lookup_field (const GstStructure * s, const gchar * name)
{
#if GST_CHECK_VERSION (1, 26, 0)
  /* Fields are named by strings. */
  return gst_structure_get_value (s, name);
#else
  /* Looking a name up by string interns it before GStreamer 1.26, and a
   * name never interned is no field's. */
  GQuark quark = g_quark_try_string (name);

  return quark ? gst_structure_id_get_value (s, quark) : NULL;
#endif
}

/* has (magic 0) and get (1). */
static JSValue
js_tensor_lookup (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  GstStructure *s = tensor_get (ctx, this_val);
  const char *field;
  const GValue *value;
  JSValue result;

  if (s == NULL || !(field = get_field_name (ctx, magic ? "Tensor.get" :
              "Tensor.has", argv[0])))
    return JS_EXCEPTION;
  value = lookup_field (s, field);
  JS_FreeCString (ctx, field);
  if (magic == 0)
    return JS_NewBool (ctx, value != NULL);
  result = value ? gvalue_to_js (ctx, value) : JS_UNDEFINED;
  return result;
}

/* Bytes @value holds, roughly as GStreamer stores it. */
static gsize
gvalue_size (const GValue * value)
{
  gsize size = sizeof (GValue);
  guint i, n;

  if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value))
    size += strlen (g_value_get_string (value)) + 1;
  else if (GST_VALUE_HOLDS_ARRAY (value)) {
    n = gst_value_array_get_size (value);
    for (i = 0; i < n; i++)
      size += gvalue_size (gst_value_array_get_value (value, i));
  }
  return size;
}

/* Whether @value is a double, or an array of numbers (or an empty one). */
static gboolean
holds_numbers (const GValue * value)
{
  const GValue *item;

  if (G_VALUE_HOLDS_DOUBLE (value))
    return TRUE;
  if (!GST_VALUE_HOLDS_ARRAY (value))
    return FALSE;
  if (gst_value_array_get_size (value) == 0)
    return TRUE;
  item = gst_value_array_get_value (value, 0);
  return !G_VALUE_HOLDS_STRING (item);
}

/* set()'s third argument: how to store numbers. Without one, the fields
 * DL Streamer reads as doubles get doubles, whatever the value. */
static gboolean
get_number_kind (JSContext * ctx, GQuark field, JSValueConst type,
    NumberKind * kind)
{
  const char *str;
  size_t len = 0;
  gboolean ok;

  if (JS_IsUndefined (type)) {
    *kind = _gvajs_field_is_double (field) ?
        NUMBERS_DL_STREAMER_DOUBLE : NUMBERS_BY_VALUE;
    return TRUE;
  }
  str = JS_IsString (type) ? JS_ToCStringLen (ctx, &len, type) : NULL;
  ok = str && len == 6 && memcmp (str, "double", 6) == 0;
  JS_FreeCString (ctx, str);
  if (!ok)
    _gvajs_throw_type (ctx, "Tensor.set", "type", "\"double\" (to store "
        "numbers as doubles, whole ones too) or absent", type);
  *kind = NUMBERS_DOUBLE;
  return ok;
}

/* DL Streamer's readers take dims as an array of uint, precision and
 * layout as int codes, and the box, rotation and confidences as doubles
 * (or a confidence per keypoint): a value of another type makes them
 * fail or misread it. */
static gboolean
check_field_type (JSContext * ctx, GQuark quark, NumberKind kind,
    const GValue * value, JSValueConst given)
{
  const gchar *field = g_quark_to_string (quark);
  gchar *what;

  if (quark == GVAJS_QUARK (DIMS) && !(GST_VALUE_HOLDS_ARRAY (value) &&
          (gst_value_array_get_size (value) == 0 ||
              G_VALUE_HOLDS_UINT (gst_value_array_get_value (value, 0))))) {
    JS_ThrowTypeError (ctx, "Tensor.set(): dims must be an array of natural "
        "numbers (the dimensions of data_buffer, as setData() writes them)");
    return FALSE;
  }
  if ((quark == GVAJS_QUARK (PRECISION) || quark == GVAJS_QUARK (LAYOUT)) &&
      !G_VALUE_HOLDS_INT (value)) {
    JS_ThrowTypeError (ctx, "Tensor.set(): %s must be an integer (one of "
        "DL Streamer's %s codes)", field, field);
    return FALSE;
  }
  if ((kind == NUMBERS_DL_STREAMER_DOUBLE && !(G_VALUE_HOLDS_DOUBLE (value) ||
              (quark == GVAJS_QUARK (CONFIDENCE) && holds_numbers (value)))) ||
      (kind == NUMBERS_DOUBLE && !holds_numbers (value))) {
    what = _gvajs_describe (ctx, given);
    if (kind == NUMBERS_DOUBLE)
      JS_ThrowTypeError (ctx, "Tensor.set(): type \"double\" is for a "
          "number or an array of numbers, not %s", what);
    else
      JS_ThrowTypeError (ctx, "Tensor.set(): %s must be a number%s (DL "
          "Streamer reads it as a double), not %s", field, quark ==
          GVAJS_QUARK (CONFIDENCE) ? ", or an array of numbers for keypoints"
          : "", what);
    g_free (what);
    return FALSE;
  }
  return TRUE;
}

/* A string "label" field becomes a ClsMtd's quark when the tensor is a
 * classification result (analytics.c): admit it as a name. */
static gboolean
admit_label (JSContext * ctx, const gchar * fn, GQuark field,
    const GValue * value)
{
  return field != GVAJS_QUARK (LABEL) ||
      !G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL ||
      _gvajs_names_admit (ctx, fn, g_value_get_string (value));
}

/* Stores @value (taken) as @s's field @field. */
static void
take_field (GstStructure * s, GQuark field, GValue * value)
{
#if GST_CHECK_VERSION (1, 26, 0)
  /* Fields are named by strings. */
  gst_structure_take_value (s, g_quark_to_string (field), value);
#else
  gst_structure_id_take_value (s, field, value);
#endif
}

static JSValue
js_tensor_set (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GValue value = G_VALUE_INIT;
  GvajsHandle handle;
  GQuark field;
  GstStructure *s;
  NumberKind kind;

  if (!tensor_get (ctx, this_val) || !(field = _gvajs_get_name (ctx,
              "Tensor.set", "field", "field name", argv[0])))
    return JS_EXCEPTION;
  if (field == GVAJS_QUARK (DATA_BUFFER))
    return JS_ThrowTypeError (ctx, "Tensor.set(): data_buffer holds the "
        "tensor's bytes; write it with setData(typedArray, dims)");
  /* Converting may run getters: look the tensor up again afterwards. */
  if (!get_number_kind (ctx, field, argc > 2 ? argv[2] : JS_UNDEFINED,
          &kind) || !js_to_gvalue (ctx, argv[1], kind, &value) ||
      !check_field_type (ctx, field, kind, &value, argv[1]) ||
      !admit_label (ctx, "Tensor.set", field, &value) ||
      !_gvajs_scope_count_metadata (ctx, "Tensor.set", GVAJS_META_OVERHEAD +
          strlen (g_quark_to_string (field)) + gvalue_size (&value)) ||
      !(s = tensor_handle (ctx, this_val, &handle))) {
    if (G_IS_VALUE (&value))
      g_value_unset (&value);
    return JS_EXCEPTION;
  }
  take_field (s, field, &value);
  if (_gvajs_field_is_classification (field))
    tensor_changed (ctx, &handle);
  return JS_UNDEFINED;
}

/* layerName(), modelName(), ...: a field as it is, or undefined. */
static JSValue
js_tensor_field (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  GstStructure *s = tensor_get (ctx, this_val);

  return s ? field_to_js (ctx, s, _gvajs_field_quark (magic)) : JS_EXCEPTION;
}

/* precision() and layout(): DL Streamer's UNSPECIFIED and ANY when
 * absent, as gstgva. */
static JSValue
js_tensor_enum_field (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  GstStructure *s = tensor_get (ctx, this_val);

  if (s == NULL)
    return JS_EXCEPTION;
  return JS_NewInt32 (ctx, int_field (s, _gvajs_field_quark (magic),
          magic == GVAJS_FIELD_PRECISION ? PRECISION_UNSPECIFIED : LAYOUT_ANY));
}

/* precisionAsString() and layoutAsString(): the code's name, and
 * gstgva's "UNSPECIFIED" and "ANY" for a code absent or unknown. */
static JSValue
js_tensor_enum_name (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  GstStructure *s = tensor_get (ctx, this_val);
  gboolean precision = magic == GVAJS_FIELD_PRECISION;
  const gchar *name;

  if (s == NULL)
    return JS_EXCEPTION;
  name = _gvajs_enum_name (precision ? _gvajs_precision_values :
      _gvajs_layout_values, int_field (s, _gvajs_field_quark (magic),
          precision ? PRECISION_UNSPECIFIED : LAYOUT_ANY));
  return JS_NewString (ctx, name ? name : precision ? "UNSPECIFIED" : "ANY");
}

static JSValue
js_tensor_is_detection (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GstStructure *s = tensor_get (ctx, this_val);

  if (s == NULL)
    return JS_EXCEPTION;
  return JS_NewBool (ctx,
      gst_structure_get_name_id (s) == GVAJS_QUARK (DETECTION));
}

/* A detection tensor's label is its region's (DL Streamer and gstgva
 * refuse it too). */
static GstStructure *
labelled_tensor_get (JSContext * ctx, JSValueConst this_val, const gchar * fn,
    GvajsHandle * handle)
{
  GstStructure *s = tensor_handle (ctx, this_val, handle);

  if (s && gst_structure_get_name_id (s) == GVAJS_QUARK (DETECTION)) {
    JS_ThrowTypeError (ctx, "%s(): a detection tensor has no label; the "
        "region's label() is the detection's label", fn);
    return NULL;
  }
  return s;
}

static JSValue
js_tensor_label (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsHandle handle;
  GstStructure *s = labelled_tensor_get (ctx, this_val, "Tensor.label",
      &handle);

  return s ? field_to_js (ctx, s, GVAJS_QUARK (LABEL)) : JS_EXCEPTION;
}

static JSValue
js_tensor_set_label (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsHandle handle;
  GstStructure *s = labelled_tensor_get (ctx, this_val, "Tensor.setLabel",
      &handle);
  GQuark label;

  if (s == NULL || !(label = _gvajs_get_name (ctx, "Tensor.setLabel",
              "label", NULL, argv[0])) ||
      !_gvajs_scope_count_metadata (ctx, "Tensor.setLabel",
          GVAJS_META_OVERHEAD + strlen (g_quark_to_string (label))))
    return JS_EXCEPTION;
  gst_structure_id_set (s, GVAJS_QUARK (LABEL), G_TYPE_STRING,
      g_quark_to_string (label), NULL);
  tensor_changed (ctx, &handle);
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_tensor_proto_funcs[] = {
  JS_CFUNC_DEF ("name", 0, js_tensor_name),
  JS_CFUNC_DEF ("setName", 1, js_tensor_set_name),
  JS_CFUNC_DEF ("fields", 0, js_tensor_fields),
  JS_CFUNC_MAGIC_DEF ("has", 1, js_tensor_lookup, 0),
  JS_CFUNC_MAGIC_DEF ("get", 1, js_tensor_lookup, 1),
  JS_CFUNC_DEF ("set", 2, js_tensor_set),
  JS_CFUNC_DEF ("data", 0, js_tensor_data),
  JS_CFUNC_DEF ("setData", 2, js_tensor_set_data),
  JS_CFUNC_MAGIC_DEF ("dims", 0, js_tensor_field, GVAJS_FIELD_DIMS),
  JS_CFUNC_MAGIC_DEF ("precision", 0, js_tensor_enum_field,
      GVAJS_FIELD_PRECISION),
  JS_CFUNC_MAGIC_DEF ("layout", 0, js_tensor_enum_field, GVAJS_FIELD_LAYOUT),
  JS_CFUNC_MAGIC_DEF ("precisionAsString", 0, js_tensor_enum_name,
      GVAJS_FIELD_PRECISION),
  JS_CFUNC_MAGIC_DEF ("layoutAsString", 0, js_tensor_enum_name,
      GVAJS_FIELD_LAYOUT),
  JS_CFUNC_MAGIC_DEF ("layerName", 0, js_tensor_field, GVAJS_FIELD_LAYER_NAME),
  JS_CFUNC_MAGIC_DEF ("modelName", 0, js_tensor_field, GVAJS_FIELD_MODEL_NAME),
  JS_CFUNC_MAGIC_DEF ("format", 0, js_tensor_field, GVAJS_FIELD_FORMAT),
  JS_CFUNC_DEF ("label", 0, js_tensor_label),
  JS_CFUNC_DEF ("setLabel", 1, js_tensor_set_label),
  JS_CFUNC_MAGIC_DEF ("labelId", 0, js_tensor_field, GVAJS_FIELD_LABEL_ID),
  JS_CFUNC_MAGIC_DEF ("confidence", 0, js_tensor_field, GVAJS_FIELD_CONFIDENCE),
  JS_CFUNC_MAGIC_DEF ("elementId", 0, js_tensor_field, GVAJS_FIELD_ELEMENT_ID),
  JS_CFUNC_MAGIC_DEF ("objectId", 0, js_tensor_field, GVAJS_FIELD_OBJECT_ID),
  JS_CFUNC_DEF ("isDetection", 0, js_tensor_is_detection),
  JS_CFUNC_MAGIC_DEF ("type", 0, js_tensor_field, GVAJS_FIELD_TYPE),
  JS_PROP_STRING_DEF ("[Symbol.toStringTag]", "Tensor", JS_PROP_CONFIGURABLE),
};

/* Returns a Tensor (owned) over @s, a param of @region or, with @region
 * NULL, the structure of a frame tensor meta. */
JSValue
_gvajs_tensor_wrap (JSContext * ctx, GstStructure * s,
    GstVideoRegionOfInterestMeta * region)
{
  return _gvajs_scope_wrap_handle (ctx, js_tensor_class_id,
      GVAJS_HANDLE_TENSOR, s, region);
}

/* ---- frame.tensors(), frame.addTensor() ---- */

static JSValue
frame_tensor_to_js (JSContext * ctx, GstMeta * meta)
{
  return _gvajs_tensor_wrap (ctx, ((GvajsGvaTensorMeta *) meta)->data, NULL);
}

static JSValue
js_video_frame_tensors (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);

  if (scope == NULL)
    return JS_EXCEPTION;
  return _gvajs_frame_metas_to_array (ctx, scope,
      _gvajs_gva_tensor_meta_api_lookup (), frame_tensor_to_js);
}

static JSValue
js_video_frame_add_tensor (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  const GstMetaInfo *info;
  GvajsGvaTensorMeta *meta;
  const char *name = NULL;
  gchar fn[32];

  if (scope == NULL)
    return JS_EXCEPTION;
  /* VideoFrame's or AudioFrame's: messages name the one called. */
  g_snprintf (fn, sizeof fn, "%s.addTensor", _gvajs_frame_class_name (ctx));
  if (!_gvajs_frame_check_writable (ctx, scope, fn))
    return JS_EXCEPTION;
  if (!JS_IsUndefined (argv[0]) && !(name = _gvajs_get_structure_name (ctx,
              fn, argv[0])))
    return JS_EXCEPTION;
  if (!_gvajs_scope_count_metadata (ctx, fn, GVAJS_META_OVERHEAD)) {
    JS_FreeCString (ctx, name);
    return JS_EXCEPTION;
  }
  info = _gvajs_gva_tensor_meta_info ();
  meta = info ? (GvajsGvaTensorMeta *) gst_buffer_add_meta (scope->buffer,
      info, NULL) : NULL;
  if (meta && name)
    gst_structure_set_name (meta->data, name);
  JS_FreeCString (ctx, name);
  if (meta == NULL)
    return JS_ThrowInternalError (ctx, "%s(): could not add a "
        GVAJS_GVA_TENSOR_META_IMPL, fn);
  return _gvajs_tensor_wrap (ctx, meta->data, NULL);
}

static const JSCFunctionListEntry js_video_frame_tensor_funcs[] = {
  JS_CFUNC_DEF ("tensors", 0, js_video_frame_tensors),
  JS_CFUNC_DEF ("addTensor", 1, js_video_frame_add_tensor),
};

void
_gvajs_tensor_init (JSContext * ctx, JSValueConst frame_proto)
{
  /* Interns DL Streamer's field names now, so that g_quark_try_string()
   * finds them from the first call (a name never interned has no quark). */
  GVAJS_QUARK (DIMS);
  _gvajs_create_class (ctx, &js_tensor_class_id, "Tensor",
      js_tensor_proto_funcs, G_N_ELEMENTS (js_tensor_proto_funcs));
  /* gstgva's tensor["field"] = v writes a field: say how it is done here. */
  _gvajs_class_set_fields (js_tensor_class_id);
  JS_SetPropertyFunctionList (ctx, frame_proto, js_video_frame_tensor_funcs,
      G_N_ELEMENTS (js_video_frame_tensor_funcs));
}
