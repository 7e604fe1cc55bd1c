/* SPDX-License-Identifier: MIT */
/* See raster.h.
 *
 * Compositing, with a = the pixel's coverage × the colour's opacity
 * (0..255, rounded down from (coverage × opacity + 127) / 255):
 * - a full-resolution component: v' = (v (255 - a) + value a + 127) / 255,
 *   rounded down (so a = 255 writes the value);
 * - the frame's alpha: v' = v + ((255 - v) a + 127) / 255 ("over");
 * - a subsampled component (chroma): each sample covers a cell of n
 *   pixels (4 for 4:2:0, fewer at odd edges); with S the sum of their a,
 *   v' = (v (255 n - S) + value S + 255 n / 2) / (255 n), rounded down:
 *   the mean of what compositing each pixel's own chroma would give. */
#include "raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the canvas ---- */

/* x / 255 rounded down, exact for x < 65535. */
static inline guint
div255 (guint x)
{
  return (x + 1 + (x >> 8)) >> 8;
}

void
_gvajs_canvas_init (GvajsCanvas * canvas, gint width, gint height,
    const GvajsRasterComponent * comps, guint n, guint opacity)
{
  guint c;

  memset (canvas, 0, sizeof *canvas);
  canvas->width = width;
  canvas->height = height;
  canvas->n_comps = MIN (n, G_N_ELEMENTS (canvas->comp));
  memcpy (canvas->comp, comps, canvas->n_comps * sizeof *comps);
  canvas->opacity = opacity;
  canvas->cell_row = -1;
  for (c = 0; c < canvas->n_comps; c++) {
    if (comps[c].w_sub || comps[c].h_sub) {
      canvas->cell_w_sub = comps[c].w_sub;
      canvas->cell_h_sub = comps[c].h_sub;
    }
  }
}

/* Composites the collected row of cells into every subsampled
 * component, and empties it. */
static void
flush_cells (GvajsCanvas * canvas)
{
  gint ws = canvas->cell_w_sub, hs = canvas->cell_h_sub, n, rows;
  guint c, sum, d;
  guint8 *p;

  if (canvas->cell_row < 0)
    return;
  rows = MIN (1 << hs, canvas->height - (canvas->cell_row << hs));
  for (n = canvas->cell_lo; n <= canvas->cell_hi; n++) {
    if ((sum = canvas->cells[n]) == 0)
      continue;
    d = 255 * rows * MIN (1 << ws, canvas->width - (n << ws));
    for (c = 0; c < canvas->n_comps; c++) {
      const GvajsRasterComponent *comp = &canvas->comp[c];
      if (!comp->w_sub && !comp->h_sub)
        continue;
      p = comp->base + (gsize) canvas->cell_row * comp->stride +
          (gsize) n * comp->pstride;
      *p = (*p * (d - sum) + comp->value * sum + d / 2) / d;
    }
    canvas->cells[n] = 0;
  }
  canvas->cell_row = -1;
}

/* Adds the span's coverage to the cells of its row of cells. */
static void
collect_cells (GvajsCanvas * canvas, gint y, gint x0, gint x1,
    const guint8 * coverage)
{
  gint row = y >> canvas->cell_h_sub, ws = canvas->cell_w_sub, x;
  guint op = canvas->opacity;

  if (canvas->cells == NULL)
    canvas->cells = g_new0 (guint, ((canvas->width - 1) >> ws) + 1);
  if (row != canvas->cell_row) {
    flush_cells (canvas);
    canvas->cell_row = row;
    canvas->cell_lo = G_MAXINT;
    canvas->cell_hi = -1;
  }
  canvas->cell_lo = MIN (canvas->cell_lo, x0 >> ws);
  canvas->cell_hi = MAX (canvas->cell_hi, (x1 - 1) >> ws);
  for (x = x0; x < x1; x++)
    canvas->cells[x >> ws] += coverage ?
        div255 (coverage[x - x0] * op + 127) : op;
}

