/* SPDX-License-Identifier: MIT */
/* Values: the argument checks and throw helpers every binding uses, and
 * the builders of the values they return (arrays, rects, typed arrays).
 * Each check that fails throws a TypeError or RangeError naming the
 * function (@fn, e.g. "VideoFrame.addRegion") and the argument, and
 * returns FALSE. Depends on host.h. */
#pragma once

#include "host.h"

G_BEGIN_DECLS

/* Says what @value is, for "must be X, not Y": `the string "5"`,
 * `undefined`, `an array`, `a Tensor`. Runs no user code. */
G_GNUC_INTERNAL gchar *_gvajs_describe (JSContext * ctx, JSValueConst value);

/* What kind of value @value is, for the typed-array helpers' messages:
 * "a string", "an Array (use a Float32Array)", "a BigInt64Array". */
G_GNUC_INTERNAL const gchar *_gvajs_describe_type (JSContext * ctx,
    JSValueConst value);

/* Throws "@fn(): @arg must be @want, not <what @value is>"; returns
 * JS_EXCEPTION. */
G_GNUC_INTERNAL JSValue _gvajs_throw_type (JSContext * ctx, const gchar * fn,
    const gchar * arg, const gchar * want, JSValueConst value);

/* A number that is neither NaN nor infinite. */
G_GNUC_INTERNAL gboolean _gvajs_get_finite (JSContext * ctx, const gchar * fn,
    const gchar * arg, JSValueConst value, gdouble * out);
/* An integer from @min to @max. */
G_GNUC_INTERNAL gboolean _gvajs_get_int (JSContext * ctx, const gchar * fn,
    const gchar * arg, JSValueConst value, gint64 min, gint64 max,
    gint64 * out);
/* The same for item @index of the array argument @array: named
 * "@array[@index]" in the message, which is formatted only when the item
 * is wrong (formatting costs more than checking). */
G_GNUC_INTERNAL gboolean _gvajs_get_finite_item (JSContext * ctx,
    const gchar * fn, const gchar * array, guint index, JSValueConst value,
    gdouble * out);
G_GNUC_INTERNAL gboolean _gvajs_get_int_item (JSContext * ctx,
    const gchar * fn, const gchar * array, guint index, JSValueConst value,
    gint64 min, gint64 max, gint64 * out);
/* The string @value as text GStreamer can store: no NUL inside (C would
 * cut the text there) and valid UTF-8 (a lone surrogate is not). Free
 * with JS_FreeCString; NULL after throwing a RangeError naming @fn and
 * @param. @value must be a string. */
G_GNUC_INTERNAL const char *_gvajs_get_text (JSContext * ctx,
    const gchar * fn, const gchar * param, JSValueConst value);
/* Whether @name may become a GStreamer name (a tensor's, @kind "tensor
 * name", or a field's, "field name"): GstStructure's characters, and room
 * left for new names (names.h). Throws naming @fn and @param when not. */
G_GNUC_INTERNAL gboolean _gvajs_check_gst_name (JSContext * ctx,
    const gchar * fn, const gchar * param, const gchar * kind,
    const gchar * name);
/* A valid GstStructure name, as a C string to free with JS_FreeCString;
 * NULL after throwing. */
G_GNUC_INTERNAL const char *_gvajs_get_structure_name (JSContext * ctx,
    const gchar * fn, JSValueConst value);
/* Fails with "@fn(): unknown option ..." on an own enumerable key of
 * @options that is none of @names (NULL-terminated; a misspelt key would
 * otherwise vanish silently); the message lists @names. May run the
 * script's Proxy traps. */
G_GNUC_INTERNAL gboolean _gvajs_check_options (JSContext * ctx,
    const gchar * fn, JSValueConst options, const gchar * const *names);
/* The length of a JS array; FALSE (nothing thrown) when @value is not an
 * array, FALSE with the exception pending when reading it threw. */
G_GNUC_INTERNAL gboolean _gvajs_array_length (JSContext * ctx,
    JSValueConst value, uint32_t * length);

/* An array made whole once its items are in: no property definition per
 * item, no setter a script put on Array.prototype runs. Start it with
 * GVAJS_ARRAY_INIT, add items, end it: _gvajs_array_end() is the array
 * (owned) or JS_EXCEPTION, and frees what the builder held either way.
 * Items past the first few are held in the JS heap, under its limit. */
