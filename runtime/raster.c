/* SPDX-License-Identifier: MIT */
/* See raster.h.
 *
 * Compositing, with a = the pixel's coverage × the colour's opacity
 * (0..255, rounded down from (coverage × opacity + 127) / 255):
 * - a full-resolution component: v' = (v (255 - a) + value a + 127) / 255,
 *   rounded down (so a = 255 writes the value);
 * - the frame's alpha: the same with value 255, which is "over":
 *   v' = v + ((255 - v) a + 127) / 255;
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
  canvas->packed = canvas->n_comps > 0;
  canvas->pixel0 = comps[0].base;
  for (c = 0; c < canvas->n_comps; c++) {
    if (comps[c].w_sub || comps[c].h_sub) {
      canvas->cell_w_sub = comps[c].w_sub;
      canvas->cell_h_sub = comps[c].h_sub;
    }
    canvas->packed = canvas->packed && !comps[c].w_sub && !comps[c].h_sub &&
        comps[c].stride == comps[0].stride &&
        comps[c].pstride == comps[0].pstride &&
        ABS (comps[c].base - comps[0].base) < comps[0].pstride;
    canvas->pixel0 = MIN (canvas->pixel0, comps[c].base);
  }
  for (c = 0; canvas->packed && c < canvas->n_comps; c++)
    canvas->offset[c] = comps[c].base - canvas->pixel0;
}

/* x / @d rounded down, as (x × @m) >> 30 with @m = ceil(2^30 / d): exact
 * while x × d < 2^30, which holds for every x a cell of at most 4 pixels
 * composites (x < 256 d). A division per cell would cost more than the
 * rest of its compositing. */
static inline guint
div_cell (guint x, guint64 m)
{
  return (guint) ((x * m) >> 30);
}

static guint64
cell_reciprocal (guint d)
{
  return ((G_GUINT64_CONSTANT (1) << 30) + d - 1) / d;
}

/* The subsampled components' bytes of the current row of cells. */
typedef struct
{
  guint8 *row;
  gint pstride;
  guint value;
} CellPlane;

/* Composites the collected row of cells into every subsampled
 * component, and empties it. The planes' numbers are copied to locals
 * first: the byte stores could alias the canvas. */
static void
flush_cells (GvajsCanvas * canvas)
{
  gint ws = canvas->cell_w_sub, hs = canvas->cell_h_sub, n, rows, last, end;
  guint sum, d, d_full, r, c, k = 0;
  guint64 m, m_full;
  guint *cells = canvas->cells;
  CellPlane planes[4];
  guint8 *p;

  if (canvas->cell_row < 0)
    return;
  for (c = 0; c < canvas->n_comps; c++) {
    const GvajsRasterComponent *comp = &canvas->comp[c];
    if (!comp->w_sub && !comp->h_sub)
      continue;
    planes[k].row = comp->base + (gsize) canvas->cell_row * comp->stride;
    planes[k].pstride = comp->pstride;
    planes[k++].value = comp->value;
  }
  rows = MIN (1 << hs, canvas->height - (canvas->cell_row << hs));
  d_full = 255 * rows << ws;
  m_full = cell_reciprocal (d_full);
  /* The last cell of a row is narrower when the width is odd. */
  last = (canvas->width & ((1 << ws) - 1)) ? (canvas->width - 1) >> ws : -1;
  for (r = 0; r < canvas->n_ranges; r++) {
    end = canvas->ranges[2 * r + 1];
    for (n = canvas->ranges[2 * r]; n <= end; n++) {
      if ((sum = cells[n]) == 0)
        continue;
      cells[n] = 0;
      d = d_full;
      m = m_full;
      if (n == last) {
        d = 255 * rows * (canvas->width - (n << ws));
        m = cell_reciprocal (d);
      }
      for (c = 0; c < k; c++) {
        p = planes[c].row + (gsize) n * planes[c].pstride;
        *p = sum == d ? planes[c].value :
            div_cell (*p * (d - sum) + planes[c].value * sum + d / 2, m);
      }
    }
  }
  canvas->n_ranges = 0;
  canvas->cell_row = -1;
}

/* Notes cells [@first, @last] as touched in this row of cells; joined
 * with the last range when they overlap (the rows of a cell touch the
 * same cells, mostly). */
