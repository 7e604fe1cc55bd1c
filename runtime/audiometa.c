/* SPDX-License-Identifier: MIT */
/* GstGVAAudioEventMeta: found by name, registered only when absent. Our
 * init, free and transform do what DL Streamer's do (zeroed fields; the
 * fields copied and the params deep-copied on every transform), so a
 * buffer reads the same whichever library registered the type. */
#include "audiometa.h"

GType
_gvajs_gva_audio_event_meta_api_lookup (void)
{
  static gsize api = 0;

  return _gvajs_gva_meta_lookup (GVAJS_GVA_AUDIO_EVENT_META_API, &api);
}

static gboolean
audio_event_meta_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  GvajsGvaAudioEventMeta *event = (GvajsGvaAudioEventMeta *) meta;

  event->event_type = 0;
  event->id = 0;
  event->start_timestamp = 0;
  event->end_timestamp = 0;
  event->params = NULL;
  return TRUE;
}

static void
audio_event_meta_free (GstMeta * meta, GstBuffer * buffer)
{
  GvajsGvaAudioEventMeta *event = (GvajsGvaAudioEventMeta *) meta;

  g_list_free_full (event->params, (GDestroyNotify) gst_structure_free);
  event->params = NULL;
}

static gpointer
copy_param (gconstpointer src, gpointer data)
{
  return gst_structure_copy (src);
}

static gboolean
audio_event_meta_transform (GstBuffer * dest, GstMeta * meta,
    GstBuffer * buffer, GQuark type, gpointer data)
{
  GvajsGvaAudioEventMeta *src = (GvajsGvaAudioEventMeta *) meta, *dst;

  dst = (GvajsGvaAudioEventMeta *) gst_buffer_add_meta (dest, meta->info,
      NULL);
  if (dst == NULL)
    return FALSE;
  dst->event_type = src->event_type;
  dst->id = src->id;
  dst->start_timestamp = src->start_timestamp;
  dst->end_timestamp = src->end_timestamp;
  dst->params = g_list_copy_deep (src->params, copy_param, NULL);
  return TRUE;
}

const GstMetaInfo *
_gvajs_gva_audio_event_meta_info (void)
{
  static const GstMetaInfo *info = NULL;

  if (g_atomic_pointer_get (&info) == NULL)
    g_atomic_pointer_set (&info, _gvajs_gva_meta_register
        (GVAJS_GVA_AUDIO_EVENT_META_API, GVAJS_GVA_AUDIO_EVENT_META_IMPL,
            sizeof (GvajsGvaAudioEventMeta), audio_event_meta_init,
            audio_event_meta_free, audio_event_meta_transform));
  return info;
}
