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

GvajsScope *
_gvajs_frame_get_arg (JSContext * ctx, const gchar * fn, JSValueConst value)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, value);
  JSValue error, message;
  const char *text;

  if (scope != NULL)
    return scope;
  /* Pixel helpers need a VideoFrame, also in an audio stream. */
  if (!JS_GetOpaque (value, js_video_frame_class_id) &&
      !JS_GetOpaque (value, js_audio_frame_class_id)) {
    JS_FreeValue (ctx, JS_GetException (ctx));
    JS_ThrowTypeError (ctx, "%s(): frame: not a VideoFrame", fn);
    return NULL;
  }
  /* Re-thrown with the helper's name in front of the frame's message. */
  error = JS_GetException (ctx);
  message = JS_GetPropertyStr (ctx, error, "message");
  text = JS_ToCString (ctx, message);
  JS_ThrowTypeError (ctx, "%s(): frame: %s", fn, text ? text : "");
  JS_FreeCString (ctx, text);
  JS_FreeValue (ctx, message);
  JS_FreeValue (ctx, error);
  return NULL;
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
  GvajsArray array = GVAJS_ARRAY_INIT;

  _gvajs_frame_add_metas (ctx, scope, api, convert, &array);
  return _gvajs_array_end (ctx, &array);
}

