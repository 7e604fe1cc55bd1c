/* SPDX-License-Identifier: MIT */
/* draw: shapes and text on the frame, natively, in every 8-bit format the
 * pixel helpers read (frame.c), honouring the GstVideoMeta's strides and
 * offsets. What a shape covers and how it is composited is raster.h's;
 * text comes from font.h. Here: the arguments, the colour in the frame's
 * components (the caps' YUV matrix and range, BT.601 when unknown), and
 * the write mapping, which follows data("write")'s rules (scope.c).
 *
 * Every argument is read before the frame is mapped: reading a style's
 * property may run the script's getters, which must not run while pixels
 * are written. Each call's cost is bounded: the rows of the frame it
 * covers times its pieces (at most MAX_POINTS of them), or the glyphs of
 * at most MAX_TEXT characters. */
#include "draw.h"
#include "font.h"
#include "raster.h"

#include <math.h>
#include <string.h>

/* Coordinates, lengths and sizes beyond this are refused: far outside
 * any frame, and small enough that their squares stay exact enough. */
#define MAX_COORD 1e9
#define MAX_POINTS 1024
#define MAX_TEXT 1024
#define MIN_TEXT_SIZE 4
#define MAX_TEXT_SIZE 256
#define MAX_PADDING 1000

typedef struct
{
  guint8 rgba[4];
} Colour;

typedef struct
{
  Colour colour;
  gdouble thickness;
  gboolean fill, closed;
  gint size;                    /* pixels per em */
  gboolean has_background;
  Colour background;
  gint padding;                 /* -1: the default */
} Style;

/* The mapped frame's components. */
typedef struct
{
  const GstVideoInfo *info;
  guint n;
  GvajsComponent comps[4];
} Target;

/* The style's fields, as arguments are named in messages. */
typedef enum
{
  FIELD_COLOR,
  FIELD_THICKNESS,
  FIELD_FILL,
  FIELD_CLOSED,
  FIELD_SIZE,
  FIELD_BACKGROUND,
  FIELD_PADDING,
  N_FIELDS,
} Field;

static const gchar *const field_args[N_FIELDS] = {
  "style.color", "style.thickness", "style.fill", "style.closed",
  "style.size", "style.background", "style.padding",
};

static const gchar *const rect_fields[4] = {
  "rect.x", "rect.y", "rect.w", "rect.h"
};

/* The fields each function reads: the others are not even looked up. */
#define SHAPE_FIELDS ((1 << FIELD_COLOR) | (1 << FIELD_THICKNESS) | \
    (1 << FIELD_FILL))
#define PATH_FIELDS (SHAPE_FIELDS | (1 << FIELD_CLOSED))
#define TEXT_FIELDS ((1 << FIELD_COLOR) | (1 << FIELD_SIZE) | \
    (1 << FIELD_BACKGROUND) | (1 << FIELD_PADDING))

/* What drawing keeps per context: the font, made on first use, one shape
 * whose memory every call reuses (no JS runs while it is in use), and the
 * style fields' atoms. */
typedef struct
{
  JSContext *ctx;
  GvajsFont *font;
  GvajsShape *shape;
  JSAtom atoms[N_FIELDS];
} State;

/* Runs before the context is freed (host.h). */
static void
state_free (gpointer data)
{
  State *state = data;
  guint f;

  for (f = 0; f < N_FIELDS; f++)
    JS_FreeAtom (state->ctx, state->atoms[f]);
  _gvajs_font_free (state->font);
  _gvajs_shape_free (state->shape);
  g_free (state);
}

static State *
get_state (JSContext * ctx)
{
  static GQuark key;
  State *state;
  guint f;

  if (G_UNLIKELY (key == 0))
    key = g_quark_from_static_string ("gvajs-draw");
  state = _gvajs_host_get_state (ctx, key);
  if (state == NULL) {
    state = g_new0 (State, 1);
    state->ctx = ctx;
    state->shape = _gvajs_shape_new (1, 1);
    for (f = 0; f < N_FIELDS; f++)
      state->atoms[f] = JS_NewAtom (ctx, field_args[f] + strlen ("style."));
    _gvajs_host_set_state (ctx, key, state, state_free);
  }
  return state;
}

/* ---- arguments ---- */

