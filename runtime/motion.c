/* SPDX-License-Identifier: MIT */
/* Moving objects for static cameras: a background model per block of
 * pixels, and the boxes of the connected parts of a mask. The model lives
 * in a Float32Array the script owns (so it counts against memory-limit
 * and survives between frames): per block, the running mean of each
 * colour component and one running variance. Each call costs one pass
 * over the frame (foreground) or the mask (blobs). */
#include "motion.h"
#include "scope.h"

#include <math.h>
#include <string.h>

#define FLOATS_PER_CELL 8
#define MAX_SCALE 16
#define MAX_GAP 8
/* blobs() needs 11 bytes of scratch per cell, from the JS heap (so under
 * memory-limit): 2^23 cells is a 4K frame. */
#define MAX_CELLS (1 << 23)
/* A fresh cell's variance: a deviation of 10 code values. */
#define INITIAL_VARIANCE 100.0f

typedef struct
{
  gint scale;
  gdouble rate, threshold, min_sigma, absorb;
} ForegroundOptions;

typedef struct
{
  gint gap, open;
  gdouble min_area, scale;
} BlobOptions;

/* options[@name] as a number from @min to @max (an integer when
 * @integer), or @out unchanged when absent. */
static gboolean
get_option (JSContext * ctx, const gchar * fn, JSValueConst options,
    const gchar * name, gdouble min, gdouble max, gboolean integer,
    gdouble * out)
{
  gchar *arg = g_strdup_printf ("options.%s", name);
  JSValue v = JS_GetPropertyStr (ctx, options, name);
  gboolean ok = !JS_IsException (v);
  gint64 i;

  if (ok && !JS_IsUndefined (v) && integer) {
    ok = _gvajs_get_int (ctx, fn, arg, v, (gint64) min, (gint64) max, &i);
    *out = i;
  } else if (ok && !JS_IsUndefined (v)) {
    ok = _gvajs_get_finite (ctx, fn, arg, v, out);
    if (ok && !(*out >= min && *out <= max)) {
      JS_ThrowRangeError (ctx, "%s(): %s must be from %g to %g, not %g", fn,
          arg, min, max, *out);
      ok = FALSE;
    }
  }
  g_free (arg);
  JS_FreeValue (ctx, v);
  return ok;
}

static gboolean
check_options (JSContext * ctx, const gchar * fn, JSValueConst options)
{
  if (JS_IsUndefined (options) || JS_IsObject (options))
    return TRUE;
  _gvajs_throw_type (ctx, fn, "options", "an object", options);
  return FALSE;
}

/* Throws "@fn(): @arg must be @want, not <@value>", naming a typed
 * array's kind (a Float32Array where a mask is wanted). */
static void
throw_type (JSContext * ctx, const gchar * fn, const gchar * arg,
    const gchar * want, JSValueConst value)
{
  gint type = _gvajs_typed_array_type (ctx, value);

  if (type < 0)
    _gvajs_throw_type (ctx, fn, arg, want, value);
  else
    JS_ThrowTypeError (ctx, "%s(): %s must be %s, not a %s", fn, arg, want,
        _gvajs_typed_array_name (type));
}

/* ---- foreground ---- */

static gboolean
get_foreground_options (JSContext * ctx, JSValueConst options,
    ForegroundOptions * opts)
{
  gdouble scale = 2;

  opts->rate = 0.02;
  opts->threshold = 4;
  opts->min_sigma = 6;
  opts->absorb = 50;
  if (!check_options (ctx, "foreground", options))
    return FALSE;
  if (JS_IsObject (options) &&
      (!get_option (ctx, "foreground", options, "scale", 1, MAX_SCALE, TRUE,
              &scale) ||
          !get_option (ctx, "foreground", options, "rate", 1e-6, 1, FALSE,
              &opts->rate) ||
          !get_option (ctx, "foreground", options, "threshold", 0.1, 100,
              FALSE, &opts->threshold) ||
          !get_option (ctx, "foreground", options, "minSigma", 0, 255, FALSE,
              &opts->min_sigma) ||
          !get_option (ctx, "foreground", options, "absorb", 0, 1e6, TRUE,
              &opts->absorb)))
    return FALSE;
  opts->scale = (gint) scale;
  return TRUE;
}

/* The model's Float32Array, checked to hold FLOATS_PER_CELL floats for
 * each of the @cells blocks. */
