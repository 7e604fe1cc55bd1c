/* SPDX-License-Identifier: MIT */
/* Helpers of the built-in module "gvajs" over a frame's pixels: crop and
 * resize a region into a small Float32Array (a descriptor, a model input)
 * and per-channel statistics of a region. A byte loop over a region in
 * QuickJS costs ~100 ns per byte; here it is a few ns.
 *
 * Pixels are read through the call's read mapping (_gvajs_scope_map), with
 * the plane strides and offsets of the buffer's GstVideoMeta when it has
 * one (padded rows, as decoders make them), else of the caps, located by
 * frame.c (_gvajs_frame_components). Every format it accepts has 8-bit
 * components that GstVideoFormatInfo locates by plane, byte offset, pixel
 * stride and subsampling, so one code path reads them all; tests cover
 * RGB, BGR, RGBA, BGRx, xRGB, GRAY8, I420, NV12 and YUY2, and the others
 * differ from those only in these numbers.
 *
 * Time: a frame can be large and an output of up to 4096 × 4096 pixels
 * can come from a crop of one, so the loops charge their steps to the
 * call's time budget, a row at a time (_gvajs_scope_charge). */
#include "image.h"

#include <math.h>
#include <string.h>

/* A colour component (R, G or B; Y, U or V), read here only. */
typedef GvajsComponent Component;

typedef struct
{
  gint width, height;           /* the frame's, in pixels */
  gboolean yuv;                 /* else RGB or gray */
  guint n_comps;                /* 1 (gray) or 3 */
  Component comp[3];            /* R, G, B or Y, U, V */
  gdouble offset[3], scale[3];  /* YUV: code values of 0 and of the range */
  gdouble kr, kb;               /* YUV: luma weights of R and B */
} Source;

/* A rectangle of whole pixels, [x0, x1) × [y0, y1), inside the frame. */
typedef struct
{
  gint x0, y0, x1, y1;
} Rect;

static void
init_yuv (const GstVideoInfo * info, Source * src)
{
  gint offset[GST_VIDEO_MAX_COMPONENTS], scale[GST_VIDEO_MAX_COMPONENTS];
  guint c;

  src->yuv = TRUE;
  gst_video_color_range_offsets (info->colorimetry.range, info->finfo,
      offset, scale);
  for (c = 0; c < 3; c++) {
    src->offset[c] = offset[c];
    src->scale[c] = scale[c];
  }
  /* Unknown matrices are read as BT.601, the SD default. */
  if (!gst_video_color_matrix_get_Kr_Kb (info->colorimetry.matrix, &src->kr,
          &src->kb)) {
    src->kr = 0.299;
    src->kb = 0.114;
  }
}

/* Maps @scope's frame (format checked) for reading and describes where its
 * pixels are. */
static gboolean
get_source (JSContext * ctx, const gchar * fn, GvajsScope * scope,
    Source * src)
{
  const GstVideoInfo *info = scope->info;

  if (!_gvajs_scope_map (ctx, scope, GST_MAP_READ, fn))
    return FALSE;
  memset (src, 0, sizeof *src);
  src->width = GST_VIDEO_INFO_WIDTH (info);
  src->height = GST_VIDEO_INFO_HEIGHT (info);
  src->n_comps = GST_VIDEO_INFO_IS_GRAY (info) ? 1 : 3;
  if (!_gvajs_frame_components (ctx, fn, scope, src->n_comps, src->comp))
    return FALSE;
  if (GST_VIDEO_INFO_IS_YUV (info))
    init_yuv (info, src);
  return TRUE;
}

static gboolean
get_rect_field (JSContext * ctx, const gchar * fn, JSValueConst rect,
    GvajsAtom field, double *value)
{
  static const gchar names[] = "xywh";
  JSValue v = JS_GetProperty (ctx, rect, _gvajs_host_atoms (ctx)[field]);
  gboolean ok = JS_IsNumber (v) && JS_ToFloat64 (ctx, value, v) == 0 &&
      isfinite (*value);

  if (!ok && !JS_IsException (v))
    JS_ThrowTypeError (ctx, "%s(): rect.%c must be a finite number", fn,
        names[field - GVAJS_ATOM_X]);
  JS_FreeValue (ctx, v);
  return ok;
}

