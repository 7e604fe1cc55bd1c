/* VideoFrame: the object process_frame receives.
 *
 * A frame object holds no pointer: its opaque is the generation of the call
 * it was made for, checked against the runtime's current frame scope on
 * every access. The buffer is mapped only when data() is called, and the
 * mapping's ArrayBuffer is detached and unmapped when the call ends.
 *
 * The frame also keeps the call's table of region and tensor objects
 * (GvajsHandle) and of the ArrayBuffers over tensor bytes; the metadata
 * methods themselves live in region.c, tensor.c and message.c. */
#include "gvajs-private.h"

#include <string.h>

/* 32 MiB of handles */
#define MAX_HANDLES (1 << 20)

static JSClassID js_video_frame_class_id;

static const JSClassDef js_video_frame_class = {
  .class_name = "VideoFrame",
};

GvajsFrameScope *
_gvajs_frame_scope_get (JSContext * ctx, JSValueConst this_val)
{
  GvajsFrameScope *scope = &_gvajs_runtime_from_ctx (ctx)->frame;
  gpointer opaque = JS_GetOpaque (this_val, js_video_frame_class_id);

  if (opaque == NULL) {
    JS_ThrowTypeError (ctx, "not a VideoFrame");
    return NULL;
  }
  if (scope->buffer == NULL || GPOINTER_TO_SIZE (opaque) != scope->generation) {
    JS_ThrowTypeError (ctx, "this VideoFrame is no longer valid: a frame, "
        "and everything taken from it, lives only during the call that "
        "received it; copy the values you need to keep");
    return NULL;
  }
  return scope;
}

/* Region and tensor objects: see GvajsHandle. Returns the object (owned),
 * whose opaque is the handle's serial. */
JSValue
_gvajs_handle_wrap (JSContext * ctx, JSClassID class_id, GvajsHandleKind kind,
    gpointer ptr, GstVideoRegionOfInterestMeta * region)
{
  GvajsFrameScope *scope = &_gvajs_runtime_from_ctx (ctx)->frame;
  GvajsHandle handle = { kind, ptr, region, TRUE };
  JSValue obj;

  /* Handles outlive their objects until the call ends, outside the JS
   * heap's memory limit: a script looping on regions() must not grow the
   * table without bound. */
  if (scope->handles && scope->handles->len >= MAX_HANDLES)
    return JS_ThrowRangeError (ctx, "more than %d regions and tensors taken "
        "in one call; take each once and keep it for the call", MAX_HANDLES);
  obj = JS_NewObjectClass (ctx, class_id);
  if (JS_IsException (obj))
    return obj;
  if (scope->handles == NULL)
    scope->handles = g_array_sized_new (FALSE, FALSE, sizeof (GvajsHandle), 16);
  g_array_append_val (scope->handles, handle);
  JS_SetOpaque (obj, GSIZE_TO_POINTER (scope->handle_base +
          scope->handles->len));
  return obj;
}

/**
 * _gvajs_handle_get:
 * @handle: (out caller-allocates): a copy of the object's handle; a copy,
 *   because making other objects may move the table
 *
 * Returns the scope when @obj is a live object of @class_id made in this
 * call; otherwise throws a TypeError and returns NULL.
 */
GvajsFrameScope *
_gvajs_handle_get (JSContext * ctx, JSValueConst obj, JSClassID class_id,
    const gchar * class_name, GvajsHandle * handle)
{
  GvajsFrameScope *scope = &_gvajs_runtime_from_ctx (ctx)->frame;
  guint64 serial = GPOINTER_TO_SIZE (JS_GetOpaque (obj, class_id));

  if (serial == 0) {
    JS_ThrowTypeError (ctx, "not a %s", class_name);
    return NULL;
  }
  if (scope->buffer == NULL || scope->handles == NULL ||
      serial <= scope->handle_base ||
      serial > scope->handle_base + scope->handles->len) {
    JS_ThrowTypeError (ctx, "this %s is no longer valid: a frame, and "
        "everything taken from it, lives only during the call that received "
        "it; copy the values you need to keep", class_name);
    return NULL;
  }
  *handle = g_array_index (scope->handles, GvajsHandle,
      serial - scope->handle_base - 1);
  if (!handle->alive) {
    JS_ThrowTypeError (ctx, "this %s is no longer valid: %s removed from "
        "the frame", class_name, handle->kind == GVAJS_HANDLE_REGION ?
        "it was" : "its region was");
    return NULL;
  }
  return scope;
}

/* removeRegion(): the region's objects and its tensors' die with it. */
void
_gvajs_handles_kill_region (GvajsFrameScope * scope,
    GstVideoRegionOfInterestMeta * region)
{
  GvajsHandle *handle;
  guint i;

  for (i = 0; scope->handles && i < scope->handles->len; i++) {
    handle = &g_array_index (scope->handles, GvajsHandle, i);
    if (handle->ptr == region || handle->region == region)
      handle->alive = FALSE;
  }
}

/* Sets @array[@index] to @item (owned). On failure, @array is freed and
 * becomes JS_EXCEPTION, so loops filling an array stop on it. */