static void
add_range (GvajsCanvas * canvas, gint first, gint last)
{
  gint *prev = canvas->n_ranges ? &canvas->ranges[2 * canvas->n_ranges - 2] :
      NULL;

  if (prev && first <= prev[1] + 1 && last >= prev[0] - 1) {
    prev[0] = MIN (prev[0], first);
    prev[1] = MAX (prev[1], last);
    return;
  }
  if (canvas->n_ranges == canvas->max_ranges) {
    canvas->max_ranges = MAX (8, 2 * canvas->max_ranges);
    canvas->ranges = g_renew (gint, canvas->ranges, 2 * canvas->max_ranges);
  }
  canvas->ranges[2 * canvas->n_ranges] = first;
  canvas->ranges[2 * canvas->n_ranges + 1] = last;
  canvas->n_ranges++;
}

/* Adds the span's alphas (@alphas[i - x0], or @uniform for all when
 * NULL) to the cells of its row of cells. */
static void
collect_cells (GvajsCanvas * canvas, gint y, gint x0, gint x1,
    const guint8 * alphas, guint uniform)
{
  gint row = y >> canvas->cell_h_sub, ws = canvas->cell_w_sub, x;
  guint *cells;

  if (canvas->cells == NULL)
    canvas->cells = g_new0 (guint, ((canvas->width - 1) >> ws) + 1);
  if (row != canvas->cell_row) {
    flush_cells (canvas);
    canvas->cell_row = row;
  }
  add_range (canvas, x0 >> ws, (x1 - 1) >> ws);
  cells = canvas->cells;
  if (alphas)
    for (x = x0; x < x1; x++)
      cells[x >> ws] += alphas[x - x0];
  else
    for (x = x0; x < x1; x++)
      cells[x >> ws] += uniform;
}

/* Pixels [@x0, @x1) of row @y of a full-resolution component, all with
 * alpha @a. */
static void
composite_uniform (const GvajsRasterComponent * comp, gint y, gint x0,
    gint x1, guint a)
{
  /* Locals: a byte store may alias the component, which would make the
   * compiler read its fields again for every pixel. */
  const gint ps = comp->pstride;
  const guint8 v = comp->value;
  guint8 *p = comp->base + (gsize) y * comp->stride + (gsize) x0 * ps;
  guint8 *end = p + (gsize) (x1 - x0) * ps;
  guint ia = 255 - a, va = v * a + 127;

  if (a == 255 && ps == 1)
    memset (p, v, x1 - x0);
  else if (a == 255)
    for (; p < end; p += ps)
      *p = v;
  else
    for (; p < end; p += ps)
      *p = div255 (*p * ia + va);
}

/* The same with each pixel's own alpha @alphas[i - x0]. */
static void
composite_varying (const GvajsRasterComponent * comp, gint y, gint x0,
    gint x1, const guint8 * alphas)
{
  const gint ps = comp->pstride;
  guint8 *p = comp->base + (gsize) y * comp->stride + (gsize) x0 * ps;
  guint v = comp->value, a;
  gint i, n = x1 - x0;

  for (i = 0; i < n; i++, p += ps)
    if ((a = alphas[i]) != 0)
      *p = a == 255 ? v : div255 (*p * (255 - a) + v * a + 127);
}

/* Pixel @p's @n components at offsets @o composited towards @v with
 * alpha @a (1..255). */
static inline void
composite_pixel (guint8 * p, const gint * o, const guint8 * v, guint n,
    guint a)
{
  guint c;

  for (c = 0; c < n; c++)
    p[o[c]] = a == 255 ? v[c] : div255 (p[o[c]] * (255 - a) + v[c] * a + 127);
}

/* A packed format's pixels, all components in one pass. The offsets and
 * values are copied to locals first: the byte stores could alias the
 * canvas, which would make the compiler read them again per pixel. */
static void
composite_packed (GvajsCanvas * canvas, gint y, gint x0, gint x1,
    const guint8 * alphas)
{
  const GvajsRasterComponent *comp = canvas->comp;
  gint ps = comp[0].pstride, i, n = x1 - x0;
  guint8 *p = canvas->pixel0 + (gsize) y * comp[0].stride + (gsize) x0 * ps;
  gint o[4] = { canvas->offset[0], canvas->offset[1], canvas->offset[2],
    canvas->offset[3]
  };
  guint8 v[4] = { comp[0].value, comp[1].value, comp[2].value,
    comp[3].value
  };
  guint nc = canvas->n_comps, op = canvas->opacity, a;

  if (alphas == NULL && op == 255 && nc == 3) {
    for (i = 0; i < n; i++, p += ps) {
      p[o[0]] = v[0];
      p[o[1]] = v[1];
      p[o[2]] = v[2];
    }
  } else if (alphas == NULL) {
    for (i = 0; i < n; i++, p += ps)
      composite_pixel (p, o, v, nc, op);
  } else if (nc == 3) {
    for (i = 0; i < n; i++, p += ps)
      if ((a = alphas[i]) != 0)
        composite_pixel (p, o, v, 3, a);
  } else {
    for (i = 0; i < n; i++, p += ps)
      if ((a = alphas[i]) != 0)
        composite_pixel (p, o, v, nc, a);
  }
}

