/**
 * SECTION:element-gvajs
 * @title: gvajs
 *
 * gvajs calls a JavaScript function once per buffer. The function comes from
 * an ES module (usually TypeScript bundled by esbuild) and receives a
 * VideoFrame with the buffer's timestamps, video info, pixels (mapped only
 * when asked) and metadata. It is the JavaScript counterpart of DL Streamer's
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

#include <gst/video/video.h>

GST_DEBUG_CATEGORY_EXTERN (gvajs_debug);
#define GST_CAT_DEFAULT gvajs_debug

#define DEFAULT_FUNCTION "process_frame"

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

  /* streaming state */
  GvajsRuntime *runtime;
  GstCaps *caps;
  GstVideoInfo info;
  gboolean have_info;
};

enum
{
  PROP_0,
  PROP_MODULE,
  PROP_FUNCTION,
  PROP_CLASS,
  PROP_ARG,
  PROP_KWARG,
};

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

G_DEFINE_TYPE (GstGvaJs, gst_gva_js, GST_TYPE_BASE_TRANSFORM);
GST_ELEMENT_REGISTER_DEFINE (gvajs, "gvajs", GST_RANK_NONE, GST_TYPE_GVA_JS);

/* Posts @error as an element error: its first line is the message a user
 * reads, the whole text (with the JS stack) is the debug detail. */
static void
post_error (GstGvaJs * self, GQuark domain, gint code, const GError * error)
{
  gchar *summary = g_strndup (error->message, strcspn (error->message, "\n"));

  gst_element_message_full (GST_ELEMENT (self), GST_MESSAGE_ERROR, domain,
      code, summary, g_strdup (error->message), __FILE__, GST_FUNCTION,
      __LINE__);
}

static void
post_warning (GstGvaJs * self, const GError * error)
{
  gchar *summary = g_strndup (error->message, strcspn (error->message, "\n"));

  gst_element_message_full (GST_ELEMENT (self), GST_MESSAGE_WARNING,
      GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_FAILED, summary,
      g_strdup (error->message), __FILE__, GST_FUNCTION, __LINE__);
}

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* Creates the runtime from a snapshot of the properties. */
static GvajsRuntime *
create_runtime (GstGvaJs * self, GError ** error)
{
  GvajsRuntimeConfig config = { NULL, };
  GvajsRuntime *runtime = NULL;
  gchar *args, *kwargs;

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
  return runtime;
}

static gboolean
gst_gva_js_start (GstBaseTransform * trans)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GError *error = NULL;

  self->runtime = create_runtime (self, &error);
  if (self->runtime == NULL)
    goto init_failed;
  if (!gvajs_runtime_call_hook (self->runtime, GVAJS_HOOK_START, &error)) {
    gvajs_runtime_free (self->runtime);
    self->runtime = NULL;
    goto init_failed;
  }
  GST_INFO_OBJECT (self, "module '%s' loaded", self->module);
  return TRUE;

  /* ERRORS */
init_failed:
  post_error (self, GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_INIT, error);
  g_error_free (error);
  return FALSE;
}

static gboolean
gst_gva_js_stop (GstBaseTransform * trans)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GError *error = NULL;

  if (self->runtime &&
      !gvajs_runtime_call_hook (self->runtime, GVAJS_HOOK_STOP, &error)) {
    post_warning (self, error);
    g_error_free (error);
  }
  g_clear_pointer (&self->runtime, gvajs_runtime_free);
  gst_caps_replace (&self->caps, NULL);
  self->have_info = FALSE;
  return TRUE;
}

static gboolean
gst_gva_js_set_caps (GstBaseTransform * trans, GstCaps * incaps,
    GstCaps * outcaps)
{
  GstGvaJs *self = GST_GVA_JS (trans);

  gst_caps_replace (&self->caps, incaps);
  /* Anything that is not raw video still flows; its frames just have no
   * pixel access. */
  self->have_info = gst_video_info_from_caps (&self->info, incaps);
  GST_DEBUG_OBJECT (self, "caps %" GST_PTR_FORMAT ", raw video: %d", incaps,
      self->have_info);
  return TRUE;
}

