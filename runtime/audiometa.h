/* SPDX-License-Identifier: MIT */
/* DL Streamer's GstGVAAudioEventMeta (reference/gvapython.md §3.5), laid
 * out as on the wire: an event type (a quark: the label), an id, a segment
 * in nanoseconds and a list of params (GstStructures, the "detection" one
 * with confidence and label_id). Looked up by name and registered only
 * when absent, as the other GVA metas (gvameta.h). Depends on gvameta.h. */
#pragma once

#include "gvameta.h"

G_BEGIN_DECLS

#define GVAJS_GVA_AUDIO_EVENT_META_API "GstGVAAudioEventMetaAPI"
#define GVAJS_GVA_AUDIO_EVENT_META_IMPL "GstGVAAudioEventMeta"

/* Layout of DL Streamer's GstGVAAudioEventMeta (gva_audio_event_meta.h). */
typedef struct
{
  GstMeta meta;
  GQuark event_type;
  gint id;
  guint64 start_timestamp;
  guint64 end_timestamp;
  GList *params;                /* GstStructure *, owned by the meta */
} GvajsGvaAudioEventMeta;

/* The API type, or 0 while nobody has registered it. */
G_GNUC_INTERNAL GType _gvajs_gva_audio_event_meta_api_lookup (void);
/* The meta info for writing, registered on first use when absent. */
G_GNUC_INTERNAL const GstMetaInfo *_gvajs_gva_audio_event_meta_info (void);

G_END_DECLS
