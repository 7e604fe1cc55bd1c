/* SPDX-License-Identifier: MIT */
/* gst-check tests of drawing (`draw` of "gvajs"): each shape on each
 * supported format, odd sizes and padded strides included, against a
 * straightforward reference in this file that decides every pixel on its
 * own (is its point inside the shape?) and composites it by the rules of
 * runtime/raster.h; the tie rules on small known pictures; text placed
 * where its metrics say and composited like the shapes; every bad
 * argument's message; and the write mapping's rules. */
#include "gvajs-test-utils.h"
#include "raster.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define OPS "helpers/draw_ops.js"
#define CASES "helpers/draw.js"
#define MOTION "helpers/motion.js"
#define FRAME_W 37
#define FRAME_H 23

static const gchar *const formats[] = {
  "RGB", "BGR", "RGBx", "BGRx", "xRGB", "xBGR", "RGBA", "BGRA", "ARGB",
  "ABGR", "GRAY8", "I420", "YV12", "NV12", "NV21", "Y42B", "Y444", "YUY2",
  "UYVY", "YVYU",
};

/* ---- running drawing calls ---- */

/* Pushes @buf (taken) through "gvajs module=draw_ops.js class=Ops" with the
 * calls @ops_json (a JSON array) and returns the buffer that came out;
 * what the script printed goes to @printed (or is freed). */
static GstBuffer *
run_ops (const gchar * caps, const gchar * ops_json, GstBuffer * buf,
    gchar ** printed)
{
  gchar *module = gvajs_test_fixture (OPS);
  gchar *kwarg = g_strdup_printf ("{\"ops\": %s}", ops_json);
  GstElement *element = gst_element_factory_make ("gvajs", NULL);
  GstFlowReturn ret;
  GstHarness *h;
  GstBuffer *out;
  gchar *text;

  g_object_set (element, "module", module, "class", "Ops", "kwarg", kwarg,
      NULL);
  gvajs_test_capture_output_start ();
  /* The harness takes a reference of its own. */
  h = gst_harness_new_with_element (element, "sink", "src");
  gst_object_unref (element);
  gst_harness_set_src_caps_str (h, caps);
  ret = gst_harness_push (h, buf);
  out = ret == GST_FLOW_OK ? gst_harness_pull (h) : NULL;
  gst_harness_teardown (h);
  text = gvajs_test_capture_output_stop ();
  fail_unless (out != NULL, "drawing failed (%d): %s", ret, text);
  if (printed)
    *printed = text;
  else
    g_free (text);
  g_free (kwarg);
  g_free (module);
  return out;
}

/* What the script printed when "gvajs module=@fixture function=@function"
 * ran @n frames of @caps, every byte 0. */
static gchar *
run_fixture (const gchar * fixture, const gchar * function,
    const gchar * caps, guint n)
{
  gchar *extra = g_strdup_printf ("function=%s", function);
  GstHarness *h;
  gchar *text;
  GstVideoInfo info;
  GstCaps *c = gst_caps_from_string (caps);
  guint i;

  fail_unless (gst_video_info_from_caps (&info, c));
  gst_caps_unref (c);
  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (fixture, extra, caps);
  for (i = 0; i < n; i++)
    fail_unless_equals_int (gst_harness_push (h,
            gvajs_test_buffer (info.size, 0, i * GST_SECOND / 30)),
        GST_FLOW_OK);
  gst_harness_teardown (h);
  text = gvajs_test_capture_output_stop ();
  g_free (extra);
  return text;
}

/* The same for draw.js. */
static gchar *
run_cases (const gchar * function, const gchar * caps, guint n)
{
  return run_fixture (CASES, function, caps, n);
}

/* ---- the reference: shapes ---- */

typedef enum
{
  RECT,
  LINE,
  POLYGON,
  CIRCLE,
} Kind;

/* One drawing call: what ops.js runs and the reference renders. */
typedef struct
{
  Kind kind;
  gdouble v[4];                 /* rect x, y, w, h; line x1, y1, x2, y2;
                                 * circle cx, cy, r */
  const gdouble *xy;            /* polygon points */
  guint n;
  guint8 rgba[4];
  gdouble thickness;            /* 0: not given (1) */
  gboolean fill, open;
} Op;

static void
append_style (GString * json, const Op * op)
{
  g_string_append_printf (json, "{\"color\": [%u, %u, %u, %u]",
      op->rgba[0], op->rgba[1], op->rgba[2], op->rgba[3]);
  if (op->thickness > 0)
    g_string_append_printf (json, ", \"thickness\": %.17g", op->thickness);
  if (op->fill)
    g_string_append (json, ", \"fill\": true");
  if (op->open)
    g_string_append (json, ", \"closed\": false");
  g_string_append (json, "}");
}

static void
append_op (GString * json, const Op * op)
{
  guint i;

  switch (op->kind) {
    case RECT:
      g_string_append_printf (json, "[\"rect\", {\"x\": %.17g, \"y\": %.17g, "
          "\"w\": %.17g, \"h\": %.17g}, ", op->v[0], op->v[1], op->v[2],
          op->v[3]);
      break;
    case LINE:
      g_string_append_printf (json, "[\"line\", %.17g, %.17g, %.17g, %.17g, ",
          op->v[0], op->v[1], op->v[2], op->v[3]);
      break;
    case CIRCLE:
      g_string_append_printf (json, "[\"circle\", %.17g, %.17g, %.17g, ",
          op->v[0], op->v[1], op->v[2]);
      break;
    case POLYGON:
      g_string_append (json, "[\"polygon\", [");
      for (i = 0; i < op->n; i++)
        g_string_append_printf (json, "%s[%.17g, %.17g]", i ? ", " : "",
            op->xy[2 * i], op->xy[2 * i + 1]);
      g_string_append (json, "], ");
      break;
  }
  append_style (json, op);
  g_string_append (json, "]");
}

static gchar *
ops_to_json (const Op * ops, guint n)
{
  GString *json = g_string_new ("[");
  guint i;

  for (i = 0; i < n; i++) {
    if (i)
      g_string_append (json, ", ");
    append_op (json, &ops[i]);
  }
  g_string_append (json, "]");
  return g_string_free (json, FALSE);
}

static gboolean
in_rect (gdouble x0, gdouble y0, gdouble x1, gdouble y1, gint i, gint j)
{
  return x0 <= i && i < x1 && y0 <= j && j < y1;
}

/* Even-odd: an odd number of edges crosses row j right of i. */
static gboolean
in_polygon (const gdouble * p, guint n, gint i, gint j)
{
  gboolean inside = FALSE;
  guint k;

  for (k = 0; k < n; k++) {
    gdouble x0 = p[2 * k], y0 = p[2 * k + 1];
    gdouble x1 = p[2 * ((k + 1) % n)], y1 = p[2 * ((k + 1) % n) + 1];
    if (((y0 <= j && j < y1) || (y1 <= j && j < y0)) &&
        x0 + (j - y0) * (x1 - x0) / (y1 - y0) > i)
      inside = !inside;
  }
  return inside;
}

static gboolean
in_disc (gdouble cx, gdouble cy, gdouble r, gint i, gint j)
{
  return (i - cx) * (i - cx) + (j - cy) * (j - cy) <= r * r;
}

