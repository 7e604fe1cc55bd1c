/* SPDX-License-Identifier: MIT */
/**
 * SECTION:element-gvajspublish
 * @title: gvajspublish
 *
 * Publishes the JSON messages of every buffer (DL Streamer's
 * GstGVAJSONMeta, what a gvajs script's addMessage() or gvametaconvert
 * writes) to a file or an MQTT broker, and passes the buffers on
 * unchanged: a drop-in for DL Streamer's gvametapublish, with the same
 * property names, that publishes all of a buffer's messages (gvametapublish
 * publishes the first) and queues them while a broker is away.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 videotestsrc num-buffers=100 ! gvajs module=events.js ! \
 *     gvajspublish method=file file-path=events.jsonl file-format=json-lines ! fakesink
 * gst-launch-1.0 videotestsrc ! gvajs module=events.js ! \
 *     gvajspublish method=mqtt address=localhost:1883 topic=cameras/1 ! fakesink
 * ]|
 *
 * Since: 0.1
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstgvajspublish.h"
#include "gvajs-runtime.h"
#include "publish.h"

#include <json-glib/json-glib.h>
#include <string.h>

GST_DEBUG_CATEGORY (gst_gva_js_publish_debug);
#define GST_CAT_DEFAULT gst_gva_js_publish_debug

typedef enum
{
  GST_GVA_JS_PUBLISH_FILE = 1,
  GST_GVA_JS_PUBLISH_MQTT = 2,
} GstGvaJsPublishMethod;

#define DEFAULT_METHOD GST_GVA_JS_PUBLISH_FILE
#define DEFAULT_FILE_PATH "stdout"
#define DEFAULT_FILE_FORMAT GVAJS_FILE_FORMAT_JSON
#define DEFAULT_MAX_CONNECT_ATTEMPTS 1
#define DEFAULT_MAX_RECONNECT_INTERVAL 30
#define DEFAULT_QOS 1
#define DEFAULT_MAX_QUEUE_SIZE 10000

struct _GstGvaJsPublish
{
  GstBaseTransform parent;

  /* properties, guarded by the object lock */
  GstGvaJsPublishMethod method;
  gchar *file_path;
  GvajsFileFormat file_format;
  gchar *address;
  gchar *topic;
  gchar *client_id;
  guint max_connect_attempts;
  guint max_reconnect_interval;
  gint qos;
  guint max_queue_size;

  /* between start and stop */
  GvajsPublisher *publisher;
  /* the counts of the last run, kept after stop */
  guint64 published, dropped;
};

enum
{
  PROP_0,
  PROP_METHOD,
  PROP_FILE_PATH,
  PROP_FILE_FORMAT,
  PROP_ADDRESS,
  PROP_TOPIC,
  PROP_CLIENT_ID,
  PROP_MAX_CONNECT_ATTEMPTS,
  PROP_MAX_RECONNECT_INTERVAL,
  PROP_QOS,
  PROP_MAX_QUEUE_SIZE,
  PROP_PUBLISHED,
  PROP_DROPPED,
};

static GType
gst_gva_js_publish_method_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_GVA_JS_PUBLISH_FILE, "Write to a file or standard output", "file"},
    {GST_GVA_JS_PUBLISH_MQTT, "Publish to an MQTT broker", "mqtt"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static
        ("GstGvaJsPublishMethod", values));
  return type;
}

static GType
gst_gva_js_publish_file_format_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GVAJS_FILE_FORMAT_JSON, "The whole file is one JSON array of the "
          "messages", "json"},
    {GVAJS_FILE_FORMAT_JSON_LINES, "One message (compact JSON) per line",
        "json-lines"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static
        ("GstGvaJsPublishFileFormat", values));
  return type;
}

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

G_DEFINE_TYPE_WITH_CODE (GstGvaJsPublish, gst_gva_js_publish,
    GST_TYPE_BASE_TRANSFORM,
    GST_DEBUG_CATEGORY_INIT (gst_gva_js_publish_debug, "gvajspublish", 0,
        "gvajspublish: JSON messages to a file or MQTT"));
