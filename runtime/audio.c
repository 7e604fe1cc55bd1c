/* SPDX-License-Identifier: MIT */
/* AudioFrame and AudioEvent.
 *
 * data() views the mapped samples as the typed array of their format
 * (Int16Array for S16LE, Float32Array for F32LE, ...; formats of another
 * byte order or of 24 bits as bytes), one array per plane when the layout
 * is non-interleaved, over the scope's data buffer: zero-copy or a copy by
 * the scope's rule, detached when the call ends.
 *
 * An AudioEvent holds a handle serial (GVAJS_HANDLE_EVENT) over its
 * GstGVAAudioEventMeta; its tensors are its params, wrapped as frame
 * tensors (they join no region), and die with it in removeEvent(). */
#include "audio.h"
#include "audiometa.h"
#include "quarks.h"

#include <string.h>

static JSClassID js_audio_event_class_id;

/* ---- samples ---- */

/* The typed array type of @info's samples, and its element size. */
static JSTypedArrayEnum
sample_array_type (const GstAudioInfo * info, gsize * elem)
{
  const GstAudioFormatInfo *f = info->finfo;
  gint width = GST_AUDIO_FORMAT_INFO_WIDTH (f);
  gboolean native = width == 8 || GST_AUDIO_FORMAT_INFO_ENDIANNESS (f) ==
      G_BYTE_ORDER;
  gboolean is_signed = GST_AUDIO_FORMAT_INFO_IS_SIGNED (f);
  JSTypedArrayEnum type = JS_TYPED_ARRAY_UINT8;

  if (native && width == GST_AUDIO_FORMAT_INFO_DEPTH (f)) {
    if (GST_AUDIO_FORMAT_INFO_IS_FLOAT (f))
      type = width == 32 ? JS_TYPED_ARRAY_FLOAT32 : width == 64 ?
          JS_TYPED_ARRAY_FLOAT64 : JS_TYPED_ARRAY_UINT8;
    else if (width == 8)
      type = is_signed ? JS_TYPED_ARRAY_INT8 : JS_TYPED_ARRAY_UINT8;
    else if (width == 16)
      type = is_signed ? JS_TYPED_ARRAY_INT16 : JS_TYPED_ARRAY_UINT16;
    else if (width == 32)
      type = is_signed ? JS_TYPED_ARRAY_INT32 : JS_TYPED_ARRAY_UINT32;
  }
  *elem = _gvajs_typed_array_element_size (type);
  return type;
}

/* Where the samples lie in @size bytes: @samples per channel, plane @p
 * (non-interleaved) at plane_offset(). The buffer's GstAudioMeta says,
 * when it has one; its values are checked against @size. */
typedef struct
{
  const GstAudioInfo *info;
  GstAudioMeta *meta;           /* nullable */
  gsize samples;
  gboolean planar;
} AudioLayout;

static gboolean
plane_offset (const AudioLayout * l, guint p, gsize * offset)
{
  if (l->meta && l->meta->offsets) {
    *offset = l->meta->offsets[p];
    return TRUE;
  }
  return g_size_checked_mul (offset, l->samples,
      (gsize) GST_AUDIO_INFO_BPS (l->info)) &&
      g_size_checked_mul (offset, *offset, p);
}

/* Checks that every plane (or the interleaved run) fits in @size bytes;
 * throws a RangeError naming @fn otherwise. */
