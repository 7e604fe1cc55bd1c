/* SPDX-License-Identifier: MIT */
/* Frame messages: GstGVAJSONMeta strings, as gvametaconvert writes them
 * and gvametapublish sends them. messages() copies them into JS strings,
 * so nothing here outlives the call. */
#include "message.h"
#include "gvameta.h"

/* The methods' names in messages: VideoFrame's or AudioFrame's. */
#define METHOD_NAME(buf, method) \
  g_snprintf ((buf), sizeof (buf), "%s.%s", _gvajs_frame_class_name (ctx), \
      (method))

static JSValue
message_to_js (JSContext * ctx, GstMeta * meta)
{
  const gchar *message = ((GvajsGvaJsonMeta *) meta)->message;

  return message ? JS_NewString (ctx, message) : JS_NULL;
}

static JSValue
js_video_frame_messages (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);

  if (scope == NULL)
    return JS_EXCEPTION;
  return _gvajs_frame_metas_to_array (ctx, scope,
      _gvajs_gva_json_meta_api_lookup (), message_to_js);
}

/* A string as it is; anything else through JSON.stringify, as gstgva's
 * add_message(json.dumps(...)) users did by hand. Returns a C string to
 * free with JS_FreeCString, or NULL with an exception. */
static const char *
message_text (JSContext * ctx, const gchar * fn, JSValueConst value)
{
  JSValue json;
  const char *text;

  if (JS_IsString (value))
    return _gvajs_get_text (ctx, fn, "message", value);
  json = JS_JSONStringify (ctx, value, JS_UNDEFINED, JS_UNDEFINED);
  if (JS_IsException (json))
    return NULL;
  if (!JS_IsString (json)) {
    _gvajs_throw_type (ctx, fn, "message", "a string or a value JSON can "
        "represent", value);
    JS_FreeValue (ctx, json);
    return NULL;
  }
  text = _gvajs_get_text (ctx, fn, "message", json);
  JS_FreeValue (ctx, json);
  return text;
}

static JSValue
js_video_frame_add_message (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  const GstMetaInfo *info;
  GvajsGvaJsonMeta *meta = NULL;
  const char *text;
  gchar fn[32];

  METHOD_NAME (fn, "addMessage");
  /* Stringifying may run toJSON(): take the scope afterwards. */
  if (!_gvajs_frame_get (ctx, this_val) ||
      !(text = message_text (ctx, fn, argv[0])))
    return JS_EXCEPTION;
  scope = _gvajs_frame_get (ctx, this_val);
  if (scope && _gvajs_frame_check_writable (ctx, scope, fn) &&
      _gvajs_scope_count_metadata (ctx, fn, GVAJS_META_OVERHEAD +
          strlen (text))) {
    info = _gvajs_gva_json_meta_info ();
    meta = info ? (GvajsGvaJsonMeta *) gst_buffer_add_meta (scope->buffer,
        info, NULL) : NULL;
    if (meta)
      meta->message = g_strdup (text);
    else
      JS_ThrowInternalError (ctx, "%s(): could not add a "
          GVAJS_GVA_JSON_META_IMPL, fn);
  }
  JS_FreeCString (ctx, text);
  return meta ? JS_UNDEFINED : JS_EXCEPTION;
}

/* The message meta at @index, or the first whose text equals @text;
 * @count is how many messages were looked at. */
static GvajsGvaJsonMeta *
find_message (GstBuffer * buffer, gint64 index, const char *text,
    gint64 * count)
{
  GType api = _gvajs_gva_json_meta_api_lookup ();
  gpointer state = NULL;
  GvajsGvaJsonMeta *meta;

  *count = 0;
  while (api && (meta = (GvajsGvaJsonMeta *)
          gst_buffer_iterate_meta_filtered (buffer, &state, api))) {
    if (text ? g_strcmp0 (meta->message, text) == 0 : *count == index)
      return meta;
    (*count)++;
  }
  return NULL;
}

/* The argument: a string, or an index (a natural number). */
static gboolean
parse_message_arg (JSContext * ctx, const gchar * fn, JSValueConst value,
    const char **text, gint64 * index)
{
  gchar *what;

  *text = NULL;
  if (JS_IsString (value))
    return (*text = JS_ToCString (ctx, value)) != NULL;
  if (JS_IsNumber (value))
    return _gvajs_get_int (ctx, fn, "index", value, 0, G_MAXINT32, index);
  /* Not _gvajs_throw_type(): this message offers two forms. */
  what = _gvajs_describe (ctx, value);
  JS_ThrowTypeError (ctx, "%s(): pass the message's text (a string) or its "
      "index in messages() (a number), not %s", fn, what);
  g_free (what);
  return FALSE;
}

/* removeMessage(text) removes the first message equal to it;
 * removeMessage(index) the index-th, in messages() order. */
static JSValue
js_video_frame_remove_message (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GvajsGvaJsonMeta *meta;
  const char *text;
  gint64 index = -1, count;
  gchar fn[32];

  METHOD_NAME (fn, "removeMessage");
  if (scope == NULL || !parse_message_arg (ctx, fn, argv[0], &text, &index))
    return JS_EXCEPTION;
  meta = find_message (scope->buffer, index, text, &count);
  if (meta == NULL && text)
    JS_ThrowRangeError (ctx, "%s(): no message of this frame equals that "
        "text", fn);
  else if (meta == NULL)
    JS_ThrowRangeError (ctx, "%s(): index %" G_GINT64_FORMAT " is out of "
        "range: the frame has %" G_GINT64_FORMAT " message(s)", fn, index,
        count);
  else if (_gvajs_frame_check_writable (ctx, scope, fn))
    gst_buffer_remove_meta (scope->buffer, (GstMeta *) meta);
  else
    meta = NULL;
  JS_FreeCString (ctx, text);
  return meta ? JS_UNDEFINED : JS_EXCEPTION;
}

static const JSCFunctionListEntry js_video_frame_message_funcs[] = {
  JS_CFUNC_DEF ("messages", 0, js_video_frame_messages),
  JS_CFUNC_DEF ("addMessage", 1, js_video_frame_add_message),
  JS_CFUNC_DEF ("removeMessage", 1, js_video_frame_remove_message),
};

void
_gvajs_message_init (JSContext * ctx, JSValueConst frame_proto)
{
  JS_SetPropertyFunctionList (ctx, frame_proto, js_video_frame_message_funcs,
      G_N_ELEMENTS (js_video_frame_message_funcs));
}
