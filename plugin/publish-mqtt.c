/* SPDX-License-Identifier: MIT */
/* gvajspublish method=mqtt, over libmosquitto.
 *
 * The streaming thread only queues messages. A thread of the publisher's
 * own connects (retrying with a doubling wait up to
 * max-reconnect-interval; max-connect-attempts failures in a row are an
 * element error), hands queued messages to the broker and keeps each
 * until the broker acknowledges it. A lost connection is reconnected and
 * every message not yet acknowledged is sent again: at least once, so a
 * broker restart loses nothing while the queue holds. A full queue drops
 * the newest message, counted and warned about. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "publish.h"

#include <string.h>

#ifdef HAVE_MOSQUITTO

#include <errno.h>
#include <mosquitto.h>

GST_DEBUG_CATEGORY_EXTERN (gst_gva_js_publish_debug);
#define GST_CAT_DEFAULT gst_gva_js_publish_debug

/* How long one turn of the network loop may wait for the socket. */
#define LOOP_TIMEOUT_MS 10
/* Drops are warned about at most this often. */
#define DROP_WARNING_INTERVAL_US G_USEC_PER_SEC

typedef struct
{
  gchar *payload;
  gint mid;                     /* 0 while not handed to this connection */
} Message;

typedef enum
{
  DISCONNECTED,
  CONNECTING,                   /* TCP is up, waiting for CONNACK */
  CONNECTED,
} State;

typedef struct
{
  GvajsPublisher base;
  GstElement *owner;
  struct mosquitto *mosq;
  gchar *host, *address, *topic;
  gint port, qos;
  guint max_attempts, max_interval, max_queue;
  GThread *thread;
  /* Message ids on_publish reported, settled by the publisher's thread
   * with the lock held. Only that thread touches it: libmosquitto calls
   * on_publish there, inside mosquitto_loop() or, for QoS 0, inside
   * mosquitto_publish(), which send_queued() calls with the lock held. */
  GArray *acked;

  GMutex lock;                  /* guards everything below */
  GCond changed;
  GQueue queue;                 /* Message *, oldest first */
  State state;
  guint failures;               /* connection attempts failed in a row */
  gboolean stopping;
  gchar *failure;               /* why it gave up; then nothing is sent */
  guint64 unwarned_drops;
  gint64 last_drop_warning;
} MqttPublisher;

static void
message_free (Message * m)
{
  g_free (m->payload);
  g_free (m);
}

/* ---- libmosquitto's callbacks, on the publisher's thread ---- */

static void
on_connect (struct mosquitto *mosq, void *data, int rc)
{
  MqttPublisher *self = data;

  g_mutex_lock (&self->lock);
  if (rc == 0) {
    self->state = CONNECTED;
    self->failures = 0;
  } else {
    GST_WARNING_OBJECT (self->owner, "broker %s refused the connection: %s",
        self->address, mosquitto_connack_string (rc));
    self->state = DISCONNECTED;
    self->failures++;
  }
  g_mutex_unlock (&self->lock);
}

static void
on_publish (struct mosquitto *mosq, void *data, int mid)
{
  MqttPublisher *self = data;

  g_array_append_val (self->acked, mid);
}

/* ---- the publisher's thread ---- */

/* Frees the messages the broker acknowledged since the last call. Called
 * with the lock held. */
static void
settle_acked (MqttPublisher * self)
{
  guint i;
  GList *l;

  for (i = 0; i < self->acked->len; i++) {
    gint mid = g_array_index (self->acked, gint, i);

    /* Acknowledgements mostly come in order: the head first. */
    for (l = self->queue.head; l; l = l->next) {
      Message *m = l->data;

      if (m->mid == mid) {
        message_free (m);
        g_queue_delete_link (&self->queue, l);
        self->base.published++;
        g_cond_broadcast (&self->changed);
        break;
      }
    }
  }
  g_array_set_size (self->acked, 0);
}

/* Every message not acknowledged is sent again on the next connection. */
static void
forget_connection (MqttPublisher * self)
{
  GList *l;

  for (l = self->queue.head; l; l = l->next)
    ((Message *) l->data)->mid = 0;
  self->state = DISCONNECTED;
}

/* Gives up after max-connect-attempts failures in a row: waiters are
 * woken, and run() posts the error. Called with the lock held. */
static gboolean
check_failures (MqttPublisher * self, const gchar * reason)
{
  if (self->failures < self->max_attempts)
    return FALSE;
  self->failure = g_strdup_printf ("could not connect to the MQTT broker at "
      "%s after %u attempt(s): %s", self->address, self->failures, reason);
  g_cond_broadcast (&self->changed);
  return TRUE;
}

/* Waits before the next attempt: 1 s, doubling up to max-reconnect-interval.
 * FALSE when stopping. Called with the lock held. */
