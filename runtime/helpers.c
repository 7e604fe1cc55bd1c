/* SPDX-License-Identifier: MIT */
/* Native math helpers of the built-in module "gvajs", over typed arrays.
 *
 * QuickJS interprets: a loop over a thousand floats costs tens of
 * microseconds in JS and about a microsecond here, so the hot loops of
 * post-processing (class scores, embeddings, boxes) live in C.
 *
 * Conventions shared by every helper:
 * - Numeric inputs are typed arrays of numbers: Float32Array, Float64Array,
 *   Int8/Uint8/Uint8Clamped/Int16/Uint16/Int32/Uint32Array. BigInt arrays,
 *   plain Arrays and everything else throw a TypeError. Math is done in
 *   double precision, except sums of products of two Float32Arrays (dot,
 *   cosine, matVec, l2normalize's norm): float precision, as the inputs.
 * - Scalar arguments must be numbers (no coercion from strings or objects):
 *   a wrong type is a TypeError, a value out of range (or NaN) a RangeError.
 * - Empty inputs are a RangeError, except for nms(), where zero detections
 *   is an ordinary frame and gives an empty result.
 * - Error messages start with the function's name and name the argument:
 *   "dot(): b has 3 elements but a has 4".
 * - Helpers that produce an array per element (softmax, sigmoid,
 *   l2normalize, matVec) return a new Float32Array, or write into `out`
 *   when one is given (a Float32Array or Float64Array of the right length;
 *   for the per-element ones, passing the input itself computes in place)
 *   and return it.
 *
 * No helper runs JS between reading an array's data pointer and its last
 * use: scalar arguments are required to be primitives, so converting them
 * cannot call user code that would detach or resize a buffer.
 *
 * matMul is numpy's `a @ b.T`, and runs where numpy's does: in a BLAS's
 * sgemm (OpenBLAS, when gvajs was built with one: meson option `blas`),
 * else in the four-row kernel matVec uses; single precision either way.
 * bestMatch is rowArgmax over those products, a block at a time, with no
 * matrix handed out; on CPUs with AVX2 and FMA its products come from
 * match.c's kernel, which beats sgemm on a frame's gallery.
 *
 * Time: QuickJS's interrupt handler never runs inside a native, so every
 * loop whose length the script picks charges its steps to the call's time
 * budget (_gvajs_scope_charge), except dot() and cosine(): one pass of
 * SIMD multiply-adds, under 30 ms over the largest arrays the default
 * memory limit lets a script make. */
#include "config.h"
#include "helpers.h"
#include "match.h"
#include "scope.h"

#ifdef HAVE_CBLAS
#include <cblas.h>
#endif
#include <math.h>
#include <string.h>

/* The kernels the gallery and argmax spend their time in are built twice
 * on x86-64 with GCC: for AVX2 + FMA CPUs and for any, the loader picking
 * one. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && \
    defined(__ELF__)
#define AVX2_CLONES \
  __attribute__ ((target_clones ("arch=x86-64-v3", "default")))
#else
#define AVX2_CLONES
#endif

/* Outputs are Float32Array or Float64Array only (checked by get_output). */
static inline void
view_set (const GvajsArrayView * v, gsize i, double x)
{
  if (v->type == JS_TYPED_ARRAY_FLOAT32)
    ((gfloat *) v->data)[i] = (gfloat) x;
  else
    ((gdouble *) v->data)[i] = x;
}

/* Like _gvajs_array_view(), and throws a RangeError when it is empty. */
static gboolean
get_nonempty (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, GvajsArrayView * view)
{
  if (!_gvajs_array_view (ctx, fn, arg, value, view))
    return FALSE;
  if (view->length == 0) {
    JS_ThrowRangeError (ctx, "%s(): %s is empty", fn, arg);
    return FALSE;
  }
  return TRUE;
}

static gboolean
check_same_length (JSContext * ctx, const gchar * fn, const gchar * arg,
    const GvajsArrayView * v, const gchar * other_arg, gsize other_length)
{
  if (v->length == other_length)
    return TRUE;
  JS_ThrowRangeError (ctx, "%s(): %s has %" G_GSIZE_FORMAT " elements but "
      "%s has %" G_GSIZE_FORMAT, fn, arg, v->length, other_arg, other_length);
  return FALSE;
}

static gsize
view_bytes (const GvajsArrayView * v)
{
  return v->length * _gvajs_typed_array_element_size (v->type);
}

/* Do the memory ranges of @a and @b share a byte? */
static gboolean
views_overlap (const GvajsArrayView * a, const GvajsArrayView * b)
{
  const guint8 *pa = a->data, *pb = b->data;

  return pa < pb + view_bytes (b) && pb < pa + view_bytes (a);
}

/* The array a helper writes its result into: @out_arg when given, else a
 * new Float32Array of @n elements. Returns an owned value (JS_EXCEPTION
 * after throwing). When @in is given, out may be the very same array as
 * @in (per-element helpers read each element before writing it) but no
 * other view over its memory: elements would be overwritten before they
 * are read. */
static JSValue
get_output (JSContext * ctx, const gchar * fn, JSValueConst out_arg,
    gsize n, const GvajsArrayView * in, GvajsArrayView * out)
{
  if (JS_IsUndefined (out_arg))
    return _gvajs_new_array_view (ctx, n, JS_TYPED_ARRAY_FLOAT32, out);
  if (!_gvajs_array_view (ctx, fn, "out", out_arg, out))
    return JS_EXCEPTION;
  if (out->type != JS_TYPED_ARRAY_FLOAT32 &&
      out->type != JS_TYPED_ARRAY_FLOAT64)
    return JS_ThrowTypeError (ctx, "%s(): out must be a Float32Array or "
        "a Float64Array, not %s %s", fn,
        _gvajs_typed_array_name (out->type)[0] == 'I' ? "an" : "a",
        _gvajs_typed_array_name (out->type));
  if (!check_same_length (ctx, fn, "out", out, "the result", n))
    return JS_EXCEPTION;
  if (in && views_overlap (in, out) &&
      !(in->data == out->data && in->type == out->type))
    return JS_ThrowRangeError (ctx, "%s(): out shares memory with a "
        "without being the same array; pass a itself to work in place", fn);
  return JS_DupValue (ctx, out_arg);
}

/* @value as a number, or a TypeError naming @fn and @arg. */
static gboolean
get_number (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, double *number)
{
  if (!JS_IsNumber (value)) {
    JS_ThrowTypeError (ctx, "%s(): %s must be a number, not %s", fn, arg,
        _gvajs_describe_type (ctx, value));
    return FALSE;
  }
  return JS_ToFloat64 (ctx, number, value) == 0;
}