/* The rectangle around segment a-b, half @h wide, @h past a capped end. */
static gboolean
in_segment (const gdouble * a, const gdouble * b, gdouble h, gboolean cap_a,
    gboolean cap_b, gint i, gint j)
{
  gdouble len = hypot (b[0] - a[0], b[1] - a[1]);
  gdouble ux = len > 0 ? (b[0] - a[0]) / len : 1;
  gdouble uy = len > 0 ? (b[1] - a[1]) / len : 0;
  gdouble ea = cap_a ? h : 0, eb = cap_b ? h : 0;
  gdouble q[8] = {
    a[0] - ux * ea - uy * h, a[1] - uy * ea + ux * h,
    b[0] + ux * eb - uy * h, b[1] + uy * eb + ux * h,
    b[0] + ux * eb + uy * h, b[1] + uy * eb - ux * h,
    a[0] - ux * ea + uy * h, a[1] - uy * ea - ux * h,
  };

  return (len > 0 || cap_a || cap_b) && in_polygon (q, 4, i, j);
}

/* The path's stroke: every segment, and a disc at every joint. */
static gboolean
in_path (const Op * op, gdouble h, gint i, gint j)
{
  gboolean closed = !op->open && op->n >= 3;
  guint segments = closed ? op->n : op->n - 1, k;

  if (op->n == 1)
    return in_segment (op->xy, op->xy, h, TRUE, TRUE, i, j);
  for (k = 0; k < segments; k++)
    if (in_segment (&op->xy[2 * k], &op->xy[2 * ((k + 1) % op->n)], h,
            !closed && k == 0, !closed && k == segments - 1, i, j))
      return TRUE;
  for (k = closed ? 0 : 1; k < (closed ? op->n : op->n - 1); k++)
    if (in_disc (op->xy[2 * k], op->xy[2 * k + 1], h, i, j))
      return TRUE;
  return FALSE;
}

static gboolean
covers (const Op * op, gint i, gint j)
{
  const gdouble *v = op->v;
  gdouble t = op->thickness > 0 ? op->thickness : 1, d2;

  switch (op->kind) {
    case RECT:
      return in_rect (v[0], v[1], v[0] + v[2], v[1] + v[3], i, j) &&
          (op->fill || !in_rect (v[0] + t, v[1] + t, v[0] + v[2] - t,
                  v[1] + v[3] - t, i, j));
    case LINE:
      return in_segment (v, v + 2, t / 2, TRUE, TRUE, i, j);
    case POLYGON:
      return op->fill ? op->n >= 3 && in_polygon (op->xy, op->n, i, j) :
          op->n > 0 && in_path (op, t / 2, i, j);
    case CIRCLE:
      if (op->fill)
        return in_disc (v[0], v[1], v[2], i, j);
      d2 = (i - v[0]) * (i - v[0]) + (j - v[1]) * (j - v[1]);
      return d2 <= (v[2] + t / 2) * (v[2] + t / 2) &&
          (v[2] - t / 2 <= 0 || d2 >= (v[2] - t / 2) * (v[2] - t / 2));
  }
  return FALSE;
}

/* ---- the reference: compositing ---- */

/* A frame's bytes and where its planes are. */
typedef struct
{
  GstVideoInfo info;
  guint8 *data;
  gsize size;
} Image;

static Image
image_from_buffer (const GstVideoInfo * caps_info, GstBuffer * buf)
{
  GstVideoMeta *meta = gst_buffer_get_video_meta (buf);
  Image img = { *caps_info };
  guint p;

  for (p = 0; meta && p < meta->n_planes; p++) {
    img.info.stride[p] = meta->stride[p];
    img.info.offset[p] = meta->offset[p];
  }
  img.size = gst_buffer_get_size (buf);
  img.data = g_malloc (img.size);
  gst_buffer_extract (buf, 0, img.data, img.size);
  return img;
}

static guint8
rounded (gdouble v)
{
  return (guint8) CLAMP (floor (v + 0.5), 0, 255);
}

/* The colour's value in each component: R, G, B, A as given; gray and
 * YUV by the caps' matrix and range (BT.601 when unknown). */
static void
colour_values (const GstVideoInfo * info, const guint8 * rgba, guint8 * v)
{
  gdouble r = rgba[0] / 255.0, g = rgba[1] / 255.0, b = rgba[2] / 255.0;
  gint off[4], scale[4];
  gdouble kr = 0.299, kb = 0.114, y;

  memcpy (v, rgba, 4);
  if (GST_VIDEO_INFO_IS_RGB (info))
    return;
  if (GST_VIDEO_INFO_IS_YUV (info))
    gst_video_color_matrix_get_Kr_Kb (info->colorimetry.matrix, &kr, &kb);
  y = kr * r + (1 - kr - kb) * g + kb * b;
  if (GST_VIDEO_INFO_IS_GRAY (info)) {
    v[0] = rounded (255 * y);
    return;
  }
  gst_video_color_range_offsets (info->colorimetry.range, info->finfo, off,
      scale);
  v[0] = rounded (off[0] + scale[0] * y);
  v[1] = rounded (off[1] + scale[1] * (b - y) / (2 * (1 - kb)));
  v[2] = rounded (off[2] + scale[2] * (r - y) / (2 * (1 - kr)));
}

/* Component @c's sample (n, m): the cell of pixels it covers, the sum of
 * their coverage × opacity, composited by raster.h's formulas. */
static void
composite_sample (Image * img, guint c, gint n, gint m, const guint8 * cov,
    guint alpha, guint8 value)
{
  const GstVideoFormatInfo *f = img->info.finfo;
  gint ws = GST_VIDEO_FORMAT_INFO_W_SUB (f, c);
  gint hs = GST_VIDEO_FORMAT_INFO_H_SUB (f, c);
  gint w = GST_VIDEO_INFO_WIDTH (&img->info), x, y;
  guint plane = GST_VIDEO_FORMAT_INFO_PLANE (f, c), sum = 0, pixels = 0, d;
  guint8 *p = img->data + img->info.offset[plane] +
      (gsize) m * img->info.stride[plane] +
      (gsize) n * GST_VIDEO_FORMAT_INFO_PSTRIDE (f, c) +
      GST_VIDEO_FORMAT_INFO_POFFSET (f, c);

  for (y = m << hs; y < MIN ((m + 1) << hs, img->info.height); y++)
    for (x = n << ws; x < MIN ((n + 1) << ws, w); x++) {
      sum += (cov[y * w + x] * alpha + 127) / 255;
      pixels++;
    }
  if (pixels == 1 && c == 3)
    *p = *p + ((255 - *p) * sum + 127) / 255;
  else if (pixels == 1)
    *p = (*p * (255 - sum) + value * sum + 127) / 255;
  else if (sum > 0) {
    d = 255 * pixels;
    *p = (*p * (d - sum) + value * sum + d / 2) / d;
  }
}

/* Composites coverage @cov (one byte per pixel) in colour @rgba. */
static void
composite (Image * img, const guint8 * cov, const guint8 * rgba)
{
  const GstVideoFormatInfo *f = img->info.finfo;
  guint8 values[4];
  guint c;
  gint n, m;

  colour_values (&img->info, rgba, values);
  for (c = 0; c < GST_VIDEO_FORMAT_INFO_N_COMPONENTS (f); c++)
    for (m = 0; m < GST_VIDEO_FORMAT_INFO_SCALE_HEIGHT (f, c,
            img->info.height); m++)
      for (n = 0; n < GST_VIDEO_FORMAT_INFO_SCALE_WIDTH (f, c,
              img->info.width); n++)
        composite_sample (img, c, n, m, cov, rgba[3], values[c]);
}