static gboolean
audio_layout (JSContext * ctx, GvajsScope * scope, gsize size,
    const gchar * fn, AudioLayout * l)
{
  const GstAudioInfo *info = scope->audio;
  gsize bpf = GST_AUDIO_INFO_BPF (info), bps = GST_AUDIO_INFO_BPS (info);
  gsize run, offset, end;
  guint p, planes;

  l->info = info;
  l->meta = gst_buffer_get_audio_meta (scope->buffer);
  l->planar = GST_AUDIO_INFO_LAYOUT (info) ==
      GST_AUDIO_LAYOUT_NON_INTERLEAVED;
  if (l->meta && (l->meta->info.channels != GST_AUDIO_INFO_CHANNELS (info) ||
          (l->planar && l->meta->offsets == NULL)))
    l->meta = NULL;
  l->samples = l->meta ? l->meta->samples : bpf ? size / bpf : 0;
  planes = l->planar ? GST_AUDIO_INFO_CHANNELS (info) : 1;
  for (p = 0; p < planes; p++) {
    if (!g_size_checked_mul (&run, l->samples, l->planar ? bps : bpf) ||
        !plane_offset (l, p, &offset) ||
        !g_size_checked_add (&end, offset, run) || end > size) {
      JS_ThrowRangeError (ctx, "%s(): the buffer's %" G_GSIZE_FORMAT
          " bytes do not hold %" G_GSIZE_FORMAT " samples of %u channels "
          "as its caps and audio meta say", fn, size, l->samples,
          GST_AUDIO_INFO_CHANNELS (info));
      return FALSE;
    }
  }
  return TRUE;
}

/* A typed array of @type over @length elements of @buffer from @offset,
 * which must be a multiple of the element size. */
static JSValue
new_view (JSContext * ctx, JSValueConst buffer, gsize offset, gsize length,
    JSTypedArrayEnum type, gsize elem)
{
  JSValue args[3];

  if (offset % elem != 0)
    return JS_ThrowRangeError (ctx, "AudioFrame.data(): a plane of the "
        "buffer's audio meta starts at offset %" G_GSIZE_FORMAT ", not a "
        "multiple of its %" G_GSIZE_FORMAT "-byte samples", offset, elem);
  args[0] = buffer;
  args[1] = JS_NewInt64 (ctx, offset);
  args[2] = JS_NewInt64 (ctx, length);
  return JS_NewTypedArray (ctx, 3, args, type);
}

static JSValue
planes_to_js (JSContext * ctx, JSValueConst buffer, const AudioLayout * l,
    JSTypedArrayEnum type, gsize elem)
{
  gsize bps = GST_AUDIO_INFO_BPS (l->info), offset;
  GvajsArray array = GVAJS_ARRAY_INIT;
  guint p;

  for (p = 0; p < (guint) GST_AUDIO_INFO_CHANNELS (l->info) &&
      !array.failed; p++) {
    plane_offset (l, p, &offset);
    _gvajs_array_add (ctx, &array, new_view (ctx, buffer, offset,
            l->samples * bps / elem, type, elem));
  }
  return _gvajs_array_end (ctx, &array);
}

static JSValue
js_audio_frame_data (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GstMapFlags flags;
  JSValueConst buffer;
  JSTypedArrayEnum type;
  AudioLayout l;
  gsize elem;

  if (scope == NULL || !_gvajs_frame_parse_map_mode (ctx, argc, argv,
          &flags))
    return JS_EXCEPTION;
  type = sample_array_type (scope->audio, &elem);
  if (!_gvajs_scope_map (ctx, scope, flags, "AudioFrame.data") ||
      !audio_layout (ctx, scope, scope->map.size, "AudioFrame.data", &l) ||
      JS_IsException (buffer = _gvajs_scope_data_buffer (ctx, scope)))
    return JS_EXCEPTION;
  if (l.planar)
    return planes_to_js (ctx, buffer, &l, type, elem);
  return new_view (ctx, buffer, 0, l.samples * GST_AUDIO_INFO_BPF (l.info) /
      elem, type, elem);
}

static JSValue
js_audio_frame_sample_count (JSContext * ctx, JSValueConst this_val)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  AudioLayout l;

  if (scope == NULL || !audio_layout (ctx, scope,
          gst_buffer_get_size (scope->buffer), "AudioFrame.sampleCount", &l))
    return JS_EXCEPTION;
  return JS_NewInt64 (ctx, l.samples);
}

/* Channel positions as GStreamer names them ("front-left", "mono",
 * "none" when unpositioned). */