/* @d as JS prints it, for messages ("NaN", not "nan"). */
static const gchar *
format_number (double d, gchar * buf, gsize size)
{
  if (isnan (d))
    return "NaN";
  if (isinf (d))
    return d > 0 ? "Infinity" : "-Infinity";
  g_snprintf (buf, size, "%.17g", d);
  return buf;
}

/* An integer in [@min, @max], or a TypeError/RangeError. */
static gboolean
get_count (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, gsize min, gsize max, gsize * count)
{
  gchar buf[32];
  double d;

  if (!get_number (ctx, fn, arg, value, &d))
    return FALSE;
  if (!(d >= min && d <= max) || d != floor (d)) {
    JS_ThrowRangeError (ctx, "%s(): %s must be an integer from %"
        G_GSIZE_FORMAT " to %" G_GSIZE_FORMAT ", not %s", fn, arg, min, max,
        format_number (d, buf, sizeof buf));
    return FALSE;
  }
  *count = (gsize) d;
  return TRUE;
}

#define ARG(i) ((i) < argc ? argv[i] : JS_UNDEFINED)

/* Per-element loops run in blocks, each charged to the time budget before
 * it runs: a charge per element would cost as much as the element. */
#define BLOCK 4096

/* Sets *@end to the end of the block from @start (of @length elements,
 * each @weight steps) and charges it; FALSE when the budget ran out
 * (thrown). */
static inline gboolean
next_block (JSContext * ctx, guint64 * steps, gsize start, gsize length,
    guint64 weight, gsize * end)
{
  *end = MIN (length, start + BLOCK);
  return _gvajs_scope_charge (ctx, steps, weight * (*end - start));
}

/* ---- audio ---- */

/* The zero and full scale of samples of @type: signed integers are centred
 * on 0, unsigned ones on half their range, floats on 0 with full scale 1. */
static void
sample_scale (JSTypedArrayEnum type, double *zero, double *full)
{
  *zero = 0;
  switch (type) {
    case JS_TYPED_ARRAY_INT8:
      *full = 128;
      break;
    case JS_TYPED_ARRAY_UINT8:
    case JS_TYPED_ARRAY_UINT8C:
      *zero = *full = 128;
      break;
    case JS_TYPED_ARRAY_INT16:
      *full = 32768;
      break;
    case JS_TYPED_ARRAY_UINT16:
      *zero = *full = 32768;
      break;
    case JS_TYPED_ARRAY_INT32:
      *full = 2147483648.0;
      break;
    case JS_TYPED_ARRAY_UINT32:
      *zero = *full = 2147483648.0;
      break;
    default:
      *full = 1;
  }
}

static double
to_dbfs (double level)
{
  return level > 0 ? 20 * log10 (level) : -INFINITY;
}

/* Sums of squares and peaks of each of @channels interleaved channels of
 * @a, relative to full scale; FALSE when the budget ran out (thrown). */
static gboolean
channel_levels (JSContext * ctx, const GvajsArrayView * a, gsize channels,
    double *squares, double *peaks)
{
  double zero, full, x;
  guint64 steps = 0;
  gsize start, end, i;

  sample_scale (a->type, &zero, &full);
  for (start = 0; start < a->length; start = end) {
    if (!next_block (ctx, &steps, start, a->length, 1, &end))
      return FALSE;
    for (i = start; i < end; i++) {
      x = fabs (_gvajs_array_view_get (a, i) - zero) / full;
      squares[i % channels] += x * x;
      peaks[i % channels] = MAX (peaks[i % channels], x);
    }
  }
  return TRUE;
}

#define MAX_CHANNELS 1024

/**
 * audioLevels(samples: NumericArray, channels = 1):
 *     {rms: number[], peak: number[]}
 *
 * The RMS and peak level of each channel of interleaved samples (an
 * AudioFrame's data(), or one plane of it with channels 1), in dBFS:
 * 0 at full scale (±32768 for an Int16Array, ±1 for floats; unsigned
 * arrays are centred on half their range), -Infinity for silence.
 * Throws TypeError when samples is not a typed array, RangeError when it
 * is empty, channels is not an integer from 1 to 1024, or the length is
 * not a multiple of channels.
 */
static JSValue
js_gvajs_audio_levels (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  double squares[MAX_CHANNELS] = { 0 }, peaks[MAX_CHANNELS] = { 0 };
  GvajsArrayView a;
  gsize channels = 1;
  JSValue obj;
  gsize c;

  if ((!JS_IsUndefined (ARG (1)) && !get_count (ctx, "audioLevels",
              "channels", ARG (1), 1, MAX_CHANNELS, &channels)) ||
      !get_nonempty (ctx, "audioLevels", "samples", ARG (0), &a))
    return JS_EXCEPTION;
  if (a.length % channels != 0)
    return JS_ThrowRangeError (ctx, "audioLevels(): samples has %"
        G_GSIZE_FORMAT " elements, not a multiple of %" G_GSIZE_FORMAT
        " channels", a.length, channels);
  if (!channel_levels (ctx, &a, channels, squares, peaks))
    return JS_EXCEPTION;
  for (c = 0; c < channels; c++) {
    squares[c] = to_dbfs (sqrt (squares[c] / (a.length / channels)));
    peaks[c] = to_dbfs (peaks[c]);
  }
  obj = JS_NewObject (ctx);
  JS_SetPropertyStr (ctx, obj, "rms", _gvajs_new_number_array (ctx, squares,
          channels));
  JS_SetPropertyStr (ctx, obj, "peak", _gvajs_new_number_array (ctx, peaks,
          channels));
  return obj;
}

/* ---- reductions ---- */

/* Eight floats or int32s: GCC's and clang's vector types, which become
 * one AVX register or two SSE ones. */
typedef gfloat VecF32 __attribute__ ((vector_size (32)));
typedef gint32 VecI32 __attribute__ ((vector_size (32)));

/* The index of the first of the largest of the @n floats at @x if it is
 * larger than @high, else -1; NaN is never larger. Eight lanes, each
 * keeping its own maximum and the first offset it was seen at, in SIMD
 * compares and blends rather than a branch per element; the lanes that
 * hold the overall maximum then give the first index. @n fits an int32
 * (callers: a block or one row). */
AVX2_CLONES
static gint64
first_max_f32 (const gfloat * x, gsize n, gfloat high)
{
  VecF32 lane = { high, high, high, high, high, high, high, high }, v;
  VecI32 at = { -1, -1, -1, -1, -1, -1, -1, -1 };
  VecI32 offset = { 0, 1, 2, 3, 4, 5, 6, 7 };
  gint64 best = -1;
  gsize i = 0;
  guint j;

  for (; i + 8 <= n; i += 8) {
    VecI32 larger;

    memcpy (&v, x + i, sizeof v);
    larger = v > lane;
    lane = (VecF32) (((VecI32) v & larger) | ((VecI32) lane & ~larger));
    at = (offset & larger) | (at & ~larger);
    offset += 8;
  }
  for (j = 0; j < 8; j++)
    if (at[j] >= 0 && (lane[j] > high || (lane[j] == high && at[j] < best))) {
      high = lane[j];
      best = at[j];
    }
  for (; i < n; i++)
    if (x[i] > high) {
      high = x[i];
      best = i;
    }
  return best;
}