static void
render_op (Image * img, const Op * op)
{
  gint w = img->info.width, h = img->info.height, i, j;
  guint8 *cov = g_malloc0 (w * h);

  for (j = 0; j < h; j++)
    for (i = 0; i < w; i++)
      cov[j * w + i] = covers (op, i, j) ? 255 : 0;
  composite (img, cov, op->rgba);
  g_free (cov);
}

/* Fails at the first byte where @out differs from @expected, naming its
 * plane, row and byte in the row. */
static void
assert_same_bytes (const Image * expected, GstBuffer * out,
    const gchar * what)
{
  const GstVideoInfo *info = &expected->info;
  GstMapInfo map;
  guint plane = 0, p;
  gsize k, rel;
  guint got = 0;

  fail_unless (gst_buffer_map (out, &map, GST_MAP_READ));
  fail_unless_equals_uint64 (map.size, expected->size);
  for (k = 0; k < map.size && map.data[k] == expected->data[k]; k++);
  if (k < map.size)
    got = map.data[k];
  gst_buffer_unmap (out, &map);
  for (p = 0; p < GST_VIDEO_INFO_N_PLANES (info); p++)
    if (k >= info->offset[p])
      plane = p;
  rel = k - info->offset[plane];
  fail_unless (k == expected->size, "%s: plane %u, row %" G_GSIZE_FORMAT
      ", byte %" G_GSIZE_FORMAT " is %u; the reference says %u", what, plane,
      rel / info->stride[plane], rel % info->stride[plane], got,
      expected->data[k]);
}

/* ---- shapes on every format ---- */

static const gdouble concave[] = {
  5.5, 5.2, 30.1, 8.7, 20.4, 21.9, 12.2, 14.3, 2.1, 19.8
};
static const gdouble bow_tie[] = { 3, 3, 33.4, 18.6, 33.4, 3, 3, 18.6 };
static const gdouble zigzag[] = { -5.3, 10.1, 10.2, -2.4, 20.7, 12.3, 40.1,
  25.6
};

/* Each shape, partly outside the frame, at fractions, some translucent. */
static const Op shapes[] = {
  {RECT, {-3.5, 2.25, 20, 12.5}, NULL, 0, {200, 30, 40, 255}, 2},
  {RECT, {25.3, -4, 30, 10}, NULL, 0, {20, 220, 90, 100}, 0, TRUE},
  {LINE, {2.3, 20.7, 35.2, 1.1}, NULL, 0, {250, 240, 10, 180}, 3.5},
  {POLYGON, {0}, concave, 5, {40, 60, 230, 120}, 0, TRUE},
  {POLYGON, {0}, bow_tie, 4, {255, 255, 255, 255}, 2.5},
  {POLYGON, {0}, zigzag, 4, {10, 200, 200, 200}, 4.2, FALSE, TRUE},
  {CIRCLE, {30.3, 17.6, 6.2}, NULL, 0, {180, 0, 180, 90}, 0, TRUE},
  {CIRCLE, {8.4, 8.6, 5.3}, NULL, 0, {0, 0, 0, 255}, 1.7},
};

static gchar *
format_caps (const gchar * format, gint w, gint h)
{
  gboolean yuv = strchr ("IYNU", format[0]) != NULL;

  return g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,"
      "framerate=30/1,colorimetry=%s", format, w, h,
      yuv ? "bt601" : g_str_equal (format, "GRAY8") ? "1:4:0:0" : "sRGB");
}

static void
check_shapes (const gchar * format, gboolean padded)
{
  gchar *caps = format_caps (format, FRAME_W, FRAME_H);
  gchar *json = ops_to_json (shapes, G_N_ELEMENTS (shapes));
  gchar *what = g_strdup_printf ("%s%s", format, padded ? " (padded)" : "");
  GstVideoInfo info;
  GstBuffer *in = gvajs_test_video_buffer (caps, padded, -1, 7, &info);
  Image expected = image_from_buffer (&info, in);
  GstBuffer *out;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (shapes); i++)
    render_op (&expected, &shapes[i]);
  out = run_ops (caps, json, in, NULL);
  assert_same_bytes (&expected, out, what);
  gst_buffer_unref (out);
  g_free (expected.data);
  g_free (what);
  g_free (json);
  g_free (caps);
}

GST_START_TEST (test_shapes_match_reference_on_every_format)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    check_shapes (formats[i], FALSE);
}

GST_END_TEST;

GST_START_TEST (test_shapes_honour_padded_strides_and_offsets)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    check_shapes (formats[i], TRUE);
}

GST_END_TEST;

/* ---- known pictures ---- */

/* Draws @ops_json in white on a black @w × @h GRAY8 frame and returns the
 * picture as text, a row per line: '#' where white, '+' where partly
 * (alpha), '.' where black. */
static gchar *
picture (const gchar * ops_json, gint w, gint h)
{
  gchar *caps = format_caps ("GRAY8", w, h);
  GstVideoInfo info;
  GstBuffer *out = run_ops (caps, ops_json,
      gvajs_test_video_buffer (caps, FALSE, 0, 1, &info), NULL);
  GString *text = g_string_new (NULL);
  GstMapInfo map;
  gint i, j;

  fail_unless (gst_buffer_map (out, &map, GST_MAP_READ));
  for (j = 0; j < h; j++) {
    for (i = 0; i < w; i++) {
      guint8 v = map.data[j * info.stride[0] + i];
      g_string_append_c (text, v == 255 ? '#' : v ? '+' : '.');
    }
    g_string_append_c (text, '\n');
  }
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  g_free (caps);
  return g_string_free (text, FALSE);
}

static void
assert_picture (const gchar * ops_json, gint w, gint h, const gchar * want)
{
  gchar *got = picture (ops_json, w, h);

  fail_unless (g_strcmp0 (got, want) == 0, "%s\ngot:\n%s\nwant:\n%s",
      ops_json, got, want);
  g_free (got);
}

GST_START_TEST (test_rects_cover_their_pixels)
{
  /* {x, y, w, h} covers w × h pixels; a fraction rounds up at both
   * edges ([x, x + w)); the outline lies inside the rect. */
  assert_picture ("[[\"rect\", {\"x\": 1, \"y\": 1, \"w\": 3, \"h\": 2}, "
      "{\"fill\": true}], [\"rect\", {\"x\": 5.5, \"y\": 0.5, \"w\": 2, "
      "\"h\": 2}, {\"fill\": true}]]", 9, 4,
      ".........\n" ".###..##.\n" ".###..##.\n" ".........\n");
  assert_picture ("[[\"rect\", {\"x\": 1, \"y\": 1, \"w\": 6, \"h\": 5}], "
      "[\"rect\", {\"x\": 3, \"y\": 3, \"w\": 2, \"h\": 1}]]", 8, 7,
      "........\n" ".######.\n" ".#....#.\n" ".#.##.#.\n" ".#....#.\n"
      ".######.\n" "........\n");
  assert_picture ("[[\"rect\", {\"x\": 0, \"y\": 0, \"w\": 7, \"h\": 6}, "
      "{\"thickness\": 2}]]", 8, 7,
      "#######.\n" "#######.\n" "##...##.\n" "##...##.\n" "#######.\n"
      "#######.\n" "........\n");
  /* Thicker than half the rect: all of it. */
  assert_picture ("[[\"rect\", {\"x\": 1, \"y\": 1, \"w\": 3, \"h\": 3}, "
      "{\"thickness\": 5}]]", 5, 5,
      ".....\n" ".###.\n" ".###.\n" ".###.\n" ".....\n");
}

