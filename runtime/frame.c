/* SPDX-License-Identifier: MIT */
/* VideoFrame and AudioFrame: the objects process_frame receives, on raw
 * audio caps an AudioFrame, otherwise a VideoFrame.
 *
 * A frame object holds no pointer: its opaque is the generation of the call
 * it was made for, checked against the scope's current frame on every
 * access. The buffer is mapped only when data() is called (the scope
 * unmaps it when the call ends). Both classes' prototypes inherit from one
 * common prototype (pts, dts, duration here; tensors and messages from
 * tensor.c and message.c); region.c adds the regions to VideoFrame's and
 * audio.c the rest of AudioFrame. */
#include "frame.h"

#include <string.h>

static JSClassID js_video_frame_class_id;
static JSClassID js_audio_frame_class_id;

GvajsScope *
_gvajs_frame_get (JSContext * ctx, JSValueConst value)
{
  GvajsScope *scope = _gvajs_scope_get (ctx);
  gpointer video = JS_GetOpaque (value, js_video_frame_class_id);
  gpointer opaque = video ? video : JS_GetOpaque (value,
      js_audio_frame_class_id);

  if (opaque == NULL) {
    JS_ThrowTypeError (ctx, "not %s", scope->audio ? "an AudioFrame" :
        "a VideoFrame");
    return NULL;
  }
  if (scope->buffer == NULL || GPOINTER_TO_SIZE (opaque) != scope->generation) {
    JS_ThrowTypeError (ctx, "this %s is no longer valid: a frame, and "
        "everything taken from it, lives only during the call that "
        "received it; copy the values you need to keep", video ?
        "VideoFrame" : "AudioFrame");
    return NULL;
  }
  return scope;
}

const gchar *
_gvajs_frame_class_name (JSContext * ctx)
{
  return _gvajs_scope_get (ctx)->audio ? "AudioFrame" : "VideoFrame";
}

gboolean
_gvajs_frame_check_writable (JSContext * ctx, GvajsScope * scope,
    const gchar * fn)
{
  /* gvajs's own buffers always are, but the runtime does not rely on it. */
  if (gst_buffer_is_writable (scope->buffer))
    return TRUE;
  JS_ThrowTypeError (ctx, "%s(): this frame's buffer is not writable, so "
      "its metadata cannot change", fn);
  return FALSE;
}

JSValue
_gvajs_frame_metas_to_array (JSContext * ctx, GvajsScope * scope, GType api,
    GvajsMetaToJs convert)
{
  JSValue array = JS_NewArray (ctx);
  gpointer state = NULL;
  GstMeta *meta;
  guint32 i = 0;

  while (api && !JS_IsException (array) &&
      (meta = gst_buffer_iterate_meta_filtered (scope->buffer, &state, api)))
    _gvajs_array_push (ctx, &array, i++, convert (ctx, meta));
  return array;
}

guint
_gvajs_frame_layout (GvajsScope * scope, gint * strides, gsize * offsets)
{
  const GstVideoInfo *info = scope->info;
  /* A GstVideoMeta describes this buffer's real layout (padding, crops). */
  GstVideoMeta *meta = gst_buffer_get_video_meta (scope->buffer);
  guint i;

  for (i = 0; i < GST_VIDEO_INFO_N_PLANES (info); i++) {
    strides[i] = meta ? meta->stride[i] : GST_VIDEO_INFO_PLANE_STRIDE (info, i);
    offsets[i] = meta ? meta->offset[i] :
        GST_VIDEO_INFO_PLANE_OFFSET (info, i);
  }
  return meta ? meta->n_planes : GST_VIDEO_INFO_N_PLANES (info);
}

static JSValue
js_video_frame_video_info (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  const GstVideoInfo *info;
  gint strides[GST_VIDEO_MAX_PLANES];
  gsize offsets[GST_VIDEO_MAX_PLANES];
  gdouble stride_values[GST_VIDEO_MAX_PLANES];
  gdouble offset_values[GST_VIDEO_MAX_PLANES];
  guint i, planes;
  JSValue obj;

  if (scope == NULL)
    return JS_EXCEPTION;
  if ((info = scope->info) == NULL)
    return JS_NULL;
  _gvajs_frame_layout (scope, strides, offsets);
  planes = GST_VIDEO_INFO_N_PLANES (info);
  for (i = 0; i < planes; i++) {
    stride_values[i] = strides[i];
    offset_values[i] = offsets[i];
  }
  obj = JS_NewObject (ctx);
  JS_SetPropertyStr (ctx, obj, "width", JS_NewInt32 (ctx, info->width));
  JS_SetPropertyStr (ctx, obj, "height", JS_NewInt32 (ctx, info->height));
  JS_SetPropertyStr (ctx, obj, "format", JS_NewString (ctx,
          gst_video_format_to_string (GST_VIDEO_INFO_FORMAT (info))));
  JS_SetPropertyStr (ctx, obj, "fpsN", JS_NewInt32 (ctx, info->fps_n));
  JS_SetPropertyStr (ctx, obj, "fpsD", JS_NewInt32 (ctx, info->fps_d));
  JS_SetPropertyStr (ctx, obj, "size", JS_NewInt64 (ctx, info->size));
  JS_SetPropertyStr (ctx, obj, "stride", _gvajs_new_number_array (ctx,
          stride_values, planes));
  JS_SetPropertyStr (ctx, obj, "offset", _gvajs_new_number_array (ctx,
          offset_values, planes));
  return obj;
}