/* Reads {x, y, w, h} (pixels; fractions round to the nearest pixel) and
 * clips it to the frame. */
static gboolean
get_rect (JSContext * ctx, const gchar * fn, JSValueConst value,
    gint width, gint height, Rect * rect)
{
  double x, y, w, h;

  if (!JS_IsObject (value)) {
    JS_ThrowTypeError (ctx, "%s(): rect must be an object {x, y, w, h}", fn);
    return FALSE;
  }
  if (!get_rect_field (ctx, fn, value, GVAJS_ATOM_X, &x) ||
      !get_rect_field (ctx, fn, value, GVAJS_ATOM_Y, &y) ||
      !get_rect_field (ctx, fn, value, GVAJS_ATOM_W, &w) ||
      !get_rect_field (ctx, fn, value, GVAJS_ATOM_H, &h))
    return FALSE;
  rect->x0 = (gint) CLAMP (floor (x + 0.5), 0, width);
  rect->y0 = (gint) CLAMP (floor (y + 0.5), 0, height);
  rect->x1 = (gint) CLAMP (floor (x + w + 0.5), 0, width);
  rect->y1 = (gint) CLAMP (floor (y + h + 0.5), 0, height);
  if (rect->x1 > rect->x0 && rect->y1 > rect->y0)
    return TRUE;
  JS_ThrowRangeError (ctx, "%s(): rect {x: %g, y: %g, w: %g, h: %g} has no "
      "pixel inside the %dx%d frame", fn, x, y, w, h, width, height);
  return FALSE;
}

static inline guint8
component_at (const Component * comp, gint x, gint y)
{
  return comp->base[(gsize) y * comp->stride + (gsize) x * comp->pstride];
}

/* ---- cropResize ---- */

typedef struct
{
  gboolean rgb;                 /* else gray */
  gboolean planar;              /* "chw", else "hwc" */
  gboolean area;                /* "area", else "bilinear" */
  double max;                   /* value of full intensity */
  gint width, height;
} ResizeOptions;

/* Where a bilinear sample along one axis reads: cells i0 and i1 of a
 * component's grid, mixed as (1 - f) and f. */
typedef struct
{
  gint i0, i1;
  double f;
} Tap;

/* The tap at frame position @pos (pixels, centres on integers) in a grid
 * subsampled by 2^@sub, staying within cells [@lo, @hi]. */
static void
make_tap (double pos, gint sub, gint lo, gint hi, Tap * tap)
{
  /* A subsampled cell covers 2^sub pixels: centres scale about edges. */
  double c = CLAMP ((pos + 0.5) / (1 << sub) - 0.5, lo, hi);

  tap->i0 = (gint) floor (c);
  tap->f = c - tap->i0;
  tap->i1 = MIN (tap->i0 + 1, hi);
}

static inline double
bilinear (const Component * comp, const Tap * tx, const Tap * ty)
{
  double top = component_at (comp, tx->i0, ty->i0) * (1 - tx->f) +
      component_at (comp, tx->i1, ty->i0) * tx->f;
  double bottom = component_at (comp, tx->i0, ty->i1) * (1 - tx->f) +
      component_at (comp, tx->i1, ty->i1) * tx->f;

  return top * (1 - ty->f) + bottom * ty->f;
}

/* The part of an output pixel's footprint [@lo, @hi) (in the component's
 * grid) that source cell @i covers. */
static inline double
coverage (gint i, double lo, double hi)
{
  return MIN (i + 1, hi) - MAX (i, lo);
}

/* Component @comp averaged over the footprint @fp (frame pixels, edges),
 * each source sample weighted by the area it covers; inside @rect. */