/* Pixels whose alphas are @alphas (NULL: all the opacity). */
static void
composite_run (GvajsCanvas * canvas, gint y, gint x0, gint x1,
    const guint8 * alphas)
{
  gboolean subsampled = FALSE;
  guint c;

  if (canvas->packed) {
    composite_packed (canvas, y, x0, x1, alphas);
    return;
  }
  for (c = 0; c < canvas->n_comps; c++) {
    const GvajsRasterComponent *comp = &canvas->comp[c];
    if (comp->w_sub || comp->h_sub)
      subsampled = TRUE;
    else if (alphas)
      composite_varying (comp, y, x0, x1, alphas);
    else
      composite_uniform (comp, y, x0, x1, canvas->opacity);
  }
  if (subsampled)
    collect_cells (canvas, y, x0, x1, alphas, canvas->opacity);
}

void
_gvajs_canvas_span (GvajsCanvas * canvas, gint y, gint x0, gint x1,
    const guint8 * coverage)
{
  guint8 alphas[256];
  guint op = canvas->opacity;
  gint x, end, i;

  if (coverage == NULL) {
    if (x0 < x1)
      composite_run (canvas, y, x0, x1, NULL);
    return;
  }
  /* Each pixel's alpha once, for every component, 256 at a time. */
  for (x = x0; x < x1; x = end) {
    end = MIN (x + (gint) sizeof alphas, x1);
    for (i = x; i < end; i++)
      alphas[i - x] = op == 255 ? coverage[i - x0] :
          div255 (coverage[i - x0] * op + 127);
    composite_run (canvas, y, x, end, alphas);
  }
}

void
_gvajs_canvas_finish (GvajsCanvas * canvas)
{
  flush_cells (canvas);
  g_clear_pointer (&canvas->cells, g_free);
  g_clear_pointer (&canvas->ranges, g_free);
}

/* The first sample at or after @v, clamped to [0, @max]. */
static gint first_at (gdouble v, gint max);

void
_gvajs_canvas_rect (GvajsCanvas * canvas, gdouble x0, gdouble y0,
    gdouble x1, gdouble y1, gdouble t)
{
  gint w = canvas->width, h = canvas->height, j;
  gint left = first_at (x0, w), right = first_at (x1, w);
  gint top = first_at (y0, h), bottom = first_at (y1, h);
  /* The inside that stays: [x0 + t, x1 - t) × [y0 + t, y1 - t). */
  gint in_left = first_at (x0 + t, w), in_right = first_at (x1 - t, w);
  gint in_top = first_at (y0 + t, h), in_bottom = first_at (y1 - t, h);
  gboolean hollow = t > 0 && in_left < in_right && in_top < in_bottom;

  for (j = top; left < right && j < bottom; j++) {
    if (hollow && j >= in_top && j < in_bottom) {
      _gvajs_canvas_span (canvas, j, left, MAX (left, in_left), NULL);
      _gvajs_canvas_span (canvas, j, MIN (right, in_right), right, NULL);
    } else {
      _gvajs_canvas_span (canvas, j, left, right, NULL);
    }
  }
  _gvajs_canvas_finish (canvas);
}

/* ---- shapes ---- */

typedef enum
{
  PIECE_POLYGON,
  PIECE_RING,
} PieceKind;

typedef struct
{
  PieceKind kind;
  gint row0, row1;              /* the rows [row0, row1) it may cover */
  gdouble a, b, c, d;           /* ring: cx, cy, outer², inner² (< 0:
                                 * none) */
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
  GArray *xs;                   /* gdouble, one polygon row's crossings */
  GArray *active;               /* guint, the pieces on the current row */
  Span *spans;                  /* one row's */
  guint n_spans, max_spans;
};

GvajsShape *
_gvajs_shape_new (gint width, gint height)
{
  GvajsShape *shape = g_new0 (GvajsShape, 1);

  shape->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  shape->points = g_array_new (FALSE, FALSE, sizeof (gdouble));
  shape->xs = g_array_new (FALSE, FALSE, sizeof (gdouble));
  shape->active = g_array_new (FALSE, FALSE, sizeof (guint));
  _gvajs_shape_reset (shape, width, height);
  return shape;
}