static JSValue
positions_to_js (JSContext * ctx, const GstAudioInfo * info)
{
  GEnumClass *positions = g_type_class_ref (GST_TYPE_AUDIO_CHANNEL_POSITION);
  GvajsArray array = GVAJS_ARRAY_INIT;
  GEnumValue *value;
  gint i;

  for (i = 0; i < GST_AUDIO_INFO_CHANNELS (info) && i < 64 &&
      !array.failed; i++) {
    value = GST_AUDIO_INFO_IS_UNPOSITIONED (info) ? NULL :
        g_enum_get_value (positions, info->position[i]);
    _gvajs_array_add (ctx, &array, JS_NewString (ctx,
            value ? value->value_nick : "none"));
  }
  g_type_class_unref (positions);
  return _gvajs_array_end (ctx, &array);
}

static JSValue
js_audio_frame_audio_info (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  const GstAudioInfo *info;
  JSValue obj;

  if (scope == NULL)
    return JS_EXCEPTION;
  info = scope->audio;
  obj = JS_NewObject (ctx);
  JS_SetPropertyStr (ctx, obj, "rate", JS_NewInt32 (ctx, info->rate));
  JS_SetPropertyStr (ctx, obj, "channels", JS_NewInt32 (ctx,
          info->channels));
  JS_SetPropertyStr (ctx, obj, "format", JS_NewString (ctx,
          GST_AUDIO_INFO_NAME (info)));
  JS_SetPropertyStr (ctx, obj, "bpf", JS_NewInt32 (ctx, info->bpf));
  JS_SetPropertyStr (ctx, obj, "bps", JS_NewInt32 (ctx,
          GST_AUDIO_INFO_BPS (info)));
  JS_SetPropertyStr (ctx, obj, "layout", JS_NewString (ctx,
          GST_AUDIO_INFO_LAYOUT (info) == GST_AUDIO_LAYOUT_INTERLEAVED ?
          "interleaved" : "non-interleaved"));
  JS_SetPropertyStr (ctx, obj, "positions", positions_to_js (ctx, info));
  return obj;
}

/* ---- AudioEvent ---- */

static GvajsGvaAudioEventMeta *
event_get (JSContext * ctx, JSValueConst this_val)
{
  GvajsHandle handle;

  if (_gvajs_scope_get_handle (ctx, this_val, js_audio_event_class_id,
          "AudioEvent", &handle) == NULL)
    return NULL;
  return handle.ptr;
}

static GstStructure *
find_detection (GvajsGvaAudioEventMeta * event)
{
  GList *l;

  for (l = event->params; l; l = l->next)
    if (gst_structure_get_name_id (l->data) == GVAJS_QUARK (DETECTION))
      return l->data;
  return NULL;
}

static JSValue
new_time (JSContext * ctx, guint64 t)
{
  return t <= G_MAXINT64 ? JS_NewInt64 (ctx, t) : JS_NewFloat64 (ctx, t);
}

static JSValue
js_audio_event_segment (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsGvaAudioEventMeta *event = event_get (ctx, this_val);
  JSValue obj;

  if (event == NULL)
    return JS_EXCEPTION;
  obj = JS_NewObject (ctx);
  JS_SetPropertyStr (ctx, obj, "start", new_time (ctx,
          event->start_timestamp));
  JS_SetPropertyStr (ctx, obj, "end", new_time (ctx, event->end_timestamp));
  return obj;
}

static JSValue
js_audio_event_label (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsGvaAudioEventMeta *event = event_get (ctx, this_val);

  if (event == NULL)
    return JS_EXCEPTION;
  return event->event_type ? JS_NewString (ctx,
      g_quark_to_string (event->event_type)) : JS_UNDEFINED;
}

/* labelId() (magic GVAJS_FIELD_LABEL_ID) and confidence()
 * (GVAJS_FIELD_CONFIDENCE), from the detection param. */
static JSValue
js_audio_event_detection_field (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv, int magic)
{
  GvajsGvaAudioEventMeta *event = event_get (ctx, this_val);
  GstStructure *det;
  gdouble number;

  if (event == NULL)
    return JS_EXCEPTION;
  det = find_detection (event);
  return _gvajs_field_get_double (det, _gvajs_field_quark (magic), &number) ?
      JS_NewFloat64 (ctx, number) : JS_UNDEFINED;
}