/**
 * argmax(a: NumericArray): number
 *
 * The index of the largest element (the first one on ties). NaN elements
 * never win; when every element is NaN the result is -1.
 * Throws TypeError when a is not a typed array, RangeError when empty.
 */
/* Folds the @n floats at @x, elements @offset… of the whole, into the
 * running argmax *@best (-1 while none) and its value: strictly greater
 * wins, so the first of equals stays, and NaN never wins. */
static void
argmax_update_f32 (const gfloat * x, gsize n, gsize offset, gint64 * best,
    double *best_value)
{
  gint64 found = first_max_f32 (x, n, *best < 0 ? -INFINITY : *best_value);
  gsize i;

  if (found >= 0) {
    *best = offset + found;
    *best_value = x[found];
  }
  /* Nothing above -Infinity yet: the first -Infinity is the largest. */
  for (i = 0; *best < 0 && i < n; i++)
    if (x[i] == -INFINITY) {
      *best = offset + i;
      *best_value = -INFINITY;
    }
}

/* The same over elements [@start, @end) of @a. Float32 has the loop
 * above: it is what scores and similarities come as. */
static void
argmax_update (const GvajsArrayView * a, gsize start, gsize end,
    gint64 * best, double *best_value)
{
  gsize i;

  if (a->type == JS_TYPED_ARRAY_FLOAT32) {
    argmax_update_f32 ((const gfloat *) a->data + start, end - start, start,
        best, best_value);
    return;
  }
  for (i = start; i < end; i++) {
    double x = _gvajs_array_view_get (a, i);

    if (!isnan (x) && (*best < 0 || x > *best_value)) {
      *best = i;
      *best_value = x;
    }
  }
}

static JSValue
js_gvajs_argmax (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a;
  gint64 best = -1;
  double best_value = 0;
  guint64 steps = 0;
  gsize start, end;

  if (!get_nonempty (ctx, "argmax", "a", ARG (0), &a))
    return JS_EXCEPTION;
  for (start = 0; start < a.length; start = end) {
    if (!next_block (ctx, &steps, start, a.length, 1, &end))
      return JS_EXCEPTION;
    argmax_update (&a, start, end, &best, &best_value);
  }
  return JS_NewInt64 (ctx, best);
}

/* Dot product of two float vectors with sixteen float accumulators: they
 * let the compiler fill SIMD registers and keep several additions in
 * flight (one accumulator is a serial chain of adds), at float precision,
 * which is what Float32 inputs carry. On x86-64 a second copy is built for
 * AVX2 + FMA CPUs and picked at load time: gallery matching spends its
 * time here. */
AVX2_CLONES
static double
dot_f32 (const gfloat * a, const gfloat * b, gsize n)
{
  gfloat acc[16] = { 0 };
  double sum = 0;
  gsize i = 0, j;

  for (; i + 16 <= n; i += 16)
    for (j = 0; j < 16; j++)
      acc[j] += a[i + j] * b[i + j];
  for (j = 0; j < 16; j++)
    sum += acc[j];
  for (; i < n; i++)
    sum += (double) a[i] * b[i];
  return sum;
}

/* Four rows of a row-major float matrix (@stride apart) times @b, into
 * @out: each load of @b serves four rows, which is what bounds a matrix
 * times vector (loads, not multiplications). Eight float accumulators per
 * row, as dot_f32. */
AVX2_CLONES
static void
dot4_f32 (const gfloat * m, gsize stride, const gfloat * b, gsize n,
    double *out)
{
  /* Four named rows and accumulators, not a loop over rows: the compiler
   * then keeps the accumulators in registers. */
  const gfloat *m0 = m, *m1 = m + stride, *m2 = m + 2 * stride;
  const gfloat *m3 = m + 3 * stride;
  gfloat a0[8] = { 0 }, a1[8] = { 0 }, a2[8] = { 0 }, a3[8] = { 0 };
  gsize i = 0, j;

  for (; i + 8 <= n; i += 8) {
    for (j = 0; j < 8; j++) {
      a0[j] += m0[i + j] * b[i + j];
      a1[j] += m1[i + j] * b[i + j];
      a2[j] += m2[i + j] * b[i + j];
      a3[j] += m3[i + j] * b[i + j];
    }
  }
  for (j = 0; j < 4; j++)
    out[j] = 0;
  for (j = 0; j < 8; j++) {
    out[0] += a0[j];
    out[1] += a1[j];
    out[2] += a2[j];
    out[3] += a3[j];
  }
  for (; i < n; i++) {
    out[0] += (double) m0[i] * b[i];
    out[1] += (double) m1[i] * b[i];
    out[2] += (double) m2[i] * b[i];
    out[3] += (double) m3[i] * b[i];
  }
}