GST_END_TEST;

GST_START_TEST (test_lines_cover_both_ends)
{
  /* One pixel wide through integer points, both ends drawn; 2 wide
   * covers [x - 1, x + 1) and reaches 1 past each end (square caps). */
  assert_picture ("[[\"line\", 1, 1, 6, 1], [\"line\", 8, 1, 8, 4, "
      "{\"thickness\": 2}], [\"line\", 1, 3, 4, 6]]", 10, 7,
      ".......##.\n" ".########.\n" ".......##.\n" ".#.....##.\n"
      "..#....##.\n" "...#......\n" "....#.....\n");
  /* Huge coordinates: clipped, the row is all drawn. */
  assert_picture ("[[\"line\", -1e9, 1, 1e9, 1]]", 6, 3,
      "......\n" "######\n" "......\n");
}

GST_END_TEST;

GST_START_TEST (test_circles_are_closed_discs)
{
  /* Radius 2: the pixels at distance 2 are in; radius 0 at a whole
   * point is that pixel. */
  assert_picture ("[[\"circle\", 3, 3, 2, {\"fill\": true}], [\"circle\", "
      "8, 1, 0, {\"fill\": true}]]", 10, 7,
      "..........\n" "...#....#.\n" "..###.....\n" ".#####....\n"
      "..###.....\n" "...#......\n" "..........\n");
  /* The ring: within thickness / 2 of radius 2. */
  assert_picture ("[[\"circle\", 3, 3, 2]]", 7, 7,
      ".......\n" "..###..\n" ".#...#.\n" ".#...#.\n" ".#...#.\n"
      "..###..\n" ".......\n");
}

GST_END_TEST;

GST_START_TEST (test_polygons_fill_half_open)
{
  /* The square of corners (1, 1) and (5, 4) covers the rect {1, 1, 4, 3};
   * a triangle's slanted edge: x = 9, 8, 7 on rows 0, 1, 2, each out. */
  assert_picture ("[[\"polygon\", [[1, 1], [5, 1], [5, 4], [1, 4]], "
      "{\"fill\": true}], [\"polygon\", [[6, 0], [9, 0], [6, 3]], "
      "{\"fill\": true}]]", 10, 5,
      "......###.\n" ".####.##..\n" ".####.#...\n" ".####.....\n"
      "..........\n");
  /* An open path of one point is a square dot; a closed one of two
   * points is the segment. */
  assert_picture ("[[\"polygon\", [[1, 1]], {\"thickness\": 2}], "
      "[\"polygon\", [[4, 0], [4, 2]]]]", 6, 4,
      "##..#.\n" "##..#.\n" "....#.\n" "......\n");
}

GST_END_TEST;

GST_START_TEST (test_closed_paths_have_round_corners)
{
  /* A closed outline has no ends: its corner at (3, 3) is the disc of
   * radius 2.5, so (1, 1), 2.8 away, stays black where a square end
   * would have reached; an open path's first end is square. */
  gchar *closed = picture ("[[\"polygon\", [[3, 3], [13, 3], [3, 9]], "
      "{\"thickness\": 5}]]", 16, 12);
  gchar *open = picture ("[[\"polygon\", [[3, 3], [13, 3], [3, 9]], "
      "{\"thickness\": 5, \"closed\": false}]]", 16, 12);

  fail_unless (closed[1 * 17 + 1] == '.' && closed[3 * 17 + 1] == '#' &&
      closed[1 * 17 + 3] == '#', "%s", closed);
  fail_unless (open[1 * 17 + 1] == '#', "%s", open);
  g_free (closed);
  g_free (open);
}

GST_END_TEST;

GST_START_TEST (test_translucent_strokes_composite_once)
{
  /* Alpha 128 white on black is 128 wherever the path draws, joints and
   * crossings included: a pixel is composited once per call. */
  gchar *caps = format_caps ("GRAY8", 10, 10);
  GstBuffer *out = run_ops (caps, "[[\"polygon\", [[1, 1], [8, 5], [1, 8], "
      "[8, 1]], {\"color\": [255, 255, 255, 128], \"thickness\": 3}]]",
      gvajs_test_video_buffer (caps, FALSE, 0, 1, NULL), NULL);
  GstMapInfo map;
  guint drawn = 0;
  gsize k;

  fail_unless (gst_buffer_map (out, &map, GST_MAP_READ));
  for (k = 0; k < map.size; k++) {
    fail_unless (map.data[k] == 0 || map.data[k] == 128, "byte %"
        G_GSIZE_FORMAT ": %u", k, map.data[k]);
    drawn += map.data[k] == 128;
  }
  fail_unless (drawn > 40, "%u pixels drawn", drawn);
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  g_free (caps);
}

GST_END_TEST;

/* ---- text ---- */

/* The text @json_text (a JSON string) in white at @size, drawn at (10, 5)
 * on a black 200 x 40 GRAY8 frame: its coverage, by pixel. The text box
 * it printed goes to @w and @h. */
static guint8 *
text_coverage (const gchar * json_text, guint size, gint * w, gint * h)
{
  gchar *caps = format_caps ("GRAY8", 200, 40);
  gchar *ops = g_strdup_printf ("[[\"text\", 10, 5, %s, {\"size\": %u}]]",
      json_text, size);
  gchar *printed;
  GstBuffer *out = run_ops (caps, ops,
      gvajs_test_video_buffer (caps, FALSE, 0, 1, NULL), &printed);
  guint8 *cov = g_malloc (200 * 40);

  fail_unless (sscanf (printed, "text -> {\"x\":10,\"y\":5,\"w\":%d,"
          "\"h\":%d}", w, h) == 2, "%s", printed);
  gst_buffer_extract (out, 0, cov, 200 * 40);
  gst_buffer_unref (out);
  g_free (printed);
  g_free (ops);
  g_free (caps);
  return cov;
}

/* The ink of a coverage picture: [x0, x1) x [y0, y1), and its most. */
typedef struct
{
  gint x0, y0, x1, y1;
  guint max;
} Ink;

static Ink
ink_of (const guint8 * cov, gint w, gint h)
{
  Ink ink = { G_MAXINT, G_MAXINT, -1, -1, 0 };
  gint i, j;

  for (j = 0; j < h; j++)
    for (i = 0; i < w; i++)
      if (cov[j * w + i]) {
        ink.x0 = MIN (ink.x0, i);
        ink.y0 = MIN (ink.y0, j);
        ink.x1 = MAX (ink.x1, i + 1);
        ink.y1 = MAX (ink.y1, j + 1);
        ink.max = MAX (ink.max, cov[j * w + i]);
      }
  return ink;
}