static double
area_sample (const Component * comp, const Rect * rect, const double *fp)
{
  double sx = 1 << comp->w_sub, sy = 1 << comp->h_sub;
  /* The component cells covering the rect, [lo, hi). */
  gint lo_x = rect->x0 >> comp->w_sub;
  gint hi_x = ((rect->x1 - 1) >> comp->w_sub) + 1;
  gint lo_y = rect->y0 >> comp->h_sub;
  gint hi_y = ((rect->y1 - 1) >> comp->h_sub) + 1;
  double left = CLAMP (fp[0] / sx, lo_x, hi_x);
  double right = CLAMP (fp[2] / sx, lo_x, hi_x);
  double top = CLAMP (fp[1] / sy, lo_y, hi_y);
  double bottom = CLAMP (fp[3] / sy, lo_y, hi_y);
  double sum = 0, weight = 0, wx, wy;
  gint x, y;

  for (y = (gint) floor (top); y < (gint) ceil (bottom); y++) {
    wy = coverage (y, top, bottom);
    for (x = (gint) floor (left); x < (gint) ceil (right); x++) {
      wx = coverage (x, left, right);
      sum += wx * wy * component_at (comp, x, y);
      weight += wx * wy;
    }
  }
  return weight > 0 ? sum / weight : component_at (comp, MIN ((gint) left,
          hi_x - 1), MIN ((gint) top, hi_y - 1));
}

/* Component values @v (0..255) as R, G, B (or gray in rgb[0]), in 0..1. */
static void
to_rgb (const Source * src, gboolean want_rgb, const double *v, double *rgb)
{
  double y, u, r, b;
  guint c;

  if (src->n_comps == 1) {
    rgb[0] = rgb[1] = rgb[2] = v[0] / 255;
  } else if (!src->yuv) {
    for (c = 0; c < 3; c++)
      rgb[c] = v[c] / 255;
    if (!want_rgb)
      rgb[0] = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
  } else {
    y = (v[0] - src->offset[0]) / src->scale[0];
    rgb[0] = y;
    if (want_rgb) {
      u = (v[1] - src->offset[1]) / src->scale[1];
      r = y + 2 * (1 - src->kr) * ((v[2] - src->offset[2]) / src->scale[2]);
      b = y + 2 * (1 - src->kb) * u;
      rgb[0] = r;
      rgb[1] = (y - src->kr * r - src->kb * b) / (1 - src->kr - src->kb);
      rgb[2] = b;
    }
  }
}

/* The bilinear taps of every output column (@x_taps, @n_comps × width)
 * and row (@y_taps): computed once, not per pixel. Owned by the caller. */
static void
make_taps (const Source * src, const Rect * rect, const ResizeOptions * opts,
    guint n_comps, Tap * x_taps, Tap * y_taps)
{
  double step_x = (double) (rect->x1 - rect->x0) / opts->width;
  double step_y = (double) (rect->y1 - rect->y0) / opts->height;
  const Component *comp;
  guint c;
  gint o;

  for (c = 0; c < n_comps; c++) {
    comp = &src->comp[c];
    /* Output pixel centres map onto the crop's (as cv::resize does). */
    for (o = 0; o < opts->width; o++)
      make_tap (rect->x0 + (o + 0.5) * step_x - 0.5, comp->w_sub,
          rect->x0 >> comp->w_sub, (rect->x1 - 1) >> comp->w_sub,
          &x_taps[c * opts->width + o]);
    for (o = 0; o < opts->height; o++)
      make_tap (rect->y0 + (o + 0.5) * step_y - 0.5, comp->h_sub,
          rect->y0 >> comp->h_sub, (rect->y1 - 1) >> comp->h_sub,
          &y_taps[c * opts->height + o]);
  }
}

/* Steps of one output row: a bilinear sample reads four cells, an area
 * sample every cell under its footprint. */
static guint64
row_steps (const ResizeOptions * opts, guint n_comps, double step_x,
    double step_y)
{
  double cells = opts->area ? (ceil (step_x) + 1) * (ceil (step_y) + 1) : 4;

  return (guint64) (opts->width * n_comps * cells);
}