static void
composite_full (const GvajsRasterComponent * comp, guint op, gint y, gint x0,
    gint x1, const guint8 * coverage)
{
  guint8 *p = comp->base + (gsize) y * comp->stride +
      (gsize) x0 * comp->pstride;
  guint v = comp->value, a;
  gint x;

  for (x = x0; x < x1; x++, p += comp->pstride) {
    a = coverage ? div255 (coverage[x - x0] * op + 127) : op;
    if (comp->alpha)
      *p = *p + div255 ((255 - *p) * a + 127);
    else if (a == 255)
      *p = v;
    else
      *p = div255 (*p * (255 - a) + v * a + 127);
  }
}

void
_gvajs_canvas_span (GvajsCanvas * canvas, gint y, gint x0, gint x1,
    const guint8 * coverage)
{
  gboolean subsampled = FALSE;
  guint c;

  if (x0 >= x1)
    return;
  for (c = 0; c < canvas->n_comps; c++) {
    const GvajsRasterComponent *comp = &canvas->comp[c];
    if (comp->w_sub || comp->h_sub)
      subsampled = TRUE;
    else
      composite_full (comp, canvas->opacity, y, x0, x1, coverage);
  }
  if (subsampled)
    collect_cells (canvas, y, x0, x1, coverage);
}

void
_gvajs_canvas_finish (GvajsCanvas * canvas)
{
  flush_cells (canvas);
  g_clear_pointer (&canvas->cells, g_free);
}

/* ---- shapes ---- */

typedef enum
{
  PIECE_RECT,
  PIECE_POLYGON,
  PIECE_RING,
} PieceKind;

typedef struct
{
  PieceKind kind;
  gint row0, row1;              /* the rows [row0, row1) it may cover */
  gdouble a, b, c, d;           /* rect: x0, y0, x1, y1; ring: cx, cy,
                                 * outer², inner² (< 0: none) */
  guint first, n;               /* polygon: its points in `points` */
} Piece;

typedef struct
{
  gint x0, x1;
} Span;

struct _GvajsShape
{
  gint width, height;
  GArray *pieces;               /* Piece */
  GArray *points;               /* gdouble x, y */
  GArray *spans;                /* Span, one row's */
  GArray *xs;                   /* gdouble, one polygon row's crossings */
};

GvajsShape *
_gvajs_shape_new (gint width, gint height)
{
  GvajsShape *shape = g_new0 (GvajsShape, 1);

  shape->width = width;
  shape->height = height;
  shape->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  shape->points = g_array_new (FALSE, FALSE, sizeof (gdouble));
  shape->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  shape->xs = g_array_new (FALSE, FALSE, sizeof (gdouble));
  return shape;
}

void
_gvajs_shape_free (GvajsShape * shape)
{
  g_array_unref (shape->pieces);
  g_array_unref (shape->points);
  g_array_unref (shape->spans);
  g_array_unref (shape->xs);
  g_free (shape);
}

/* @v (a whole number, or huge) clamped to [0, @max]. */
static gint
clamp_index (gdouble v, gint max)
{
  return !(v > 0) ? 0 : v >= max ? max : (gint) v;
}

/* The first sample at or after @v, clamped to [0, @max]. */
static gint
first_at (gdouble v, gint max)
{
  return clamp_index (ceil (v), max);
}

static void
add_piece (GvajsShape * shape, Piece * piece, gdouble top, gdouble bottom)
{
  piece->row0 = first_at (top, shape->height);
  piece->row1 = first_at (bottom, shape->height);
  if (piece->row0 < piece->row1)
    g_array_append_val (shape->pieces, *piece);
}

void
_gvajs_shape_add_rect (GvajsShape * shape, gdouble x0, gdouble y0,
    gdouble x1, gdouble y1)
{
  Piece piece = { PIECE_RECT, 0, 0, x0, y0, x1, y1 };

  if (x0 < x1)
    add_piece (shape, &piece, y0, y1);
}