static void
check_text (const gchar * format, const guint8 * mask, gint tw, gint th)
{
  gchar *caps = format_caps (format, FRAME_W, FRAME_H);
  static const guint8 colour[4] = { 250, 200, 20, 200 };
  static const Op background = { RECT, {-4, 4, 0, 0}, NULL, 0,
    {20, 20, 120, 150}, 0, TRUE
  };
  Op box = background;
  GstVideoInfo info;
  GstBuffer *in = gvajs_test_video_buffer (caps, TRUE, -1, 3, &info);
  Image expected = image_from_buffer (&info, in);
  guint8 *cov = g_malloc0 (FRAME_W * FRAME_H);
  gint i, j, mx, my;
  GstBuffer *out;

  /* At (-4.4, 3.6): the box's corner rounds to (-4, 4), padding 2 puts
   * the text at (-2, 6), which the mask drew at (10, 5). */
  box.v[2] = tw + 4;
  box.v[3] = th + 4;
  render_op (&expected, &box);
  for (j = 0; j < FRAME_H; j++)
    for (i = 0; i < FRAME_W; i++) {
      mx = i + 2 + 10;
      my = j - 6 + 5;
      if (mx >= 0 && mx < 200 && my >= 0 && my < 40)
        cov[j * FRAME_W + i] = mask[my * 200 + mx];
    }
  composite (&expected, cov, colour);
  out = run_ops (caps, "[[\"text\", -4.4, 3.6, \"Zo\u00eb 0.93\", "
      "{\"color\": [250, 200, 20, 200], \"size\": 12, \"background\": "
      "[20, 20, 120, 150], \"padding\": 2}]]", in, NULL);
  assert_same_bytes (&expected, out, format);
  gst_buffer_unref (out);
  g_free (expected.data);
  g_free (cov);
  g_free (caps);
}

GST_START_TEST (test_text_matches_reference_on_every_format)
{
  gint w, h;
  guint8 *mask = text_coverage ("\"Zo\u00eb 0.93\"", 12, &w, &h);
  guint i;

  fail_unless (ink_of (mask, 200, 40).max == 255);
  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    check_text (formats[i], mask, w, h);
  g_free (mask);
}

GST_END_TEST;

GST_START_TEST (test_text_sits_on_its_baseline)
{
  gchar *printed;
  gchar *caps = format_caps ("GRAY8", 200, 40);
  GstBuffer *out = run_ops (caps, "[[\"measureText\", \"H\", {\"size\": "
      "30}]]", gvajs_test_video_buffer (caps, FALSE, 0, 1, NULL), &printed);
  gint w, h, baseline, mw, mh;
  guint8 *cov = text_coverage ("\"H\"", 30, &w, &h);
  Ink ink = ink_of (cov, 200, 40);

  fail_unless (sscanf (printed, "measureText -> {\"w\":%d,\"h\":%d,"
          "\"baseline\":%d}", &mw, &mh, &baseline) == 3, "%s", printed);
  /* measureText says what text draws: the box, and an "H" standing on
   * the baseline (its last row is the one above), DejaVu's cap height
   * (0.73 em) tall, starting after a small side bearing. */
  fail_unless_equals_int (mw, w);
  fail_unless_equals_int (mh, h);
  fail_unless_equals_int (ink.y1, 5 + baseline);
  fail_unless (ink.y1 - ink.y0 >= 20 && ink.y1 - ink.y0 <= 24, "cap height "
      "%d", ink.y1 - ink.y0);
  fail_unless (ink.x0 >= 10 && ink.x0 <= 14 && ink.x1 <= 10 + w, "ink "
      "columns %d..%d of a box 10..%d", ink.x0, ink.x1, 10 + w);
  fail_unless (h >= 30 && h <= 40 && baseline < h, "box %d, baseline %d", h,
      baseline);
  gst_buffer_unref (out);
  g_free (printed);
  g_free (cov);
  g_free (caps);
}

GST_END_TEST;

GST_START_TEST (test_text_is_utf8)
{
  gint w, h, w_ascii, h_ascii, i, j, diff_top = G_MAXINT, e_top = G_MAXINT;
  guint8 *umlaut = text_coverage ("\"Zo\u00eb\"", 20, &w, &h);
  guint8 *plain = text_coverage ("\"Zoe\"", 20, &w_ascii, &h_ascii);

  /* "ë" is one character with the advance of "e" (two Latin-1 bytes
   * would be two glyphs), drawn as the "e" with dots above it. */
  fail_unless_equals_int (w, w_ascii);
  for (j = 0; j < 40; j++)
    for (i = 0; i < 200; i++) {
      if (umlaut[j * 200 + i] != plain[j * 200 + i])
        diff_top = MIN (diff_top, j);
      if (plain[j * 200 + i] && i >= 10 + w * 2 / 3)
        e_top = MIN (e_top, j);
    }
  fail_unless (diff_top < e_top, "the dots (from row %d) are not above the "
      "e (from row %d)", diff_top, e_top);
  g_free (umlaut);
  g_free (plain);
}

GST_END_TEST;

GST_START_TEST (test_text_alpha_and_clipping)
{
  gchar *caps = format_caps ("GRAY8", 40, 20);
  GstBuffer *out = run_ops (caps, "[[\"text\", 2, 2, \"Wg\", {\"color\": "
      "[255, 255, 255, 128], \"size\": 14}], [\"text\", 30, 12, "
      "\"clipped at the edges\", {\"size\": 14}], [\"text\", -1e9, 0, "
      "\"far\"]]", gvajs_test_video_buffer (caps, FALSE, 0, 1, NULL), NULL);
  guint8 cov[40 * 20];
  Ink left, right;
  gint j;

  gst_buffer_extract (out, 0, cov, sizeof cov);
  /* Half-transparent white on black reaches 128 where a glyph covers a
   * pixel fully. */
  for (j = 0; j < 20; j++)
    memset (cov + j * 40 + 28, 0, 12);
  left = ink_of (cov, 40, 20);
  fail_unless (left.max == 128, "most %u", left.max);
  gst_buffer_extract (out, 0, cov, sizeof cov);
  for (j = 0; j < 20; j++)
    memset (cov + j * 40, 0, 29);
  right = ink_of (cov, 40, 20);
  fail_unless (right.x1 == 40 && right.y1 == 20,
      "text cut at the frame's edges: ink to %d, %d", right.x1, right.y1);
  gst_buffer_unref (out);
  g_free (caps);
}

GST_END_TEST;

/* ---- chroma arithmetic ---- */