typedef struct
{
  JSValue *items;               /* inline_items or js_malloc()ed */
  guint32 n, size;
  gboolean failed;              /* an item was an exception, or no memory:
                                 * loops adding items stop on it */
  JSValue inline_items[8];
} GvajsArray;

#define GVAJS_ARRAY_INIT { .items = NULL }

/* Adds @item (owned; JS_EXCEPTION fails the array). */
G_GNUC_INTERNAL void _gvajs_array_add (JSContext * ctx, GvajsArray * array,
    JSValue item);
G_GNUC_INTERNAL JSValue _gvajs_array_end (JSContext * ctx,
    GvajsArray * array);
G_GNUC_INTERNAL JSValue _gvajs_new_number_array (JSContext * ctx,
    const gdouble * values, guint n);
/* {x, y, w, h}: a plain object of the host's rect shape, made whole. */
G_GNUC_INTERNAL JSValue _gvajs_new_rect (JSContext * ctx, gdouble x,
    gdouble y, gdouble w, gdouble h);

/* A typed array of @type over all of @array_buffer (borrowed). */
G_GNUC_INTERNAL JSValue _gvajs_new_typed_array (JSContext * ctx,
    JSValueConst array_buffer, JSTypedArrayEnum type);

typedef struct
{
  JSTypedArrayEnum type;
  gpointer data;                /* valid until JS code runs */
  gsize length;                 /* in elements */
} GvajsArrayView;

/* The JSTypedArrayEnum of @value, or -1 when it is not a typed array. */
G_GNUC_INTERNAL gint _gvajs_typed_array_type (JSContext * ctx,
    JSValueConst value);
G_GNUC_INTERNAL const gchar *_gvajs_typed_array_name (JSTypedArrayEnum type);
/* Bytes per element of each JSTypedArrayEnum. */
G_GNUC_INTERNAL gsize _gvajs_typed_array_element_size (JSTypedArrayEnum type);
/* Fills @view from a typed array of numbers (no BigInt arrays), or throws
 * a TypeError naming @fn and @arg and returns FALSE. */
G_GNUC_INTERNAL gboolean _gvajs_array_view (JSContext * ctx,
    const gchar * fn, const gchar * arg, JSValueConst value,
    GvajsArrayView * view);
/* Element @i of @v as a double (BigInt arrays are never views). */
static inline gdouble
_gvajs_array_view_get (const GvajsArrayView * v, gsize i)
{
  switch (v->type) {
    case JS_TYPED_ARRAY_FLOAT32:
      return ((const gfloat *) v->data)[i];
    case JS_TYPED_ARRAY_FLOAT64:
      return ((const gdouble *) v->data)[i];
    case JS_TYPED_ARRAY_INT8:
      return ((const gint8 *) v->data)[i];
    case JS_TYPED_ARRAY_INT16:
      return ((const gint16 *) v->data)[i];
    case JS_TYPED_ARRAY_UINT16:
      return ((const guint16 *) v->data)[i];
    case JS_TYPED_ARRAY_INT32:
      return ((const gint32 *) v->data)[i];
    case JS_TYPED_ARRAY_UINT32:
      return ((const guint32 *) v->data)[i];
    default:                   /* Uint8Array, Uint8ClampedArray */
      return ((const guint8 *) v->data)[i];
  }
}

/* A new zero-filled typed array of @n elements (owned) and its view. */
G_GNUC_INTERNAL JSValue _gvajs_new_array_view (JSContext * ctx, gsize n,
    JSTypedArrayEnum type, GvajsArrayView * view);
/* Where a native writes its @n elements of @type: a new zero-filled array
 * when @out is undefined, else @out itself (a new reference), which must
 * be exactly that; otherwise a RangeError "@fn(): out must be a <type> of
 * <size>", size printed from @size_format. JS_EXCEPTION after throwing. */
G_GNUC_INTERNAL JSValue _gvajs_output_array (JSContext * ctx,
    const gchar * fn, JSValueConst out, JSTypedArrayEnum type, gsize n,
    GvajsArrayView * view, const gchar * size_format, ...)
    G_GNUC_PRINTF (7, 8);

G_END_DECLS