void
_gvajs_array_push (JSContext * ctx, JSValue * array, guint32 index,
    JSValue item)
{
  if (JS_IsException (*array)) {
    JS_FreeValue (ctx, item);
    return;
  }
  if (JS_IsException (item) ||
      JS_SetPropertyUint32 (ctx, *array, index, item) < 0) {
    JS_FreeValue (ctx, *array);
    *array = JS_EXCEPTION;
  }
}

/* A JS array of @convert(meta) for each meta of @api on the scope's
 * buffer, in buffer order; an empty one when @api is 0 (not registered,
 * so no such meta can exist). */
JSValue
_gvajs_metas_to_array (JSContext * ctx, GvajsFrameScope * scope, GType api,
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

/* Keeps @array_buffer (borrowed) to detach it when the call ends. */
void
_gvajs_frame_track_view (JSContext * ctx, GvajsFrameScope * scope,
    JSValueConst array_buffer)
{
  JSValue dup = JS_DupValue (ctx, array_buffer);

  if (scope->views == NULL)
    scope->views = g_array_sized_new (FALSE, FALSE, sizeof (JSValue), 4);
  g_array_append_val (scope->views, dup);
}

/* Metadata can only be added to or removed from a writable buffer;
 * gvajs's own buffers always are, but the runtime does not rely on it. */
gboolean
_gvajs_frame_check_writable (JSContext * ctx, GvajsFrameScope * scope,
    const gchar * fn)
{
  if (gst_buffer_is_writable (scope->buffer))
    return TRUE;
  JS_ThrowTypeError (ctx, "%s(): this frame's buffer is not writable, so "
      "its metadata cannot change", fn);
  return FALSE;
}

/* Detaches every tensor view (which drops its reference to the bytes) and
 * retires this call's handle serials. */
static void
end_metadata (JSContext * ctx, GvajsFrameScope * scope)
{
  guint i;

  if (scope->views) {
    for (i = 0; i < scope->views->len; i++) {
      JSValue view = g_array_index (scope->views, JSValue, i);
      JS_DetachArrayBuffer (ctx, view);
      JS_FreeValue (ctx, view);
    }
    g_clear_pointer (&scope->views, g_array_unref);
  }
  if (scope->handles) {
    scope->handle_base += scope->handles->len;
    g_clear_pointer (&scope->handles, g_array_unref);
  }
}

static JSValue
js_video_frame_video_info (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsFrameScope *scope = _gvajs_frame_scope_get (ctx, this_val);
  const GstVideoInfo *info;
  GstVideoMeta *meta;
  gdouble strides[GST_VIDEO_MAX_PLANES], offsets[GST_VIDEO_MAX_PLANES];
  guint i, planes;
  JSValue obj;

  if (scope == NULL)
    return JS_EXCEPTION;
  if ((info = scope->info) == NULL)
    return JS_NULL;
  /* A GstVideoMeta describes this buffer's real layout (padding, crops). */
  meta = gst_buffer_get_video_meta (scope->buffer);
  planes = GST_VIDEO_INFO_N_PLANES (info);
  for (i = 0; i < planes; i++) {
    strides[i] = meta ? meta->stride[i] : GST_VIDEO_INFO_PLANE_STRIDE (info, i);
    offsets[i] = meta ? meta->offset[i] :
        GST_VIDEO_INFO_PLANE_OFFSET (info, i);
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
          strides, planes));
  JS_SetPropertyStr (ctx, obj, "offset", _gvajs_new_number_array (ctx,
          offsets, planes));
  return obj;
}

/* The mapping is unmapped by _gvajs_frame_end(), not by the ArrayBuffer:
 * QuickJS calls this both at detach and (with NULL) at finalization. */
static void
keep_mapping (JSRuntime * rt, void *opaque, void *ptr)
{
}

static gboolean
parse_map_mode (JSContext * ctx, int argc, JSValueConst * argv,
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
    JS_ThrowRangeError (ctx, "VideoFrame.data(): mode must be \"read\" or "
        "\"write\", not \"%s\"", mode);
  JS_FreeCString (ctx, mode);
  return ok;
}

/**
 * _gvajs_frame_map:
 *
 * Maps the scope's buffer with @flags unless it is mapped already; on
 * return scope->map holds the pixels until the call ends. Throws and
 * returns FALSE when the stream is not raw video or mapping fails.
 */
gboolean
_gvajs_frame_map (JSContext * ctx, GvajsFrameScope * scope, GstMapFlags flags)
{
  if (scope->mapped) {
    if ((flags & ~scope->map.flags) == 0)
      return TRUE;
    JS_ThrowTypeError (ctx, "VideoFrame.data(\"write\"): the frame is "
        "already mapped for reading in this call; call data(\"write\") "
        "first");
    return FALSE;
  }
  if (scope->info == NULL) {
    gchar *caps = scope->caps ? gst_caps_to_string (scope->caps) : NULL;
    JS_ThrowTypeError (ctx, "VideoFrame.data(): pixel access needs raw "
        "video caps (video/x-raw), but this stream is '%s'",
        caps ? caps : "not negotiated");
    g_free (caps);
    return FALSE;
  }
  if (!gst_buffer_map (scope->buffer, &scope->map, flags)) {
    JS_ThrowInternalError (ctx, "VideoFrame.data(): the buffer could not be "
        "mapped for %s", (flags & GST_MAP_WRITE) ? "writing" : "reading");
    return FALSE;
  }
  scope->mapped = TRUE;
  scope->data_buffer = JS_NewArrayBuffer (ctx, scope->map.data,
      scope->map.size, keep_mapping, NULL, FALSE);
  return !JS_IsException (scope->data_buffer);
}

