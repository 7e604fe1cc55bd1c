/* SPDX-License-Identifier: MIT */
/* The RegionOfInterest class, and VideoFrame.regions()/addRegion()/
 * removeRegion(); the region writes and lookups batch.c shares. Depends on
 * tensor.h, analytics.h and gvameta.h. */
#pragma once

#include "tensor.h"
#include "analytics.h"
#include "scope.h"

G_BEGIN_DECLS

/* Registers RegionOfInterest and adds the frame's region methods to
 * @frame_proto. */
G_GNUC_INTERNAL void _gvajs_region_init (JSContext * ctx,
    JSValueConst frame_proto);

/* What a new region holds: addRegion's arguments. */
typedef struct
{
  gdouble box[4];               /* x, y, w, h as given */
  GQuark label;                 /* 0 when none was given */
  gdouble confidence;
  gint64 label_id, object_id;
  gboolean has_label_id, has_object_id, normalized;
} GvajsRegionArgs;

/* What _gvajs_region_add() attaches, for the memory limit: a ROI meta,
 * its detection param and an ODMtd. */
#define GVAJS_REGION_SIZE (3 * GVAJS_META_OVERHEAD)

/* Adds a region as addRegion does: the ROI meta (box cut to whole pixels
 * and clipped to the frame), its detection param, its ODMtd and, when
 * given, its object id. The caller checked that the buffer is writable,
 * the memory limit, and that normalized coordinates have a frame size. */
G_GNUC_INTERNAL GstVideoRegionOfInterestMeta *_gvajs_region_add (GvajsScope *
    scope, const GvajsRegionArgs * args);
/* Whether @roi and @od are one region: the same id and the same label
 * (a bare ROI meta from another element carries an id that means
 * nothing to the relation meta; the label guards against a chance
 * join). */
G_GNUC_INTERNAL gboolean _gvajs_region_joins (const
    GstVideoRegionOfInterestMeta * roi, const GvajsOd * od);
/* The ROI meta of the ODMtd @od, added as DL Streamer writes the pair: the
 * box, the id and a detection param with the confidence. */
G_GNUC_INTERNAL GstVideoRegionOfInterestMeta *_gvajs_region_add_joined
    (GvajsScope * scope, const GvajsOd * od);
/* What a region's readers read, for the ROI meta @roi or, with @roi
 * NULL, the ODMtd @od alone. The pixel box, as rect() gives it: */
G_GNUC_INTERNAL void _gvajs_region_box (const GstVideoRegionOfInterestMeta *
    roi, const GvajsOd * od, gdouble * box);
/* The label's quark, as label() gives it: */
G_GNUC_INTERNAL GQuark _gvajs_region_label (const
    GstVideoRegionOfInterestMeta * roi, const GvajsOd * od);
/* The confidence, as confidence() gives it: the detection param's, else
 * the ODMtd's (@od, or with @od NULL the one @roi joins in @buffer);
 * FALSE when there is none. */
G_GNUC_INTERNAL gboolean _gvajs_region_confidence (GstBuffer * buffer,
    GstVideoRegionOfInterestMeta * roi, const GvajsOd * od,
    gdouble * confidence);
/* The first param named @name, or NULL. */
G_GNUC_INTERNAL GstStructure *_gvajs_region_find_param
    (GstVideoRegionOfInterestMeta * meta, GQuark name);

G_END_DECLS
