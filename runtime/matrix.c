/* SPDX-License-Identifier: MIT */
/* Matrix helpers of the built-in module "gvajs": a batch of embeddings
 * against a gallery in one product, and the best match of each row.
 *
 * matMul is what numpy's `a @ b.T` is, and runs where numpy's does: in a
 * BLAS's sgemm (OpenBLAS, when gvajs was built with one: meson option
 * `blas`), else in helpers.c's four-row kernel, which matVec also uses.
 * Either way in single precision, as the Float32Arrays it takes.
 *
 * Time: the product is done a block of rows at a time, each charged to
 * the call's time budget before it runs, so a script cannot start a
 * product that runs past its budget by more than one block (about a
 * millisecond). */
#include "config.h"
#include "matrix.h"
#include "helpers.h"
#include "scope.h"

#ifdef HAVE_CBLAS
#include <cblas.h>
#endif
#include <math.h>

#define ARG(i) ((i) < argc ? argv[i] : JS_UNDEFINED)

/* Multiply-adds per budget step: a BLAS does tens per nanosecond. */
#define MACS_PER_STEP 16
/* Rows of a per block: about 2^20 multiply-adds. */
#define BLOCK_MACS (1 << 20)

static gboolean
get_matrix (JSContext * ctx, const gchar * arg, JSValueConst value,
    gsize cols, GvajsArrayView * view, gsize * rows)
{
  if (!_gvajs_array_view (ctx, "matMul", arg, value, view))
    return FALSE;
  if (view->type != JS_TYPED_ARRAY_FLOAT32) {
    JS_ThrowTypeError (ctx, "matMul(): %s must be a Float32Array, not a %s",
        arg, _gvajs_typed_array_name (view->type));
    return FALSE;
  }
  if (view->length == 0 || view->length % cols != 0) {
    JS_ThrowRangeError (ctx, "matMul(): %s has %" G_GSIZE_FORMAT " elements, "
        "which is not a whole number of rows of %" G_GSIZE_FORMAT, arg,
        view->length, cols);
    return FALSE;
  }
  *rows = view->length / cols;
  return TRUE;
}

static gboolean
overlaps (const GvajsArrayView * a, const GvajsArrayView * b)
{
  const guint8 *pa = a->data, *pb = b->data;

  return pa < pb + b->length * 4 && pb < pa + a->length * 4;
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
      _gvajs_dot4_f32 (b + j * k, k, a + i * k, k, sums);
      for (c = 0; c < 4; c++)
        out[i * n + j + c] = sums[c];
    }
    for (; j < n; j++)
      out[i * n + j] = _gvajs_dot_f32 (b + j * k, a + i * k, k);
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
      !get_matrix (ctx, "a", ARG (0), k, &a, &m) ||
      !get_matrix (ctx, "b", ARG (1), k, &b, &n))
    return JS_EXCEPTION;
  if (m > G_MAXINT32 || n > G_MAXINT32 || m * n > G_MAXINT32)
    return JS_ThrowRangeError (ctx, "matMul(): a result of %" G_GSIZE_FORMAT
        " × %" G_GSIZE_FORMAT " is too large", m, n);
  if (JS_IsUndefined (ARG (3))) {
    result = _gvajs_new_array_view (ctx, m * n, JS_TYPED_ARRAY_FLOAT32, &out);
    if (JS_IsException (result))
      return result;
    /* Making it ran no JS, but may have moved nothing: views stay. */
  } else {
    if (!_gvajs_array_view (ctx, "matMul", "out", ARG (3), &out))
      return JS_EXCEPTION;
    if (out.type != JS_TYPED_ARRAY_FLOAT32 || out.length != m * n)
      return JS_ThrowRangeError (ctx, "matMul(): out must be a Float32Array "
          "of %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " elements", m, n);
    if (overlaps (&out, &a) || overlaps (&out, &b))
      return JS_ThrowRangeError (ctx, "matMul(): out shares memory with a or "
          "b");
    result = JS_DupValue (ctx, ARG (3));
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
 * rowArgmax(m: NumericArray, cols: number, out?: Int32Array): Int32Array
 *
 * The index of the largest value of each row of m (rows of cols values,
 * row-major), the first on ties; a row of NaN only gives -1. With
 * matMul's similarities, the best identity of each face:
 * `sims[i * cols + best[i]]` is its similarity. Returns a new Int32Array
 * of m.length / cols elements, or out. Throws TypeError for a
 * non-typed-array m or a non-Int32Array out, RangeError when cols is not
 * a positive integer, m is empty or not a whole number of rows, or out's
 * length is not the number of rows.
 */
static JSValue
js_gvajs_row_argmax (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArrayView m, out;
  gint64 cols;
  gsize rows, r, c;
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
  if (JS_IsUndefined (ARG (2))) {
    result = _gvajs_new_array_view (ctx, rows, JS_TYPED_ARRAY_INT32, &out);
    if (JS_IsException (result))
      return result;
  } else {
    if (!_gvajs_array_view (ctx, "rowArgmax", "out", ARG (2), &out))
      return JS_EXCEPTION;
    if (out.type != JS_TYPED_ARRAY_INT32 || out.length != rows)
      return JS_ThrowRangeError (ctx, "rowArgmax(): out must be an "
          "Int32Array of %" G_GSIZE_FORMAT " elements (one per row)", rows);
    result = JS_DupValue (ctx, ARG (2));
  }
  for (r = 0; r < rows; r++) {
    gint32 best = -1;
    gdouble top = 0;

    if (!_gvajs_scope_charge (ctx, &steps, cols)) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    }
    if (m.type == JS_TYPED_ARRAY_FLOAT32) {
      const gfloat *row = (const gfloat *) m.data + r * cols;
      gfloat high = -INFINITY;

      /* NaN is never greater; a row of -Infinity is found after. */
      for (c = 0; c < (gsize) cols; c++)
        if (row[c] > high) {
          high = row[c];
          best = c;
        }
      for (c = 0; best < 0 && c < (gsize) cols; c++)
        if (row[c] == -INFINITY)
          best = c;
    } else {
      for (c = 0; c < (gsize) cols; c++) {
        gdouble x = _gvajs_array_view_get (&m, r * cols + c);

        if (x == x && (best < 0 || x > top)) {
          best = c;
          top = x;
        }
      }
    }
    ((gint32 *) out.data)[r] = best;
  }
  return result;
}

const gchar *
_gvajs_matrix_blas (void)
{
  return GVAJS_BLAS_NAME;
}

/* Exported by module.c as named exports of "gvajs". */
const JSCFunctionListEntry _gvajs_matrix_funcs[] = {
  JS_CFUNC_DEF ("matMul", 3, js_gvajs_mat_mul),
  JS_CFUNC_DEF ("rowArgmax", 2, js_gvajs_row_argmax),
};

const gint _gvajs_matrix_n_funcs = G_N_ELEMENTS (_gvajs_matrix_funcs);
