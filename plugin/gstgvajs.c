/* SPDX-License-Identifier: MIT */
/**
 * SECTION:element-gvajs
 * @title: gvajs
 *
 * gvajs calls a JavaScript function once per buffer. The function comes from
 * an ES module (usually TypeScript bundled by esbuild) and receives a
 * VideoFrame with the buffer's timestamps, video info, pixels (mapped only
 * when asked) and metadata, or on raw audio caps (audio/x-raw) an
 * AudioFrame with its audio info, samples and audio events. It is the JavaScript counterpart of DL Streamer's
 * gvapython and takes the same properties.
 *
 * Each element instance has its own QuickJS runtime, created when the
 * element starts and freed when it stops, so instances in separate branches
 * run in parallel and property changes apply at the next start.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 videotestsrc num-buffers=300 ! gvajs module=count.js ! fakesink
 * ]|
 *
 * The module exports `process_frame(frame)`; returning `false` drops the
 * frame, anything else passes it. Optional exports `start()`, `eos()` and
 * `stop()` are called when the element starts, when end-of-stream reaches
 * it and when it stops. With `class`, an exported class is constructed once
 * with the `arg` items and the `kwarg` object, and its methods are used.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstgvajs.h"
#include "gstgvajsargs.h"
#include "gvajs-runtime.h"

#include <gst/audio/audio.h>
#include <gst/video/video.h>
#include <string.h>
#include <sys/stat.h>

/* The runtime logs to a category of the same name: GStreamer gives both the
 * one category. */
GST_DEBUG_CATEGORY_STATIC (gst_gva_js_debug);
#define GST_CAT_DEFAULT gst_gva_js_debug

#define DEFAULT_FUNCTION "process_frame"
#define DEFAULT_TIME_BUDGET 1000
#define DEFAULT_LOAD_TIME_BUDGET 10000
#define DEFAULT_MEMORY_LIMIT (256 * 1024 * 1024)
#define DEFAULT_STACK_SIZE (1024 * 1024)
#define DEFAULT_ON_ERROR GST_GVA_JS_ON_ERROR_FAIL
#define DEFAULT_RELOAD FALSE
/* How often reload=true looks at the module file. */
#define RELOAD_CHECK_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
/* At most one warning a second for errors the policy survives. */
#define WARNING_INTERVAL_US G_USEC_PER_SEC

/**
 * GstGvaJsOnError:
 * @GST_GVA_JS_ON_ERROR_FAIL: post an error with the JS stack and stop the
 *   flow, as gvapython does
 * @GST_GVA_JS_ON_ERROR_DROP: post a (rate-limited) warning and drop the frame
 * @GST_GVA_JS_ON_ERROR_PASS: post a (rate-limited) warning and pass the frame
 *   on unchanged by the failed call
 *
 * What an exception (or an exceeded time budget) in the per-frame function
 * does.
 */
typedef enum
{
  GST_GVA_JS_ON_ERROR_FAIL,
  GST_GVA_JS_ON_ERROR_DROP,
  GST_GVA_JS_ON_ERROR_PASS,
} GstGvaJsOnError;

#define GST_TYPE_GVA_JS_ON_ERROR (gst_gva_js_on_error_get_type ())
static GType gst_gva_js_on_error_get_type (void);

struct _GstGvaJs
{
  GstBaseTransform parent;

  /* properties, guarded by the object lock */
  gchar *module;
  gchar *function;
  gchar *class_name;
  JsonArray *args;
  JsonObject *kwargs;
  gchar *json_error;            /* first invalid arg/kwarg, reported at start */
  guint time_budget;
  guint load_time_budget;
  guint64 memory_limit;
  guint64 stack_size;
  GstGvaJsOnError on_error;
  gchar *allow_read;
  gchar *allow_write;
  gboolean reload;
  guint64 error_count;
  guint64 errors_unreported;    /* since the last warning */
  gint64 last_warning;          /* monotonic µs */

  /* The runtime, guarded by runtime_lock. Upstream may push as soon as
   * the sink pad is active, which is before start() has loaded the
   * module: a frame that comes while @loading waits on runtime_ready. */
  GMutex runtime_lock;
  GCond runtime_ready;
  gboolean loading;
  GvajsRuntime *runtime;