void
_gvajs_shape_add_polygon (GvajsShape * shape, const gdouble * xy, guint n)
{
  Piece piece = { PIECE_POLYGON };
  gdouble top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  guint i;

  if (n < 3)
    return;
  for (i = 0; i < n; i++) {
    top = MIN (top, xy[2 * i + 1]);
    bottom = MAX (bottom, xy[2 * i + 1]);
  }
  piece.first = shape->points->len / 2;
  piece.n = n;
  g_array_append_vals (shape->points, xy, 2 * n);
  add_piece (shape, &piece, top, bottom);
}

void
_gvajs_shape_add_ring (GvajsShape * shape, gdouble cx, gdouble cy,
    gdouble outer, gdouble inner)
{
  Piece piece = { PIECE_RING, 0, 0, cx, cy, outer * outer,
    inner > 0 ? inner * inner : -1
  };

  /* A row more on each side: ring_row() decides by the exact test. */
  if (outer >= 0)
    add_piece (shape, &piece, cy - outer - 1, cy + outer + 2);
}

void
_gvajs_shape_add_segment (GvajsShape * shape, gdouble x0, gdouble y0,
    gdouble x1, gdouble y1, gdouble half_width, gboolean cap0,
    gboolean cap1)
{
  gdouble dx = x1 - x0, dy = y1 - y0, len = hypot (dx, dy);
  gdouble ux = len > 0 ? dx / len : 1, uy = len > 0 ? dy / len : 0;
  gdouble nx = -uy * half_width, ny = ux * half_width;
  gdouble e0 = cap0 ? half_width : 0, e1 = cap1 ? half_width : 0;
  gdouble quad[8];

  if (len == 0 && !cap0 && !cap1)
    return;
  quad[0] = x0 - ux * e0 + nx;
  quad[1] = y0 - uy * e0 + ny;
  quad[2] = x1 + ux * e1 + nx;
  quad[3] = y1 + uy * e1 + ny;
  quad[4] = x1 + ux * e1 - nx;
  quad[5] = y1 + uy * e1 - ny;
  quad[6] = x0 - ux * e0 - nx;
  quad[7] = y0 - uy * e0 - ny;
  _gvajs_shape_add_polygon (shape, quad, 4);
}

