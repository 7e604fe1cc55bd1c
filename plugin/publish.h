/* SPDX-License-Identifier: MIT */
/* Where gvajspublish sends messages: a file (publish-file.c) or an MQTT
 * broker (publish-mqtt.c), behind one small interface. A message is one
 * JSON text; a publisher owns what it was given once publish() returned
 * TRUE. */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _GvajsPublisher GvajsPublisher;

typedef struct
{
  /* Queues or writes @json; FALSE with @error set when it cannot. */
  gboolean (*publish) (GvajsPublisher * self, const gchar * json,
      GError ** error);
  /* Returns when everything published so far is delivered (written, or
   * acknowledged by the broker), or FALSE with @error set when it never
   * will be. */
  gboolean (*flush) (GvajsPublisher * self, GError ** error);
  /* Closes and frees all but the struct: what was not delivered is
   * counted as dropped; the caller reads the counts, then g_free()s it. */
  void (*close) (GvajsPublisher * self);
} GvajsPublisherClass;

struct _GvajsPublisher
{
  const GvajsPublisherClass *klass;
  /* Delivered and dropped messages (the element's read-only properties;
   * a read while streaming may be a message behind). */
  guint64 published;
  guint64 dropped;
};

typedef enum
{
  GVAJS_FILE_FORMAT_JSON = 1,   /* one JSON array of the messages */
  GVAJS_FILE_FORMAT_JSON_LINES = 2,     /* one message per line */
} GvajsFileFormat;

/* Writes to @path, or to standard output for "stdout" or "-". */
GvajsPublisher *gvajs_file_publisher_new (const gchar * path,
    GvajsFileFormat format, GError ** error);

typedef struct
{
  const gchar *address;         /* host[:port], port 1883 by default */
  const gchar *topic;
  const gchar *client_id;       /* nullable: one is made up */
  gint qos;
  guint max_connect_attempts;   /* consecutive failures before giving up */
  guint max_reconnect_interval; /* seconds; the wait doubles from 1 */
  guint max_queue_size;         /* messages not yet acknowledged */
} GvajsMqttConfig;

/* Connects in the background and posts element errors and warnings on
 * @owner's bus from there. NULL with @error set when the configuration is
 * invalid or the plugin was built without libmosquitto. */
GvajsPublisher *gvajs_mqtt_publisher_new (const GvajsMqttConfig * config,
    GstElement * owner, GError ** error);

G_END_DECLS
