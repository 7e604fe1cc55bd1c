/* SPDX-License-Identifier: MIT */
/* Raster: shapes as sets of pixels, composited once per pixel onto a
 * frame's 8-bit components (RGB, gray, YUV with subsampled chroma, alpha).
 * Knows nothing of JS or GStreamer: draw.c parses the arguments, locates
 * the components and calls in. Depends on nothing else in runtime/.
 *
 * Sampling: pixel (i, j) is the point (i, j) — integer coordinates are
 * pixel centres, as in OpenCV — and a shape covers the pixels whose point
 * it contains. Rectangles and polygons are half-open (a sample on a left
 * or top edge is in, on a right or bottom edge out, so a rect {x, y, w, h}
 * of integers covers w × h pixels and shapes that share an edge never
 * overlap); discs and rings are closed. A shape is a union of pieces,
 * and a pixel two pieces cover is still composited once, so a stroke
 * with alpha has no darker joints. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One 8-bit component and what a shape writes into it. */
typedef struct
{
  guint8 *base;                 /* the component of pixel (0, 0) */
  gint stride;                  /* bytes between rows of its samples */
  gint pstride;                 /* bytes between its samples in a row */
  gint w_sub, h_sub;            /* subsampling, as shifts (0 or 1) */
  guint8 value;                 /* the colour's code value; 255 for the
                                 * frame's alpha, which composites "over" */
} GvajsRasterComponent;

/* Where shapes are composited: the frame's components and the colour's
 * opacity. Fill it with _gvajs_canvas_init(), then give it spans; end
 * with _gvajs_canvas_finish(). */
typedef struct
{
  gint width, height;           /* the frame's, in pixels */
  guint n_comps;
  GvajsRasterComponent comp[4];
  guint opacity;                /* of the colour, 1..255 */
  /* private: subsampled components collect the coverage of a row of
   * cells before each cell is composited by the area covered. */
  gint cell_w_sub, cell_h_sub;
  guint *cells;
  gint cell_row;
  gint *ranges;                 /* first, last cell touched, pairs */
  guint n_ranges, max_ranges;
  /* private: all components full-resolution in one plane (RGB, gray):
   * one pass over the pixels writes them all. */
  gboolean packed;
  guint8 *pixel0;               /* the first component byte of (0, 0) */
  gint offset[4];               /* each component's from pixel0 */
} GvajsCanvas;

/* @comps: @n components (4 at most) with their values; @opacity 1..255. */
G_GNUC_INTERNAL void _gvajs_canvas_init (GvajsCanvas * canvas, gint width,
    gint height, const GvajsRasterComponent * comps, guint n,
    guint opacity);
/* Composites pixels [@x0, @x1) of row @y (inside the frame) with coverage
 * @coverage[i - @x0] (0..255), or full coverage when NULL. Between
 * _gvajs_canvas_finish() calls, a pixel must come at most once, and rows
 * in an order that never goes back to an earlier row of chroma cells. */
G_GNUC_INTERNAL void _gvajs_canvas_span (GvajsCanvas * canvas, gint y,
    gint x0, gint x1, const guint8 * coverage);
/* Composites what the subsampled components collected and frees them. */
G_GNUC_INTERNAL void _gvajs_canvas_finish (GvajsCanvas * canvas);
/* Composites the samples of [@x0, @x1) × [@y0, @y1) that lie @t or less
 * inside its edges (all of it when @t <= 0), without a shape: the
 * samples (i, j) with @x0 <= i < @x1 and @y0 <= j < @y1, less those
 * farther than @t inside; then finishes the canvas. */
G_GNUC_INTERNAL void _gvajs_canvas_rect (GvajsCanvas * canvas, gdouble x0,
    gdouble y0, gdouble x1, gdouble y1, gdouble t);

typedef struct _GvajsShape GvajsShape;

/* An empty shape for a @width × @height frame; everything added is
 * clipped to it. */
G_GNUC_INTERNAL GvajsShape *_gvajs_shape_new (gint width, gint height);
G_GNUC_INTERNAL void _gvajs_shape_free (GvajsShape * shape);
/* Empties @shape for a @width × @height frame, keeping its memory. */
G_GNUC_INTERNAL void _gvajs_shape_reset (GvajsShape * shape, gint width,
    gint height);
/* The samples inside the polygon of @n points @xy (x, y pairs) by the
 * even-odd rule, half-open: the edge from point k to point k + 1 (the last
 * to the first) crosses row j when it spans it with j in [min y, max y),
 * at x = x_k + (j - y_k) * (x_k+1 - x_k) / (y_k+1 - y_k), and (i, j) is
 * inside when an odd number of crossings lie at x > i. */
G_GNUC_INTERNAL void _gvajs_shape_add_polygon (GvajsShape * shape,
    const gdouble * xy, guint n);
/* The samples whose squared distance d² from (@cx, @cy) has
 * @inner² <= d² <= @outer² (computed as (i - cx)² + (j - cy)²); with
 * @inner <= 0 the whole disc. */
G_GNUC_INTERNAL void _gvajs_shape_add_ring (GvajsShape * shape, gdouble cx,
    gdouble cy, gdouble outer, gdouble inner);
/* The stroke of the segment (@x0, @y0)-(@x1, @y1), @half_width on each
 * side: the polygon around it, extended by @half_width past an end that
 * has a cap (square caps), not past one that has none (a joint, which a
 * ring covers). A segment of length 0 is the square around its point
 * when it has a cap, nothing otherwise. */
G_GNUC_INTERNAL void _gvajs_shape_add_segment (GvajsShape * shape,
    gdouble x0, gdouble y0, gdouble x1, gdouble y1, gdouble half_width,
    gboolean cap0, gboolean cap1);
/* Composites the union of the pieces onto @canvas, each pixel once, row
 * by row, then finishes the canvas; the pieces stay until a reset. Costs
 * one pass over the rows the pieces span, each row in proportion to the
 * pieces on it. */
G_GNUC_INTERNAL void _gvajs_shape_paint (GvajsShape * shape,
    GvajsCanvas * canvas);

G_END_DECLS