  /* streaming state */
  gchar *module_stamp;          /* inode, size and mtime of the module file */
  gint64 next_reload_check;     /* monotonic µs */
  GstCaps *caps;
  GstVideoInfo info;
  gboolean have_info;
  GstAudioInfo audio_info;
  gboolean have_audio;          /* raw audio caps: frames are AudioFrames */
};

enum
{
  PROP_0,
  PROP_MODULE,
  PROP_FUNCTION,
  PROP_CLASS,
  PROP_ARG,
  PROP_KWARG,
  PROP_TIME_BUDGET,
  PROP_LOAD_TIME_BUDGET,
  PROP_MEMORY_LIMIT,
  PROP_STACK_SIZE,
  PROP_ON_ERROR,
  PROP_ERROR_COUNT,
  PROP_ALLOW_READ,
  PROP_ALLOW_WRITE,
  PROP_RELOAD,
};

static GType
gst_gva_js_on_error_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_GVA_JS_ON_ERROR_FAIL, "Post an error and stop the pipeline", "fail"},
    {GST_GVA_JS_ON_ERROR_DROP, "Warn (rate-limited) and drop the frame",
        "drop"},
    {GST_GVA_JS_ON_ERROR_PASS, "Warn (rate-limited) and pass the frame on",
        "pass"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstGvaJsOnError", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

G_DEFINE_TYPE_WITH_CODE (GstGvaJs, gst_gva_js, GST_TYPE_BASE_TRANSFORM,
    GST_DEBUG_CATEGORY_INIT (gst_gva_js_debug, "gvajs", 0,
        "gvajs: JavaScript per-frame scripting"));
GST_ELEMENT_REGISTER_DEFINE (gvajs, "gvajs", GST_RANK_NONE, GST_TYPE_GVA_JS);

/* Posts @error as an element message of @type: its first line is the
 * message a user reads, the whole text (with the JS stack) is the debug
 * detail, located at the caller as GST_ELEMENT_ERROR does. */
static void
post_message (GstGvaJs * self, GstMessageType type, GQuark domain, gint code,
    const GError * error, const gchar * file, const gchar * function,
    gint line)
{
  gchar *summary = g_strndup (error->message, strcspn (error->message, "\n"));

  gst_element_message_full (GST_ELEMENT (self), type, domain, code, summary,
      g_strdup (error->message), file, function, line);
}

#define post_error(self, domain, code, error) \
  post_message ((self), GST_MESSAGE_ERROR, (domain), (code), (error), \
      __FILE__, GST_FUNCTION, __LINE__)
#define post_warning(self, error) \
  post_message ((self), GST_MESSAGE_WARNING, GST_LIBRARY_ERROR, \
      GST_LIBRARY_ERROR_FAILED, (error), __FILE__, GST_FUNCTION, __LINE__)

static void
note_json_error (GstGvaJs * self, GError * error)
{
  GST_ERROR_OBJECT (self, "%s", error->message);
  if (self->json_error == NULL)
    self->json_error = g_strdup (error->message);
  g_error_free (error);
}

static void
gst_gva_js_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstGvaJs *self = GST_GVA_JS (object);
  GError *error = NULL;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_MODULE:
      g_free (self->module);
      self->module = g_value_dup_string (value);
      break;
    case PROP_FUNCTION:
      g_free (self->function);
      self->function = g_value_dup_string (value);
      break;
    case PROP_CLASS:
      g_free (self->class_name);
      self->class_name = g_value_dup_string (value);
      break;
    case PROP_ARG:
      if (!gst_gva_js_args_append (self->args, g_value_get_string (value),
              &error))
        note_json_error (self, error);
      break;
    case PROP_KWARG:
      if (!gst_gva_js_kwargs_update (self->kwargs, g_value_get_string (value),
              &error))
        note_json_error (self, error);
      break;
    case PROP_TIME_BUDGET:
      self->time_budget = g_value_get_uint (value);
      break;
    case PROP_LOAD_TIME_BUDGET:
      self->load_time_budget = g_value_get_uint (value);
      break;
    case PROP_MEMORY_LIMIT:
      self->memory_limit = g_value_get_uint64 (value);
      break;
    case PROP_STACK_SIZE:
      self->stack_size = g_value_get_uint64 (value);
      break;
    case PROP_ON_ERROR:
      self->on_error = g_value_get_enum (value);
      break;
    case PROP_ALLOW_READ:
      g_free (self->allow_read);
      self->allow_read = g_value_dup_string (value);
      break;
    case PROP_ALLOW_WRITE:
      g_free (self->allow_write);
      self->allow_write = g_value_dup_string (value);
      break;
    case PROP_RELOAD:
      self->reload = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_gva_js_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstGvaJs *self = GST_GVA_JS (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_MODULE:
      g_value_set_string (value, self->module);
      break;
    case PROP_FUNCTION:
      g_value_set_string (value, self->function);
      break;
    case PROP_CLASS:
      g_value_set_string (value, self->class_name);
      break;
    case PROP_ARG:
      g_value_take_string (value,
          gst_gva_js_json_array_to_string (self->args));
      break;
    case PROP_KWARG:
      g_value_take_string (value,
          gst_gva_js_json_object_to_string (self->kwargs));
      break;
    case PROP_TIME_BUDGET:
      g_value_set_uint (value, self->time_budget);
      break;
    case PROP_LOAD_TIME_BUDGET:
      g_value_set_uint (value, self->load_time_budget);
      break;
    case PROP_MEMORY_LIMIT:
      g_value_set_uint64 (value, self->memory_limit);
      break;
    case PROP_STACK_SIZE:
      g_value_set_uint64 (value, self->stack_size);
      break;
    case PROP_ON_ERROR:
      g_value_set_enum (value, self->on_error);
      break;
    case PROP_ERROR_COUNT:
      g_value_set_uint64 (value, self->error_count);
      break;
    case PROP_ALLOW_READ:
      g_value_set_string (value, self->allow_read);
      break;
    case PROP_ALLOW_WRITE:
      g_value_set_string (value, self->allow_write);
      break;
    case PROP_RELOAD:
      g_value_set_boolean (value, self->reload);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* A folder list property (':'-separated), NULL when unset or empty. */
static gchar **
split_folders (const gchar * list)
{
  return list && *list ? g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1) :
      NULL;
}

/* Creates the runtime from a snapshot of the properties. */
static GvajsRuntime *
create_runtime (GstGvaJs * self, GError ** error)
{
  GvajsRuntimeConfig config = { NULL, };
  GvajsRuntime *runtime = NULL;
  gchar *args, *kwargs, **dirs, **write_dirs;

  GST_OBJECT_LOCK (self);
  if (self->json_error) {
    g_set_error_literal (error, GVAJS_RUNTIME_ERROR,
        GVAJS_RUNTIME_ERROR_CONFIG, self->json_error);
    GST_OBJECT_UNLOCK (self);
    return NULL;
  }
  config.module_path = self->module;
  config.function_name = self->function;
  config.class_name = self->class_name;
  config.args_json = args = gst_gva_js_json_array_to_string (self->args);
  config.kwargs_json = kwargs =
      gst_gva_js_json_object_to_string (self->kwargs);
  config.owner = GST_OBJECT (self);
  config.time_budget_ms = self->time_budget;
  config.load_budget_ms = self->load_time_budget;
  config.memory_limit = self->memory_limit;
  config.stack_size = self->stack_size;
  dirs = split_folders (self->allow_read);
  write_dirs = split_folders (self->allow_write);
  config.allowed_dirs = (const gchar * const *) dirs;
  config.write_dirs = (const gchar * const *) write_dirs;
  /* Loading runs user code, which may log: do it without the lock, on
   * copies of the strings. */
  config.module_path = g_strdup (config.module_path);
  config.function_name = g_strdup (config.function_name);
  config.class_name = g_strdup (config.class_name);
  GST_OBJECT_UNLOCK (self);

  runtime = gvajs_runtime_new (&config, error);
  g_free ((gchar *) config.module_path);
  g_free ((gchar *) config.function_name);
  g_free ((gchar *) config.class_name);
  g_free (args);
  g_free (kwargs);
  g_strfreev (dirs);
  g_strfreev (write_dirs);
  return runtime;
}

/* What identifies a version of the module file: a save in place changes
 * the mtime, a save by rename changes the inode. Free with g_free(). */
static gchar *
module_stamp (GstGvaJs * self)
{
  struct stat st;
  gchar *stamp = NULL;

  GST_OBJECT_LOCK (self);
  if (self->module && stat (self->module, &st) == 0)
    stamp = g_strdup_printf ("%lu:%ld:%ld.%09ld", (gulong) st.st_ino,
        (glong) st.st_size, (glong) st.st_mtim.tv_sec,
        (glong) st.st_mtim.tv_nsec);
  GST_OBJECT_UNLOCK (self);
  return stamp;
}

/* Loads the changed module into a new runtime and switches to it; a new
 * version that fails to load or start leaves the old one running. */
static void
reload_module (GstGvaJs * self)
{
  GError *error = NULL;
  GvajsRuntime *fresh = create_runtime (self, &error);

  if (fresh && !gvajs_runtime_call_hook (fresh, GVAJS_HOOK_START, &error))
    g_clear_pointer (&fresh, gvajs_runtime_free);
  if (fresh == NULL) {
    g_prefix_error (&error, "reloading '%s' failed; the previous version "
        "keeps running: ", self->module);
    post_warning (self, error);
    g_error_free (error);
    return;
  }
  if (!gvajs_runtime_call_hook (self->runtime, GVAJS_HOOK_STOP, &error)) {
    post_warning (self, error);
    g_clear_error (&error);
  }
  gvajs_runtime_free (self->runtime);
  self->runtime = fresh;
  GST_INFO_OBJECT (self, "module '%s' reloaded", self->module);
}

static void
check_reload (GstGvaJs * self)
{
  gint64 now = g_get_monotonic_time ();
  gchar *stamp;

  if (now < self->next_reload_check)
    return;
  self->next_reload_check = now + RELOAD_CHECK_INTERVAL_US;
  stamp = module_stamp (self);
  if (stamp == NULL || g_strcmp0 (stamp, self->module_stamp) == 0) {
    g_free (stamp);
    return;
  }
  g_free (self->module_stamp);
  self->module_stamp = stamp;
  reload_module (self);
}

/* Makes @runtime (NULL when start() failed) the element's and wakes the
 * frames waiting for it. */
static void
publish_runtime_locked (GstGvaJs * self, GvajsRuntime * runtime)
{
  self->runtime = runtime;
  self->loading = FALSE;
  g_cond_broadcast (&self->runtime_ready);
}

static void
publish_runtime (GstGvaJs * self, GvajsRuntime * runtime)
{
  g_mutex_lock (&self->runtime_lock);
  publish_runtime_locked (self, runtime);
  g_mutex_unlock (&self->runtime_lock);
}

static gboolean
gst_gva_js_start (GstBaseTransform * trans)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GvajsRuntime *runtime;
  GError *error = NULL;

  GST_OBJECT_LOCK (self);
  self->error_count = self->errors_unreported = 0;
  self->last_warning = 0;
  GST_OBJECT_UNLOCK (self);
  /* Nothing else sees the runtime until it is published. */
  runtime = create_runtime (self, &error);
  if (runtime && !gvajs_runtime_call_hook (runtime, GVAJS_HOOK_START, &error))
    g_clear_pointer (&runtime, gvajs_runtime_free);
  if (runtime == NULL)
    goto init_failed;
  g_free (self->module_stamp);
  self->module_stamp = module_stamp (self);
  publish_runtime (self, runtime);
  GST_INFO_OBJECT (self, "module '%s' loaded", self->module);
  return TRUE;

  /* ERRORS */
init_failed:
  publish_runtime (self, NULL);
  post_error (self, GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_INIT, error);
  g_error_free (error);
  return FALSE;
}