GST_START_TEST (test_chroma_cells_composite_exactly)
{
  /* A cell of 1, 2 or 4 pixels (odd edges, 4:2:2, 4:2:0) composited by
   * raster.c equals (v (255 n - S) + value S + 255 n / 2) / (255 n)
   * rounded down, S the sum of its pixels' alphas: checked with plain
   * division on 200 000 random cells, values and alphas. */
  GRand *rand = g_rand_new_with_seed (12);
  guint8 luma[4], chroma, cov[2][2];
  GvajsRasterComponent comps[2] = {
    {luma, 2, 1, 0, 0, 0}, {&chroma, 1, 1, 1, 1, 0},
  };
  GvajsCanvas canvas;
  guint i, w, h, old, sum, d, x, y, want;

  for (i = 0; i < 200000; i++) {
    w = g_rand_int_range (rand, 1, 3);
    h = g_rand_int_range (rand, 1, 3);
    old = chroma = g_rand_int_range (rand, 0, 256);
    comps[1].value = g_rand_int_range (rand, 0, 256);
    sum = 0;
    for (y = 0; y < h; y++)
      for (x = 0; x < w; x++)
        sum += cov[y][x] = g_rand_int_range (rand, 0, 256);
    _gvajs_canvas_init (&canvas, w, h, comps, 2, 255);
    for (y = 0; y < h; y++)
      _gvajs_canvas_span (&canvas, y, 0, w, cov[y]);
    _gvajs_canvas_finish (&canvas);
    d = 255 * w * h;
    want = sum ? (old * (d - sum) + comps[1].value * sum + d / 2) / d : old;
    fail_unless (chroma == want, "cell of %u x %u: %u to %u by %u: %u, not "
        "%u", w, h, old, comps[1].value, sum, chroma, want);
  }
  g_rand_free (rand);
}

GST_END_TEST;

/* ---- colours ---- */

/* The first sample of each component after a red (or @rgb) fill. */
static void
assert_fill_values (const gchar * caps, const gchar * rgb, guint y, guint u,
    guint v)
{
  gchar *ops = g_strdup_printf ("[[\"rect\", {\"x\": 0, \"y\": 0, \"w\": "
      "8, \"h\": 8}, {\"color\": %s, \"fill\": true}]]", rgb);
  GstVideoInfo info;
  GstBuffer *out = run_ops (caps, ops,
      gvajs_test_video_buffer (caps, FALSE, 0, 1, &info), NULL);
  GstVideoFrame frame;

  fail_unless (gst_video_frame_map (&frame, &info, out, GST_MAP_READ));
  fail_unless_equals_int (GST_VIDEO_FRAME_COMP_DATA (&frame, 0)[0], y);
  if (GST_VIDEO_INFO_N_COMPONENTS (&info) > 1) {
    fail_unless_equals_int (GST_VIDEO_FRAME_COMP_DATA (&frame, 1)[0], u);
    fail_unless_equals_int (GST_VIDEO_FRAME_COMP_DATA (&frame, 2)[0], v);
  }
  gst_video_frame_unmap (&frame);
  gst_buffer_unref (out);
  g_free (ops);
}

GST_START_TEST (test_colours_follow_the_caps_colorimetry)
{
  /* BT.601 limited range by hand: Y = 16 + 219 (0.299 R + 0.587 G +
   * 0.114 B), U = 128 + 224 (B - Y') / 1.772, V = 128 + 224 (R - Y') /
   * 1.402; red is 81, 90, 240. BT.709 red: 63, 102, 240. */
  assert_fill_values ("video/x-raw,format=I420,width=8,height=8,"
      "framerate=30/1,colorimetry=bt601", "[255, 0, 0]", 81, 90, 240);
  assert_fill_values ("video/x-raw,format=NV12,width=8,height=8,"
      "framerate=30/1,colorimetry=bt709", "[255, 0, 0]", 63, 102, 240);
  assert_fill_values ("video/x-raw,format=YUY2,width=8,height=8,"
      "framerate=30/1,colorimetry=bt601", "[255, 255, 255]", 235, 128, 128);
  /* Gray is BT.601 luma at full range. */
  assert_fill_values ("video/x-raw,format=GRAY8,width=8,height=8,"
      "framerate=30/1", "[255, 0, 0]", 76, 0, 0);
  assert_fill_values ("video/x-raw,format=BGRx,width=8,height=8,"
      "framerate=30/1", "[10, 20, 30]", 10, 20, 30);
}

GST_END_TEST;

/* ---- arguments and rules ---- */

static const gchar *const draw_errors[] = {
  "rect({}) -> TypeError: draw.rect(): frame: not a VideoFrame\n",
  "rect(frame, null) -> TypeError: draw.rect(): rect must be an object "
      "{x, y, w, h}, not null\n",
  "rect(rect.x NaN) -> RangeError: draw.rect(): rect.x must be a finite "
      "number, not NaN\n",
  "rect(rect.h missing) -> TypeError: draw.rect(): rect.h must be a number, "
      "not undefined\n",
  "line(x2 Infinity) -> RangeError: draw.line(): x2 must be a finite "
      "number, not Infinity\n",
  "line(x2 1e12) -> RangeError: draw.line(): x2 must be from -1e9 to 1e9 "
      "(pixels), not 1e+12\n",
  "line(x2 string) -> TypeError: draw.line(): x2 must be a number, not the "
      "string \"5\"\n",
  "line(y2 missing) -> TypeError: draw.line(): y2 must be a number, not "
      "undefined\n",
  "rect(style 5) -> TypeError: draw.rect(): style must be an object, not "
      "5\n",
  "rect(color 2 items) -> TypeError: draw.rect(): style.color must be [r, "
      "g, b] or [r, g, b, a] (numbers from 0 to 255), not an array\n",
  "rect(color string) -> TypeError: draw.rect(): style.color must be [r, "
      "g, b] or [r, g, b, a] (numbers from 0 to 255), not the string "
      "\"red\"\n",
  "rect(color 300) -> RangeError: draw.rect(): style.color[2] must be from "
      "0 to 255, not 300\n",
  "rect(color NaN) -> RangeError: draw.rect(): style.color[0] must be a "
      "finite number, not NaN\n",
  "rect(alpha -1) -> RangeError: draw.rect(): style.color[3] must be from "
      "0 to 255, not -1\n",
  "line(thickness 0) -> RangeError: draw.line(): style.thickness must be "
      "more than 0 and at most 1e9, not 0\n",
  "line(thickness NaN) -> RangeError: draw.line(): style.thickness must be "
      "a finite number, not NaN\n",
  "rect(fill string) -> TypeError: draw.rect(): style.fill must be true or "
      "false, not the string \"yes\"\n",
  "polygon(points 5) -> TypeError: draw.polygon(): points must be an array "
      "of [x, y] pairs or a typed array of x, y values, not 5\n",
  "polygon(short pair) -> TypeError: draw.polygon(): points[1] must be an "
      "[x, y] pair, not an array\n",
  "polygon(NaN in pair) -> RangeError: draw.polygon(): points[1][1] must be "
      "a finite number, not NaN\n",
  "polygon(odd typed array) -> RangeError: draw.polygon(): points must hold "
      "x, y pairs, at most 1024 of them, not 3 numbers\n",
  "polygon(Infinity in typed array) -> RangeError: draw.polygon(): "
      "points[2] must be a finite number, not Infinity\n",
  "polygon(1025 points) -> RangeError: draw.polygon(): points must hold at "
      "most 1024 points, not 1025\n",
  "polygon(1025 typed points) -> RangeError: draw.polygon(): points must "
      "hold x, y pairs, at most 1024 of them, not 2050 numbers\n",
  "polygon(BigInt64Array) -> TypeError: draw.polygon(): points must be ",
  "polygon(closed string) -> TypeError: draw.polygon(): style.closed must "
      "be true or false, not the string \"no\"\n",
  "circle(r -1) -> RangeError: draw.circle(): r must be at least 0 and at "
      "most 1e9, not -1\n",
  "circle(r missing) -> TypeError: draw.circle(): r must be a number, not "
      "undefined\n",
  "text(5) -> TypeError: draw.text(): text must be a string, not 5\n",
  "text(1025 characters) -> RangeError: draw.text(): text must have at "
      "most 1024 characters, not 1025\n",
  "text(size 3) -> RangeError: draw.text(): style.size must be an integer "
      "from 4 to 256, not 3\n",
  "text(size 12.5) -> RangeError: draw.text(): style.size must be an "
      "integer from 4 to 256, not 12.5\n",
  "text(size 257) -> RangeError: draw.text(): style.size must be an "
      "integer from 4 to 256, not 257\n",
  "text(padding -1) -> RangeError: draw.text(): style.padding must be an "
      "integer from 0 to 1000, not -1\n",
  "text(background 4) -> TypeError: draw.text(): style.background must be "
      "[r, g, b] or [r, g, b, a] (numbers from 0 to 255), not 4\n",
  "measureText(5) -> TypeError: draw.measureText(): text must be a string, "
      "not 5\n",
  "measureText(size 0) -> RangeError: draw.measureText(): style.size must "
      "be an integer from 4 to 256, not 0\n",
  "rect(throwing getter) -> Error: from the getter\n",
  "rect(outside) -> no error\n",
  "rect(empty) -> no error\n",
  "polygon(no points) -> no error\n",
  "text(empty) -> no error\n",
  "text(outside) -> no error\n",
  "rect(old frame) -> TypeError: draw.rect(): frame: this VideoFrame is no "
      "longer valid",
};