GST_ELEMENT_REGISTER_DEFINE (gvajspublish, "gvajspublish", GST_RANK_NONE,
    GST_TYPE_GVA_JS_PUBLISH);

/* A message as JSON text: as it is when it is JSON (made compact when it
 * spans lines, so json-lines stays one message a line), else as a JSON
 * string (addMessage() also takes plain text). */
static gchar *
normalize (const gchar * text)
{
  JsonParser *parser = json_parser_new_immutable ();
  JsonNode *node;
  gchar *json;

  if (json_parser_load_from_data (parser, text, -1, NULL) &&
      json_parser_get_root (parser)) {
    json = strchr (text, '\n') ? json_to_string (json_parser_get_root
        (parser), FALSE) : g_strdup (text);
  } else {
    node = json_node_init_string (json_node_alloc (), text);
    json = json_to_string (node, FALSE);
    json_node_unref (node);
  }
  g_object_unref (parser);
  return json;
}

static GvajsPublisher *
create_publisher (GstGvaJsPublish * self, GError ** error)
{
  GvajsMqttConfig mqtt;
  GvajsPublisher *publisher;

  GST_OBJECT_LOCK (self);
  if (self->method == GST_GVA_JS_PUBLISH_FILE) {
    publisher = gvajs_file_publisher_new (self->file_path, self->file_format,
        error);
  } else if (self->topic == NULL || *self->topic == '\0') {
    g_set_error_literal (error, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_SETTINGS, "property 'topic' is not set: name the "
        "MQTT topic to publish to");
    publisher = NULL;
  } else {
    mqtt.address = self->address;
    mqtt.topic = self->topic;
    mqtt.client_id = self->client_id;
    mqtt.qos = self->qos;
    mqtt.max_connect_attempts = self->max_connect_attempts;
    mqtt.max_reconnect_interval = self->max_reconnect_interval;
    mqtt.max_queue_size = self->max_queue_size;
    publisher = gvajs_mqtt_publisher_new (&mqtt, GST_ELEMENT (self), error);
  }
  GST_OBJECT_UNLOCK (self);
  return publisher;
}

static gboolean
gst_gva_js_publish_start (GstBaseTransform * trans)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (trans);
  GError *error = NULL;

  self->published = self->dropped = 0;
  self->publisher = create_publisher (self, &error);
  if (self->publisher == NULL) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s", error->message),
        (NULL));
    g_error_free (error);
    return FALSE;
  }
  return TRUE;
}

static gboolean
gst_gva_js_publish_stop (GstBaseTransform * trans)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (trans);

  if (self->publisher) {
    GvajsPublisher *publisher = self->publisher;

    publisher->klass->close (publisher);
    GST_OBJECT_LOCK (self);
    self->published = publisher->published;
    self->dropped = publisher->dropped;
    self->publisher = NULL;
    GST_OBJECT_UNLOCK (self);
    g_free (publisher);
    GST_INFO_OBJECT (self, "%" G_GUINT64_FORMAT " published, %"
        G_GUINT64_FORMAT " dropped", self->published, self->dropped);
  }
  return TRUE;
}

static GstFlowReturn
gst_gva_js_publish_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (trans);
  gchar **messages = gvajs_buffer_messages (buf);
  GError *error = NULL;
  gchar **m, *json;
  gboolean ok = TRUE;

  for (m = messages; *m && ok; m++) {
    json = normalize (*m);
    ok = self->publisher->klass->publish (self->publisher, json, &error);
    g_free (json);
  }
  g_strfreev (messages);
  if (ok)
    return GST_FLOW_OK;
  GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("%s", error->message), (NULL));
  g_error_free (error);
  return GST_FLOW_ERROR;
}

/* EOS goes on only once everything published is delivered. */
static gboolean
gst_gva_js_publish_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (trans);
  GError *error = NULL;

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && self->publisher &&
      !self->publisher->klass->flush (self->publisher, &error)) {
    GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("%s", error->message), (NULL));
    g_error_free (error);
  }
  return GST_BASE_TRANSFORM_CLASS (gst_gva_js_publish_parent_class)->sink_event
      (trans, event);
}