static gboolean
gst_gva_js_stop (GstBaseTransform * trans)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GError *error = NULL;

  g_mutex_lock (&self->runtime_lock);
  if (self->runtime &&
      !gvajs_runtime_call_hook (self->runtime, GVAJS_HOOK_STOP, &error)) {
    post_warning (self, error);
    g_error_free (error);
  }
  g_clear_pointer (&self->runtime, gvajs_runtime_free);
  g_mutex_unlock (&self->runtime_lock);
  if (self->errors_unreported > 0)
    GST_ELEMENT_WARNING (self, LIBRARY, FAILED, ("%" G_GUINT64_FORMAT
            " frame error(s) since the last warning, %" G_GUINT64_FORMAT
            " in all", self->errors_unreported, self->error_count), (NULL));
  gst_caps_replace (&self->caps, NULL);
  self->have_info = FALSE;
  self->have_audio = FALSE;
  return TRUE;
}

/* Caps are taken from the event rather than in set_caps(): a base
 * transform with set_caps() refuses buffers that come without caps (from
 * filesrc, say), which gvajs passes on as identity does, without pixels. */
static void
take_caps (GstGvaJs * self, GstCaps * caps)
{
  gst_caps_replace (&self->caps, caps);
  /* Only raw video has a pixel layout: encoded video (image/jpeg,
   * video/x-h264) is "ENCODED" to GstVideoInfo and has none. */
  self->have_info = gst_video_info_from_caps (&self->info, caps) &&
      GST_VIDEO_INFO_FORMAT (&self->info) != GST_VIDEO_FORMAT_ENCODED;
  /* Raw audio (audio/x-raw) makes the frames AudioFrames. */
  self->have_audio = !self->have_info && gst_caps_get_size (caps) > 0 &&
      gst_structure_has_name (gst_caps_get_structure (caps, 0),
      "audio/x-raw") && gst_audio_info_from_caps (&self->audio_info, caps);
  GST_DEBUG_OBJECT (self, "caps %" GST_PTR_FORMAT ", raw video: %d, raw "
      "audio: %d", caps, self->have_info, self->have_audio);
}

