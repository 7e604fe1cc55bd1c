/* SPDX-License-Identifier: MIT */
/* The native floor of the benchmarks: pad probes in C doing the work the
 * gvajs cases do, on the same wire format, so bench.py can print gvajs
 * against what the work costs with no script at all. bench.py loads this
 * library with ctypes and attaches a probe to an identity's src pad; the
 * probe runs in the streaming thread, no Python involved.
 *
 * - "metadata": bench/metadata.mjs's work. Per region a ROI meta with
 *   its "detection" param (normalized box, confidence), as addRegion
 *   writes it, and a "classification" param given its label, confidence
 *   and type one field at a time, as setLabel() and set() do; with
 *   GstAnalytics (GStreamer >= 1.24) also the ODMtd and the ClsMtd that
 *   gvajs mirrors them to. Then every ROI meta read back: box,
 *   confidence, label, each param's name and the classification's label.
 * - "sgemm": the gallery's matrix product alone (50 faces × 256 by
 *   256 × 100 identities, single precision) in the BLAS gvajs was built
 *   with: the limit of the gallery step as a BLAS computes it.
 * - "match": the same products in gvajs's own kernel (runtime/match.c,
 *   what bestMatch runs on x86-64 CPUs with AVX2 and FMA) and each face's
 *   best: bestMatch's math with no script.
 * - "gallery-step": bench/gallery-batched.mjs's whole step behind
 *   bench/faces-source.mjs: every face's "face_embedding" bytes copied
 *   out of its ROI meta, the same products against the same gallery
 *   (built by the same generator as bench/gallery-common.mjs; the match
 *   kernel where it runs, else sgemm), the best identity per face, and a
 *   classification result (label, label_id, confidence, type; with
 *   GstAnalytics also its ClsMtd) on each face that matches at 0.5 or
 *   more. */
#include "config.h"

#include <gst/gst.h>
#include <gst/video/video.h>
#ifdef HAVE_GST_ANALYTICS
#include <gst/analytics/analytics.h>
#endif
#ifdef HAVE_CBLAS
#include <cblas.h>
#endif
#include <math.h>
#include <string.h>

#include "match.h"

/* What bench.py calls through ctypes. */
gboolean gvajs_bench_floor_attach (GstPad * pad,
    const gchar * kind);
const gchar *gvajs_bench_floor_blas (void);

#define REGIONS 10

static gdouble sink;

static void
add_regions (GstBuffer * buf, gint width, gint height)
{
  gint i;

  for (i = 0; i < REGIONS; i++) {
    guint x = i * 4, y = i * 3, w = 10, h = 8;
    GstVideoRegionOfInterestMeta *roi =
        gst_buffer_add_video_region_of_interest_meta (buf, "face", x, y, w,
        h);
    GstStructure *det = gst_structure_new ("detection",
        "x_min", G_TYPE_DOUBLE, (gdouble) x / width,
        "y_min", G_TYPE_DOUBLE, (gdouble) y / height,
        "x_max", G_TYPE_DOUBLE, (gdouble) (x + w) / width,
        "y_max", G_TYPE_DOUBLE, (gdouble) (y + h) / height,
        "confidence", G_TYPE_DOUBLE, 0.9, NULL);
    GstStructure *cls = gst_structure_new_empty ("classification");
#ifdef HAVE_GST_ANALYTICS
    GstAnalyticsRelationMeta *rmeta =
        gst_buffer_get_analytics_relation_meta (buf);
    GstAnalyticsODMtd od;
    GstAnalyticsClsMtd cm;
    GQuark label;
    gfloat conf = 0.75f;

    if (rmeta == NULL)
      rmeta = gst_buffer_add_analytics_relation_meta (buf);
    gst_analytics_relation_meta_add_od_mtd (rmeta, roi->roi_type, x, y, w, h,
        0.9, &od);
    roi->id = od.id;
#else
    roi->id = (gint) gst_util_seqnum_next ();
#endif
    gst_video_region_of_interest_meta_add_param (roi, det);
    gst_video_region_of_interest_meta_add_param (roi, cls);
    gst_structure_set (cls, "label", G_TYPE_STRING, "adult", NULL);
    gst_structure_set (cls, "confidence", G_TYPE_DOUBLE, 0.75, NULL);
    gst_structure_set (cls, "type", G_TYPE_STRING, "classification_result",
        NULL);
#ifdef HAVE_GST_ANALYTICS
    label = g_quark_from_string ("adult");
    gst_analytics_relation_meta_add_cls_mtd (rmeta, 1, &conf, &label, &cm);
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_CONTAIN | GST_ANALYTICS_REL_TYPE_RELATE_TO,
        od.id, cm.id);
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_IS_PART_OF, cm.id, od.id);
#endif
  }
}