static void
replace_string (gchar ** field, const GValue * value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
}

static void
gst_gva_js_publish_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_METHOD:
      self->method = g_value_get_enum (value);
      break;
    case PROP_FILE_PATH:
      replace_string (&self->file_path, value);
      break;
    case PROP_FILE_FORMAT:
      self->file_format = g_value_get_enum (value);
      break;
    case PROP_ADDRESS:
      replace_string (&self->address, value);
      break;
    case PROP_TOPIC:
      replace_string (&self->topic, value);
      break;
    case PROP_CLIENT_ID:
      replace_string (&self->client_id, value);
      break;
    case PROP_MAX_CONNECT_ATTEMPTS:
      self->max_connect_attempts = g_value_get_uint (value);
      break;
    case PROP_MAX_RECONNECT_INTERVAL:
      self->max_reconnect_interval = g_value_get_uint (value);
      break;
    case PROP_QOS:
      self->qos = g_value_get_int (value);
      break;
    case PROP_MAX_QUEUE_SIZE:
      self->max_queue_size = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_gva_js_publish_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_FILE_PATH:
      g_value_set_string (value, self->file_path);
      break;
    case PROP_FILE_FORMAT:
      g_value_set_enum (value, self->file_format);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_TOPIC:
      g_value_set_string (value, self->topic);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_MAX_CONNECT_ATTEMPTS:
      g_value_set_uint (value, self->max_connect_attempts);
      break;
    case PROP_MAX_RECONNECT_INTERVAL:
      g_value_set_uint (value, self->max_reconnect_interval);
      break;
    case PROP_QOS:
      g_value_set_int (value, self->qos);
      break;
    case PROP_MAX_QUEUE_SIZE:
      g_value_set_uint (value, self->max_queue_size);
      break;
    case PROP_PUBLISHED:
      g_value_set_uint64 (value, self->publisher ?
          self->publisher->published : self->published);
      break;
    case PROP_DROPPED:
      g_value_set_uint64 (value, self->publisher ?
          self->publisher->dropped : self->dropped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_gva_js_publish_finalize (GObject * object)
{
  GstGvaJsPublish *self = GST_GVA_JS_PUBLISH (object);

  g_free (self->file_path);
  g_free (self->address);
  g_free (self->topic);
  g_free (self->client_id);
  G_OBJECT_CLASS (gst_gva_js_publish_parent_class)->finalize (object);
}

static void
install_mqtt_properties (GObjectClass * gobject_class, GParamFlags flags)
{
  /* GstGvaJsPublish:address: the broker, host[:port] (port 1883 when
   * omitted). */
  g_object_class_install_property (gobject_class, PROP_ADDRESS,
      g_param_spec_string ("address", "Address", "[method=mqtt] The "
          "broker, host[:port] (default port 1883), e.g. localhost:1883",
          NULL, flags));
  g_object_class_install_property (gobject_class, PROP_TOPIC,
      g_param_spec_string ("topic", "Topic", "[method=mqtt] The topic each "
          "message is published to", NULL, flags));
  g_object_class_install_property (gobject_class, PROP_CLIENT_ID,
      g_param_spec_string ("mqtt-client-id", "MQTT client id",
          "[method=mqtt] The client id; unset: a random one", NULL, flags));
  g_object_class_install_property (gobject_class, PROP_MAX_CONNECT_ATTEMPTS,
      g_param_spec_uint ("max-connect-attempts", "Max connect attempts",
          "[method=mqtt] Connection attempts failed in a row (at start or "
          "after the broker went away) before it is an element error", 1,
          1000, DEFAULT_MAX_CONNECT_ATTEMPTS, flags));
  g_object_class_install_property (gobject_class,
      PROP_MAX_RECONNECT_INTERVAL, g_param_spec_uint ("max-reconnect-interval",
          "Max reconnect interval", "[method=mqtt] Seconds between "
          "connection attempts at most: the wait starts at 1 and doubles",
          1, 300, DEFAULT_MAX_RECONNECT_INTERVAL, flags));
  g_object_class_install_property (gobject_class, PROP_QOS,
      g_param_spec_int ("qos", "QoS", "[method=mqtt] MQTT quality of "
          "service: 0 at most once, 1 at least once (a message is kept until "
          "the broker acknowledges it), 2 exactly once", 0, 2, DEFAULT_QOS,
          flags));
  g_object_class_install_property (gobject_class, PROP_MAX_QUEUE_SIZE,
      g_param_spec_uint ("max-queue-size", "Max queue size",
          "[method=mqtt] Messages kept until acknowledged (while the broker "
          "is away too); a message past it is dropped, counted and warned "
          "about", 1, G_MAXINT, DEFAULT_MAX_QUEUE_SIZE, flags));
}

static void
install_properties (GObjectClass * gobject_class)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_READY;
  GParamFlags counter = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  g_object_class_install_property (gobject_class, PROP_METHOD,
      g_param_spec_enum ("method", "Method", "Where messages go",
          gst_gva_js_publish_method_get_type (), DEFAULT_METHOD, flags));
  g_object_class_install_property (gobject_class, PROP_FILE_PATH,
      g_param_spec_string ("file-path", "File path", "[method=file] The "
          "file to write (replaced at start), or stdout (also '-')",
          DEFAULT_FILE_PATH, flags));
  g_object_class_install_property (gobject_class, PROP_FILE_FORMAT,
      g_param_spec_enum ("file-format", "File format", "[method=file] How "
          "messages are laid out in the file",
          gst_gva_js_publish_file_format_get_type (), DEFAULT_FILE_FORMAT,
          flags));
  install_mqtt_properties (gobject_class, flags);
  g_object_class_install_property (gobject_class, PROP_PUBLISHED,
      g_param_spec_uint64 ("published", "Published", "Messages delivered "
          "(written, or acknowledged by the broker) since start", 0,
          G_MAXUINT64, 0, counter));
  g_object_class_install_property (gobject_class, PROP_DROPPED,
      g_param_spec_uint64 ("dropped", "Dropped", "Messages lost since "
          "start (a full queue, a failed write, undelivered at stop)", 0,
          G_MAXUINT64, 0, counter));
}