gboolean
_gvajs_frame_parse_map_mode (JSContext * ctx, int argc, JSValueConst * argv,
    GstMapFlags * flags)
{
  const char *mode;
  gboolean ok;

  *flags = GST_MAP_READ;
  if (argc == 0 || JS_IsUndefined (argv[0]))
    return TRUE;
  if ((mode = JS_ToCString (ctx, argv[0])) == NULL)
    return FALSE;
  ok = strcmp (mode, "read") == 0 || strcmp (mode, "write") == 0;
  if (strcmp (mode, "write") == 0)
    *flags = GST_MAP_READWRITE;
  if (!ok)
    JS_ThrowRangeError (ctx, "%s.data(): mode must be \"read\" or "
        "\"write\", not \"%s\"", _gvajs_frame_class_name (ctx), mode);
  JS_FreeCString (ctx, mode);
  return ok;
}

static JSValue
js_video_frame_data (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GstMapFlags flags;
  JSValueConst buffer;

  if (scope == NULL || !_gvajs_frame_parse_map_mode (ctx, argc, argv, &flags) ||
      !_gvajs_scope_map (ctx, scope, flags) ||
      JS_IsException (buffer = _gvajs_scope_data_buffer (ctx, scope)))
    return JS_EXCEPTION;
  return _gvajs_new_typed_array (ctx, buffer, JS_TYPED_ARRAY_UINT8);
}

/* pts (magic 0), dts (1) and duration (2), in nanoseconds. */
static JSValue
js_frame_get_time (JSContext * ctx, JSValueConst this_val, int which)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GstClockTime t;

  if (scope == NULL)
    return JS_EXCEPTION;
  t = which == 0 ? GST_BUFFER_PTS (scope->buffer) :
      which == 1 ? GST_BUFFER_DTS (scope->buffer) :
      GST_BUFFER_DURATION (scope->buffer);
  return GST_CLOCK_TIME_IS_VALID (t) ? JS_NewInt64 (ctx, t) : JS_UNDEFINED;
}

static const JSCFunctionListEntry js_frame_common_funcs[] = {
  JS_CGETSET_MAGIC_DEF ("pts", js_frame_get_time, NULL, 0),
  JS_CGETSET_MAGIC_DEF ("dts", js_frame_get_time, NULL, 1),
  JS_CGETSET_MAGIC_DEF ("duration", js_frame_get_time, NULL, 2),
};

static const JSCFunctionListEntry js_video_frame_proto_funcs[] = {
  JS_CFUNC_DEF ("videoInfo", 0, js_video_frame_video_info),
  JS_CFUNC_DEF ("data", 0, js_video_frame_data),
  JS_PROP_STRING_DEF ("[Symbol.toStringTag]", "VideoFrame",
      JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_audio_frame_proto_funcs[] = {
  JS_PROP_STRING_DEF ("[Symbol.toStringTag]", "AudioFrame",
      JS_PROP_CONFIGURABLE),
};

void
_gvajs_frame_init (JSContext * ctx, GvajsFramePrototypes * protos)
{
  JSValue common = JS_NewObject (ctx);

  JS_SetPropertyFunctionList (ctx, common, js_frame_common_funcs,
      G_N_ELEMENTS (js_frame_common_funcs));
  protos->video = _gvajs_create_class (ctx, &js_video_frame_class_id,
      "VideoFrame", js_video_frame_proto_funcs,
      G_N_ELEMENTS (js_video_frame_proto_funcs));
  protos->audio = _gvajs_create_class (ctx, &js_audio_frame_class_id,
      "AudioFrame", js_audio_frame_proto_funcs,
      G_N_ELEMENTS (js_audio_frame_proto_funcs));
  JS_SetPrototype (ctx, protos->video, common);
  JS_SetPrototype (ctx, protos->audio, common);
  /* The two prototypes hold it. */
  JS_FreeValue (ctx, common);
  protos->common = common;
}

JSValue
_gvajs_frame_new (JSContext * ctx, guint64 generation)
{
  GvajsScope *scope = _gvajs_scope_get (ctx);
  JSValue frame = _gvajs_new_host_object (ctx, scope->audio ?
      js_audio_frame_class_id : js_video_frame_class_id);

  if (!JS_IsException (frame))
    JS_SetOpaque (frame, GSIZE_TO_POINTER (generation));
  return frame;
}