static void
read_regions (GstBuffer * buf)
{
  GstVideoRegionOfInterestMeta *roi;
  gpointer state = NULL;
  gdouble total = 0;
  GList *l;

  while ((roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (buf, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE))) {
    GstStructure *det =
        gst_video_region_of_interest_meta_get_param (roi, "detection");
    gdouble confidence = 0;

    if (det)
      gst_structure_get_double (det, "confidence", &confidence);
    total += roi->x + roi->w + confidence +
        strlen (g_quark_to_string (roi->roi_type));
    for (l = roi->params; l; l = l->next)
      if (strcmp (gst_structure_get_name (l->data), "classification") == 0) {
        const gchar *label = gst_structure_get_string (l->data, "label");

        total += label ? strlen (label) : 0;
      }
  }
  sink += total;
}

static GstPadProbeReturn
metadata_probe (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstVideoInfo *vinfo = user_data;

  /* As gvajs, which is in place: write to a writable buffer. */
  buf = gst_buffer_make_writable (buf);
  GST_PAD_PROBE_INFO_DATA (info) = buf;
  add_regions (buf, GST_VIDEO_INFO_WIDTH (vinfo),
      GST_VIDEO_INFO_HEIGHT (vinfo));
  read_regions (buf);
  return GST_PAD_PROBE_OK;
}

#define FACES 50
#define IDENTITIES 100
#define DIM 256

static gfloat faces[FACES * DIM], gallery[IDENTITIES * DIM];
static gfloat sims[FACES * IDENTITIES];

static GstPadProbeReturn
sgemm_probe (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
#ifdef HAVE_CBLAS
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, FACES, IDENTITIES,
      DIM, 1.0f, faces, DIM, gallery, DIM, 0.0f, sims, IDENTITIES);
#endif
  sink += sims[0];
  return GST_PAD_PROBE_OK;
}

/* The index of the first of the largest of @row's IDENTITIES values: the
 * maximum of 8 lanes at a time (a loop the compiler vectorizes, as
 * gvajs's rowArgmax and bestMatch are SIMD), then its first index. */
static guint
best_of_row (const gfloat * row, gfloat * top)
{
  gfloat lane[8], high;
  guint j, l, best;

  memcpy (lane, row, sizeof lane);
  for (j = 8; j + 8 <= IDENTITIES; j += 8)
    for (l = 0; l < 8; l++)
      lane[l] = row[j + l] > lane[l] ? row[j + l] : lane[l];
  for (high = lane[0], l = 1; l < 8; l++)
    high = lane[l] > high ? lane[l] : high;
  for (; j < IDENTITIES; j++)
    high = row[j] > high ? row[j] : high;
  for (best = 0; row[best] != high; best++);
  *top = high;
  return best;
}

/* The products of @n faces' @rows with the gallery @g into @out: the
 * kernel of gvajs's bestMatch where it runs, else sgemm. */
static void
match_products (const gfloat * rows, guint n, const gfloat * g, gfloat * out)
{
  if (_gvajs_match_runs (DIM))
    _gvajs_match_products (rows, n, g, IDENTITIES, DIM, out, IDENTITIES);
#ifdef HAVE_CBLAS
  else
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, IDENTITIES,
        DIM, 1.0f, rows, DIM, g, DIM, 0.0f, out, IDENTITIES);