static double
dot_f64 (const gdouble * a, const gdouble * b, gsize n)
{
  double acc[4] = { 0 };
  gsize i = 0, j;

  for (; i + 4 <= n; i += 4)
    for (j = 0; j < 4; j++)
      acc[j] += a[i + j] * b[i + j];
  for (; i < n; i++)
    acc[0] += a[i] * b[i];
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

/* a[a_start .. a_start + n) · b[0 .. n) for any pair of element types. */
static double
dot_views (const GvajsArrayView * a, gsize a_start, const GvajsArrayView * b,
    gsize n)
{
  double sum = 0;
  gsize i;

  if (a->type == JS_TYPED_ARRAY_FLOAT32 && b->type == JS_TYPED_ARRAY_FLOAT32)
    return dot_f32 ((const gfloat *) a->data + a_start, b->data, n);
  if (a->type == JS_TYPED_ARRAY_FLOAT64 && b->type == JS_TYPED_ARRAY_FLOAT64)
    return dot_f64 ((const gdouble *) a->data + a_start, b->data, n);
  for (i = 0; i < n; i++)
    sum += _gvajs_array_view_get (a, a_start + i) *
        _gvajs_array_view_get (b, i);
  return sum;
}

static gboolean
get_pair (JSContext * ctx, const gchar * fn, int argc, JSValueConst * argv,
    GvajsArrayView * a, GvajsArrayView * b)
{
  return get_nonempty (ctx, fn, "a", ARG (0), a) &&
      _gvajs_array_view (ctx, fn, "b", ARG (1), b) &&
      check_same_length (ctx, fn, "b", b, "a", a->length);
}

/**
 * dot(a: NumericArray, b: NumericArray): number
 *
 * The dot product Σ a[i]·b[i]. Two Float32Arrays are summed in float
 * precision (sixteen partial sums), everything else in double.
 * Throws TypeError for non-typed-arrays, RangeError when a is empty or the
 * lengths differ.
 */
static JSValue
js_gvajs_dot (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, b;

  if (!get_pair (ctx, "dot", argc, argv, &a, &b))
    return JS_EXCEPTION;
  return JS_NewFloat64 (ctx, dot_views (&a, 0, &b, a.length));
}

/**
 * cosine(a: NumericArray, b: NumericArray): number
 *
 * Cosine similarity a·b / (|a|·|b|), in [-1, 1]. When either vector is all
 * zeros it has no direction and the result is 0 (not NaN).
 * Throws like dot().
 */
static JSValue
js_gvajs_cosine (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, b;
  double ab, aa, bb;

  if (!get_pair (ctx, "cosine", argc, argv, &a, &b))
    return JS_EXCEPTION;
  ab = dot_views (&a, 0, &b, a.length);
  aa = dot_views (&a, 0, &a, a.length);
  bb = dot_views (&b, 0, &b, b.length);
  if (aa == 0 || bb == 0)
    return JS_NewFloat64 (ctx, 0);
  return JS_NewFloat64 (ctx, ab / (sqrt (aa) * sqrt (bb)));
}

/* ---- top-k ---- */

typedef struct
{
  double value;
  gint64 index;
} Ranked;

/* Does @x rank before @y? Larger values first, NaN last, then the lower
 * index: a total order, so results do not depend on the sort. */
static inline gboolean
ranks_before (const Ranked * x, const Ranked * y)
{
  gboolean xnan = isnan (x->value), ynan = isnan (y->value);

  if (xnan != ynan)
    return ynan;
  if (!xnan && x->value != y->value)
    return x->value > y->value;
  return x->index < y->index;
}

/* Restores a heap whose root is the entry ranking last, from @i down. */
static void
sift_down (Ranked * heap, gsize n, gsize i)
{
  gsize child;
  Ranked tmp;

  while ((child = 2 * i + 1) < n) {
    if (child + 1 < n && ranks_before (&heap[child], &heap[child + 1]))
      child++;
    if (!ranks_before (&heap[i], &heap[child]))
      break;
    tmp = heap[i];
    heap[i] = heap[child];
    heap[child] = tmp;
    i = child;
  }
}

/* The @k best entries of @a, best first, in a new array of @k; NULL when
 * the time budget ran out (thrown). A heap of the @k best so far, its root
 * the worst of them, keeps it O(n log k) for the usual case of a few out
 * of thousands; emptying it root first then sorts them, in steps that are
 * charged to the budget (qsort's could not be). */
static Ranked *
select_top (JSContext * ctx, const GvajsArrayView * a, gsize k)
{
  Ranked *heap = g_new (Ranked, MAX (k, 1)), r;
  guint64 steps = 0;
  gsize start, end, i;

  for (i = 0; i < k; i++) {
    heap[i].value = _gvajs_array_view_get (a, i);
    heap[i].index = i;
  }
  /* A sift through a large heap: some eight steps. */
  for (i = k / 2; i-- > 0;) {
    if (!_gvajs_scope_charge (ctx, &steps, 8))
      goto stopped;
    sift_down (heap, k, i);
  }
  for (start = k; start < a->length; start = end) {
    if (!next_block (ctx, &steps, start, a->length, 1, &end))
      goto stopped;
    for (i = start; i < end; i++) {
      r.value = _gvajs_array_view_get (a, i);
      r.index = i;
      if (ranks_before (&r, &heap[0])) {
        heap[0] = r;
        sift_down (heap, k, 0);
      }
    }
  }
  for (i = k; i-- > 1;) {
    if (!_gvajs_scope_charge (ctx, &steps, 8))
      goto stopped;
    r = heap[0];
    heap[0] = heap[i];
    heap[i] = r;
    sift_down (heap, i, 0);
  }
  return heap;

stopped:
  g_free (heap);
  return NULL;
}

/**
 * topK(a: NumericArray, k: number):
 *     { indices: Int32Array, values: Float64Array }
 *
 * The k largest elements, largest first (lower index first on ties, NaN
 * after every number): indices[i] is where values[i] sits in a.
 * Throws TypeError for a non-typed-array or a k that is not a number,
 * RangeError when a is empty or k is not an integer in 1..a.length.
 */
static JSValue
js_gvajs_top_k (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, iv, vv;
  JSValue indices, values, result;
  Ranked *top = NULL;
  gsize k, i;

  if (!get_nonempty (ctx, "topK", "a", ARG (0), &a) ||
      !get_count (ctx, "topK", "k", ARG (1), 1, a.length, &k))
    return JS_EXCEPTION;
  /* The results first: the memory limit bounds them, and so k. */
  indices = _gvajs_new_array_view (ctx, k, JS_TYPED_ARRAY_INT32, &iv);
  values = _gvajs_new_array_view (ctx, k, JS_TYPED_ARRAY_FLOAT64, &vv);
  result = JS_NewObject (ctx);
  if (JS_IsException (indices) || JS_IsException (values) ||
      JS_IsException (result) || (top = select_top (ctx, &a, k)) == NULL) {
    JS_FreeValue (ctx, indices);
    JS_FreeValue (ctx, values);
    JS_FreeValue (ctx, result);
    return JS_EXCEPTION;
  }
  for (i = 0; i < k; i++) {
    ((gint32 *) iv.data)[i] = (gint32) top[i].index;
    ((gdouble *) vv.data)[i] = top[i].value;
  }
  g_free (top);
  JS_SetPropertyStr (ctx, result, "indices", indices);
  JS_SetPropertyStr (ctx, result, "values", values);
  return result;
}

/* ---- per-element maps ---- */

/* Checks a and out (argument 0 and @out_index) for a per-element helper. */
static JSValue
begin_map (JSContext * ctx, const gchar * fn, int argc, JSValueConst * argv,
    int out_index, GvajsArrayView * a, GvajsArrayView * out)
{
  if (!get_nonempty (ctx, fn, "a", ARG (0), a))
    return JS_EXCEPTION;
  return get_output (ctx, fn, ARG (out_index), a->length, a, out);
}

/**
 * softmax(a: NumericArray, out?: Float32Array | Float64Array):
 *     Float32Array | Float64Array
 *
 * exp(a[i] - max) / Σ exp(a[j] - max): probabilities summing to 1,
 * computed without overflow for large logits. Returns a new Float32Array,
 * or out (pass a itself for in place). A NaN in a makes every result NaN.
 * Throws TypeError for non-typed-arrays or an out that is not float,
 * RangeError when a is empty, out's length differs, or out overlaps a
 * without being a.
 */
static JSValue
js_gvajs_softmax (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, out;
  JSValue result = begin_map (ctx, "softmax", argc, argv, 1, &a, &out);
  double max = -INFINITY, sum = 0, e, x;
  guint64 steps = 0;
  gsize start, end, i;

  if (JS_IsException (result))
    return result;
  for (start = 0; start < a.length && !isnan (max); start = end) {
    if (!next_block (ctx, &steps, start, a.length, 1, &end))
      goto stopped;
    for (i = start; i < end; i++) {
      x = _gvajs_array_view_get (&a, i);
      max = isnan (x) ? x : MAX (max, x);
    }
  }
  /* Each element is read before it is written, so out may be a. */
  for (start = 0; start < a.length; start = end) {
    if (!next_block (ctx, &steps, start, a.length, 4, &end))
      goto stopped;
    for (i = start; i < end; i++) {
      e = exp (_gvajs_array_view_get (&a, i) - max);
      sum += e;
      view_set (&out, i, e);
    }
  }
  for (start = 0; start < a.length; start = end) {
    if (!next_block (ctx, &steps, start, a.length, 1, &end))
      goto stopped;
    for (i = start; i < end; i++)
      view_set (&out, i, _gvajs_array_view_get (&out, i) / sum);
  }
  return result;

stopped:
  JS_FreeValue (ctx, result);
  return JS_EXCEPTION;
}

/**
 * sigmoid(a: NumericArray, out?: Float32Array | Float64Array):
 *     Float32Array | Float64Array
 *
 * 1 / (1 + exp(-a[i])) per element, into a new Float32Array or out (which
 * may be a). Throws like softmax().
 */
static JSValue
js_gvajs_sigmoid (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, out;
  JSValue result = begin_map (ctx, "sigmoid", argc, argv, 1, &a, &out);
  double x, e;
  guint64 steps = 0;
  gsize start, end, i;

  if (JS_IsException (result))
    return result;
  for (start = 0; start < a.length; start = end) {
    if (!next_block (ctx, &steps, start, a.length, 2, &end)) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    }
    for (i = start; i < end; i++) {
      x = _gvajs_array_view_get (&a, i);
      /* exp() of a positive argument only: large |x| cannot overflow. */
      e = exp (-fabs (x));
      view_set (&out, i, x >= 0 ? 1 / (1 + e) : e / (1 + e));
    }
  }
  return result;
}