GST_START_TEST (test_bad_arguments_have_clear_errors)
{
  gchar *out = run_cases ("errors", "video/x-raw,format=RGB,width=4,"
      "height=2,framerate=30/1", 2);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (draw_errors); i++)
    assert_contains (out, draw_errors[i]);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_drawing_maps_as_data_write)
{
  gchar *out = run_cases ("after_view", "video/x-raw,format=RGB,width=4,"
      "height=2,framerate=30/1", 1);

  /* After a read view, as data("write") after data(). */
  assert_contains (out, "rect(after data()) -> TypeError: draw.rect(): the "
      "frame is already mapped for reading in this call and a data() view "
      "shows it; write (with data(\"write\") or draw) before reading with "
      "data()\n");
  g_free (out);
  /* After a helper that read through a mapping no view shows. */
  out = run_cases ("stats_then_draw", "video/x-raw,format=RGB,width=4,"
      "height=2,framerate=30/1", 1);
  assert_contains (out, "red after regionStats: 255\n");
  g_free (out);
  out = run_cases ("unsupported", "video/x-raw,format=GRAY16_LE,width=4,"
      "height=2,framerate=30/1", 1);
  assert_contains (out, "rect(GRAY16) -> TypeError: draw.rect(): the "
      "frame's format is GRAY16_LE; supported: RGB, BGR, RGBA, BGRA, ARGB, "
      "ABGR, RGBx, BGRx, xRGB, xBGR, GRAY8, I420, YV12, NV12, NV21, Y42B, "
      "Y444, YUY2, UYVY, YVYU\n");
  assert_contains (out, "text(GRAY16) -> TypeError: draw.text(): the "
      "frame's format is GRAY16_LE;");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_drawing_never_reaches_shared_memory)
{
  /* Memory another buffer holds too (a tee's branches share it): the
   * write goes to a copy, as data("write")'s does. */
  const gchar *caps = "video/x-raw,format=GRAY8,width=4,height=2,"
      "framerate=30/1";
  GstBuffer *in = gvajs_test_video_buffer (caps, FALSE, 0, 1, NULL);
  GstBuffer *other = gst_buffer_new ();
  GstBuffer *out;
  guint8 drawn, shared;

  gst_buffer_append_memory (other, gst_buffer_get_memory (in, 0));
  out = run_ops (caps, "[[\"rect\", {\"x\": 0, \"y\": 0, \"w\": 4, "
      "\"h\": 2}, {\"fill\": true}]]", in, NULL);
  gst_buffer_extract (out, 0, &drawn, 1);
  gst_buffer_extract (other, 0, &shared, 1);
  fail_unless_equals_int (drawn, 255);
  fail_unless_equals_int (shared, 0);
  gst_buffer_unref (out);
  gst_buffer_unref (other);
}

GST_END_TEST;