/* Fills @out; FALSE when the time budget ran out (thrown). */
static gboolean
crop_resize (JSContext * ctx, const Source * src, const Rect * rect,
    const ResizeOptions * opts, gfloat * out)
{
  guint channels = opts->rgb ? 3 : 1, c;
  /* Gray from YUV reads the Y plane only. */
  guint n_comps = opts->rgb || !src->yuv ? src->n_comps : 1;
  gsize plane = (gsize) opts->width * opts->height, i;
  double step_x = (double) (rect->x1 - rect->x0) / opts->width;
  double step_y = (double) (rect->y1 - rect->y0) / opts->height;
  Tap *x_taps = g_new (Tap, n_comps * opts->width);
  Tap *y_taps = g_new (Tap, n_comps * opts->height);
  double v[3], rgb[3], fp[4];
  guint64 steps = 0, per_row = row_steps (opts, n_comps, step_x, step_y);
  gboolean ok = TRUE;
  gint ox, oy;

  make_taps (src, rect, opts, n_comps, x_taps, y_taps);
  for (oy = 0; oy < opts->height && ok; oy++) {
    /* Output pixels tile the crop: this one covers fp = {left, top,
     * right, bottom}, in frame pixels. */
    fp[1] = rect->y0 + oy * step_y;
    fp[3] = rect->y0 + (oy + 1) * step_y;
    for (ox = 0; ox < opts->width; ox++) {
      fp[0] = rect->x0 + ox * step_x;
      fp[2] = rect->x0 + (ox + 1) * step_x;
      for (c = 0; c < n_comps; c++)
        v[c] = opts->area ? area_sample (&src->comp[c], rect, fp) :
            bilinear (&src->comp[c], &x_taps[c * opts->width + ox],
            &y_taps[c * opts->height + oy]);
      to_rgb (src, opts->rgb, v, rgb);
      i = (gsize) oy * opts->width + ox;
      for (c = 0; c < channels; c++)
        out[opts->planar ? c * plane + i : i * channels + c] =
            (gfloat) (CLAMP (rgb[c], 0, 1) * opts->max);
    }
    ok = _gvajs_scope_charge (ctx, &steps, per_row);
  }
  g_free (x_taps);
  g_free (y_taps);
  return ok;
}

/* Reads @options[@name] as one of two strings; the first when absent. */
static gboolean
get_choice (JSContext * ctx, JSValueConst options, const gchar * name,
    const gchar * first, const gchar * second, gboolean * is_second)
{
  JSValue v = JS_GetPropertyStr (ctx, options, name);
  const char *str = NULL;
  gboolean ok = TRUE;

  *is_second = FALSE;
  if (JS_IsException (v))
    return FALSE;
  if (!JS_IsUndefined (v)) {
    str = JS_IsString (v) ? JS_ToCString (ctx, v) : NULL;
    ok = str && (strcmp (str, first) == 0 || strcmp (str, second) == 0);
    *is_second = ok && strcmp (str, second) == 0;
    if (!ok)
      JS_ThrowRangeError (ctx, "cropResize(): options.%s must be \"%s\" or "
          "\"%s\"", name, first, second);
  }
  JS_FreeCString (ctx, str);
  JS_FreeValue (ctx, v);
  return ok;
}