void
_gvajs_frame_add_metas (JSContext * ctx, GvajsScope * scope, GType api,
    GvajsMetaToJs convert, GvajsArray * array)
{
  gpointer state = NULL;
  GstMeta *meta;

  while (api && !array->failed &&
      (meta = gst_buffer_iterate_meta_filtered (scope->buffer, &state, api)))
    _gvajs_array_add (ctx, array, convert (ctx, meta));
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

/* ---- pixels ---- */

static const GstVideoFormat pixel_formats[] = {
  GST_VIDEO_FORMAT_RGB, GST_VIDEO_FORMAT_BGR,
  GST_VIDEO_FORMAT_RGBA, GST_VIDEO_FORMAT_BGRA, GST_VIDEO_FORMAT_ARGB,
  GST_VIDEO_FORMAT_ABGR, GST_VIDEO_FORMAT_RGBx, GST_VIDEO_FORMAT_BGRx,
  GST_VIDEO_FORMAT_xRGB, GST_VIDEO_FORMAT_xBGR, GST_VIDEO_FORMAT_GRAY8,
  GST_VIDEO_FORMAT_I420, GST_VIDEO_FORMAT_YV12, GST_VIDEO_FORMAT_NV12,
  GST_VIDEO_FORMAT_NV21, GST_VIDEO_FORMAT_Y42B, GST_VIDEO_FORMAT_Y444,
  GST_VIDEO_FORMAT_YUY2, GST_VIDEO_FORMAT_UYVY, GST_VIDEO_FORMAT_YVYU,
};

gboolean
_gvajs_frame_check_format (JSContext * ctx, const gchar * fn,
    GvajsScope * scope)
{
  const GstVideoInfo *info = scope->info;
  guint i;

  if (info == NULL) {
    JS_ThrowTypeError (ctx, "%s(): %s has no pixels; this works on raw "
        "video (video/x-raw)", fn, scope->audio ? "an AudioFrame" :
        "a frame of a stream that is not raw video");
    return FALSE;
  }
  for (i = 0; i < G_N_ELEMENTS (pixel_formats); i++)
    if (pixel_formats[i] == GST_VIDEO_INFO_FORMAT (info))
      return TRUE;
  JS_ThrowTypeError (ctx, "%s(): the frame's format is %s; supported: "
      "RGB, BGR, RGBA, BGRA, ARGB, ABGR, RGBx, BGRx, xRGB, xBGR, GRAY8, "
      "I420, YV12, NV12, NV21, Y42B, Y444, YUY2, UYVY, YVYU", fn,
      gst_video_format_to_string (GST_VIDEO_INFO_FORMAT (info)));
  return FALSE;
}

/* Where a component's bytes end: the offset of its pixel (0, 0) in
 * @first, and in @last that plus @stride × (rows - 1) + @pstride ×
 * (columns - 1). FALSE when a sum or product does not fit a gsize: a
 * meta's offsets and strides are anyone's numbers, and a sum that wrapped
 * would look like a byte inside the buffer. */
static gboolean
component_span (gsize plane_offset, gint poffset, gint stride, gint pstride,
    gint cw, gint ch, gsize * first, gsize * last)
{
  gsize rows, columns;

  return cw > 0 && ch > 0 && stride > 0 && pstride >= 0 && poffset >= 0 &&
      g_size_checked_add (first, plane_offset, poffset) &&
      g_size_checked_mul (&rows, stride, ch - 1) &&
      g_size_checked_mul (&columns, pstride, cw - 1) &&
      g_size_checked_add (last, *first, rows) &&
      g_size_checked_add (last, *last, columns);
}

/* Locates component @c in the mapping, or throws naming @fn. */
static gboolean
locate_component (JSContext * ctx, const gchar * fn,
    const GstVideoInfo * info, const GstMapInfo * map, const gint * strides,
    const gsize * offsets, guint c, GvajsComponent * comp)
{
  const GstVideoFormatInfo *finfo = info->finfo;
  guint plane = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);
  gsize first, last;

  comp->stride = strides[plane];
  comp->pstride = GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c);
  comp->w_sub = GST_VIDEO_FORMAT_INFO_W_SUB (finfo, c);
  comp->h_sub = GST_VIDEO_FORMAT_INFO_H_SUB (finfo, c);
  /* Only a meta can say this: GstVideoInfo's strides are positive. */
  if (comp->stride <= 0) {
    JS_ThrowRangeError (ctx, "%s(): the video meta gives plane %u a stride "
        "of %d bytes; only positive strides can be read", fn, plane,
        comp->stride);
    return FALSE;
  }
  if (!component_span (offsets[plane], GST_VIDEO_FORMAT_INFO_POFFSET (finfo,
              c), comp->stride, comp->pstride,
          GST_VIDEO_FORMAT_INFO_SCALE_WIDTH (finfo, c, info->width),
          GST_VIDEO_FORMAT_INFO_SCALE_HEIGHT (finfo, c, info->height),
          &first, &last) || last >= map->size) {
    JS_ThrowRangeError (ctx, "%s(): the buffer (%" G_GSIZE_FORMAT " bytes) "
        "is smaller than its caps and video meta say (plane %u: offset %"
        G_GSIZE_FORMAT ", stride %d)", fn, map->size, plane, offsets[plane],
        comp->stride);
    return FALSE;
  }
  comp->base = map->data + first;
  return TRUE;
}

gboolean
_gvajs_frame_components (JSContext * ctx, const gchar * fn,
    GvajsScope * scope, guint n, GvajsComponent * comps)
{
  const GstVideoInfo *info = scope->info;
  gint strides[GST_VIDEO_MAX_PLANES];
  gsize offsets[GST_VIDEO_MAX_PLANES];
  guint planes, i;

  planes = _gvajs_frame_layout (scope, strides, offsets);
  if (planes < GST_VIDEO_INFO_N_PLANES (info)) {
    JS_ThrowRangeError (ctx, "%s(): the video meta describes %u of the %u "
        "planes of %s", fn, planes, GST_VIDEO_INFO_N_PLANES (info),
        gst_video_format_to_string (GST_VIDEO_INFO_FORMAT (info)));
    return FALSE;
  }
  for (i = 0; i < n; i++)
    if (!locate_component (ctx, fn, info, &scope->map, strides, offsets, i,
            &comps[i]))
      return FALSE;
  return TRUE;
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
      !_gvajs_scope_map (ctx, scope, flags, "VideoFrame.data") ||
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