static JSValue
js_audio_event_tensors (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsGvaAudioEventMeta *event = event_get (ctx, this_val);
  GvajsArray array = GVAJS_ARRAY_INIT;
  GList *l;

  if (event == NULL)
    return JS_EXCEPTION;
  for (l = event->params; l && !array.failed; l = l->next)
    _gvajs_array_add (ctx, &array, _gvajs_tensor_wrap (ctx, l->data, NULL));
  return _gvajs_array_end (ctx, &array);
}

static JSValue
js_audio_event_add_tensor (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsGvaAudioEventMeta *event;
  GstStructure *s;
  const char *name;

  if (!(name = _gvajs_get_structure_name (ctx, "AudioEvent.addTensor",
              argv[0])))
    return JS_EXCEPTION;
  if ((event = event_get (ctx, this_val)) == NULL ||
      !_gvajs_scope_count_metadata (ctx, "AudioEvent.addTensor",
          GVAJS_META_OVERHEAD)) {
    JS_FreeCString (ctx, name);
    return JS_EXCEPTION;
  }
  s = gst_structure_new_empty (name);
  JS_FreeCString (ctx, name);
  event->params = g_list_append (event->params, s);
  return _gvajs_tensor_wrap (ctx, s, NULL);
}

static JSValue
js_audio_event_detection (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsGvaAudioEventMeta *event = event_get (ctx, this_val);
  GstStructure *det;

  if (event == NULL)
    return JS_EXCEPTION;
  det = find_detection (event);
  return det ? _gvajs_tensor_wrap (ctx, det, NULL) : JS_UNDEFINED;
}

static JSValue
js_audio_event_id (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsGvaAudioEventMeta *event = event_get (ctx, this_val);

  return event ? JS_NewInt32 (ctx, event->id) : JS_EXCEPTION;
}

static const JSCFunctionListEntry js_audio_event_proto_funcs[] = {
  JS_CFUNC_DEF ("segment", 0, js_audio_event_segment),
  JS_CFUNC_DEF ("label", 0, js_audio_event_label),
  JS_CFUNC_MAGIC_DEF ("labelId", 0, js_audio_event_detection_field,
      GVAJS_FIELD_LABEL_ID),
  JS_CFUNC_MAGIC_DEF ("confidence", 0, js_audio_event_detection_field,
      GVAJS_FIELD_CONFIDENCE),
  JS_CFUNC_DEF ("tensors", 0, js_audio_event_tensors),
  JS_CFUNC_DEF ("addTensor", 1, js_audio_event_add_tensor),
  JS_CFUNC_DEF ("detection", 0, js_audio_event_detection),
  JS_CFUNC_DEF ("eventId", 0, js_audio_event_id),
  JS_PROP_STRING_DEF ("[Symbol.toStringTag]", "AudioEvent",
      JS_PROP_CONFIGURABLE),
};

/* ---- frame.events(), addEvent(), removeEvent() ---- */

static JSValue
event_to_js (JSContext * ctx, GstMeta * meta)
{
  return _gvajs_scope_wrap_handle (ctx, js_audio_event_class_id,
      GVAJS_HANDLE_EVENT, meta, NULL);
}

static JSValue
js_audio_frame_events (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);

  if (scope == NULL)
    return JS_EXCEPTION;
  return _gvajs_frame_metas_to_array (ctx, scope,
      _gvajs_gva_audio_event_meta_api_lookup (), event_to_js);
}

#define ADD_EVENT "AudioFrame.addEvent"

static const gchar *const event_options[] = {
  "start", "end", "label", "confidence", "labelId", NULL,
};

typedef struct
{
  guint64 start, end;
  GQuark label;                 /* admitted (names.h) */
  gdouble confidence;
  gint64 label_id;
  gboolean has_confidence, has_label_id;
} EventArgs;

/* A time option: absent (undefined), it is @fallback, which is invalid
 * when the buffer has no timestamp. */