GST_START_TEST (test_missing_font_is_a_clear_error)
{
  gchar *out;

  g_setenv ("GVAJS_FONT", "/nonexistent/font.ttf", TRUE);
  out = run_cases ("no_font", "video/x-raw,format=RGB,width=4,height=2,"
      "framerate=30/1", 1);
  assert_contains (out, "text(no font) -> InternalError: draw.text(): "
      "cannot read the font '/nonexistent/font.ttf' (");
  assert_contains (out, "): install Debian's fonts-dejavu-core, or point "
      "GVAJS_FONT at a TrueType or OpenType file\n");
  assert_contains (out, "measureText(no font) -> InternalError: "
      "draw.measureText(): cannot read the font");
  assert_contains (out, "rect(no font) -> no error\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_a_file_that_is_no_font_is_a_clear_error)
{
  gchar *path = gvajs_test_fixture (OPS);
  gchar *out, *want;

  g_setenv ("GVAJS_FONT", path, TRUE);
  out = run_cases ("no_font", "video/x-raw,format=RGB,width=4,height=2,"
      "framerate=30/1", 1);
  want = g_strdup_printf ("text(no font) -> InternalError: draw.text(): the "
      "font '%s' is not one FreeType can open (FreeType error ", path);
  assert_contains (out, want);
  g_free (want);
  g_free (out);
  g_free (path);
}

GST_END_TEST;

/* ---- motion: foreground() and blobs() ---- */

GST_START_TEST (test_blobs_box_connected_parts)
{
  gchar *out = run_fixture (MOTION, "blob_cases", "video/x-raw,format=GRAY8,width=4,"
      "height=2,framerate=30/1", 1);

  fail_unless (strstr (out, "two 10,2,5x5:25 1,1,3x3:9\n") != NULL, "%s",
      out);
  fail_unless (strstr (out, "gap1 1,1,3x3:9 7,1,3x3:9\n") != NULL, "%s", out);
  fail_unless (strstr (out, "gap2 1,1,9x3:18\n") != NULL, "%s", out);
  fail_unless (strstr (out, "scaled 20,4,10x10:100\n") != NULL, "%s", out);
  fail_unless (strstr (out, "empty 0\n") != NULL, "%s", out);
  fail_unless (strstr (out, "\ndiagonal 1,1,6x6:18\n") != NULL, "%s", out);
  fail_unless (strstr (out, "antidiagonal 1,1,6x6:18\n") != NULL, "%s", out);
  g_free (out);
}

GST_END_TEST;

static const gchar *const motion_errors[] = {
  "blobs(Float32Array) -> TypeError: blobs(): mask must be a Uint8Array, "
      "not a Float32Array\n",
  "blobs(wrong size) -> RangeError: blobs(): mask has 6 bytes, not width x "
      "height = 8 (at most 8388608)\n",
  "blobs(width 0) -> RangeError: blobs(): width must be an integer from 1 "
      "to 8388608, not 0\n",
  "blobs(gap 9) -> RangeError: blobs(): options.gap must be an integer from "
      "0 to 8, not 9\n",
  "blobs(scale NaN) -> RangeError: blobs(): options.scale must be a finite "
      "number, not NaN\n",
  "blobs(options 1) -> TypeError: blobs(): options must be an object, not "
      "1\n",
  "foreground(short model) -> TypeError: foreground(): model must be a "
      "Float32Array of 8 x 300 = 2400 values (the model of a 40x30 frame at "
      "scale 2, zeros to start), not 7 values\n",
  "foreground(Array) -> TypeError: foreground(): model must be a "
      "Float32Array of 8 x 300",
  "foreground(scale 0) -> RangeError: foreground(): options.scale must be "
      "an integer from 1 to 16, not 0\n",
  "foreground(rate 2) -> RangeError: foreground(): options.rate must be "
      "from 1e-06 to 1, not 2\n",
};

typedef enum
{
  MOVING,                       /* 2 pixels a frame */
  STILL,                        /* at (10, 10) */
  CHANGING,                     /* at (10, 10), 160 from frame 13 on */
} Square;

/* Frame @i of a 40 x 30 gray scene (100, with a little noise): from frame
 * 5 on, an 8 x 8 square of 220, as @square says. */
static GstBuffer *
scene_frame (guint i, Square square)
{
  GstBuffer *buf = gvajs_test_video_buffer ("video/x-raw,format=GRAY8,"
      "width=40,height=30,framerate=30/1", FALSE, 100, 1, NULL);
  GRand *rand = g_rand_new_with_seed (i + 1);
  GstMapInfo map;
  gint x, y, left = square == MOVING ? 2 + 2 * (i % 12) : 10;
  guint8 bright = square == CHANGING && i >= 13 ? 160 : 220;

  fail_unless (gst_buffer_map (buf, &map, GST_MAP_WRITE));
  for (y = 0; y < 30; y++)
    for (x = 0; x < 40; x++)
      map.data[y * 40 + x] = i >= 5 && x >= left && x < left + 8 && y >= 10 &&
          y < 18 ? bright : 100 + g_rand_int_range (rand, -2, 3);
  gst_buffer_unmap (buf, &map);
  g_rand_free (rand);
  GST_BUFFER_PTS (buf) = i * GST_SECOND / 30;
  return buf;
}

/* What "function=track" printed for 30 frames of the scene, a line each. */
static gchar **
track_scene (Square square)
{
  GstHarness *h;
  gchar *text, **lines;
  guint i;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (MOTION, "function=track", "video/x-raw,"
      "format=GRAY8,width=40,height=30,framerate=30/1");
  for (i = 0; i < 30; i++)
    fail_unless_equals_int (gst_harness_push (h, scene_frame (i, square)),
        GST_FLOW_OK);
  gst_harness_teardown (h);
  text = gvajs_test_capture_output_stop ();
  lines = g_strsplit (text, "\n", -1);
  g_free (text);
  return lines;
}

GST_START_TEST (test_foreground_finds_what_moves)
{
  gchar **lines = track_scene (MOVING), *want;
  guint i, errors = G_N_ELEMENTS (motion_errors) - 6;

  /* The first lines are the bad-argument cases (checked below); then a
   * line a frame. The scene becomes the background: nothing until the
   * square comes, then its 4 x 4 blocks wherever it goes. */
  fail_unless_equals_string (lines[errors + 4], "0 ");
  for (i = 5; i < 30; i++) {
    want = g_strdup_printf ("16 %d,10,8x8:64", 2 + 2 * (i % 12));
    fail_unless_equals_string (lines[errors + i], want);
    g_free (want);
  }
  g_strfreev (lines);
}

GST_END_TEST;

GST_START_TEST (test_foreground_absorbs_what_stays)
{
  gchar **lines = track_scene (STILL);
  guint skip = 4;

  /* Still for more than absorb (10) frames: background again. */
  fail_unless_equals_string (lines[skip + 5], "16 10,10,8x8:64");
  fail_unless_equals_string (lines[skip + 15], "16 10,10,8x8:64");
  fail_unless_equals_string (lines[skip + 16], "0 ");
  fail_unless_equals_string (lines[skip + 29], "0 ");
  g_strfreev (lines);
  /* What comes where something else was (a person where a ghost was)
   * starts the count again: still there 10 frames later. */
  lines = track_scene (CHANGING);
  fail_unless_equals_string (lines[skip + 22], "16 10,10,8x8:64");
  fail_unless_equals_string (lines[skip + 29], "0 ");
  g_strfreev (lines);
}

GST_END_TEST;

GST_START_TEST (test_motion_bad_arguments_have_clear_errors)
{
  gchar *out = run_fixture (MOTION, "errors", "video/x-raw,format=GRAY8,"
      "width=4,height=2,framerate=30/1", 1);
  gchar **lines = track_scene (MOVING), *all = g_strjoinv ("\n", lines);
  guint i;

  for (i = 0; i < 6; i++)
    assert_contains (out, motion_errors[i]);
  for (i = 6; i < G_N_ELEMENTS (motion_errors); i++)
    assert_contains (all, motion_errors[i]);
  g_free (all);
  g_strfreev (lines);
  g_free (out);
}

GST_END_TEST;

static Suite *
draw_suite (void)
{
  Suite *s = suite_create ("draw");
  TCase *shapes_case = tcase_create ("shapes");
  TCase *known = tcase_create ("known");
  TCase *text = tcase_create ("text");
  TCase *rules = tcase_create ("rules");
  TCase *motion = tcase_create ("motion");

  tcase_add_test (shapes_case, test_shapes_match_reference_on_every_format);
  tcase_add_test (shapes_case, test_shapes_honour_padded_strides_and_offsets);
  suite_add_tcase (s, shapes_case);
  tcase_add_test (known, test_rects_cover_their_pixels);
  tcase_add_test (known, test_lines_cover_both_ends);
  tcase_add_test (known, test_circles_are_closed_discs);
  tcase_add_test (known, test_polygons_fill_half_open);
  tcase_add_test (known, test_closed_paths_have_round_corners);
  tcase_add_test (known, test_translucent_strokes_composite_once);
  tcase_add_test (known, test_colours_follow_the_caps_colorimetry);
  tcase_add_test (known, test_chroma_cells_composite_exactly);
  suite_add_tcase (s, known);
  tcase_add_test (text, test_text_matches_reference_on_every_format);
  tcase_add_test (text, test_text_sits_on_its_baseline);
  tcase_add_test (text, test_text_is_utf8);
  tcase_add_test (text, test_text_alpha_and_clipping);
  tcase_add_test (text, test_missing_font_is_a_clear_error);
  tcase_add_test (text, test_a_file_that_is_no_font_is_a_clear_error);
  suite_add_tcase (s, text);
  tcase_add_test (rules, test_bad_arguments_have_clear_errors);
  tcase_add_test (rules, test_drawing_maps_as_data_write);
  tcase_add_test (rules, test_drawing_never_reaches_shared_memory);
  suite_add_tcase (s, rules);
  tcase_add_test (motion, test_blobs_box_connected_parts);
  tcase_add_test (motion, test_foreground_finds_what_moves);
  tcase_add_test (motion, test_foreground_absorbs_what_stays);
  tcase_add_test (motion, test_motion_bad_arguments_have_clear_errors);
  suite_add_tcase (s, motion);
  return s;
}

GST_CHECK_MAIN (draw);