static gboolean
gst_gva_js_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GError *error = NULL;
  GstCaps *caps;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_CAPS:
      gst_event_parse_caps (event, &caps);
      take_caps (self, caps);
      break;
    case GST_EVENT_EOS:
      g_mutex_lock (&self->runtime_lock);
      if (self->runtime &&
          !gvajs_runtime_call_hook (self->runtime, GVAJS_HOOK_EOS, &error)) {
        post_error (self, GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_FAILED, error);
        g_error_free (error);
      }
      g_mutex_unlock (&self->runtime_lock);
      break;
    default:
      break;
  }
  return GST_BASE_TRANSFORM_CLASS (gst_gva_js_parent_class)->sink_event
      (trans, event);
}

/* An exception the on-error policy survives: counted, and posted as a
 * warning at most once per WARNING_INTERVAL_US with the number of errors
 * it stands for. */
static void
note_frame_error (GstGvaJs * self, GError * error)
{
  gint64 now = g_get_monotonic_time ();
  GError *warning;
  gint first_line;

  GST_OBJECT_LOCK (self);
  self->error_count++;
  self->errors_unreported++;
  if (self->last_warning != 0 && now - self->last_warning < WARNING_INTERVAL_US) {
    GST_OBJECT_UNLOCK (self);
    GST_DEBUG_OBJECT (self, "%s", error->message);
    return;
  }
  /* The counts go on the first line, which is the warning's text. */
  first_line = strcspn (error->message, "\n");
  warning = g_error_new (error->domain, error->code, "%.*s [%"
      G_GUINT64_FORMAT " frame error(s) since the last warning, %"
      G_GUINT64_FORMAT " in all; on-error=%s]%s", first_line,
      error->message, self->errors_unreported, self->error_count,
      self->on_error == GST_GVA_JS_ON_ERROR_DROP ? "drop" : "pass",
      error->message + first_line);
  self->errors_unreported = 0;
  self->last_warning = now;
  GST_OBJECT_UNLOCK (self);
  post_warning (self, warning);
  g_error_free (warning);
}