static gboolean
back_off (MqttPublisher * self)
{
  guint shift = MIN (self->failures, 16);
  gint64 wait_s = MIN ((gint64) 1 << (shift ? shift - 1 : 0),
      (gint64) self->max_interval);
  gint64 end = g_get_monotonic_time () + wait_s * G_USEC_PER_SEC;

  while (!self->stopping &&
      g_cond_wait_until (&self->changed, &self->lock, end));
  return !self->stopping;
}

/* Opens the connection; the CONNACK comes to on_connect(). Called with the
 * lock held, which it drops while connecting. */
static gboolean
try_connect (MqttPublisher * self)
{
  gint rc, saved;

  g_mutex_unlock (&self->lock);
  rc = mosquitto_connect (self->mosq, self->host, self->port, 60);
  saved = errno;
  g_mutex_lock (&self->lock);
  if (rc == MOSQ_ERR_SUCCESS) {
    self->state = CONNECTING;
    return TRUE;
  }
  self->failures++;
  GST_INFO_OBJECT (self->owner, "connecting to %s failed (%u): %s",
      self->address, self->failures, mosquitto_strerror (rc));
  return !check_failures (self, rc == MOSQ_ERR_ERRNO ? g_strerror (saved) :
      mosquitto_strerror (rc)) && back_off (self);
}

/* Hands the messages not yet sent on this connection to libmosquitto.
 * Called with the lock held. */
static void
send_queued (MqttPublisher * self)
{
  GList *l;

  for (l = self->queue.head; l && self->state == CONNECTED; l = l->next) {
    Message *m = l->data;
    if (m->mid != 0)
      continue;
    if (mosquitto_publish (self->mosq, &m->mid, self->topic,
            strlen (m->payload), m->payload, self->qos, false) !=
        MOSQ_ERR_SUCCESS) {
      m->mid = 0;
      break;
    }
  }
}

static gpointer
run (gpointer data)
{
  MqttPublisher *self = data;
  gint rc;

  g_mutex_lock (&self->lock);
  while (!self->stopping && self->failure == NULL) {
    if (self->state == DISCONNECTED) {
      if (!try_connect (self))
        break;
      continue;
    }
    send_queued (self);
    settle_acked (self);
    g_mutex_unlock (&self->lock);
    rc = mosquitto_loop (self->mosq, LOOP_TIMEOUT_MS, 1);
    g_mutex_lock (&self->lock);
    settle_acked (self);
    if (rc != MOSQ_ERR_SUCCESS) {
      GST_WARNING_OBJECT (self->owner, "connection to %s lost: %s",
          self->address, mosquitto_strerror (rc));
      forget_connection (self);
    } else if (self->state == DISCONNECTED) {
      /* The broker refused the CONNACK. */
      if (check_failures (self, "the broker refused the connection") ||
          !back_off (self))
        break;
    }
  }
  g_mutex_unlock (&self->lock);
  /* Posted without the lock: a bus handler may stop the element. */
  if (self->failure)
    GST_ELEMENT_ERROR (self->owner, RESOURCE, OPEN_WRITE, ("%s",
            self->failure), ("messages not delivered are dropped"));
  return NULL;
}

/* ---- the interface ---- */

/* Warns of the drops not warned about yet, if any (or, unless @now,
 * if the last warning is a second old). Called without the lock: the
 * warning may reach a bus handler that stops the element. */
static void
warn_drops (MqttPublisher * self, gboolean now)
{
  guint64 unwarned = 0, total = 0;

  g_mutex_lock (&self->lock);
  if (self->unwarned_drops > 0 && (now || g_get_monotonic_time () -
          self->last_drop_warning >= DROP_WARNING_INTERVAL_US)) {
    unwarned = self->unwarned_drops;
    total = self->base.dropped;
    self->unwarned_drops = 0;
    self->last_drop_warning = g_get_monotonic_time ();
  }
  g_mutex_unlock (&self->lock);
  if (unwarned > 0)
    GST_ELEMENT_WARNING (self->owner, RESOURCE, WRITE, ("the queue is full "
            "(max-queue-size=%u, broker %s): %" G_GUINT64_FORMAT
            " message(s) dropped since the last warning, %" G_GUINT64_FORMAT
            " in all", self->max_queue, self->address, unwarned, total),
        (NULL));
}

static gboolean
mqtt_publish (GvajsPublisher * publisher, const gchar * json, GError ** error)
{
  MqttPublisher *self = (MqttPublisher *) publisher;
  Message *m;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  if (self->failure) {
    g_set_error_literal (error, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_OPEN_WRITE, self->failure);
    ok = FALSE;
  } else if (g_queue_get_length (&self->queue) >= self->max_queue) {
    self->base.dropped++;
    self->unwarned_drops++;
  } else {
    m = g_new0 (Message, 1);
    m->payload = g_strdup (json);
    g_queue_push_tail (&self->queue, m);
  }
  g_mutex_unlock (&self->lock);
  warn_drops (self, FALSE);
  return ok;
}