#endif
}

/* bestMatch's math in C: the products and each face's best. */
static GstPadProbeReturn
match_probe (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  gfloat top;
  guint i;

  match_products (faces, FACES, gallery, sims);
  for (i = 0; i < FACES; i++)
    sink += best_of_row (sims + i * IDENTITIES, &top);
  return GST_PAD_PROBE_OK;
}

/* ---- the whole gallery step ---- */

#define FACE_ROWS 64            /* room for bench/faces-source.mjs's 50 */

static gfloat step_gallery[IDENTITIES * DIM];
static GQuark step_names[IDENTITIES];
/* Names looked up as quarks, not strings: what gvajs does too. */
static GQuark q_embedding, q_data_buffer, q_face_id, q_label, q_label_id,
    q_confidence, q_type;

/* bench/gallery-common.mjs's generator, step for step in 32-bit unsigned
 * arithmetic, so the gallery is the one the JS cases match against. */
static gdouble
next_random (guint32 * a)
{
  guint32 t;

  *a += 0x6d2b79f5u;
  t = *a;
  t = (t ^ (t >> 15)) * (t | 1);
  t ^= t + (t ^ (t >> 7)) * (t | 61);
  return (t ^ (t >> 14)) / 4294967296.0;
}

/* gallery-common.mjs's unitRows(): values drawn as doubles, stored as
 * floats, the norm summed from the doubles, each float divided by it. */
static void
unit_rows (guint32 * seed, gfloat * m, guint rows)
{
  guint i, j;

  for (i = 0; i < rows; i++) {
    gdouble n = 0;

    for (j = 0; j < DIM; j++) {
      gdouble x = next_random (seed) * 2 - 1;

      m[i * DIM + j] = x;
      n += x * x;
    }
    n = sqrt (n);
    for (j = 0; j < DIM; j++)
      m[i * DIM + j] = m[i * DIM + j] / n;
  }
}

static void
init_step (void)
{
  guint32 seed = 1234;
  guint i;

  unit_rows (&seed, step_gallery, IDENTITIES);
  q_embedding = g_quark_from_static_string ("face_embedding");
  q_data_buffer = g_quark_from_static_string ("data_buffer");
  q_face_id = g_quark_from_static_string ("face_id");
  q_label = g_quark_from_static_string ("label");
  q_label_id = g_quark_from_static_string ("label_id");
  q_confidence = g_quark_from_static_string ("confidence");
  q_type = g_quark_from_static_string ("type");
  for (i = 0; i < IDENTITIES; i++) {
    gchar *name = g_strdup_printf ("person-%u", i);

    step_names[i] = g_quark_from_string (name);
    g_free (name);
  }
}

/* Copies each ROI meta's embedding into a row of @rows (the first
 * FACE_ROWS); returns how many rows there are, and the metas in @rois. */
static guint
read_embeddings (GstBuffer * buf, gfloat * rows,
    GstVideoRegionOfInterestMeta ** rois)
{
  GstVideoRegionOfInterestMeta *roi;
  gpointer state = NULL;
  guint n = 0;

  while (n < FACE_ROWS && (roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (buf, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE))) {
    GstStructure *s = NULL;
    const GValue *v;
    GVariant *bytes;
    GList *l;

    for (l = roi->params; s == NULL && l; l = l->next)
      if (gst_structure_get_name_id (l->data) == q_embedding)
        s = l->data;
    v = s ? gst_structure_id_get_value (s, q_data_buffer) : NULL;
    bytes = v && G_VALUE_HOLDS_VARIANT (v) ? g_value_get_variant (v) : NULL;

    if (bytes && g_variant_get_size (bytes) == DIM * sizeof (gfloat))
      memcpy (rows + n * DIM, g_variant_get_data (bytes), DIM * sizeof
          (gfloat));
    else
      memset (rows + n * DIM, 0, DIM * sizeof (gfloat));
    rois[n++] = roi;
  }
  return n;
}