/* @v, a number, within MAX_COORD of 0. */
static gboolean
check_coord (JSContext * ctx, const gchar * fn, const gchar * arg, gdouble v)
{
  if (!isfinite (v)) {
    JS_ThrowRangeError (ctx, "%s(): %s must be a finite number, not %s", fn,
        arg, isnan (v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    return FALSE;
  }
  if (fabs (v) <= MAX_COORD)
    return TRUE;
  JS_ThrowRangeError (ctx, "%s(): %s must be from -1e9 to 1e9 (pixels), "
      "not %g", fn, arg, v);
  return FALSE;
}

static gboolean
get_coord (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, gdouble * out)
{
  return _gvajs_get_finite (ctx, fn, arg, value, out) &&
      check_coord (ctx, fn, arg, *out);
}

/* A length from @min (included when @closed) to 1e9. */
static gboolean
get_length (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, gdouble min, gboolean closed, gdouble * out)
{
  if (!_gvajs_get_finite (ctx, fn, arg, value, out))
    return FALSE;
  if ((closed ? *out >= min : *out > min) && *out <= MAX_COORD)
    return TRUE;
  JS_ThrowRangeError (ctx, "%s(): %s must be %s %g and at most 1e9, not %g",
      fn, arg, closed ? "at least" : "more than", min, *out);
  return FALSE;
}

/* Component @i of a colour argument: a number from 0 to 255, rounded.
 * Its name, "@arg[@i]", is made only for a message. */
static gboolean
get_component (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, uint32_t i, guint8 * out)
{
  JSValue item = JS_GetPropertyUint32 (ctx, value, i);
  gdouble v = 0;
  gchar *name;
  gboolean ok = !JS_IsException (item) && JS_IsNumber (item) &&
      JS_ToFloat64 (ctx, &v, item) == 0 && v >= 0 && v <= 255;

  if (ok) {
    *out = (guint8) floor (v + 0.5);
  } else if (!JS_IsException (item)) {
    name = g_strdup_printf ("%s[%u]", arg, i);
    if (_gvajs_get_finite (ctx, fn, name, item, &v))
      JS_ThrowRangeError (ctx, "%s(): %s must be from 0 to 255, not %g", fn,
          name, v);
    g_free (name);
  }
  JS_FreeValue (ctx, item);
  return ok;
}

/* [r, g, b] or [r, g, b, a], each a number from 0 to 255 (rounded). */
static gboolean
get_colour (JSContext * ctx, const gchar * fn, const gchar * arg,
    JSValueConst value, Colour * colour)
{
  uint32_t n = 0, i;

  if (!_gvajs_array_length (ctx, value, &n) || (n != 3 && n != 4)) {
    if (!JS_HasException (ctx))
      _gvajs_throw_type (ctx, fn, arg, "[r, g, b] or [r, g, b, a] (numbers "
          "from 0 to 255)", value);
    return FALSE;
  }
  colour->rgba[3] = 255;
  for (i = 0; i < n; i++)
    if (!get_component (ctx, fn, arg, value, i, &colour->rgba[i]))
      return FALSE;
  return TRUE;
}

/* style[field], or undefined when the caller does not read it (not in
 * @fields); FALSE when reading it threw. */
static gboolean
get_field (JSContext * ctx, JSValueConst style, guint fields, Field field,
    JSValue * out)
{
  *out = (fields & (1 << field)) ? JS_GetProperty (ctx, style,
      get_state (ctx)->atoms[field]) : JS_UNDEFINED;
  return !JS_IsException (*out);
}

static gboolean
get_bool_field (JSContext * ctx, const gchar * fn, JSValueConst style,
    guint fields, Field field, gboolean * out)
{
  JSValue v;
  gboolean ok = get_field (ctx, style, fields, field, &v);

  if (ok && !JS_IsUndefined (v)) {
    ok = JS_IsBool (v);
    if (ok)
      *out = JS_ToBool (ctx, v);
    else
      _gvajs_throw_type (ctx, fn, field_args[field], "true or false", v);
  }
  JS_FreeValue (ctx, v);
  return ok;
}

/* An integer field of the style, from @min to @max. */
static gboolean
get_int_field (JSContext * ctx, const gchar * fn, JSValueConst style,
    guint fields, Field field, gint min, gint max, gint * out)
{
  JSValue v;
  gint64 value = *out;
  gboolean ok = get_field (ctx, style, fields, field, &v);

  if (ok && !JS_IsUndefined (v))
    ok = _gvajs_get_int (ctx, fn, field_args[field], v, min, max, &value);
  *out = value;
  JS_FreeValue (ctx, v);
  return ok;
}

static gboolean
get_colour_field (JSContext * ctx, const gchar * fn, JSValueConst style,
    guint fields, Field field, Colour * colour, gboolean * present)
{
  JSValue v;
  gboolean ok = get_field (ctx, style, fields, field, &v);

  if (ok && !JS_IsUndefined (v)) {
    ok = get_colour (ctx, fn, field_args[field], v, colour);
    if (present)
      *present = ok;
  }
  JS_FreeValue (ctx, v);
  return ok;
}

static gboolean
get_thickness_field (JSContext * ctx, const gchar * fn, JSValueConst style,
    guint fields, Style * out)
{
  JSValue v;
  gboolean ok = get_field (ctx, style, fields, FIELD_THICKNESS, &v);

  if (ok && !JS_IsUndefined (v))
    ok = get_length (ctx, fn, field_args[FIELD_THICKNESS], v, 0, FALSE,
        &out->thickness);
  JS_FreeValue (ctx, v);
  return ok;
}

/* The style object (optional): every field has a default; only @fields
 * are read. */
static gboolean
get_style (JSContext * ctx, const gchar * fn, JSValueConst value,
    guint fields, Style * style)
{
  memset (style, 0, sizeof *style);
  memset (style->colour.rgba, 255, 4);
  style->thickness = 1;
  style->closed = TRUE;
  style->size = 16;
  style->padding = -1;
  if (JS_IsUndefined (value))
    return TRUE;
  if (!JS_IsObject (value)) {
    _gvajs_throw_type (ctx, fn, "style", "an object", value);
    return FALSE;
  }
  return get_colour_field (ctx, fn, value, fields, FIELD_COLOR,
      &style->colour, NULL) &&
      get_thickness_field (ctx, fn, value, fields, style) &&
      get_bool_field (ctx, fn, value, fields, FIELD_FILL, &style->fill) &&
      get_bool_field (ctx, fn, value, fields, FIELD_CLOSED, &style->closed) &&
      get_int_field (ctx, fn, value, fields, FIELD_SIZE, MIN_TEXT_SIZE,
      MAX_TEXT_SIZE, &style->size) &&
      get_colour_field (ctx, fn, value, fields, FIELD_BACKGROUND,
      &style->background, &style->has_background) &&
      get_int_field (ctx, fn, value, fields, FIELD_PADDING, 0, MAX_PADDING,
      &style->padding);
}

/* The argument @index, or undefined past the end. */
static JSValueConst
arg (int argc, JSValueConst * argv, int index)
{
  return index < argc ? argv[index] : JS_UNDEFINED;
}

/* Coordinates @first ... @first + @n - 1, named by @names. */
static gboolean
get_coords (JSContext * ctx, const gchar * fn, int argc, JSValueConst * argv,
    int first, const gchar * const *names, guint n, gdouble * out)
{
  guint i;

  for (i = 0; i < n; i++)
    if (!get_coord (ctx, fn, names[i], arg (argc, argv, first + i), &out[i]))
      return FALSE;
  return TRUE;
}

static gboolean
get_rect (JSContext * ctx, const gchar * fn, JSValueConst value,
    gdouble * xywh)
{
  const JSAtom *atoms = _gvajs_host_atoms (ctx) + GVAJS_ATOM_X;
  JSValue v;
  gboolean ok = TRUE;
  guint i;

  if (!JS_IsObject (value)) {
    _gvajs_throw_type (ctx, fn, "rect", "an object {x, y, w, h}", value);
    return FALSE;
  }
  for (i = 0; ok && i < 4; i++) {
    v = JS_GetProperty (ctx, value, atoms[i]);
    ok = !JS_IsException (v) && get_coord (ctx, fn, rect_fields[i], v,
        &xywh[i]);
    JS_FreeValue (ctx, v);
  }
  return ok;
}

/* ---- points ---- */

/* A flat typed array x0, y0, x1, y1, ... */
static gdouble *
get_flat_points (JSContext * ctx, const gchar * fn, JSValueConst value,
    guint * n)
{
  GvajsArrayView view;
  gdouble *xy;
  gchar name[32];
  gsize i;

  if (!_gvajs_array_view (ctx, fn, "points", value, &view))
    return NULL;
  if (view.length % 2 != 0 || view.length / 2 > MAX_POINTS) {
    JS_ThrowRangeError (ctx, "%s(): points must hold x, y pairs, at most %d "
        "of them, not %" G_GSIZE_FORMAT " numbers", fn, MAX_POINTS,
        view.length);
    return NULL;
  }
  xy = g_new (gdouble, view.length + 1);
  for (i = 0; i < view.length; i++) {
    xy[i] = _gvajs_array_view_get (&view, i);
    if (isfinite (xy[i]) && fabs (xy[i]) <= MAX_COORD)
      continue;
    /* Named only to say what is wrong. */
    g_snprintf (name, sizeof name, "points[%" G_GSIZE_FORMAT "]", i);
    check_coord (ctx, fn, name, xy[i]);
    g_free (xy);
    return NULL;
  }
  *n = view.length / 2;
  return xy;
}

/* Point @i of an array of [x, y] pairs into @xy. */
static gboolean
get_pair (JSContext * ctx, const gchar * fn, JSValueConst pair, guint i,
    gdouble * xy)
{
  gchar name[48];
  uint32_t len = 0, k;
  gboolean ok = _gvajs_array_length (ctx, pair, &len) && len == 2;
  JSValue v;

  if (!ok && !JS_HasException (ctx)) {
    g_snprintf (name, sizeof name, "points[%u]", i);
    _gvajs_throw_type (ctx, fn, name, "an [x, y] pair", pair);
  }
  for (k = 0; ok && k < 2; k++) {
    v = JS_GetPropertyUint32 (ctx, pair, k);
    if (JS_IsException (v))
      return FALSE;
    /* A coordinate is named only to say what is wrong with it. */
    if (!JS_IsNumber (v) || JS_ToFloat64 (ctx, &xy[k], v) != 0 ||
        !isfinite (xy[k]) || fabs (xy[k]) > MAX_COORD) {
      g_snprintf (name, sizeof name, "points[%u][%u]", i, k);
      ok = get_coord (ctx, fn, name, v, &xy[k]);
    }
    JS_FreeValue (ctx, v);
  }
  return ok;
}

/* [[x, y], ...] or a typed array of x, y pairs; owned, 2 × *@n values. */
static gdouble *
get_points (JSContext * ctx, const gchar * fn, JSValueConst value, guint * n)
{
  uint32_t len, i;
  gdouble *xy;
  JSValue pair;
  gboolean ok = TRUE;

  if (_gvajs_typed_array_type (ctx, value) >= 0)
    return get_flat_points (ctx, fn, value, n);
  if (!_gvajs_array_length (ctx, value, &len)) {
    if (!JS_HasException (ctx))
      _gvajs_throw_type (ctx, fn, "points", "an array of [x, y] pairs or a "
          "typed array of x, y values", value);
    return NULL;
  }
  if (len > MAX_POINTS) {
    JS_ThrowRangeError (ctx, "%s(): points must hold at most %d points, not "
        "%u", fn, MAX_POINTS, len);
    return NULL;
  }
  xy = g_new (gdouble, 2 * len + 1);
  for (i = 0; ok && i < len; i++) {
    pair = JS_GetPropertyUint32 (ctx, value, i);
    ok = !JS_IsException (pair) && get_pair (ctx, fn, pair, i, &xy[2 * i]);
    JS_FreeValue (ctx, pair);
  }
  if (!ok)
    g_clear_pointer (&xy, g_free);
  *n = len;
  return xy;
}

/* ---- the frame ---- */

/* Maps @scope's frame for writing (data("write")'s rules) and locates its
 * components. */
static gboolean
open_target (JSContext * ctx, const gchar * fn, GvajsScope * scope,
    Target * target)
{
  if (!_gvajs_frame_check_format (ctx, fn, scope) ||
      !_gvajs_scope_map (ctx, scope, GST_MAP_READWRITE, fn))
    return FALSE;
  target->info = scope->info;
  target->n = GST_VIDEO_INFO_N_COMPONENTS (scope->info);
  return _gvajs_frame_components (ctx, fn, scope, target->n, target->comps);
}

static guint8
code_value (gdouble v)
{
  return (guint8) CLAMP (floor (v + 0.5), 0, 255);
}

/* @colour as the code values of the frame's components. */
static void
colour_values (const GstVideoInfo * info, const Colour * colour,
    guint8 * values)
{
  gint offset[GST_VIDEO_MAX_COMPONENTS], scale[GST_VIDEO_MAX_COMPONENTS];
  gdouble r = colour->rgba[0] / 255.0, g = colour->rgba[1] / 255.0;
  gdouble b = colour->rgba[2] / 255.0, kr, kb, y;

  memcpy (values, colour->rgba, 4);
  if (GST_VIDEO_INFO_IS_RGB (info))
    return;
  /* Unknown matrices are BT.601, the SD default (as image.c reads). */
  if (GST_VIDEO_INFO_IS_GRAY (info) ||
      !gst_video_color_matrix_get_Kr_Kb (info->colorimetry.matrix, &kr,
          &kb)) {
    kr = 0.299;
    kb = 0.114;
  }
  y = kr * r + (1 - kr - kb) * g + kb * b;
  if (GST_VIDEO_INFO_IS_GRAY (info)) {
    values[0] = code_value (255 * y);
    return;
  }
  gst_video_color_range_offsets (info->colorimetry.range, info->finfo,
      offset, scale);
  values[0] = code_value (offset[0] + scale[0] * y);
  values[1] = code_value (offset[1] + scale[1] * (b - y) / (2 * (1 - kb)));
  values[2] = code_value (offset[2] + scale[2] * (r - y) / (2 * (1 - kr)));
}

static void
init_canvas (const Target * target, const Colour * colour,
    GvajsCanvas * canvas)
{
  const GstVideoFormatInfo *finfo = target->info->finfo;
  GvajsRasterComponent comps[4];
  guint8 values[4];
  guint c;

  colour_values (target->info, colour, values);
  for (c = 0; c < target->n; c++) {
    comps[c].base = target->comps[c].base;
    comps[c].stride = target->comps[c].stride;
    comps[c].pstride = target->comps[c].pstride;
    comps[c].w_sub = target->comps[c].w_sub;
    comps[c].h_sub = target->comps[c].h_sub;
    /* The frame's alpha: "over" is compositing towards opaque. */
    comps[c].value = GST_VIDEO_FORMAT_INFO_HAS_ALPHA (finfo) && c == 3 ?
        255 : values[c];
  }
  _gvajs_canvas_init (canvas, GST_VIDEO_INFO_WIDTH (target->info),
      GST_VIDEO_INFO_HEIGHT (target->info), comps, target->n,
      colour->rgba[3]);
}

/* Composites @shape in @colour. */
static void
paint (const Target * target, GvajsShape * shape, const Colour * colour)
{
  GvajsCanvas canvas;

  if (colour->rgba[3] > 0) {
    init_canvas (target, colour, &canvas);
    _gvajs_shape_paint (shape, &canvas);
  }
}

/* The context's shape, emptied for the frame. */
static GvajsShape *
new_shape (JSContext * ctx, const Target * target)
{
  GvajsShape *shape = get_state (ctx)->shape;

  _gvajs_shape_reset (shape, GST_VIDEO_INFO_WIDTH (target->info),
      GST_VIDEO_INFO_HEIGHT (target->info));
  return shape;
}

/* The rect [@x0, @x1) × [@y0, @y1), or its outline @t inside its edges
 * (the rect less the rect @t inside it) when @t > 0, in @colour. */
static void
paint_rect (const Target * target, gdouble x0, gdouble y0, gdouble x1,
    gdouble y1, gdouble t, const Colour * colour)
{
  GvajsCanvas canvas;

  if (colour->rgba[3] > 0) {
    init_canvas (target, colour, &canvas);
    _gvajs_canvas_rect (&canvas, x0, y0, x1, y1, t);
  }
}

/* ---- shapes ---- */

/**
 * draw.rect(frame, rect: {x, y, w, h}, style?): undefined
 *
 * The pixels of rect ([x, x + w) × [y, y + h)) with style.fill, else its
 * outline: the pixels of rect within style.thickness (default 1) of its
 * edges, inside it, so a region's box is drawn on its own pixels.
 */
static JSValue
js_draw_rect (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  gdouble r[4];
  Style style;
  Target target;

  if ((scope = _gvajs_frame_get_arg (ctx, "draw.rect", arg (argc, argv,
                  0))) == NULL ||
      !get_rect (ctx, "draw.rect", arg (argc, argv, 1), r) ||
      !get_style (ctx, "draw.rect", arg (argc, argv, 2), SHAPE_FIELDS,
          &style) ||
      !open_target (ctx, "draw.rect", scope, &target))
    return JS_EXCEPTION;
  paint_rect (&target, r[0], r[1], r[0] + r[2], r[1] + r[3],
      style.fill ? 0 : style.thickness, &style.colour);
  return JS_UNDEFINED;
}

/**
 * draw.line(frame, x1, y1, x2, y2, style?): undefined
 *
 * A segment style.thickness wide (default 1), centred on the points, with
 * square ends reaching thickness / 2 past them: both end pixels are drawn.
 */
static JSValue
js_draw_line (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  static const gchar *const names[] = { "x1", "y1", "x2", "y2" };
  GvajsScope *scope;
  gdouble p[4];
  Style style;
  Target target;
  GvajsShape *shape;

  if ((scope = _gvajs_frame_get_arg (ctx, "draw.line", arg (argc, argv,
                  0))) == NULL ||
      !get_coords (ctx, "draw.line", argc, argv, 1, names, 4, p) ||
      !get_style (ctx, "draw.line", arg (argc, argv, 5), SHAPE_FIELDS,
          &style) ||
      !open_target (ctx, "draw.line", scope, &target))
    return JS_EXCEPTION;
  shape = new_shape (ctx, &target);
  _gvajs_shape_add_segment (shape, p[0], p[1], p[2], p[3],
      style.thickness / 2, TRUE, TRUE);
  paint (&target, shape, &style.colour);
  return JS_UNDEFINED;
}

/* The path through @n points @xy, @closed or open, as segments with
 * round joints and, when open, square ends. */
static void
add_path (GvajsShape * shape, const gdouble * xy, guint n, gboolean closed,
    gdouble half)
{
  guint segments = closed && n >= 3 ? n : n - 1, k, next;

  if (n == 1)
    _gvajs_shape_add_segment (shape, xy[0], xy[1], xy[0], xy[1], half, TRUE,
        TRUE);
  closed = closed && n >= 3;
  for (k = 0; n > 1 && k < segments; k++) {
    next = (k + 1) % n;
    _gvajs_shape_add_segment (shape, xy[2 * k], xy[2 * k + 1], xy[2 * next],
        xy[2 * next + 1], half, !closed && k == 0,
        !closed && k == segments - 1);
  }
  for (k = closed ? 0 : 1; n > 1 && k < (closed ? n : n - 1); k++)
    _gvajs_shape_add_ring (shape, xy[2 * k], xy[2 * k + 1], half, -1);
}

/**
 * draw.polygon(frame, points, style?): undefined
 *
 * points: [[x, y], ...] or a typed array x0, y0, x1, y1, ... (at most
 * 1024 points). With style.fill, the pixels inside (even-odd rule, at
 * least 3 points); else the path through them, closed unless
 * style.closed is false (a polyline), style.thickness wide, with round
 * joints and square open ends.
 */
static JSValue
js_draw_polygon (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  gdouble *xy = NULL;
  guint n = 0;
  Style style;
  Target target;
  GvajsShape *shape;
  JSValue ret = JS_EXCEPTION;

  if ((scope = _gvajs_frame_get_arg (ctx, "draw.polygon", arg (argc, argv,
                  0))) == NULL ||
      (xy = get_points (ctx, "draw.polygon", arg (argc, argv, 1), &n)) ==
      NULL || !get_style (ctx, "draw.polygon", arg (argc, argv, 2), PATH_FIELDS,
          &style)
      || !open_target (ctx, "draw.polygon", scope, &target))
    goto done;
  shape = new_shape (ctx, &target);
  if (style.fill)
    _gvajs_shape_add_polygon (shape, xy, n);
  else if (n > 0)
    add_path (shape, xy, n, style.closed, style.thickness / 2);
  paint (&target, shape, &style.colour);
  ret = JS_UNDEFINED;

done:
  g_free (xy);
  return ret;
}

/**
 * draw.circle(frame, cx, cy, r, style?): undefined
 *
 * With style.fill, the pixels within r of the centre (r = 0 at whole
 * coordinates: one pixel, a point); else the ring of the pixels within
 * style.thickness / 2 of the circle of radius r.
 */
static JSValue
js_draw_circle (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  static const gchar *const names[] = { "cx", "cy" };
  GvajsScope *scope;
  gdouble c[2], r;
  Style style;
  Target target;
  GvajsShape *shape;

  if ((scope = _gvajs_frame_get_arg (ctx, "draw.circle", arg (argc, argv,
                  0))) == NULL ||
      !get_coords (ctx, "draw.circle", argc, argv, 1, names, 2, c) ||
      !get_length (ctx, "draw.circle", "r", arg (argc, argv, 3), 0, TRUE,
          &r) ||
      !get_style (ctx, "draw.circle", arg (argc, argv, 4), SHAPE_FIELDS,
          &style) ||
      !open_target (ctx, "draw.circle", scope, &target))
    return JS_EXCEPTION;
  shape = new_shape (ctx, &target);
  if (style.fill)
    _gvajs_shape_add_ring (shape, c[0], c[1], r, -1);
  else
    _gvajs_shape_add_ring (shape, c[0], c[1], r + style.thickness / 2,
        r - style.thickness / 2);
  paint (&target, shape, &style.colour);
  return JS_UNDEFINED;
}

/* ---- text ---- */

/* The context's font, made on first use; NULL after throwing. */
static GvajsFont *
get_font (JSContext * ctx, const gchar * fn)
{
  State *state = get_state (ctx);
  GError *error = NULL;

  if (state->font == NULL && (state->font = _gvajs_font_new (&error)) ==
      NULL) {
    JS_ThrowInternalError (ctx, "%s(): %s", fn, error->message);
    g_error_free (error);
  }
  return state->font;
}

/* The text argument as UTF-8 (free with JS_FreeCString). */
static const char *
get_text (JSContext * ctx, const gchar * fn, JSValueConst value, gsize * len)
{
  JSValue length;
  gint64 n = 0;

  if (!JS_IsString (value)) {
    _gvajs_throw_type (ctx, fn, "text", "a string", value);
    return NULL;
  }
  length = JS_GetProperty (ctx, value, _gvajs_host_atoms (ctx)[GVAJS_ATOM_LENGTH]);
  JS_ToInt64 (ctx, &n, length);
  JS_FreeValue (ctx, length);
  if (n > MAX_TEXT) {
    JS_ThrowRangeError (ctx, "%s(): text must have at most %d characters, "
        "not %" G_GINT64_FORMAT, fn, MAX_TEXT, n);
    return NULL;
  }
  return JS_ToCStringLen (ctx, len, value);
}

/* Lays out @text in @style's size; padding resolved into @style. */
static gboolean
layout_text (JSContext * ctx, const gchar * fn, const char *text, gsize len,
    Style * style, GvajsFont ** font, GvajsTextLayout * layout)
{
  GError *error = NULL;

  if (style->padding < 0)
    style->padding = style->has_background ? MAX (1, (style->size + 4) / 8) :
        0;
  if ((*font = get_font (ctx, fn)) == NULL)
    return FALSE;
  if (_gvajs_font_layout (*font, text, len, style->size, layout, &error))
    return TRUE;
  JS_ThrowInternalError (ctx, "%s(): %s", fn, error->message);
  g_error_free (error);
  _gvajs_text_layout_clear (layout);
  return FALSE;
}

/* Composites the glyphs of @layout, whose text box starts at (@x, @y). */
static void
paint_glyphs (const Target * target, GvajsFont * font,
    const GvajsTextLayout * layout, gint64 x, gint64 y, const Colour * colour)
{
  gint w = GST_VIDEO_INFO_WIDTH (target->info);
  gint h = GST_VIDEO_INFO_HEIGHT (target->info);
  gint64 x0 = MAX (x + layout->ink_x0, 0), x1 = MIN (x + layout->ink_x1, w);
  gint64 y0 = MAX (y + layout->ink_y0, 0), y1 = MIN (y + layout->ink_y1, h);
  GvajsCanvas canvas;
  guint8 *mask, *row;
  gint64 j, i, end;

  if (x0 >= x1 || y0 >= y1 || colour->rgba[3] == 0)
    return;
  mask = g_malloc0 ((x1 - x0) * (y1 - y0));
  _gvajs_font_render (font, layout, mask, x1 - x0, x0 - x, y0 - y, x1 - x0,
      y1 - y0);
  init_canvas (target, colour, &canvas);
  /* A row at a time, blank ends trimmed: the canvas skips the pixels a
   * glyph does not cover. */
  for (j = y0; j < y1; j++) {
    row = mask + (j - y0) * (x1 - x0);
    for (i = x0; i < x1 && row[i - x0] == 0; i++);
    for (end = x1; end > i && row[end - 1 - x0] == 0; end--);
    _gvajs_canvas_span (&canvas, j, i, end, row + (i - x0));
  }
  _gvajs_canvas_finish (&canvas);
  g_free (mask);
}

/* {x, y, w, h} of the label box at (@x, @y). */
static JSValue
label_box (JSContext * ctx, gint64 x, gint64 y, const Style * style,
    const GvajsTextLayout * layout)
{
  return _gvajs_new_rect (ctx, x, y, layout->width + 2 * style->padding,
      layout->height + 2 * style->padding);
}

/**
 * draw.text(frame, x, y, text, style?): {x, y, w, h}
 *
 * text (UTF-8 from the string, at most 1024 characters, "\n" between
 * lines) at style.size pixels per em (4..256, default 16) in
 * style.color, its label box's top-left at (x, y) rounded to whole
 * pixels. The label box is the text's box (advance widths × line
 * heights) plus style.padding on each side (default: size / 8 with a
 * background, 0 without); style.background fills it first. Returns the
 * label box, unclipped.
 */
static JSValue
js_draw_text (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  static const gchar *const names[] = { "x", "y" };
  GvajsScope *scope;
  gdouble p[2];
  const char *text = NULL;
  gsize len;
  Style style;
  Target target;
  GvajsFont *font;
  GvajsTextLayout layout = { 0 };
  gint64 x, y, pad;
  JSValue ret = JS_EXCEPTION;

  if ((scope = _gvajs_frame_get_arg (ctx, "draw.text", arg (argc, argv,
                  0))) == NULL ||
      !get_coords (ctx, "draw.text", argc, argv, 1, names, 2, p) ||
      (text = get_text (ctx, "draw.text", arg (argc, argv, 3), &len)) ==
      NULL || !get_style (ctx, "draw.text", arg (argc, argv, 4), TEXT_FIELDS,
          &style) ||
      !layout_text (ctx, "draw.text", text, len, &style, &font, &layout))
    goto done;
  if (!open_target (ctx, "draw.text", scope, &target))
    goto done;
  x = (gint64) floor (p[0] + 0.5);
  y = (gint64) floor (p[1] + 0.5);
  pad = style.padding;
  if (style.has_background)
    paint_rect (&target, x, y, x + layout.width + 2 * pad,
        y + layout.height + 2 * pad, 0, &style.background);
  paint_glyphs (&target, font, &layout, x + pad, y + pad, &style.colour);
  ret = label_box (ctx, x, y, &style, &layout);

done:
  _gvajs_text_layout_clear (&layout);
  JS_FreeCString (ctx, text);
  return ret;
}

/**
 * draw.measureText(text, style?): {w, h, baseline}
 *
 * The size of the label box draw.text() would draw for text in style (its
 * size, padding and background), and where its first baseline lies, from
 * the box's top.
 */
static JSValue
js_draw_measure_text (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  const char *text;
  gsize len;
  Style style;
  GvajsFont *font;
  GvajsTextLayout layout = { 0 };
  JSValue ret = JS_EXCEPTION;

  if ((text = get_text (ctx, "draw.measureText", arg (argc, argv, 0),
              &len)) == NULL)
    return JS_EXCEPTION;
  if (get_style (ctx, "draw.measureText", arg (argc, argv, 1), TEXT_FIELDS,
          &style) &&
      layout_text (ctx, "draw.measureText", text, len, &style, &font,
          &layout)) {
    ret = JS_NewObject (ctx);
    JS_SetPropertyStr (ctx, ret, "w", JS_NewInt32 (ctx, layout.width +
            2 * style.padding));
    JS_SetPropertyStr (ctx, ret, "h", JS_NewInt32 (ctx, layout.height +
            2 * style.padding));
    JS_SetPropertyStr (ctx, ret, "baseline", JS_NewInt32 (ctx,
            layout.baseline + style.padding));
  }
  _gvajs_text_layout_clear (&layout);
  JS_FreeCString (ctx, text);
  return ret;
}

static const JSCFunctionListEntry js_draw_funcs[] = {
  JS_CFUNC_DEF ("rect", 3, js_draw_rect),
  JS_CFUNC_DEF ("line", 6, js_draw_line),
  JS_CFUNC_DEF ("polygon", 3, js_draw_polygon),
  JS_CFUNC_DEF ("circle", 5, js_draw_circle),
  JS_CFUNC_DEF ("text", 5, js_draw_text),
  JS_CFUNC_DEF ("measureText", 2, js_draw_measure_text),
};

/* Exported by module.c as `draw` of "gvajs". */
const JSCFunctionListEntry _gvajs_draw_funcs[] = {
  JS_OBJECT_DEF ("draw", js_draw_funcs, G_N_ELEMENTS (js_draw_funcs),
      JS_PROP_CONFIGURABLE),
};

const gint _gvajs_draw_n_funcs = G_N_ELEMENTS (_gvajs_draw_funcs);