static gboolean
parse_time (JSContext * ctx, JSValueConst value, const gchar * name,
    GstClockTime fallback, guint64 * out)
{
  gint64 t;

  if (JS_IsUndefined (value)) {
    if (GST_CLOCK_TIME_IS_VALID (fallback)) {
      *out = fallback;
      return TRUE;
    }
    JS_ThrowTypeError (ctx, ADD_EVENT "(): %s is required: the buffer has "
        "no %s to take it from", name, strcmp (name, "start") == 0 ?
        "timestamp" : "timestamp and duration");
    return FALSE;
  }
  if (!_gvajs_get_int (ctx, ADD_EVENT, name, value, 0,
          ((gint64) 1 << 53), &t))
    return FALSE;
  *out = t;
  return TRUE;
}

/* The buffer's own span: [pts, pts + duration). */
static void
buffer_span (GstBuffer * buffer, GstClockTime * start, GstClockTime * end)
{
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  GstClockTime duration = GST_BUFFER_DURATION (buffer);

  *start = pts;
  *end = GST_CLOCK_TIME_IS_VALID (pts) && GST_CLOCK_TIME_IS_VALID (duration)
      && duration <= G_MAXUINT64 - 1 - pts ? pts + duration :
      GST_CLOCK_TIME_NONE;
}

/* Reads @values (owned: start, end, label, confidence, labelId), taken
 * before any pointer into the buffer is held: the getters are user code. */
static gboolean
parse_event_values (JSContext * ctx, GvajsScope * scope, JSValue * values,
    EventArgs * args)
{
  GstClockTime span_start, span_end;

  buffer_span (scope->buffer, &span_start, &span_end);
  if (!parse_time (ctx, values[0], "start", span_start, &args->start) ||
      !parse_time (ctx, values[1], "end", span_end, &args->end))
    return FALSE;
  if (args->end < args->start) {
    JS_ThrowRangeError (ctx, ADD_EVENT "(): end (%" G_GUINT64_FORMAT ") is "
        "before start (%" G_GUINT64_FORMAT ")", args->end, args->start);
    return FALSE;
  }
  if (!(args->label = _gvajs_get_name (ctx, ADD_EVENT, "label", NULL,
              values[2])))
    return FALSE;
  if (*g_quark_to_string (args->label) == '\0') {
    JS_ThrowRangeError (ctx, ADD_EVENT "(): label must not be empty");
    return FALSE;
  }
  args->has_confidence = !JS_IsUndefined (values[3]);
  args->has_label_id = !JS_IsUndefined (values[4]);
  return (!args->has_confidence || _gvajs_get_finite (ctx, ADD_EVENT,
          "confidence", values[3], &args->confidence)) &&
      (!args->has_label_id || _gvajs_get_int (ctx, ADD_EVENT, "labelId",
          values[4], G_MININT32, G_MAXINT32, &args->label_id));
}

static gboolean
parse_event_args (JSContext * ctx, GvajsScope * scope, JSValueConst options,
    EventArgs * args)
{
  JSValue values[G_N_ELEMENTS (event_options) - 1];
  gboolean ok;
  guint i;

  if (!JS_IsObject (options) || JS_IsArray (ctx, options) > 0) {
    _gvajs_throw_type (ctx, ADD_EVENT, "event", "an object {start, end, "
        "label, confidence?, labelId?}", options);
    return FALSE;
  }
  if (!_gvajs_check_options (ctx, ADD_EVENT, options, event_options))
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = JS_GetPropertyStr (ctx, options, event_options[i]);
  ok = TRUE;
  for (i = 0; i < G_N_ELEMENTS (values); i++)
    ok = ok && !JS_IsException (values[i]);
  ok = ok && parse_event_values (ctx, scope, values, args);
  for (i = 0; i < G_N_ELEMENTS (values); i++)
    JS_FreeValue (ctx, values[i]);
  return ok;
}