/* Appends the samples [@x0, @x1) of a row, clipped to the frame. */
static void
push_span (GvajsShape * shape, gdouble x0, gdouble x1)
{
  Span span = { first_at (x0, shape->width), first_at (x1, shape->width) };

  if (span.x0 < span.x1)
    g_array_append_val (shape->spans, span);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static void
polygon_row (GvajsShape * shape, const Piece * piece, gint j)
{
  const gdouble *p = &g_array_index (shape->points, gdouble,
      2 * piece->first);
  gdouble x0, y0, x1, y1, x;
  guint k;

  g_array_set_size (shape->xs, 0);
  for (k = 0; k < piece->n; k++) {
    x0 = p[2 * k];
    y0 = p[2 * k + 1];
    x1 = p[2 * ((k + 1) % piece->n)];
    y1 = p[2 * ((k + 1) % piece->n) + 1];
    if ((y0 <= j && j < y1) || (y1 <= j && j < y0)) {
      x = x0 + (j - y0) * (x1 - x0) / (y1 - y0);
      g_array_append_val (shape->xs, x);
    }
  }
  g_array_sort (shape->xs, compare_doubles);
  /* Samples at or after one crossing and before the next are inside. */
  for (k = 0; k + 1 < shape->xs->len; k += 2)
    push_span (shape, g_array_index (shape->xs, gdouble, k),
        g_array_index (shape->xs, gdouble, k + 1));
}

/* Whether sample @i of a row @dy2 (squared) from the centre lies within
 * @r2 (closed), or inside it (open). */
static inline gboolean
within (gdouble i, gdouble cx, gdouble dy2, gdouble r2, gboolean closed)
{
  gdouble dx = i - cx;

  return closed ? dx * dx + dy2 <= r2 : dx * dx + dy2 < r2;
}

/* The samples [*lo, *hi] of a row within @r2 of the centre, from the
 * square root's estimate, then moved to agree with within() exactly. */
static void
chord (gdouble cx, gdouble dy2, gdouble r2, gboolean closed, gint64 * lo,
    gint64 * hi)
{
  gdouble h = sqrt (MAX (r2 - dy2, 0));

  *lo = (gint64) ceil (cx - h);
  *hi = (gint64) floor (cx + h);
  while (within (*lo - 1, cx, dy2, r2, closed))
    (*lo)--;
  while (*lo <= *hi && !within (*lo, cx, dy2, r2, closed))
    (*lo)++;
  while (within (*hi + 1, cx, dy2, r2, closed))
    (*hi)++;
  while (*hi >= *lo && !within (*hi, cx, dy2, r2, closed))
    (*hi)--;
}

static void
ring_row (GvajsShape * shape, const Piece * piece, gint j)
{
  gdouble cx = piece->a, dy = j - piece->b, dy2 = dy * dy;
  gint64 lo, hi, in_lo, in_hi;

  if (dy2 > piece->c)
    return;
  chord (cx, dy2, piece->c, TRUE, &lo, &hi);
  if (piece->d > 0 && dy2 < piece->d) {
    chord (cx, dy2, piece->d, FALSE, &in_lo, &in_hi);
    if (in_lo <= in_hi) {
      push_span (shape, lo, in_lo);
      push_span (shape, in_hi + 1, hi + 1);
      return;
    }
  }
  push_span (shape, lo, hi + 1);
}

static void
piece_row (GvajsShape * shape, const Piece * piece, gint j)
{
  switch (piece->kind) {
    case PIECE_RECT:
      push_span (shape, piece->a, piece->c);
      break;
    case PIECE_POLYGON:
      polygon_row (shape, piece, j);
      break;
    case PIECE_RING:
      ring_row (shape, piece, j);
      break;
  }
}

static int
compare_spans (gconstpointer a, gconstpointer b)
{
  return ((const Span *) a)->x0 - ((const Span *) b)->x0;
}

/* Composites the union of the row's spans: sorted, joined where they
 * overlap or touch. */
static void
paint_row (GvajsShape * shape, GvajsCanvas * canvas, gint j, gboolean merge)
{
  GArray *spans = shape->spans;
  Span run;
  guint k;

  if (spans->len == 0)
    return;
  if (merge)
    g_array_sort (spans, compare_spans);
  run = g_array_index (spans, Span, 0);
  for (k = 1; k < spans->len; k++) {
    const Span *s = &g_array_index (spans, Span, k);
    if (s->x0 <= run.x1) {
      run.x1 = MAX (run.x1, s->x1);
      continue;
    }
    _gvajs_canvas_span (canvas, j, run.x0, run.x1, NULL);
    run = *s;
  }
  _gvajs_canvas_span (canvas, j, run.x0, run.x1, NULL);
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  return ((const Piece *) a)->row0 - ((const Piece *) b)->row0;
}

void
_gvajs_shape_paint (GvajsShape * shape, GvajsCanvas * canvas)
{
  GArray *pieces = shape->pieces;
  GArray *active = g_array_new (FALSE, FALSE, sizeof (guint));
  guint next = 0, k;
  gint j;

  g_array_sort (pieces, compare_rows);
  j = pieces->len ? g_array_index (pieces, Piece, 0).row0 : shape->height;
  for (; j < shape->height && (next < pieces->len || active->len); j++) {
    while (next < pieces->len &&
        g_array_index (pieces, Piece, next).row0 <= j) {
      g_array_append_val (active, next);
      next++;
    }
    g_array_set_size (shape->spans, 0);
    for (k = 0; k < active->len;) {
      const Piece *p = &g_array_index (pieces, Piece,
          g_array_index (active, guint, k));
      if (p->row1 <= j) {
        g_array_remove_index_fast (active, k);
        continue;
      }
      piece_row (shape, p, j);
      k++;
    }
    paint_row (shape, canvas, j, active->len > 1);
    /* Rows between pieces: jump to the next one. */
    if (active->len == 0 && next < pieces->len)
      j = g_array_index (pieces, Piece, next).row0 - 1;
  }
  g_array_unref (active);
  _gvajs_canvas_finish (canvas);
}