static JSValue
js_video_frame_data (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsFrameScope *scope = _gvajs_frame_scope_get (ctx, this_val);
  GstMapFlags flags;
  JSValue args[3];

  if (scope == NULL || !parse_map_mode (ctx, argc, argv, &flags) ||
      !_gvajs_frame_map (ctx, scope, flags))
    return JS_EXCEPTION;
  /* JS_NewTypedArray reads three arguments whenever the first is an
   * ArrayBuffer. */
  args[0] = scope->data_buffer;
  args[1] = JS_UNDEFINED;
  args[2] = JS_UNDEFINED;
  return JS_NewTypedArray (ctx, 3, args, JS_TYPED_ARRAY_UINT8);
}

/* pts (magic 0), dts (1) and duration (2), in nanoseconds. */
static JSValue
js_video_frame_get_time (JSContext * ctx, JSValueConst this_val, int which)
{
  GvajsFrameScope *scope = _gvajs_frame_scope_get (ctx, this_val);
  GstClockTime t;

  if (scope == NULL)
    return JS_EXCEPTION;
  t = which == 0 ? GST_BUFFER_PTS (scope->buffer) :
      which == 1 ? GST_BUFFER_DTS (scope->buffer) :
      GST_BUFFER_DURATION (scope->buffer);
  return GST_CLOCK_TIME_IS_VALID (t) ? JS_NewInt64 (ctx, t) : JS_UNDEFINED;
}

static const JSCFunctionListEntry js_video_frame_proto_funcs[] = {
  JS_CFUNC_DEF ("videoInfo", 0, js_video_frame_video_info),
  JS_CFUNC_DEF ("data", 0, js_video_frame_data),
  JS_CGETSET_MAGIC_DEF ("pts", js_video_frame_get_time, NULL, 0),
  JS_CGETSET_MAGIC_DEF ("dts", js_video_frame_get_time, NULL, 1),
  JS_CGETSET_MAGIC_DEF ("duration", js_video_frame_get_time, NULL, 2),
  JS_PROP_STRING_DEF ("[Symbol.toStringTag]", "VideoFrame",
      JS_PROP_CONFIGURABLE),
};

void
_gvajs_frame_init (JSContext * ctx)
{
  JSValue proto;

  _gvajs_class_id_new (&js_video_frame_class_id);
  JS_NewClass (JS_GetRuntime (ctx), js_video_frame_class_id,
      &js_video_frame_class);
  proto = JS_NewObject (ctx);
  JS_SetPropertyFunctionList (ctx, proto, js_video_frame_proto_funcs,
      G_N_ELEMENTS (js_video_frame_proto_funcs));
  JS_SetPropertyFunctionList (ctx, proto, _gvajs_region_frame_funcs,
      _gvajs_region_frame_n_funcs);
  JS_SetPropertyFunctionList (ctx, proto, _gvajs_tensor_frame_funcs,
      _gvajs_tensor_frame_n_funcs);
  JS_SetPropertyFunctionList (ctx, proto, _gvajs_message_frame_funcs,
      _gvajs_message_frame_n_funcs);
  JS_SetClassProto (ctx, js_video_frame_class_id, proto);
  _gvajs_region_init (ctx);
  _gvajs_tensor_init (ctx);
}

/* Starts a call's frame scope and returns the frame object (owned). */
JSValue
_gvajs_frame_begin (JSContext * ctx, GvajsFrameScope * scope,
    GstBuffer * buffer, const GstVideoInfo * info, const GstCaps * caps)
{
  JSValue frame = JS_NewObjectClass (ctx, js_video_frame_class_id);

  scope->buffer = buffer;
  scope->info = info;
  scope->caps = caps;
  scope->generation++;
  if (!JS_IsException (frame))
    JS_SetOpaque (frame, GSIZE_TO_POINTER (scope->generation));
  return frame;
}

/* Ends the call: detaching the ArrayBuffers empties every view over them
 * before the memory is unmapped or the metadata released. */
void
_gvajs_frame_end (JSContext * ctx, GvajsFrameScope * scope)
{
  end_metadata (ctx, scope);
  if (scope->mapped) {
    JS_DetachArrayBuffer (ctx, scope->data_buffer);
    JS_FreeValue (ctx, scope->data_buffer);
    scope->data_buffer = JS_UNDEFINED;
    gst_buffer_unmap (scope->buffer, &scope->map);
    scope->mapped = FALSE;
  }
  scope->buffer = NULL;
  scope->info = NULL;
  scope->caps = NULL;
}
