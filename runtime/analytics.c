/* SPDX-License-Identifier: MIT */
/* GstAnalytics metadata for regions; see analytics.h.
 *
 * What is written, and why:
 * - addRegion adds an ODMtd (label quark, pixel box, confidence) and sets
 *   the ROI meta's id to the ODMtd's id: DL Streamer >= 2025.2 joins the
 *   two layers on that id.
 * - setObjectId relates a TrackingMtd to the ODMtd with RELATE_TO, as
 *   DL Streamer's gvatrack does. A new id unrelates the previous
 *   TrackingMtd, so a region has one.
 * - A classification result (a param with type "classification_result"
 *   and a label) is mirrored as a one-class ClsMtd: OD -> cls is
 *   CONTAIN|RELATE_TO in one cell (DL Streamer looks for CONTAIN, upstream's
 *   objectdetectionoverlay for RELATE_TO; both test bits), cls -> OD is
 *   IS_PART_OF. The ClsMtds follow the params whenever a param changes:
 *   ours that no longer match are unrelated, missing ones added.
 * - Removal: an Mtd cannot be deleted, so a removed ODMtd is related
 *   (RELATE_TO) to a "gvajs-removed" marker Mtd, one per relation meta.
 *   The marker lives in the relation meta, so it travels wherever the
 *   ODMtd does (buffer copies, scaling) and a gvajs further down honours
 *   it. Elements that do not know it still see the ODMtd.
 *
 * Mtds left unrelated stay in the relation meta: they cannot be freed. */
/* SPDX-License-Identifier: MIT */
#include "config.h"
#include "analytics.h"
#include "gvameta.h"

#include <string.h>

#ifdef HAVE_GST_ANALYTICS

#include <gst/analytics/analytics.h>

#define CLS_RELATION (GST_ANALYTICS_REL_TYPE_CONTAIN | \
    GST_ANALYTICS_REL_TYPE_RELATE_TO)

/* The relation meta copies the marker's (unused) byte with its store;
 * there is nothing to rescale or convert. */
static gboolean
removed_transform (GstBuffer * transbuf, GstAnalyticsMtd * transmtd,
    GstBuffer * buffer, GQuark type, gpointer data)
{
  return TRUE;
}

static const GstAnalyticsMtdImpl removed_impl = {
  .name = "gvajs-removed",
  .mtd_meta_transform = removed_transform,
};

#define REMOVED_TYPE ((GstAnalyticsMtdType) & removed_impl)

gboolean
_gvajs_analytics_enabled (void)
{
  return TRUE;
}

gboolean
_gvajs_od_add (GstBuffer * buffer, GQuark label, const guint * box,
    gfloat confidence, guint * id)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_add_analytics_relation_meta (buffer);
  GstAnalyticsODMtd od;

  if (rmeta == NULL || !gst_analytics_relation_meta_add_od_mtd (rmeta, label,
          box[0], box[1], box[2], box[3], confidence, &od))
    return FALSE;
  *id = od.id;
  return TRUE;
}

static gboolean
find_marker (GstAnalyticsRelationMeta * rmeta, GstAnalyticsMtd * marker)
{
  gpointer state = NULL;

  return gst_analytics_relation_meta_iterate (rmeta, &state, REMOVED_TYPE,
      marker);
}

static gboolean
is_removed (GstAnalyticsRelationMeta * rmeta, guint id)
{
  GstAnalyticsMtd marker;

  return find_marker (rmeta, &marker) &&
      gst_analytics_relation_meta_get_relation (rmeta, id, marker.id) !=
      GST_ANALYTICS_REL_TYPE_NONE;
}

static void
od_copy (const GstAnalyticsODMtd * mtd, GvajsOd * od)
{
  od->id = mtd->id;
  od->label = gst_analytics_od_mtd_get_obj_type (mtd);
  gst_analytics_od_mtd_get_location (mtd, &od->x, &od->y, &od->w, &od->h,
      &od->confidence);
}

gboolean
_gvajs_od_get (GstBuffer * buffer, guint id, GvajsOd * od)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buffer);
  GstAnalyticsODMtd mtd;

  if (rmeta == NULL || !gst_analytics_relation_meta_get_od_mtd (rmeta, id,
          &mtd) || is_removed (rmeta, id))
    return FALSE;
  od_copy (&mtd, od);
  return TRUE;
}