static gboolean
get_model (JSContext * ctx, JSValueConst value, const GstVideoInfo * info,
    gint scale, gsize cells, GvajsArrayView * view)
{
  if (_gvajs_typed_array_type (ctx, value) == JS_TYPED_ARRAY_FLOAT32 &&
      _gvajs_array_view (ctx, "foreground", "model", value, view) &&
      view->length == FLOATS_PER_CELL * cells)
    return TRUE;
  if (!JS_HasException (ctx)) {
    gchar *want = g_strdup_printf ("a Float32Array of %d x %" G_GSIZE_FORMAT
        " = %" G_GSIZE_FORMAT " values (the model of a %dx%d frame at scale "
        "%d, zeros to start)", FLOATS_PER_CELL, cells,
        FLOATS_PER_CELL * cells, info->width, info->height, scale);
    if (_gvajs_typed_array_type (ctx, value) == JS_TYPED_ARRAY_FLOAT32)
      JS_ThrowTypeError (ctx, "foreground(): model must be %s, not %"
          G_GSIZE_FORMAT " values", want, view->length);
    else
      throw_type (ctx, "foreground", "model", want, value);
    g_free (want);
  }
  return FALSE;
}

/* The mean of each component over block [x0, x1) x [y0, y1). */
static void
block_means (const GvajsComponent * comps, guint n, gint x0, gint y0,
    gint x1, gint y1, gfloat * means)
{
  const GvajsComponent *comp;
  guint32 sum;
  guint c;
  gint x, y;

  for (c = 0; c < n; c++) {
    comp = &comps[c];
    sum = 0;
    for (y = y0; y < y1; y++) {
      const guint8 *row = comp->base + (gsize) (y >> comp->h_sub) *
          comp->stride;
      for (x = x0; x < x1; x++)
        sum += row[(gsize) (x >> comp->w_sub) * comp->pstride];
    }
    means[c] = (gfloat) sum / ((x1 - x0) * (y1 - y0));
  }
}

/* The mean squared difference of @n components. */
static gdouble
distance2 (const gfloat * a, const gfloat * b, guint n)
{
  gdouble d2 = 0;
  guint c;

  for (c = 0; c < n; c++)
    d2 += (a[c] - b[c]) * (a[c] - b[c]);
  return d2 / n;
}

/* One block's model (3 means, a variance, then the frames it has been
 * foreground and still, and the 3 means it has kept meanwhile) against
 * its @means: whether it is foreground. Background blocks learn at the
 * rate, foreground ones at a tenth of it. A block foreground and
 * unchanged for more than `absorb` frames is taken into the background at
 * once: a ghost (what the model started with has gone) or something that
 * stopped. Something moving through, however long, changes the block and
 * starts the count again. */
static gboolean
update_cell (gfloat * model, const gfloat * means, guint n,
    const ForegroundOptions * opts)
{
  gdouble d2, th, rate;
  gfloat *still = model + 5;
  gboolean fg;
  guint c;

  if (model[3] <= 0) {
    memcpy (model, means, n * sizeof (gfloat));
    model[3] = INITIAL_VARIANCE;
    return FALSE;
  }
  d2 = distance2 (means, model, n);
  th = opts->threshold * opts->threshold * MAX (model[3],
      opts->min_sigma * opts->min_sigma);
  fg = d2 > th;
  if (!fg) {
    model[4] = 0;
  } else if (model[4] > 0 && distance2 (means, still, n) <= th) {
    model[4]++;
  } else {
    model[4] = 1;
    memcpy (still, means, n * sizeof (gfloat));
  }
  rate = !fg ? opts->rate : opts->absorb > 0 && model[4] > opts->absorb ? 1 :
      opts->rate / 10;
  for (c = 0; c < n; c++)
    model[c] += rate * (means[c] - model[c]);
  if (!fg)
    model[3] += rate * (d2 - model[3]);
  return fg;
}

static void
update_model (const GvajsComponent * comps, guint n, gint width,
    gint height, const ForegroundOptions * opts, gfloat * model,
    guint8 * mask)
{
  gint s = opts->scale, mw = (width + s - 1) / s, mh = (height + s - 1) / s;
  gint mx, my;
  gfloat means[3];

  for (my = 0; my < mh; my++)
    for (mx = 0; mx < mw; mx++) {
      block_means (comps, n, mx * s, my * s, MIN (mx * s + s, width),
          MIN (my * s + s, height), means);
      mask[my * mw + mx] = update_cell (model + FLOATS_PER_CELL *
          ((gsize) my * mw + mx), means, n, opts) ? 255 : 0;
    }
}