static GvajsGvaAudioEventMeta *
add_event (GvajsScope * scope, const EventArgs * args)
{
  const GstMetaInfo *info = _gvajs_gva_audio_event_meta_info ();
  GvajsGvaAudioEventMeta *event;
  GstStructure *det;
  gpointer state = NULL;
  gint id = 0;

  /* Ids count the buffer's events from 0, as ROI ids count its regions. */
  while (gst_buffer_iterate_meta_filtered (scope->buffer, &state,
          _gvajs_gva_audio_event_meta_api_lookup ()))
    id++;
  event = info ? (GvajsGvaAudioEventMeta *) gst_buffer_add_meta
      (scope->buffer, info, NULL) : NULL;
  if (event == NULL)
    return NULL;
  event->event_type = args->label;
  event->id = id;
  event->start_timestamp = args->start;
  event->end_timestamp = args->end;
  det = gst_structure_new_id_empty (GVAJS_QUARK (DETECTION));
  if (args->has_confidence)
    gst_structure_id_set (det, GVAJS_QUARK (CONFIDENCE), G_TYPE_DOUBLE,
        args->confidence, NULL);
  if (args->has_label_id)
    gst_structure_id_set (det, GVAJS_QUARK (LABEL_ID), G_TYPE_INT,
        (gint) args->label_id, NULL);
  event->params = g_list_append (event->params, det);
  return event;
}

static JSValue
js_audio_frame_add_event (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  EventArgs args = { 0 };
  GvajsGvaAudioEventMeta *event = NULL;

  if (scope == NULL)
    return JS_EXCEPTION;
  if (parse_event_args (ctx, scope, argv[0], &args) &&
      (scope = _gvajs_frame_get (ctx, this_val)) &&
      _gvajs_frame_check_writable (ctx, scope, ADD_EVENT) &&
      _gvajs_scope_count_metadata (ctx, ADD_EVENT, 2 * GVAJS_META_OVERHEAD +
          strlen (g_quark_to_string (args.label))) &&
      !(event = add_event (scope, &args)))
    JS_ThrowInternalError (ctx, ADD_EVENT "(): could not add a "
        GVAJS_GVA_AUDIO_EVENT_META_IMPL);
  return event ? event_to_js (ctx, (GstMeta *) event) : JS_EXCEPTION;
}

static JSValue
js_audio_frame_remove_event (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GvajsGvaAudioEventMeta *event;
  GList *l;

  if (scope == NULL)
    return JS_EXCEPTION;
  if (JS_GetOpaque (argv[0], js_audio_event_class_id) == NULL)
    return _gvajs_throw_type (ctx, "AudioFrame.removeEvent", "event",
        "an AudioEvent", argv[0]);
  if ((event = event_get (ctx, argv[0])) == NULL ||
      !_gvajs_frame_check_writable (ctx, scope, "AudioFrame.removeEvent"))
    return JS_EXCEPTION;
  _gvajs_scope_kill_ptr (scope, event);
  for (l = event->params; l; l = l->next)
    _gvajs_scope_kill_ptr (scope, l->data);
  gst_buffer_remove_meta (scope->buffer, (GstMeta *) event);
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_audio_frame_funcs[] = {
  JS_CFUNC_DEF ("audioInfo", 0, js_audio_frame_audio_info),
  JS_CFUNC_DEF ("data", 0, js_audio_frame_data),
  JS_CGETSET_DEF ("sampleCount", js_audio_frame_sample_count, NULL),
  JS_CFUNC_DEF ("events", 0, js_audio_frame_events),
  JS_CFUNC_DEF ("addEvent", 1, js_audio_frame_add_event),
  JS_CFUNC_DEF ("removeEvent", 1, js_audio_frame_remove_event),
};

void
_gvajs_audio_init (JSContext * ctx, JSValueConst audio_proto)
{
  GVAJS_QUARK (DETECTION);
  _gvajs_create_class (ctx, &js_audio_event_class_id, "AudioEvent",
      js_audio_event_proto_funcs, G_N_ELEMENTS (js_audio_event_proto_funcs));
  JS_SetPropertyFunctionList (ctx, audio_proto, js_audio_frame_funcs,
      G_N_ELEMENTS (js_audio_frame_funcs));
}