gboolean
_gvajs_od_join (GstBuffer * buffer, const GstVideoRegionOfInterestMeta * roi,
    GvajsOd * od)
{
  return roi->id >= 0 && _gvajs_od_get (buffer, roi->id, od) &&
      od->label == roi->roi_type;
}

gboolean
_gvajs_od_next (GstBuffer * buffer, gpointer * state, GvajsOd * od)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buffer);
  GstAnalyticsODMtd mtd;

  if (rmeta == NULL)
    return FALSE;
  while (gst_analytics_relation_meta_iterate (rmeta, state,
          gst_analytics_od_mtd_get_mtd_type (), &mtd)) {
    if (!is_removed (rmeta, mtd.id)) {
      od_copy (&mtd, od);
      return TRUE;
    }
  }
  return FALSE;
}

void
_gvajs_od_mark_removed (GstBuffer * buffer, guint id)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buffer);
  GstAnalyticsMtd marker;

  if (rmeta == NULL)
    return;
  if (!find_marker (rmeta, &marker) &&
      !gst_analytics_relation_meta_add_mtd (rmeta, &removed_impl, 1, &marker))
    return;
  gst_analytics_relation_meta_set_relation (rmeta,
      GST_ANALYTICS_REL_TYPE_RELATE_TO, id, marker.id);
}

/* Any relation counts, as DL Streamer's readers do. */
static gboolean
get_tracking (GstAnalyticsRelationMeta * rmeta, guint id,
    GstAnalyticsTrackingMtd * trk)
{
  gpointer state = NULL;

  return gst_analytics_relation_meta_get_direct_related (rmeta, id,
      GST_ANALYTICS_REL_TYPE_ANY, gst_analytics_tracking_mtd_get_mtd_type (),
      &state, trk);
}

gboolean
_gvajs_od_get_tracking_id (GstBuffer * buffer, guint id,
    guint64 * tracking_id)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buffer);
  GstAnalyticsTrackingMtd trk;
  GstClockTime first, last;
  gboolean lost;

  return rmeta && get_tracking (rmeta, id, &trk) &&
      gst_analytics_tracking_mtd_get_info (&trk, tracking_id, &first, &last,
      &lost);
}

void
_gvajs_od_set_tracking_id (GstBuffer * buffer, guint id, guint64 tracking_id)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buffer);
  GstAnalyticsTrackingMtd trk;
  GstClockTime first, last;
  gboolean lost;
  guint64 old;

  if (rmeta == NULL)
    return;
  while (get_tracking (rmeta, id, &trk)) {
    if (gst_analytics_tracking_mtd_get_info (&trk, &old, &first, &last,
            &lost) && old == tracking_id)
      return;
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_NONE, id, trk.id);
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_NONE, trk.id, id);
  }
  if (gst_analytics_relation_meta_add_tracking_mtd (rmeta, tracking_id,
          GST_BUFFER_PTS (buffer), &trk))
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_RELATE_TO, id, trk.id);
}

/* ---- classification results ---- */

typedef struct
{
  GQuark label;
  gfloat level;
  gboolean found;
} ClassResult;

/* The classification results among @roi's params. */
static GArray *
class_results (const GstVideoRegionOfInterestMeta * roi)
{
  GArray *results = g_array_new (FALSE, TRUE, sizeof (ClassResult));
  ClassResult r = { 0, };
  gdouble level;
  GList *l;

  for (l = roi->params; l; l = l->next) {
    if (!_gvajs_classification_result (l->data, &r.label, &level))
      continue;
    r.level = level;
    g_array_append_val (results, r);
  }
  return results;
}

/* Marks the results @cls (a one-class ClsMtd) mirrors; returns whether it
 * mirrors any. */
static gboolean
match_results (GArray * results, const GstAnalyticsClsMtd * cls)
{
  GQuark label;
  gfloat level;
  gboolean any = FALSE;
  guint i;

  if (gst_analytics_cls_mtd_get_length (cls) != 1)
    return FALSE;
  label = gst_analytics_cls_mtd_get_quark (cls, 0);
  level = gst_analytics_cls_mtd_get_level (cls, 0);
  for (i = 0; i < results->len; i++) {
    ClassResult *r = &g_array_index (results, ClassResult, i);
    if (r->label == label && r->level == level)
      r->found = any = TRUE;
  }
  return any;
}