static void
gst_gva_js_publish_class_init (GstGvaJsPublishClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);

  gobject_class->set_property = gst_gva_js_publish_set_property;
  gobject_class->get_property = gst_gva_js_publish_get_property;
  gobject_class->finalize = gst_gva_js_publish_finalize;
  install_properties (gobject_class);
  gst_type_mark_as_plugin_api (gst_gva_js_publish_method_get_type (), 0);
  gst_type_mark_as_plugin_api (gst_gva_js_publish_file_format_get_type (),
      0);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "JSON message publisher", "Filter/Metadata",
      "Publishes every JSON message (GstGVAJSONMeta) of each buffer to a "
      "file or an MQTT broker; a drop-in for DL Streamer's gvametapublish",
      "gvajs developers");

  trans_class->start = GST_DEBUG_FUNCPTR (gst_gva_js_publish_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_gva_js_publish_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_gva_js_publish_sink_event);
  trans_class->transform_ip =
      GST_DEBUG_FUNCPTR (gst_gva_js_publish_transform_ip);
  trans_class->transform_ip_on_passthrough = TRUE;
}

static void
gst_gva_js_publish_init (GstGvaJsPublish * self)
{
  self->method = DEFAULT_METHOD;
  self->file_path = g_strdup (DEFAULT_FILE_PATH);
  self->file_format = DEFAULT_FILE_FORMAT;
  self->max_connect_attempts = DEFAULT_MAX_CONNECT_ATTEMPTS;
  self->max_reconnect_interval = DEFAULT_MAX_RECONNECT_INTERVAL;
  self->qos = DEFAULT_QOS;
  self->max_queue_size = DEFAULT_MAX_QUEUE_SIZE;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