static gboolean
gst_gva_js_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GError *error = NULL;

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && self->runtime &&
      !gvajs_runtime_call_hook (self->runtime, GVAJS_HOOK_EOS, &error)) {
    post_error (self, GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_FAILED, error);
    g_error_free (error);
  }
  return GST_BASE_TRANSFORM_CLASS (gst_gva_js_parent_class)->sink_event
      (trans, event);
}

static GstFlowReturn
gst_gva_js_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstGvaJs *self = GST_GVA_JS (trans);
  GError *error = NULL;
  gboolean keep = TRUE;

  if (G_UNLIKELY (self->runtime == NULL)) {
    GST_ELEMENT_ERROR (self, CORE, FAILED, ("gvajs has no module loaded"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  if (!gvajs_runtime_process_frame (self->runtime, buf,
          self->have_info ? &self->info : NULL, self->caps, &keep, &error)) {
    post_error (self, GST_LIBRARY_ERROR, GST_LIBRARY_ERROR_FAILED, error);
    g_error_free (error);
    return GST_FLOW_ERROR;
  }
  return keep ? GST_FLOW_OK : GST_BASE_TRANSFORM_FLOW_DROPPED;
}

static void
gst_gva_js_finalize (GObject * object)
{
  GstGvaJs *self = GST_GVA_JS (object);

  g_free (self->module);
  g_free (self->function);
  g_free (self->class_name);
  g_free (self->json_error);
  json_array_unref (self->args);
  json_object_unref (self->kwargs);
  G_OBJECT_CLASS (gst_gva_js_parent_class)->finalize (object);
}

static void
install_properties (GObjectClass * gobject_class)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_READY;

  g_object_class_install_property (gobject_class, PROP_MODULE,
      g_param_spec_string ("module", "Module",
          "Path of the ES module (.js/.mjs) to run, absolute or relative to "
          "the working directory; its relative imports resolve against its "
          "folder. Required.", NULL, flags));
  g_object_class_install_property (gobject_class, PROP_FUNCTION,
      g_param_spec_string ("function", "Function",
          "Exported function called once per frame with the VideoFrame "
          "(with 'class': the instance's method). Returning false drops the "
          "frame; anything else passes it.", DEFAULT_FUNCTION, flags));
  g_object_class_install_property (gobject_class, PROP_CLASS,
      g_param_spec_string ("class", "Class",
          "Exported class constructed once at start with the 'arg' items "
          "and the 'kwarg' object as arguments; 'function' and the hooks "
          "are then its methods. Unset: module-level functions are used.",
          NULL, flags));
  g_object_class_install_property (gobject_class, PROP_ARG,
      g_param_spec_string ("arg", "Arguments",
          "JSON positional arguments for the class constructor. Each set "
          "accumulates: an array is appended item by item, any other value "
          "as one item. Reading gives the accumulated array.", "[]", flags));
  g_object_class_install_property (gobject_class, PROP_KWARG,
      g_param_spec_string ("kwarg", "Keyword arguments",
          "JSON object passed to the class constructor as its last "
          "argument. Each set is merged in, later keys winning. Reading "
          "gives the merged object.", "{}", flags));
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
  install_properties (gobject_class);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "JavaScript per-frame scripting", "Filter/Analyzer/Video",
      "Calls a function of a JavaScript (ES module) file on every frame, "
      "with a frame, region and tensor API; the QuickJS counterpart of "
      "gvapython", "gvajs developers");

  trans_class->start = GST_DEBUG_FUNCPTR (gst_gva_js_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_gva_js_stop);
  trans_class->set_caps = GST_DEBUG_FUNCPTR (gst_gva_js_set_caps);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_gva_js_sink_event);
  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_gva_js_transform_ip);
  trans_class->passthrough_on_same_caps = FALSE;
}

static void
gst_gva_js_init (GstGvaJs * self)
{
  self->function = g_strdup (DEFAULT_FUNCTION);
  self->args = json_array_new ();
  self->kwargs = json_object_new ();
  gst_base_transform_set_in_place (GST_BASE_TRANSFORM (self), TRUE);
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), FALSE);
}