/**
 * l2normalize(a: NumericArray, out?: Float32Array | Float64Array):
 *     Float32Array | Float64Array
 *
 * a / |a| (unit Euclidean length), into a new Float32Array (a is left as
 * it is) or out (pass a itself to normalize in place). An all-zero a has
 * no direction and gives zeros. Throws like softmax().
 */
static JSValue
js_gvajs_l2normalize (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, out;
  JSValue result = begin_map (ctx, "l2normalize", argc, argv, 1, &a, &out);
  double norm;
  guint64 steps = 0;
  gsize start, end, i;

  if (JS_IsException (result))
    return result;
  norm = sqrt (dot_views (&a, 0, &a, a.length));
  for (start = 0; start < a.length; start = end) {
    if (!next_block (ctx, &steps, start, a.length, 1, &end)) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    }
    for (i = start; i < end; i++)
      view_set (&out, i, _gvajs_array_view_get (&a, i) /
          (norm > 0 ? norm : 1));
  }
  return result;
}

/**
 * matVec(matrix: NumericArray, vec: NumericArray,
 *     out?: Float32Array | Float64Array): Float32Array | Float64Array
 *
 * matrix is row-major with vec.length columns, so rows = matrix.length /
 * vec.length: a gallery of N embeddings stored back to back times one
 * embedding gives the N similarities (cosines when both sides are
 * l2-normalized). Returns a new Float32Array of rows elements, or out.
 * Throws TypeError for non-typed-arrays, RangeError when vec or matrix is
 * empty, matrix.length is not a multiple of vec.length, or out's length is
 * not rows.
 */
static JSValue
js_gvajs_mat_vec (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView m, v, out;
  JSValue result;
  gsize rows, r, i;
  double sums[4];
  guint64 steps = 0;

  if (!get_nonempty (ctx, "matVec", "matrix", ARG (0), &m) ||
      !get_nonempty (ctx, "matVec", "vec", ARG (1), &v))
    return JS_EXCEPTION;
  if (m.length % v.length != 0)
    return JS_ThrowRangeError (ctx, "matVec(): matrix has %" G_GSIZE_FORMAT
        " elements, which is not a whole number of rows of vec.length (%"
        G_GSIZE_FORMAT ")", m.length, v.length);
  rows = m.length / v.length;
  result = get_output (ctx, "matVec", ARG (2), rows, NULL, &out);
  if (JS_IsException (result))
    return result;
  /* Every row reads all of vec, so no result may land on an input. */
  if (views_overlap (&out, &m) || views_overlap (&out, &v)) {
    JS_FreeValue (ctx, result);
    return JS_ThrowRangeError (ctx, "matVec(): out shares memory with "
        "matrix or vec");
  }
  /* A step per row and per matrix element. */
  r = 0;
  if (m.type == JS_TYPED_ARRAY_FLOAT32 && v.type == JS_TYPED_ARRAY_FLOAT32) {
    for (; r + 4 <= rows; r += 4) {
      if (!_gvajs_scope_charge (ctx, &steps, 4 * (1 + v.length)))
        goto stopped;
      dot4_f32 ((const gfloat *) m.data + r * v.length, v.length, v.data,
          v.length, sums);
      for (i = 0; i < 4; i++)
        view_set (&out, r + i, sums[i]);
    }
  }
  for (; r < rows; r++) {
    if (!_gvajs_scope_charge (ctx, &steps, 1 + v.length))
      goto stopped;
    view_set (&out, r, dot_views (&m, r * v.length, &v, v.length));
  }
  return result;

stopped:
  JS_FreeValue (ctx, result);
  return JS_EXCEPTION;
}

/* ---- non-maximum suppression ---- */

static double
iou (const double *a, const double *b)
{
  double iw = MIN (a[2], b[2]) - MAX (a[0], b[0]);
  double ih = MIN (a[3], b[3]) - MAX (a[1], b[1]);
  double inter, area_a, area_b, uni;

  if (!(iw > 0 && ih > 0))
    return 0;
  inter = iw * ih;
  area_a = MAX (a[2] - a[0], 0) * MAX (a[3] - a[1], 0);
  area_b = MAX (b[2] - b[0], 0) * MAX (b[3] - b[1], 0);
  uni = area_a + area_b - inter;
  return uni > 0 ? inter / uni : 0;
}