/**
 * foreground(frame: VideoFrame, model: Float32Array,
 *     options?: {scale?: number, rate?: number, threshold?: number,
 *     minSigma?: number, absorb?: number}): Uint8Array
 *
 * The moving parts of a static camera's frame: a mask of one byte per
 * block of scale x scale pixels (default 2; ceil(width / scale) x
 * ceil(height / scale) of them, row by row), 255 where the block's colour
 * is more than threshold (default 4) deviations from its running mean, 0
 * elsewhere. model holds the background (8 floats per block: the means
 * of the frame's components, a variance, and what keeps count of a still
 * foreground; zeros to start, when the first frame becomes the
 * background) and is updated: background blocks at rate (default 0.02,
 * about 50 frames), foreground ones at a tenth, and a block foreground
 * and unchanged for more than absorb frames (default 50; 0: never)
 * becomes background at once (a ghost of what stood there when the model
 * started, or something that stopped). minSigma (default 6) is the least
 * deviation a block is judged by. Formats as cropResize().
 */
static JSValue
js_gvajs_foreground (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  ForegroundOptions opts;
  GvajsComponent comps[3];
  GvajsArrayView model, mask;
  const GstVideoInfo *info;
  gsize mw, mh;
  guint n;
  JSValue result;

  if ((scope = _gvajs_frame_get_arg (ctx, "foreground", argc > 0 ? argv[0] :
              JS_UNDEFINED)) == NULL ||
      !_gvajs_frame_check_format (ctx, "foreground", scope) ||
      !get_foreground_options (ctx, argc > 2 ? argv[2] : JS_UNDEFINED, &opts))
    return JS_EXCEPTION;
  info = scope->info;
  mw = (info->width + opts.scale - 1) / opts.scale;
  mh = (info->height + opts.scale - 1) / opts.scale;
  n = GST_VIDEO_INFO_IS_GRAY (info) ? 1 : 3;
  result = _gvajs_new_array_view (ctx, mw * mh, JS_TYPED_ARRAY_UINT8, &mask);
  if (JS_IsException (result))
    return result;
  /* The model's view last: making the mask may move nothing, but no JS
   * runs after it. */
  if (!get_model (ctx, argc > 1 ? argv[1] : JS_UNDEFINED, info, opts.scale,
          mw * mh, &model) ||
      !_gvajs_scope_map (ctx, scope, GST_MAP_READ, "foreground") ||
      !_gvajs_frame_components (ctx, "foreground", scope, n, comps)) {
    JS_FreeValue (ctx, result);
    return JS_EXCEPTION;
  }
  update_model (comps, n, info->width, info->height, &opts, model.data,
      mask.data);
  return result;
}

/* ---- blobs ---- */

static gboolean
get_blob_options (JSContext * ctx, JSValueConst options, BlobOptions * opts)
{
  gdouble gap = 1, open = 1;

  opts->min_area = 1;
  opts->scale = 1;
  if (!check_options (ctx, "blobs", options))
    return FALSE;
  if (JS_IsObject (options) &&
      (!get_option (ctx, "blobs", options, "gap", 0, MAX_GAP, TRUE, &gap) ||
          !get_option (ctx, "blobs", options, "open", 0, MAX_GAP, TRUE,
              &open) ||
          !get_option (ctx, "blobs", options, "minArea", 0, 1e12, FALSE,
              &opts->min_area) ||
          !get_option (ctx, "blobs", options, "scale", 1e-3, 1e3, FALSE,
              &opts->scale)))
    return FALSE;
  opts->gap = (gint) gap;
  opts->open = (gint) open;
  return TRUE;
}

/* The mask's bytes, @width x @height of them. */
static gboolean
get_mask (JSContext * ctx, int argc, JSValueConst * argv, gint * width,
    gint * height, GvajsArrayView * view)
{
  gint64 w, h;
  gint type = _gvajs_typed_array_type (ctx, argc > 0 ? argv[0] :
      JS_UNDEFINED);

  if (type != JS_TYPED_ARRAY_UINT8 && type != JS_TYPED_ARRAY_UINT8C) {
    throw_type (ctx, "blobs", "mask", "a Uint8Array", argc > 0 ? argv[0] :
        JS_UNDEFINED);
    return FALSE;
  }
  if (!_gvajs_get_int (ctx, "blobs", "width", argc > 1 ? argv[1] :
          JS_UNDEFINED, 1, MAX_CELLS, &w) ||
      !_gvajs_get_int (ctx, "blobs", "height", argc > 2 ? argv[2] :
          JS_UNDEFINED, 1, MAX_CELLS, &h) ||
      !_gvajs_array_view (ctx, "blobs", "mask", argv[0], view))
    return FALSE;
  if (w * h > MAX_CELLS || (gsize) (w * h) != view->length) {
    JS_ThrowRangeError (ctx, "blobs(): mask has %" G_GSIZE_FORMAT " bytes, "
        "not width x height = %" G_GINT64_FORMAT " (at most %d)",
        view->length, w * h, MAX_CELLS);
    return FALSE;
  }
  *width = w;
  *height = h;
  return TRUE;
}