static void
take_static_string (GstStructure * s, GQuark field, const gchar * text)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_static_string (&v, text);
  gst_structure_id_take_value (s, field, &v);
}

/* The classification result gvajs's addRegionLabels writes, built the way
 * it builds it (fields by quark, strings that outlive it held, not
 * copied). */
static void
label_face (GstBuffer * buf, GstVideoRegionOfInterestMeta * roi, guint id,
    gfloat similarity)
{
  GstStructure *s = gst_structure_new_id_empty (q_face_id);
  GValue v = G_VALUE_INIT;

  take_static_string (s, q_label, g_quark_to_string (step_names[id]));
  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, id);
  gst_structure_id_take_value (s, q_label_id, &v);
  memset (&v, 0, sizeof v);
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, similarity);
  gst_structure_id_take_value (s, q_confidence, &v);
  take_static_string (s, q_type, "classification_result");
#ifdef HAVE_GST_ANALYTICS
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buf);
  GstAnalyticsClsMtd cm;

  if (rmeta) {
    gst_analytics_relation_meta_add_cls_mtd (rmeta, 1, &similarity,
        &step_names[id], &cm);
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_CONTAIN | GST_ANALYTICS_REL_TYPE_RELATE_TO,
        roi->id, cm.id);
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_IS_PART_OF, cm.id, roi->id);
  }
#endif
  gst_video_region_of_interest_meta_add_param (roi, s);
}

static GstPadProbeReturn
gallery_step_probe (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  static gfloat rows[FACE_ROWS * DIM], step_sims[FACE_ROWS * IDENTITIES];
  GstVideoRegionOfInterestMeta *rois[FACE_ROWS];
  GstBuffer *buf = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  guint n, i, best;
  gfloat top;

  GST_PAD_PROBE_INFO_DATA (info) = buf;
  if ((n = read_embeddings (buf, rows, rois)) == 0)
    return GST_PAD_PROBE_OK;
  match_products (rows, n, step_gallery, step_sims);
  for (i = 0; i < n; i++) {
    best = best_of_row (step_sims + i * IDENTITIES, &top);
    if (top >= 0.5f)
      label_face (buf, rois[i], best, top);
  }
  return GST_PAD_PROBE_OK;
}

const gchar *
gvajs_bench_floor_blas (void)
{
#ifdef HAVE_CBLAS
  return GVAJS_BLAS_NAME;
#else
  return NULL;
#endif
}

gboolean
gvajs_bench_floor_attach (GstPad * pad, const gchar * kind)
{
  static GstVideoInfo vinfo;
  GstPadProbeCallback probe = NULL;
  guint i;

  if (strcmp (kind, "metadata") == 0) {
    /* bench.py's caps: 64 × 48. */
    gst_video_info_set_format (&vinfo, GST_VIDEO_FORMAT_RGB, 64, 48);
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, metadata_probe,
        &vinfo, NULL);
    return TRUE;
  }
  if (strcmp (kind, "sgemm") == 0 && gvajs_bench_floor_blas ())
    probe = sgemm_probe;
  else if (strcmp (kind, "match") == 0 && _gvajs_match_runs (DIM))
    probe = match_probe;
  if (probe) {
    for (i = 0; i < G_N_ELEMENTS (faces); i++)
      faces[i] = (gfloat) ((i * 7919) % 1000) / 1000.0f - 0.5f;
    for (i = 0; i < G_N_ELEMENTS (gallery); i++)
      gallery[i] = (gfloat) ((i * 104729) % 1000) / 1000.0f - 0.5f;
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, probe, NULL, NULL);
    return TRUE;
  }
  if (strcmp (kind, "gallery-step") == 0 &&
      (gvajs_bench_floor_blas () || _gvajs_match_runs (DIM))) {
    init_step ();
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, gallery_step_probe,
        NULL, NULL);
    return TRUE;
  }
  return FALSE;
}