/* Greedy NMS: writes into @keep the indices kept, best first, and their
 * count into @nkept. @order holds the candidates sorted best first. Each
 * candidate is compared with every box kept so far: O(n²) when few
 * overlap, so the comparisons are charged to the time budget; FALSE when
 * it ran out (thrown). */
static gboolean
suppress (JSContext * ctx, const GvajsArrayView * boxes,
    const Ranked * order, gsize n, double threshold, gsize max_output,
    gint32 * keep, gsize * nkept)
{
  double *corners = g_new (double, 4 * n);
  gsize *kept = g_new (gsize, MAX (n, 1));
  gsize i, j;
  gboolean suppressed, ok = TRUE;
  guint64 steps = 0;

  for (i = 0; i < n; i++)
    for (j = 0; j < 4; j++)
      corners[4 * i + j] = _gvajs_array_view_get (boxes,
          4 * order[i].index + j);
  *nkept = 0;
  for (i = 0; i < n && *nkept < max_output && ok; i++) {
    suppressed = FALSE;
    for (j = 0; j < *nkept && !suppressed; j++)
      suppressed = iou (&corners[4 * i], &corners[4 * kept[j]]) > threshold;
    if (!suppressed) {
      keep[*nkept] = (gint32) order[i].index;
      kept[(*nkept)++] = i;
    }
    ok = _gvajs_scope_charge (ctx, &steps, 1 + j);
  }
  g_free (kept);
  g_free (corners);
  return ok;
}

/* The scores that are numbers, best first (NaN ranks last), their count
 * in @n; NULL when the time budget ran out (thrown). */
static Ranked *
rank_scores (JSContext * ctx, const GvajsArrayView * scores, gsize * n)
{
  Ranked *order = select_top (ctx, scores, scores->length);

  for (*n = 0; order && *n < scores->length; (*n)++)
    if (isnan (order[*n].value))
      break;
  return order;
}

static gboolean
get_nms_args (JSContext * ctx, int argc, JSValueConst * argv,
    GvajsArrayView * boxes, GvajsArrayView * scores, double *threshold,
    gsize * max_output)
{
  if (!_gvajs_array_view (ctx, "nms", "boxes", ARG (0), boxes) ||
      !_gvajs_array_view (ctx, "nms", "scores", ARG (1), scores) ||
      !get_number (ctx, "nms", "iouThreshold", ARG (2), threshold))
    return FALSE;
  if (boxes->length != 4 * scores->length) {
    JS_ThrowRangeError (ctx, "nms(): boxes has %" G_GSIZE_FORMAT " numbers "
        "but needs 4 (x1, y1, x2, y2) for each of the %" G_GSIZE_FORMAT
        " scores", boxes->length, scores->length);
    return FALSE;
  }
  if (!(*threshold >= 0 && *threshold <= 1)) {
    gchar buf[32];

    JS_ThrowRangeError (ctx, "nms(): iouThreshold must be from 0 to 1, "
        "not %s", format_number (*threshold, buf, sizeof buf));
    return FALSE;
  }
  *max_output = scores->length;
  return JS_IsUndefined (ARG (3)) ||
      get_count (ctx, "nms", "maxOutput", ARG (3), 0, G_MAXINT32, max_output);
}

/* ---- matrices ---- */

/* Multiply-adds per budget step: a BLAS does tens per nanosecond. */
#define MACS_PER_STEP 16
/* Rows of a in each block of matMul: about 2^24 multiply-adds, under a
 * millisecond in a BLAS and a few in the plain kernel between two looks at
 * the deadline. Each block packs all of b again, so a product the size of
 * a frame's gallery match is one block: at 2^20 the 50 × 256 by 100 × 256
 * match took two and cost a quarter more than one sgemm. */
#define BLOCK_MACS (1 << 24)

static gboolean
get_matrix (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, gsize cols, GvajsArrayView * view, gsize * rows)
{
  if (!_gvajs_array_view (ctx, fn, arg, value, view))
    return FALSE;
  if (view->type != JS_TYPED_ARRAY_FLOAT32) {
    _gvajs_throw_type (ctx, fn, arg, "a Float32Array", value);
    return FALSE;
  }
  if (view->length == 0 || view->length % cols != 0) {
    JS_ThrowRangeError (ctx, "%s(): %s has %" G_GSIZE_FORMAT " elements, "
        "which is not a whole number of rows of %" G_GSIZE_FORMAT, fn, arg,
        view->length, cols);
    return FALSE;
  }
  *rows = view->length / cols;
  return TRUE;
}

/* out (@m × @n) = a (@m × @k) · bᵀ (b: @n × @k), all row-major. */
static void
product (const gfloat * a, const gfloat * b, gfloat * out, gsize m, gsize n,
    gsize k)
{
#ifdef HAVE_CBLAS
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, k,
      b, k, 0.0f, out, n);
#else
  gdouble sums[4];
  gsize i, j, c;

  for (i = 0; i < m; i++) {
    for (j = 0; j + 4 <= n; j += 4) {
      dot4_f32 (b + j * k, k, a + i * k, k, sums);
      for (c = 0; c < 4; c++)
        out[i * n + j + c] = sums[c];
    }
    for (; j < n; j++)
      out[i * n + j] = dot_f32 (b + j * k, a + i * k, k);
  }
#endif
}

/**
 * matMul(a: Float32Array, b: Float32Array, k: number, out?: Float32Array):
 *     Float32Array
 *
 * a · bᵀ: a holds rows of k values (m = a.length / k) and b rows of k
 * values too (n = b.length / k); element [i * n + j] of the result is the
 * dot product of a's row i and b's row j (numpy's `a @ b.T`). With
 * l2-normalized embeddings in a and a gallery in b, that is every cosine
 * similarity in one call. Returns a new Float32Array of m × n, or out.
 * Throws TypeError unless a, b and out are Float32Arrays and k a number,
 * RangeError when k is not a positive integer, a or b is empty or not a
 * whole number of rows, out's length is not m × n, or out shares memory
 * with a or b.
 */