static gboolean
mqtt_flush (GvajsPublisher * publisher, GError ** error)
{
  MqttPublisher *self = (MqttPublisher *) publisher;
  gboolean ok;

  warn_drops (self, TRUE);
  g_mutex_lock (&self->lock);
  while (!g_queue_is_empty (&self->queue) && self->failure == NULL &&
      !self->stopping)
    g_cond_wait (&self->changed, &self->lock);
  ok = g_queue_is_empty (&self->queue);
  if (!ok)
    g_set_error (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_WRITE,
        "%u message(s) could not be delivered to %s: %s",
        g_queue_get_length (&self->queue), self->address,
        self->failure ? self->failure : "stopped");
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
release (MqttPublisher * self)
{
  g_queue_clear_full (&self->queue, (GDestroyNotify) message_free);
  g_array_unref (self->acked);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->host);
  g_free (self->address);
  g_free (self->topic);
  g_free (self->failure);
}

static void
mqtt_close (GvajsPublisher * publisher)
{
  MqttPublisher *self = (MqttPublisher *) publisher;
  guint left;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  mosquitto_disconnect (self->mosq);
  mosquitto_destroy (self->mosq);
  /* The drops of the last second: none goes unreported. */
  warn_drops (self, TRUE);
  left = g_queue_get_length (&self->queue);
  if (left > 0) {
    self->base.dropped += left;
    GST_ELEMENT_WARNING (self->owner, RESOURCE, WRITE, ("%u message(s) were "
            "not acknowledged by %s when the element stopped", left,
            self->address), (NULL));
  }
  release (self);
}

static const GvajsPublisherClass mqtt_class = {
  mqtt_publish, mqtt_flush, mqtt_close,
};

/* host[:port], [v6-host]:port. */
static gboolean
parse_address (const gchar * address, gchar ** host, gint * port,
    GError ** error)
{
  const gchar *colon = address ? strrchr (address, ':') : NULL;
  gchar *end = NULL;
  gint64 n = 1883;

  if (address == NULL || *address == '\0') {
    g_set_error_literal (error, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_SETTINGS, "property 'address' is not set: name "
        "the broker, e.g. address=localhost:1883");
    return FALSE;
  }
  if (colon && strchr (address, ']') > colon)
    colon = NULL;
  if (colon) {
    n = g_ascii_strtoll (colon + 1, &end, 10);
    if (end == colon + 1 || *end != '\0' || n < 1 || n > 65535) {
      g_set_error (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
          "property 'address': '%s' has no valid port (1 to 65535) after "
          "':'", address);
      return FALSE;
    }
  }
  *host = colon ? g_strndup (address, colon - address) : g_strdup (address);
  if (**host == '[') {
    gchar *bare = g_strndup (*host + 1, strlen (*host) - 2);
    g_free (*host);
    *host = bare;
  }
  *port = (gint) n;
  return TRUE;
}

GvajsPublisher *
gvajs_mqtt_publisher_new (const GvajsMqttConfig * config, GstElement * owner,
    GError ** error)
{
  static gsize initialised = 0;
  MqttPublisher *self;
  gchar *host;
  gint port;

  if (!parse_address (config->address, &host, &port, error))
    return NULL;
  if (g_once_init_enter (&initialised)) {
    mosquitto_lib_init ();
    g_once_init_leave (&initialised, 1);
  }
  self = g_new0 (MqttPublisher, 1);
  self->base.klass = &mqtt_class;
  self->owner = owner;
  self->host = host;
  self->port = port;
  self->address = g_strdup (config->address);
  self->topic = g_strdup (config->topic);
  self->qos = config->qos;
  self->max_attempts = MAX (config->max_connect_attempts, 1);
  self->max_interval = MAX (config->max_reconnect_interval, 1);
  self->max_queue = MAX (config->max_queue_size, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->acked = g_array_new (FALSE, FALSE, sizeof (gint));
  self->mosq = mosquitto_new (config->client_id, true, self);
  if (self->mosq == NULL) {
    g_set_error (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
        "cannot create an MQTT client: %s", g_strerror (errno));
    release (self);
    g_free (self);
    return NULL;
  }
  mosquitto_connect_callback_set (self->mosq, on_connect);
  mosquitto_publish_callback_set (self->mosq, on_publish);
  self->thread = g_thread_new ("gvajspublish-mqtt", run, self);
  return &self->base;
}

#else /* !HAVE_MOSQUITTO */

GvajsPublisher *
gvajs_mqtt_publisher_new (const GvajsMqttConfig * config, GstElement * owner,
    GError ** error)
{
  g_set_error_literal (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      "method=mqtt is not available: gvajs was built without libmosquitto "
      "(install libmosquitto-dev and rebuild)");
  return NULL;
}

#endif