static GstFlowReturn
handle_frame_error (GstGvaJs * self, GError * error)
{
  GstFlowReturn ret = GST_FLOW_ERROR;

  switch (self->on_error) {
    case GST_GVA_JS_ON_ERROR_FAIL:
      post_error (self, GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_FAILED, error);
      break;
    case GST_GVA_JS_ON_ERROR_DROP:
      note_frame_error (self, error);
      ret = GST_BASE_TRANSFORM_FLOW_DROPPED;
      break;
    case GST_GVA_JS_ON_ERROR_PASS:
      note_frame_error (self, error);
      ret = GST_FLOW_OK;
      break;
  }
  g_error_free (error);
  return ret;
}

static GstFlowReturn
process_frame (GstGvaJs * self, GstBuffer * buf)
{
  GError *error = NULL;
  gboolean keep = TRUE;

  if (self->reload)
    check_reload (self);
  if (self->have_audio ? !gvajs_runtime_process_audio_frame (self->runtime,
          buf, &self->audio_info, self->caps, &keep, &error) :
      !gvajs_runtime_process_frame (self->runtime, buf,
          self->have_info ? &self->info : NULL, self->caps, &keep, &error))
    return handle_frame_error (self, error);
  return keep ? GST_FLOW_OK : GST_BASE_TRANSFORM_FLOW_DROPPED;
}