static JSValue
js_gvajs_mat_mul (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView a, b, out;
  gsize m, n, i, block;
  gint64 k;
  guint64 steps = 0;
  JSValue result;

  if (!_gvajs_get_int (ctx, "matMul", "k", ARG (2), 1, G_MAXINT32, &k) ||
      !get_matrix (ctx, "matMul", "a", ARG (0), k, &a, &m) ||
      !get_matrix (ctx, "matMul", "b", ARG (1), k, &b, &n))
    return JS_EXCEPTION;
  if (m > G_MAXINT32 || n > G_MAXINT32 || m * n > G_MAXINT32)
    return JS_ThrowRangeError (ctx, "matMul(): a result of %" G_GSIZE_FORMAT
        " × %" G_GSIZE_FORMAT " is too large", m, n);
  result = _gvajs_output_array (ctx, "matMul", ARG (3),
      JS_TYPED_ARRAY_FLOAT32, m * n, &out, "%" G_GSIZE_FORMAT " × %"
      G_GSIZE_FORMAT " elements", m, n);
  if (JS_IsException (result))
    return result;
  if (views_overlap (&out, &a) || views_overlap (&out, &b)) {
    JS_FreeValue (ctx, result);
    return JS_ThrowRangeError (ctx, "matMul(): out shares memory with a or "
        "b");
  }
  block = MAX (1, BLOCK_MACS / MAX (1, n * k));
  for (i = 0; i < m; i += block) {
    gsize rows = MIN (block, m - i);

    if (!_gvajs_scope_charge (ctx, &steps, rows * n * k / MACS_PER_STEP + 1)) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    }
    product ((const gfloat *) a.data + i * k, b.data,
        (gfloat *) out.data + i * n, rows, n, k);
  }
  return result;
}

/**
 * rowArgmax(m: NumericArray, cols: number, out?: Int32Array,
 *     max?: Float32Array | Float64Array): Int32Array
 *
 * The index of the largest value of each row of m (rows of cols values,
 * row-major), the first on ties; a row of NaN only gives -1. With
 * matMul's similarities, the best identity of each face:
 * `sims[i * cols + best[i]]` is its similarity, which max (when given)
 * receives, NaN for a row of NaN only: what addRegionLabels takes as the
 * confidences, with no loop in JS. Returns a new Int32Array of
 * m.length / cols elements, or out. Throws TypeError for a
 * non-typed-array m, a non-Int32Array out or a max that is neither float
 * array, RangeError when cols is not a positive integer, m is empty or not
 * a whole number of rows, or out's or max's length is not the number of
 * rows.
 */
/* rowArgmax's and bestMatch's max: none (type -1) when undefined, else a
 * float array of one element per row. */
static gboolean
get_row_max_out (JSContext * ctx, const gchar * fn, JSValueConst value,
    gsize rows, GvajsArrayView * max)
{
  max->type = -1;
  if (JS_IsUndefined (value))
    return TRUE;
  if (!_gvajs_array_view (ctx, fn, "max", value, max))
    return FALSE;
  if (max->type != JS_TYPED_ARRAY_FLOAT32 &&
      max->type != JS_TYPED_ARRAY_FLOAT64) {
    _gvajs_throw_type (ctx, fn, "max", "a Float32Array or Float64Array",
        value);
    return FALSE;
  }
  if (max->length != rows) {
    JS_ThrowRangeError (ctx, "%s(): max has %" G_GSIZE_FORMAT " elements, "
        "not one per row (%" G_GSIZE_FORMAT ")", fn, max->length, rows);
    return FALSE;
  }
  return TRUE;
}

/* Row @r's best index (-1 for none) into @out, and its value into @max
 * when there is one. */
static void
set_row_best (const GvajsArrayView * out, const GvajsArrayView * max,
    gsize r, gint64 best, double value)
{
  ((gint32 *) out->data)[r] = best;
  if (max->type == JS_TYPED_ARRAY_FLOAT32)
    ((gfloat *) max->data)[r] = value;
  else if (max->type == JS_TYPED_ARRAY_FLOAT64)
    ((gdouble *) max->data)[r] = value;
}

static JSValue
js_gvajs_row_argmax (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView m, out, max;
  gint64 cols;
  gsize rows, r;
  guint64 steps = 0;
  JSValue result;

  if (!_gvajs_get_int (ctx, "rowArgmax", "cols", ARG (1), 1, G_MAXINT32,
          &cols) || !_gvajs_array_view (ctx, "rowArgmax", "m", ARG (0), &m))
    return JS_EXCEPTION;
  if (m.length == 0 || m.length % cols != 0)
    return JS_ThrowRangeError (ctx, "rowArgmax(): m has %" G_GSIZE_FORMAT
        " elements, which is not a whole number of rows of %" G_GINT64_FORMAT,
        m.length, cols);
  rows = m.length / cols;
  if (!get_row_max_out (ctx, "rowArgmax", ARG (3), rows, &max))
    return JS_EXCEPTION;
  result = _gvajs_output_array (ctx, "rowArgmax", ARG (2),
      JS_TYPED_ARRAY_INT32, rows, &out, "%" G_GSIZE_FORMAT " elements (one "
      "per row)", rows);
  if (JS_IsException (result))
    return result;
  for (r = 0; r < rows; r++) {
    gint64 best = -1;
    double best_value = NAN;

    if (!_gvajs_scope_charge (ctx, &steps, cols)) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    }
    argmax_update (&m, r * cols, (r + 1) * cols, &best, &best_value);
    /* A row's index, relative to the row. */
    set_row_best (&out, &max, r, best < 0 ? -1 : best - (gint64) (r * cols),
        best_value);
  }
  return result;
}

/**
 * bestMatch(a: Float32Array, b: Float32Array, k: number, out?: Int32Array,
 *     max?: Float32Array | Float64Array): Int32Array
 *
 * For each row of a, the row of b with the largest dot product: what
 * `rowArgmax(matMul(a, b, k), b.length / k, out, max)` gives, in one call
 * and without the matrix of products (numpy's `(a @ b.T).argmax(1)`).
 * With l2-normalized embeddings in a and a gallery in b, every face's
 * identity; max (when given) receives each best similarity. Rows whose
 * every product is NaN give -1 (and NaN). Sums are single precision, in
 * an order of their own: a product within rounding of another may win
 * where matMul's would not. Throws as matMul and rowArgmax do for their
 * arguments, and RangeError when out or max shares memory with a or b.
 */
/* bestMatch's blocks: products of 48 rows of a by 64 of b at a time, in
 * 12 KiB on the stack (no allocation a frame), then each row's running
 * maximum over them. The 48 rows stay in one core's L2 for k up to 1024
 * or so, and the deadline is looked at after at most 48 × 64 × k
 * multiply-adds. (One block of 96 × 128 on the heap measured the same.) */
#define MATCH_ROWS 48
#define MATCH_COLS 64

typedef struct
{
  GvajsArrayView a, b, out, max;
  gsize n, k;
  gboolean kernel;              /* match.c's kernel, else product() */
} Match;