void
_gvajs_shape_reset (GvajsShape * shape, gint width, gint height)
{
  shape->width = width;
  shape->height = height;
  g_array_set_size (shape->pieces, 0);
  g_array_set_size (shape->points, 0);
}

void
_gvajs_shape_free (GvajsShape * shape)
{
  g_array_unref (shape->pieces);
  g_array_unref (shape->points);
  g_array_unref (shape->xs);
  g_array_unref (shape->active);
  g_free (shape->spans);
  g_free (shape);
}

/* @v (a whole number, or huge) clamped to [0, @max]. */
static gint
clamp_index (gdouble v, gint max)
{
  return !(v > 0) ? 0 : v >= max ? max : (gint) v;
}

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

/* Appends columns [@x0, @x1) of the frame to the row's spans. */
static void
push_columns (GvajsShape * shape, gint x0, gint x1)
{
  if (x0 >= x1)
    return;
  if (shape->n_spans == shape->max_spans) {
    shape->max_spans = MAX (16, 2 * shape->max_spans);
    shape->spans = g_renew (Span, shape->spans, shape->max_spans);
  }
  shape->spans[shape->n_spans].x0 = x0;
  shape->spans[shape->n_spans++].x1 = x1;
}

/* Appends the samples [@x0, @x1) of a row, clipped to the frame. */
static void
push_span (GvajsShape * shape, gdouble x0, gdouble x1)
{
  push_columns (shape, first_at (x0, shape->width),
      first_at (x1, shape->width));
}

/* Sorts @n items of @type at @v by KEY(item): by insertion when they
 * are few (a row crosses few edges and holds few spans, mostly in order
 * already), else with @compare, so a row of a 1024-point path stays
 * n log n. */
#define SORT(type, v, n, KEY, compare) G_STMT_START { \
  guint i_, k_; \
  type x_; \
  if ((n) > 16) { \
    qsort ((v), (n), sizeof (type), (compare)); \
    break; \
  } \
  for (i_ = 1; i_ < (n); i_++) { \
    x_ = (v)[i_]; \
    for (k_ = i_; k_ > 0 && KEY ((v)[k_ - 1]) > KEY (x_); k_--) \
      (v)[k_] = (v)[k_ - 1]; \
    (v)[k_] = x_; \
  } \
} G_STMT_END
#define SELF(x) (x)
#define SPAN_START(s) ((s).x0)

static int
compare_doubles (const void *a, const void *b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static int
compare_spans (const void *a, const void *b)
{
  return ((const Span *) a)->x0 - ((const Span *) b)->x0;
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
  SORT (gdouble, (gdouble *) shape->xs->data, shape->xs->len, SELF,
      compare_doubles);
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
    case PIECE_POLYGON:
      polygon_row (shape, piece, j);
      break;
    case PIECE_RING:
      ring_row (shape, piece, j);
      break;
  }
}

/* Composites the union of the row's spans: sorted, joined where they
 * overlap or touch. */
static void
paint_row (GvajsShape * shape, GvajsCanvas * canvas, gint j)
{
  Span *spans = shape->spans, run;
  guint k;

  if (shape->n_spans == 0)
    return;
  SORT (Span, spans, shape->n_spans, SPAN_START, compare_spans);
  run = spans[0];
  for (k = 1; k < shape->n_spans; k++) {
    if (spans[k].x0 <= run.x1) {
      run.x1 = MAX (run.x1, spans[k].x1);
      continue;
    }
    _gvajs_canvas_span (canvas, j, run.x0, run.x1, NULL);
    run = spans[k];
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
  GArray *active = shape->active;
  guint next = 0, k;
  gint j;

  g_array_set_size (active, 0);
  g_array_sort (pieces, compare_rows);
  j = pieces->len ? g_array_index (pieces, Piece, 0).row0 : shape->height;
  for (; j < shape->height && (next < pieces->len || active->len); j++) {
    while (next < pieces->len &&
        g_array_index (pieces, Piece, next).row0 <= j) {
      g_array_append_val (active, next);
      next++;
    }
    shape->n_spans = 0;
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
    paint_row (shape, canvas, j);
    /* Rows between pieces: jump to the next one. */
    if (active->len == 0 && next < pieces->len)
      j = g_array_index (pieces, Piece, next).row0 - 1;
  }
  _gvajs_canvas_finish (canvas);
}