static GstFlowReturn
gst_gva_js_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GstFlowReturn ret;

  g_mutex_lock (&self->runtime_lock);
  while (self->loading)
    g_cond_wait (&self->runtime_ready, &self->runtime_lock);
  if (G_LIKELY (self->runtime != NULL)) {
    ret = process_frame (self, buf);
  } else {
    /* start() failed and said why; the pad is about to flush. */
    GST_DEBUG_OBJECT (self, "no module loaded: frame refused");
    ret = GST_FLOW_FLUSHING;
  }
  g_mutex_unlock (&self->runtime_lock);
  return ret;
}

static GstStateChangeReturn
gst_gva_js_change_state (GstElement * element, GstStateChange transition)
{
  GstGvaJs *self = GST_GVA_JS (element);
  GstStateChangeReturn ret;

  /* Before the pads are activated: from then on a frame may come before
   * start() has loaded the module, and waits for it. */
  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED) {
    g_mutex_lock (&self->runtime_lock);
    self->loading = TRUE;
    g_mutex_unlock (&self->runtime_lock);
  }
  ret = GST_ELEMENT_CLASS (gst_gva_js_parent_class)->change_state (element,
      transition);
  /* Failed before start() ran: no frame may wait for it. */
  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED &&
      ret == GST_STATE_CHANGE_FAILURE) {
    g_mutex_lock (&self->runtime_lock);
    if (self->loading)
      publish_runtime_locked (self, NULL);
    g_mutex_unlock (&self->runtime_lock);
  }
  return ret;
}

static void
gst_gva_js_finalize (GObject * object)
{
  GstGvaJs *self = GST_GVA_JS (object);

  g_free (self->module);
  g_free (self->function);
  g_free (self->class_name);
  g_free (self->json_error);
  g_free (self->allow_read);
  g_free (self->allow_write);
  g_free (self->module_stamp);
  json_array_unref (self->args);
  json_object_unref (self->kwargs);
  g_mutex_clear (&self->runtime_lock);
  g_cond_clear (&self->runtime_ready);
  G_OBJECT_CLASS (gst_gva_js_parent_class)->finalize (object);
}