/* Rows [@i, @i + @rows) of @match. */
static gboolean
match_rows (JSContext * ctx, const Match * match, gsize i, gsize rows,
    guint64 * steps)
{
  gfloat sims[MATCH_ROWS * MATCH_COLS];
  gint64 best[MATCH_ROWS];
  double value[MATCH_ROWS];
  gsize j, r;

  for (r = 0; r < rows; r++) {
    best[r] = -1;
    value[r] = NAN;
  }
  for (j = 0; j < match->n; j += MATCH_COLS) {
    const gfloat *a = (const gfloat *) match->a.data + i * match->k;
    const gfloat *b = (const gfloat *) match->b.data + j * match->k;
    gsize cols = MIN (MATCH_COLS, match->n - j);

    if (!_gvajs_scope_charge (ctx, steps,
            rows * cols * match->k / MACS_PER_STEP + 1))
      return FALSE;
    if (match->kernel)
      _gvajs_match_products (a, rows, b, cols, match->k, sims, cols);
    else
      product (a, b, sims, rows, cols, match->k);
    for (r = 0; r < rows; r++)
      argmax_update_f32 (sims + r * cols, cols, j, &best[r], &value[r]);
  }
  for (r = 0; r < rows; r++)
    set_row_best (&match->out, &match->max, i + r, best[r], value[r]);
  return TRUE;
}

/* Whether bestMatch's output @arg is clear of its inputs, which later
 * blocks still read; throws when not. */
static gboolean
clear_of_inputs (JSContext * ctx, const GvajsArrayView * view,
    const GvajsArrayView * a, const GvajsArrayView * b, const gchar * arg)
{
  if (!views_overlap (view, a) && !views_overlap (view, b))
    return TRUE;
  JS_ThrowRangeError (ctx, "bestMatch(): %s shares memory with a or b", arg);
  return FALSE;
}

/* bestMatch's arguments but out: a, b, k and max (when given) into
 * @match, the rows of a into *@m. */
static gboolean
get_match_inputs (JSContext * ctx, int argc, JSValueConst * argv,
    Match * match, gsize * m)
{
  gint64 k;

  if (!_gvajs_get_int (ctx, "bestMatch", "k", ARG (2), 1, G_MAXINT32, &k) ||
      !get_matrix (ctx, "bestMatch", "a", ARG (0), k, &match->a, m) ||
      !get_matrix (ctx, "bestMatch", "b", ARG (1), k, &match->b, &match->n) ||
      !get_row_max_out (ctx, "bestMatch", ARG (4), *m, &match->max) ||
      (!JS_IsUndefined (ARG (4)) &&
          !clear_of_inputs (ctx, &match->max, &match->a, &match->b, "max")))
    return FALSE;
  if (match->n > G_MAXINT32) {
    JS_ThrowRangeError (ctx, "bestMatch(): b has %" G_GSIZE_FORMAT " rows, "
        "more than an Int32Array can index", match->n);
    return FALSE;
  }
  match->k = k;
  match->kernel = _gvajs_match_runs (k);
  return TRUE;
}

static JSValue
js_gvajs_best_match (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Match match;
  gsize m, i;
  guint64 steps = 0;
  JSValue result;

  if (!get_match_inputs (ctx, argc, argv, &match, &m))
    return JS_EXCEPTION;
  result = _gvajs_output_array (ctx, "bestMatch", ARG (3),
      JS_TYPED_ARRAY_INT32, m, &match.out, "%" G_GSIZE_FORMAT " elements "
      "(one per row of a)", m);
  if (JS_IsException (result) ||
      !clear_of_inputs (ctx, &match.out, &match.a, &match.b, "out")) {
    JS_FreeValue (ctx, result);
    return JS_EXCEPTION;
  }
  for (i = 0; i < m; i += MATCH_ROWS)
    if (!match_rows (ctx, &match, i, MIN (MATCH_ROWS, m - i), &steps)) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    }
  return result;
}

/**
 * nms(boxes: NumericArray, scores: NumericArray, iouThreshold: number,
 *     maxOutput?: number): Int32Array
 *
 * Greedy non-maximum suppression. boxes holds x1, y1, x2, y2 (corners, as
 * DL Streamer's x_min..y_max; any unit) for each of the scores.length
 * boxes; a box is dropped when its IoU with a kept, higher-scoring box is
 * greater than iouThreshold. Returns the kept indices, highest score first
 * (lower index first on ties), at most maxOutput of them (default all).
 * Boxes whose score is NaN are never kept; no boxes gives an empty array.
 * Throws TypeError for non-typed-arrays or a threshold that is not a
 * number, RangeError when boxes.length != 4 * scores.length, iouThreshold
 * is NaN or outside 0..1, or maxOutput is not a non-negative integer.
 */
static JSValue
js_gvajs_nms (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView boxes, scores, kv;
  JSValue result = JS_EXCEPTION;
  double threshold;
  gsize max_output, n, nkept;
  Ranked *order;
  gint32 *keep;

  if (!get_nms_args (ctx, argc, argv, &boxes, &scores, &threshold,
          &max_output) || (order = rank_scores (ctx, &scores, &n)) == NULL)
    return JS_EXCEPTION;
  keep = g_new (gint32, MAX (n, 1));
  if (suppress (ctx, &boxes, order, n, threshold, max_output, keep, &nkept))
    result = _gvajs_new_array_view (ctx, nkept, JS_TYPED_ARRAY_INT32, &kv);
  if (!JS_IsException (result) && nkept > 0)
    memcpy (kv.data, keep, nkept * sizeof (gint32));
  g_free (keep);
  g_free (order);
  return result;
}

/* Exported by module.c as named exports of "gvajs"; image.c adds the
 * frame helpers. */
const JSCFunctionListEntry _gvajs_helpers_funcs[] = {
  JS_CFUNC_DEF ("argmax", 1, js_gvajs_argmax),
  JS_CFUNC_DEF ("topK", 2, js_gvajs_top_k),
  JS_CFUNC_DEF ("softmax", 1, js_gvajs_softmax),
  JS_CFUNC_DEF ("sigmoid", 1, js_gvajs_sigmoid),
  JS_CFUNC_DEF ("dot", 2, js_gvajs_dot),
  JS_CFUNC_DEF ("cosine", 2, js_gvajs_cosine),
  JS_CFUNC_DEF ("l2normalize", 1, js_gvajs_l2normalize),
  JS_CFUNC_DEF ("matVec", 2, js_gvajs_mat_vec),
  JS_CFUNC_DEF ("matMul", 3, js_gvajs_mat_mul),
  JS_CFUNC_DEF ("rowArgmax", 2, js_gvajs_row_argmax),
  JS_CFUNC_DEF ("bestMatch", 3, js_gvajs_best_match),
  JS_CFUNC_DEF ("nms", 3, js_gvajs_nms),
  JS_CFUNC_DEF ("audioLevels", 2, js_gvajs_audio_levels),
};

const gint _gvajs_helpers_n_funcs = G_N_ELEMENTS (_gvajs_helpers_funcs);

const gchar *
_gvajs_helpers_blas (void)
{
  return GVAJS_BLAS_NAME;
}