static void
unrelate (GstAnalyticsRelationMeta * rmeta, guint a, guint b)
{
  gst_analytics_relation_meta_set_relation (rmeta,
      GST_ANALYTICS_REL_TYPE_NONE, a, b);
  gst_analytics_relation_meta_set_relation (rmeta,
      GST_ANALYTICS_REL_TYPE_NONE, b, a);
}

/* Walks the ClsMtds the OD contains (other elements' too: a DL Streamer
 * result already mirrored needs no second one), unrelating ours that
 * mirror no result. */
static void
drop_stale_classes (GstAnalyticsRelationMeta * rmeta, guint id,
    GArray * results)
{
  GstAnalyticsClsMtd cls;
  gpointer state = NULL;
  GArray *stale = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i;

  while (gst_analytics_relation_meta_get_direct_related (rmeta, id,
          GST_ANALYTICS_REL_TYPE_CONTAIN,
          gst_analytics_cls_mtd_get_mtd_type (), &state, &cls)) {
    if (!match_results (results, &cls) &&
        gst_analytics_relation_meta_get_relation (rmeta, id, cls.id) ==
        CLS_RELATION)
      g_array_append_val (stale, cls.id);
  }
  /* Unrelating while iterating the relations would skip some. */
  for (i = 0; i < stale->len; i++)
    unrelate (rmeta, id, g_array_index (stale, guint, i));
  g_array_free (stale, TRUE);
}

/* Makes the ClsMtds related to the ODMtd @id mirror the classification
 * results among @roi's params. */
static void
sync_classes (GstBuffer * buffer, guint id,
    const GstVideoRegionOfInterestMeta * roi)
{
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_get_analytics_relation_meta (buffer);
  GArray *results;
  GstAnalyticsClsMtd cls;
  guint i;

  if (rmeta == NULL)
    return;
  results = class_results (roi);
  drop_stale_classes (rmeta, id, results);
  for (i = 0; i < results->len; i++) {
    ClassResult *r = &g_array_index (results, ClassResult, i);
    if (r->found || !gst_analytics_relation_meta_add_one_cls_mtd (rmeta,
            r->level, r->label, &cls))
      continue;
    gst_analytics_relation_meta_set_relation (rmeta, CLS_RELATION, id,
        cls.id);
    gst_analytics_relation_meta_set_relation (rmeta,
        GST_ANALYTICS_REL_TYPE_IS_PART_OF, cls.id, id);
    /* Two equal results need one ClsMtd. */
    match_results (results, &cls);
  }
  g_array_free (results, TRUE);
}

#else /* !HAVE_GST_ANALYTICS */

gboolean
_gvajs_analytics_enabled (void)
{
  return FALSE;
}

gboolean
_gvajs_od_add (GstBuffer * buffer, GQuark label, const guint * box,
    gfloat confidence, guint * id)
{
  return FALSE;
}

gboolean
_gvajs_od_get (GstBuffer * buffer, guint id, GvajsOd * od)
{
  return FALSE;
}

gboolean
_gvajs_od_join (GstBuffer * buffer, const GstVideoRegionOfInterestMeta * roi,
    GvajsOd * od)
{
  return FALSE;
}

gboolean
_gvajs_od_next (GstBuffer * buffer, gpointer * state, GvajsOd * od)
{
  return FALSE;
}

void
_gvajs_od_mark_removed (GstBuffer * buffer, guint id)
{
}

gboolean
_gvajs_od_get_tracking_id (GstBuffer * buffer, guint id,
    guint64 * tracking_id)
{
  return FALSE;
}

void
_gvajs_od_set_tracking_id (GstBuffer * buffer, guint id, guint64 tracking_id)
{
}

static void
sync_classes (GstBuffer * buffer, guint id,
    const GstVideoRegionOfInterestMeta * roi)
{
}

#endif /* HAVE_GST_ANALYTICS */

void
_gvajs_analytics_roi_changed (GstBuffer * buffer,
    const GstVideoRegionOfInterestMeta * roi)
{
  GvajsOd od;

  if (_gvajs_od_join (buffer, roi, &od))
    sync_classes (buffer, od.id, roi);
}
