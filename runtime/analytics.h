/* SPDX-License-Identifier: MIT */
/* The GstAnalytics layer of regions (GStreamer >= 1.24): ODMtds, their
 * TrackingMtds and ClsMtds in the buffer's GstAnalyticsRelationMeta, the
 * way DL Streamer >= 2025.2 writes and reads them next to the ROI metas
 * (reference/gvapython.md §3.1, peers.md §4).
 *
 * The interface uses no GstAnalytics type, so region.c and tensor.c build
 * the same everywhere; built without gstreamer-analytics-1.0, every reader
 * finds nothing and every writer does nothing. Depends on gvameta.h. */
#pragma once

#include <gst/video/video.h>

G_BEGIN_DECLS

/* One ODMtd, copied out of the relation meta. */
typedef struct
{
  guint id;
  GQuark label;                 /* the obj_type quark, 0 when none */
  gint x, y, w, h;              /* pixels */
  gfloat confidence;
} GvajsOd;

/* Whether this build writes and reads GstAnalytics metadata. */
G_GNUC_INTERNAL gboolean _gvajs_analytics_enabled (void);

/* Adds an ODMtd (creating the relation meta when needed) and returns its
 * id in @id. */
G_GNUC_INTERNAL gboolean _gvajs_od_add (GstBuffer * buffer, GQuark label,
    const guint * box, gfloat confidence, guint * id);

/* The ODMtd @id, unless absent or removed. */
G_GNUC_INTERNAL gboolean _gvajs_od_get (GstBuffer * buffer, guint id,
    GvajsOd * od);

/* The ODMtd an ROI meta joins: the same id and the same label (a bare ROI
 * meta from another element carries an id that means nothing to the
 * relation meta, so the label guards against joining it by chance). */
G_GNUC_INTERNAL gboolean _gvajs_od_join (GstBuffer * buffer,
    const GstVideoRegionOfInterestMeta * roi, GvajsOd * od);

/* Iterates the ODMtds that are not removed, in id order; @state starts at
 * NULL. */
G_GNUC_INTERNAL gboolean _gvajs_od_next (GstBuffer * buffer,
    gpointer * state, GvajsOd * od);

/* Marks the ODMtd @id removed: GstAnalytics cannot delete an Mtd. */
G_GNUC_INTERNAL void _gvajs_od_mark_removed (GstBuffer * buffer, guint id);

/* The tracking id of the TrackingMtd related to the ODMtd @id. */
G_GNUC_INTERNAL gboolean _gvajs_od_get_tracking_id (GstBuffer * buffer,
    guint id, guint64 * tracking_id);

/* Relates a TrackingMtd holding @tracking_id to the ODMtd @id, in place of
 * the one related before. */
G_GNUC_INTERNAL void _gvajs_od_set_tracking_id (GstBuffer * buffer, guint id,
    guint64 tracking_id);

/* After a change to @roi's params: the ClsMtds of its ODMtd follow its
 * classification results. */
G_GNUC_INTERNAL void _gvajs_analytics_roi_changed (GstBuffer * buffer,
    const GstVideoRegionOfInterestMeta * roi);

G_END_DECLS