static gboolean
get_resize_options (JSContext * ctx, int argc, JSValueConst * argv,
    ResizeOptions * opts)
{
  JSValueConst options = argc > 4 ? argv[4] : JS_UNDEFINED;
  double w, h;
  JSValue max;
  gboolean ok;

  if (argc < 4 || !JS_IsNumber (argv[2]) || !JS_IsNumber (argv[3]) ||
      JS_ToFloat64 (ctx, &w, argv[2]) || JS_ToFloat64 (ctx, &h, argv[3])) {
    JS_ThrowTypeError (ctx, "cropResize(): width and height must be numbers");
    return FALSE;
  }
  if (!(w >= 1 && w <= 4096 && h >= 1 && h <= 4096) || w != floor (w) ||
      h != floor (h)) {
    JS_ThrowRangeError (ctx, "cropResize(): width and height must be "
        "integers from 1 to 4096, not %g and %g", w, h);
    return FALSE;
  }
  opts->width = (gint) w;
  opts->height = (gint) h;
  opts->max = 1;
  if (JS_IsUndefined (options))
    return TRUE;
  if (!JS_IsObject (options)) {
    JS_ThrowTypeError (ctx, "cropResize(): options must be an object");
    return FALSE;
  }
  if (!get_choice (ctx, options, "format", "gray", "rgb", &opts->rgb) ||
      !get_choice (ctx, options, "layout", "hwc", "chw", &opts->planar) ||
      !get_choice (ctx, options, "resample", "bilinear", "area", &opts->area))
    return FALSE;
  max = JS_GetPropertyStr (ctx, options, "max");
  ok = JS_IsUndefined (max) || (JS_IsNumber (max) &&
      JS_ToFloat64 (ctx, &opts->max, max) == 0 && opts->max > 0 &&
      isfinite (opts->max));
  if (!ok && !JS_IsException (max))
    JS_ThrowRangeError (ctx, "cropResize(): options.max must be a positive "
        "number (1 or 255, typically)");
  JS_FreeValue (ctx, max);
  return ok;
}

/**
 * cropResize(frame: VideoFrame, rect: {x: number, y: number, w: number,
 *     h: number}, width: number, height: number,
 *     options?: {format?: "gray" | "rgb", layout?: "hwc" | "chw",
 *     resample?: "bilinear" | "area", max?: number}): Float32Array
 *
 * The part of the frame inside rect (pixels; fractions round to the
 * nearest pixel; clipped to the frame), resized to width × height
 * (1..4096 each). Pixels outside the rect never contribute.
 * - resample "bilinear" (default): each output pixel samples the crop at
 *   its centre, as OpenCV's INTER_LINEAR (no antialiasing: shrinking by
 *   more than ~2× skips source pixels).
 * - resample "area": each output pixel is the mean of the source pixels
 *   under it, weighted by how much of each it covers (OpenCV's INTER_AREA
 *   when shrinking): stable descriptors from large regions.
 * - format "gray" (default): one value per pixel: BT.601 luma
 *   0.299 R + 0.587 G + 0.114 B for RGB frames, the Y plane for YUV frames
 *   (expanded from its video range, e.g. 16..235, to full scale).
 * - format "rgb": R, G, B per pixel (YUV frames are converted with the
 *   caps' colorimetry, BT.601 when unknown).
 * - layout "hwc" (default): interleaved, index (y * width + x) * channels
 *   + c; "chw": planar, c * width * height + y * width + x (NCHW input).
 * - values span 0..max (default 1; pass 255 for 0..255).
 * Formats: RGB, BGR, RGBA, BGRA, ARGB, ABGR, RGBx, BGRx, xRGB, xBGR,
 * GRAY8, I420, YV12, NV12, NV21, Y42B, Y444, YUY2, UYVY, YVYU.
 * Throws TypeError for a frame that is not a live VideoFrame, another
 * format, or arguments of the wrong type; RangeError for a rect with no
 * pixel in the frame, sizes out of range, or a bad option value.
 */
static JSValue
js_gvajs_crop_resize (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  ResizeOptions opts = { 0 };
  Source src;
  Rect rect;
  JSValue result;
  GvajsArrayView out;

  /* Options and rect first: their getters may run JS, which must not
   * happen while pixels are being read. */
  if ((scope = _gvajs_frame_get_arg (ctx, "cropResize", argc > 0 ? argv[0] :
              JS_UNDEFINED)) == NULL ||
      !_gvajs_frame_check_format (ctx, "cropResize", scope) ||
      !get_resize_options (ctx, argc, argv, &opts) ||
      !get_rect (ctx, "cropResize", argc > 1 ? argv[1] : JS_UNDEFINED,
          GST_VIDEO_INFO_WIDTH (scope->info),
          GST_VIDEO_INFO_HEIGHT (scope->info), &rect) ||
      !get_source (ctx, "cropResize", scope, &src))
    return JS_EXCEPTION;
  result = _gvajs_new_array_view (ctx, (gsize) opts.width * opts.height *
      (opts.rgb ? 3 : 1), JS_TYPED_ARRAY_FLOAT32, &out);
  if (!JS_IsException (result) &&
      !crop_resize (ctx, &src, &rect, &opts, out.data)) {
    JS_FreeValue (ctx, result);
    return JS_EXCEPTION;
  }
  return result;
}