static void
install_limit_properties (GObjectClass * gobject_class, GParamFlags flags)
{
  /**
   * GstGvaJs:time-budget:
   *
   * Milliseconds one call into the script (the per-frame function or a
   * hook) may run before it is stopped with an error, handled as
   * #GstGvaJs:on-error says. From 1 to 3600000; default 1000.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_TIME_BUDGET,
      g_param_spec_uint ("time-budget", "Time budget",
          "Milliseconds one call into the script (per frame, or a hook) may "
          "run before it is stopped with an error (see on-error)",
          1, 3600 * 1000, DEFAULT_TIME_BUDGET, flags));
  /**
   * GstGvaJs:load-time-budget:
   *
   * Milliseconds evaluating the module and constructing the class may run
   * before start fails. From 1 to 3600000; default 10000.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_LOAD_TIME_BUDGET,
      g_param_spec_uint ("load-time-budget", "Load time budget",
          "Milliseconds evaluating the module and constructing the class may "
          "run before start fails", 1, 3600 * 1000,
          DEFAULT_LOAD_TIME_BUDGET, flags));
  /**
   * GstGvaJs:memory-limit:
   *
   * Bytes the script's JavaScript heap may use; an allocation past it
   * throws 'out of memory'. The metadata one call attaches to its buffer
   * (messages, tensor data and fields, regions) is bounded by the same
   * number. At least 1 MiB; default 256 MiB.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_MEMORY_LIMIT,
      g_param_spec_uint64 ("memory-limit", "Memory limit",
          "Bytes the script's JavaScript heap may use, and bytes of metadata "
          "one call may attach to its buffer; past either the call throws",
          1024 * 1024, G_MAXUINT64,
          DEFAULT_MEMORY_LIMIT, flags));
  /**
   * GstGvaJs:stack-size:
   *
   * Bytes of stack the script may use; deeper recursion throws 'stack
   * overflow'. From 64 KiB to 4 MiB; default 1 MiB. A thread whose stack
   * has less than that left (ulimit -s, an application thread made with a
   * small stack) gets what it has left, less 128 KiB for the C code that
   * runs below the script.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_STACK_SIZE,
      g_param_spec_uint64 ("stack-size", "Stack size",
          "Bytes of stack the script may use; deeper recursion throws "
          "'stack overflow'. Never more than the calling thread has left",
          64 * 1024, 4 * 1024 * 1024, DEFAULT_STACK_SIZE, flags));
  /**
   * GstGvaJs:on-error:
   *
   * What an exception or an exceeded time budget in the per-frame function
   * does: post an error and stop the flow, or post a (rate-limited) warning
   * and drop or pass the frame. Default: fail.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ON_ERROR,
      g_param_spec_enum ("on-error", "On error",
          "What an exception or an exceeded time budget in the per-frame "
          "function does; warnings are rate-limited to one a second and "
          "counted in error-count", GST_TYPE_GVA_JS_ON_ERROR,
          DEFAULT_ON_ERROR, flags));
  /**
   * GstGvaJs:error-count:
   *
   * Per-frame errors survived under on-error=drop or pass since the element
   * started. Read-only; default 0, reset at each start.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ERROR_COUNT,
      g_param_spec_uint64 ("error-count", "Error count",
          "Per-frame errors survived under on-error=drop or pass since the "
          "element started", 0, G_MAXUINT64, 0,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * GstGvaJs:allow-read:
   *
   * Folders (separated by ':') whose files the script may read with
   * readText() and readJSON() from "gvajs". Default: unset, no file access.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ALLOW_READ,
      g_param_spec_string ("allow-read", "Allow read",
          "Folders (separated by ':') whose files the script may read with "
          "readText()/readJSON() from \"gvajs\"; unset: no file access",
          NULL, flags));
  /**
   * GstGvaJs:allow-write:
   *
   * Folders (separated by ':') the script may write files in with
   * writeText(), appendText() and writeJSON() from "gvajs", with the same
   * path rules as #GstGvaJs:allow-read. Default: unset, no writing.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ALLOW_WRITE,
      g_param_spec_string ("allow-write", "Allow write",
          "Folders (separated by ':') the script may write files in with "
          "writeText()/appendText()/writeJSON() from \"gvajs\"; unset: no "
          "writing", NULL, flags));
  /**
   * GstGvaJs:reload:
   *
   * Whether to watch the module file and load a changed version between
   * frames without stopping the pipeline. A version that fails to load or
   * start leaves the old one running and posts a warning. Can be changed
   * while playing. Default: %FALSE.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_RELOAD,
      g_param_spec_boolean ("reload", "Reload",
          "Watch the module file and, when it changes, load the new version "
          "between frames without stopping the pipeline: the new version is "
          "loaded and its start() called, then the old one's stop(). A "
          "version that fails to load or start leaves the old one running "
          "and posts a warning. Imported files are not watched", DEFAULT_RELOAD,
          flags | GST_PARAM_MUTABLE_PLAYING));
}

static void
install_properties (GObjectClass * gobject_class)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_READY;

  /**
   * GstGvaJs:module:
   *
   * Path of the ES module (.js/.mjs) to run, absolute or relative to the
   * working directory; its relative imports resolve against its folder.
   * Required; default: unset.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_MODULE,
      g_param_spec_string ("module", "Module",
          "Path of the ES module (.js/.mjs) to run, absolute or relative to "
          "the working directory; its relative imports resolve against its "
          "folder. Required.", NULL, flags));
  /**
   * GstGvaJs:function:
   *
   * The exported function (with #GstGvaJs:class, the method) called once
   * per frame. Default: "process_frame".
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_FUNCTION,
      g_param_spec_string ("function", "Function",
          "Exported function called once per frame with the VideoFrame "
          "(with 'class': the instance's method). Returning false drops the "
          "frame; anything else passes it.", DEFAULT_FUNCTION, flags));
  /**
   * GstGvaJs:class:
   *
   * An exported class constructed once at start with the #GstGvaJs:arg
   * items and the #GstGvaJs:kwarg object; its methods are then used.
   * Default: unset, module-level functions are used.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_CLASS,
      g_param_spec_string ("class", "Class",
          "Exported class constructed once at start with the 'arg' items "
          "and the 'kwarg' object as arguments; 'function' and the hooks "
          "are then its methods. Unset: module-level functions are used.",
          NULL, flags));
  /**
   * GstGvaJs:arg:
   *
   * JSON positional arguments for the class constructor, accumulated over
   * sets: an array is appended item by item, any other value as one item.
   * Invalid JSON fails start. Default: "[]".
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ARG,
      g_param_spec_string ("arg", "Arguments",
          "JSON positional arguments for the class constructor. Each set "
          "accumulates: an array is appended item by item, any other value "
          "as one item. Reading gives the accumulated array.", "[]", flags));
  /**
   * GstGvaJs:kwarg:
   *
   * JSON object passed to the class constructor as its last argument; each
   * set is merged in, later keys winning. Invalid JSON fails start.
   * Default: "{}".
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_KWARG,
      g_param_spec_string ("kwarg", "Keyword arguments",
          "JSON object passed to the class constructor as its last "
          "argument. Each set is merged in, later keys winning. Reading "
          "gives the merged object.", "{}", flags));
  install_limit_properties (gobject_class, flags);
}

static void
gst_gva_js_class_init (GstGvaJsClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);

  gobject_class->set_property = gst_gva_js_set_property;
  gobject_class->get_property = gst_gva_js_get_property;
  gobject_class->finalize = gst_gva_js_finalize;
  element_class->change_state = GST_DEBUG_FUNCPTR (gst_gva_js_change_state);
  install_properties (gobject_class);
  gst_type_mark_as_plugin_api (GST_TYPE_GVA_JS_ON_ERROR, 0);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "JavaScript per-frame scripting", "Filter/Analyzer/Video/Audio",
      "Calls a function of a JavaScript (ES module) file on every frame, "
      "with a frame, region and tensor API; the QuickJS counterpart of "
      "gvapython", "gvajs developers");

  trans_class->start = GST_DEBUG_FUNCPTR (gst_gva_js_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_gva_js_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_gva_js_sink_event);
  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_gva_js_transform_ip);
  trans_class->passthrough_on_same_caps = FALSE;
}

static void
gst_gva_js_init (GstGvaJs * self)
{
  self->function = g_strdup (DEFAULT_FUNCTION);
  self->time_budget = DEFAULT_TIME_BUDGET;
  self->load_time_budget = DEFAULT_LOAD_TIME_BUDGET;
  self->memory_limit = DEFAULT_MEMORY_LIMIT;
  self->stack_size = DEFAULT_STACK_SIZE;
  self->on_error = DEFAULT_ON_ERROR;
  self->reload = DEFAULT_RELOAD;
  self->args = json_array_new ();
  g_mutex_init (&self->runtime_lock);
  g_cond_init (&self->runtime_ready);
  self->kwargs = json_object_new ();
  gst_base_transform_set_in_place (GST_BASE_TRANSFORM (self), TRUE);
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), FALSE);
}