/* @in (0 or 1 per cell) grown (@grow) or shrunk by @r cells in every
 * direction, a square, into @out; @tmp is scratch. Shrinking keeps the
 * cells whose whole square is set (the frame's edge counts as set). */
static gboolean
morph (JSContext * ctx, guint64 * steps, const guint8 * in, gint w, gint h,
    gint r, gboolean grow, guint8 * out, guint8 * tmp)
{
  gint x, y, k;
  guint8 v;

  for (y = 0; y < h; y++) {
    /* Two passes of up to 2r + 1 reads a cell. */
    if (!_gvajs_scope_charge (ctx, steps, (guint64) w * (4 * r + 2)))
      return FALSE;
    for (x = 0; x < w; x++) {
      v = !grow;
      for (k = MAX (x - r, 0); v == !grow && k <= MIN (x + r, w - 1); k++)
        v = in[y * w + k] != 0;
      tmp[y * w + x] = v;
    }
  }
  for (y = 0; y < h; y++)
    for (x = 0; x < w; x++) {
      v = !grow;
      for (k = MAX (y - r, 0); v == !grow && k <= MIN (y + r, h - 1); k++)
        v = tmp[k * w + x];
      out[y * w + x] = v;
    }
  return TRUE;
}

static guint32
find (guint32 * parent, guint32 i)
{
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/* Joins the sets of @a and @b; the smaller index is the root, so a
 * component's root is its first cell in scan order. */
static void
unite (guint32 * parent, guint32 a, guint32 b)
{
  a = find (parent, a);
  b = find (parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

/* 8-connected components of the set cells of @set. */
static gboolean
label (JSContext * ctx, guint64 * steps, const guint8 * set, gint w, gint h,
    guint32 * parent)
{
  gint x, y;
  guint32 i;

  for (y = 0; y < h; y++) {
    if (!_gvajs_scope_charge (ctx, steps, (guint64) w * 4))
      return FALSE;
    for (x = 0; x < w; x++) {
      i = (guint32) (y * w + x);
      parent[i] = i;
      if (!set[i])
        continue;
      if (x > 0 && set[i - 1])
        unite (parent, i, i - 1);
      if (y > 0 && x > 0 && set[i - w - 1])
        unite (parent, i, i - w - 1);
      if (y > 0 && set[i - w])
        unite (parent, i, i - w);
      if (y > 0 && x + 1 < w && set[i - w + 1])
        unite (parent, i, i - w + 1);
    }
  }
  return TRUE;
}

typedef struct
{
  gint x0, y0, x1, y1;          /* inclusive, in cells */
  gsize area;                   /* the mask's own set cells */
} Blob;

/* The box and area of each component of @set, from the cells of @mask
 * (the opened mask, not the joining dilation), as @blobs; @id is
 * scratch. */
static gboolean
measure (JSContext * ctx, guint64 * steps, const guint8 * mask,
    const guint8 * set, gint w, gint h, guint32 * parent, guint32 * id,
    GArray * blobs)
{
  guint32 i, root;
  gint x, y;
  Blob *b;

  for (y = 0; y < h; y++) {
    if (!_gvajs_scope_charge (ctx, steps, (guint64) w * 2))
      return FALSE;
    for (x = 0; x < w; x++) {
      i = (guint32) (y * w + x);
      if (!set[i])
        continue;
      root = find (parent, i);
      if (root == i) {
        Blob fresh = { x, y, x, y, 0 };
        id[i] = blobs->len;
        g_array_append_val (blobs, fresh);
      } else {
        id[i] = id[root];
      }
      if (!mask[i])
        continue;
      b = &g_array_index (blobs, Blob, id[i]);
      b->x0 = b->area ? MIN (b->x0, x) : x;
      b->y0 = b->area ? MIN (b->y0, y) : y;
      b->x1 = b->area ? MAX (b->x1, x) : x;
      b->y1 = b->area ? MAX (b->y1, y) : y;
      b->area++;
    }
  }
  return TRUE;
}

static int
by_area (gconstpointer a, gconstpointer b)
{
  gsize x = ((const Blob *) a)->area, y = ((const Blob *) b)->area;

  return x > y ? -1 : x < y;
}

static JSValue
blobs_to_js (JSContext * ctx, GArray * blobs, const BlobOptions * opts)
{
  GvajsArray array = GVAJS_ARRAY_INIT;
  JSValue rect;
  gdouble s = opts->scale, area;
  guint i;

  g_array_sort (blobs, by_area);
  for (i = 0; i < blobs->len && !array.failed; i++) {
    const Blob *b = &g_array_index (blobs, Blob, i);
    area = b->area * s * s;
    if (b->area == 0 || area < opts->min_area)
      continue;
    rect = _gvajs_new_rect (ctx, b->x0 * s, b->y0 * s, (b->x1 - b->x0 + 1) *
        s, (b->y1 - b->y0 + 1) * s);
    if (!JS_IsException (rect))
      JS_SetPropertyStr (ctx, rect, "area", JS_NewFloat64 (ctx, area));
    _gvajs_array_add (ctx, &array, rect);
  }
  return _gvajs_array_end (ctx, &array);
}

/**
 * blobs(mask: Uint8Array, width: number, height: number,
 *     options?: {minArea?: number, open?: number, gap?: number,
 *     scale?: number}):
 *     {x, y, w, h, area}[]
 *
 * The 8-connected parts of the non-zero cells of a width x height mask
 * (as foreground() makes), largest first: each one's box and its number
 * of cells (area), both multiplied by scale (default 1; the foreground's
 * scale gives frame pixels). First the mask is opened by open cells
 * (0..8, default 1: shrunk, then grown back), which removes lines and
 * specks thinner than 2 x open + 1 cells (a fluttering tape, noise);
 * then parts with at most 2 x gap empty cells between them (gap 0..8,
 * default 1) are one. Boxes hold only the opened mask's cells. Parts
 * smaller than minArea (default 1, after scaling) are left out. Masks of
 * at most 2^23 cells.
 */
static JSValue
js_gvajs_blobs (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  BlobOptions opts;
  GvajsArrayView view;
  gint w, h;
  gsize n;
  guint8 *scratch, *opened, *set, *tmp;
  guint32 *parent, *id;
  guint64 steps = 0;
  gboolean ok;
  GArray *blobs;
  JSValue result;

  /* Options first: their getters may run JS, which may move the mask. */
  if (!get_blob_options (ctx, argc > 3 ? argv[3] : JS_UNDEFINED, &opts) ||
      !get_mask (ctx, argc, argv, &w, &h, &view))
    return JS_EXCEPTION;
  n = (gsize) w * h;
  /* One block for the scratch: opened, set, tmp (a byte a cell), then the
   * sets' parents and the blob ids (four bytes each, aligned after 4n). */
  if ((scratch = js_malloc (ctx, 11 * n + 4)) == NULL)
    return JS_EXCEPTION;
  opened = scratch;
  set = opened + n;
  tmp = set + n;
  parent = (guint32 *) (scratch + (3 * n + 3) / 4 * 4);
  id = parent + n;
  blobs = g_array_new (FALSE, FALSE, sizeof (Blob));
  ok = morph (ctx, &steps, view.data, w, h, opts.open, FALSE, set, tmp) &&
      morph (ctx, &steps, set, w, h, opts.open, TRUE, opened, tmp) &&
      morph (ctx, &steps, opened, w, h, opts.gap, TRUE, set, tmp) &&
      label (ctx, &steps, set, w, h, parent) &&
      measure (ctx, &steps, opened, set, w, h, parent, id, blobs);
  js_free (ctx, scratch);
  if (!ok) {
    g_array_unref (blobs);
    return JS_EXCEPTION;
  }
  result = blobs_to_js (ctx, blobs, &opts);
  g_array_unref (blobs);
  return result;
}

/* Exported by module.c as named exports of "gvajs". */
const JSCFunctionListEntry _gvajs_motion_funcs[] = {
  JS_CFUNC_DEF ("foreground", 2, js_gvajs_foreground),
  JS_CFUNC_DEF ("blobs", 3, js_gvajs_blobs),
};

const gint _gvajs_motion_n_funcs = G_N_ELEMENTS (_gvajs_motion_funcs);