/* ---- regionStats ---- */

/* Mean and population standard deviation of component @comp over the
 * samples that cover @rect. Sums of 8-bit values are exact in 64 bits.
 * FALSE when the time budget ran out (thrown). */
static gboolean
component_stats (JSContext * ctx, const Component * comp, const Rect * rect,
    double *mean, double *std)
{
  gint x0 = rect->x0 >> comp->w_sub, x1 = (rect->x1 - 1) >> comp->w_sub;
  gint y0 = rect->y0 >> comp->h_sub, y1 = (rect->y1 - 1) >> comp->h_sub;
  guint64 sum = 0, sum_sq = 0;
  double n = (double) (x1 - x0 + 1) * (y1 - y0 + 1), var;
  const guint8 *p;
  guint64 steps = 0;
  gint x, y;
  guint v;

  for (y = y0; y <= y1; y++) {
    if (!_gvajs_scope_charge (ctx, &steps, x1 - x0 + 1))
      return FALSE;
    p = comp->base + (gsize) y * comp->stride + (gsize) x0 * comp->pstride;
    for (x = x0; x <= x1; x++, p += comp->pstride) {
      v = *p;
      sum += v;
      sum_sq += v * v;
    }
  }
  *mean = sum / n;
  var = sum_sq / n - *mean * *mean;
  *std = sqrt (MAX (var, 0));
  return TRUE;
}

/**
 * regionStats(frame: VideoFrame, rect: {x: number, y: number, w: number,
 *     h: number}): {mean: number[], std: number[]}
 *
 * Per-channel mean and population standard deviation of the raw 8-bit
 * values (0..255) inside rect (rounded and clipped as in cropResize()).
 * Channels: [R, G, B] for RGB formats (alpha and padding left out), [Y]
 * for GRAY8, [Y, U, V] for YUV formats, where U and V are taken over the
 * chroma samples covering the rect. Formats and errors as cropResize().
 */
static JSValue
js_gvajs_region_stats (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  double mean[3], std[3];
  Source src;
  Rect rect;
  JSValue result;
  guint c;

  if ((scope = _gvajs_frame_get_arg (ctx, "regionStats", argc > 0 ? argv[0] :
              JS_UNDEFINED)) == NULL ||
      !_gvajs_frame_check_format (ctx, "regionStats", scope) ||
      !get_rect (ctx, "regionStats", argc > 1 ? argv[1] : JS_UNDEFINED,
          GST_VIDEO_INFO_WIDTH (scope->info),
          GST_VIDEO_INFO_HEIGHT (scope->info), &rect) ||
      !get_source (ctx, "regionStats", scope, &src))
    return JS_EXCEPTION;
  for (c = 0; c < src.n_comps; c++)
    if (!component_stats (ctx, &src.comp[c], &rect, &mean[c], &std[c]))
      return JS_EXCEPTION;
  result = JS_NewObject (ctx);
  JS_SetPropertyStr (ctx, result, "mean", _gvajs_new_number_array (ctx, mean,
          src.n_comps));
  JS_SetPropertyStr (ctx, result, "std", _gvajs_new_number_array (ctx, std,
          src.n_comps));
  return result;
}

/* Exported by module.c as named exports of "gvajs". */
const JSCFunctionListEntry _gvajs_image_funcs[] = {
  JS_CFUNC_DEF ("cropResize", 4, js_gvajs_crop_resize),
  JS_CFUNC_DEF ("regionStats", 2, js_gvajs_region_stats),
};

const gint _gvajs_image_n_funcs = G_N_ELEMENTS (_gvajs_image_funcs);
