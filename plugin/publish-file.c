/* SPDX-License-Identifier: MIT */
/* gvajspublish method=file: messages as DL Streamer's gvametapublish
 * writes them, a JSON array (file-format=json) or one message per line
 * (json-lines), to a file or to standard output. Each message is written
 * as it comes; a write that fails (a full disk) is cut back to the last
 * whole message, so what was written stays readable. */
#include "publish.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  GvajsPublisher base;
  GOutputStream *out;
  gint fd;
  gboolean regular;             /* a file that can be cut back */
  gchar *path;                  /* as named in messages */
  GvajsFileFormat format;
  goffset whole;                /* bytes up to the last whole message */
} FilePublisher;

static gboolean
write_chunk (FilePublisher * self, const gchar * chunk, GError ** error)
{
  gsize length = strlen (chunk), written = 0;
  GError *local = NULL;

  if (g_output_stream_write_all (self->out, chunk, length, &written, NULL,
          &local)) {
    self->whole += length;
    return TRUE;
  }
  /* Cut back, and write on from there: the offset stays past the cut,
   * and a later write (the JSON array's end) would leave a hole. */
  if (self->regular && written > 0 && (ftruncate (self->fd, self->whole) != 0
          || lseek (self->fd, self->whole, SEEK_SET) != self->whole))
    g_warning ("gvajspublish: could not cut '%s' back after a failed write",
        self->path);
  g_set_error (error, local->domain, local->code, "writing '%s' failed "
      "after %" G_GINT64_FORMAT " bytes: %s", self->path, (gint64) self->whole,
      local->message);
  g_error_free (local);
  return FALSE;
}

static gboolean
file_publish (GvajsPublisher * publisher, const gchar * json, GError ** error)
{
  FilePublisher *self = (FilePublisher *) publisher;
  gchar *chunk;
  gboolean ok;

  if (self->format == GVAJS_FILE_FORMAT_JSON_LINES)
    chunk = g_strconcat (json, "\n", NULL);
  else
    chunk = g_strconcat (publisher->published ? ",\n" : "[\n", json, NULL);
  ok = write_chunk (self, chunk, error);
  g_free (chunk);
  if (ok)
    publisher->published++;
  else
    publisher->dropped++;
  return ok;
}

static gboolean
file_flush (GvajsPublisher * publisher, GError ** error)
{
  FilePublisher *self = (FilePublisher *) publisher;

  return g_output_stream_flush (self->out, NULL, error);
}

static void
file_close (GvajsPublisher * publisher)
{
  FilePublisher *self = (FilePublisher *) publisher;
  GError *error = NULL;

  /* Closes the array: an empty one when nothing came. */
  if (self->format == GVAJS_FILE_FORMAT_JSON && !write_chunk (self,
          publisher->published ? "\n]\n" : "[]\n", &error)) {
    g_warning ("gvajspublish: %s", error->message);
    g_clear_error (&error);
  }
  g_object_unref (self->out);
  g_free (self->path);
}

static const GvajsPublisherClass file_class = {
  file_publish, file_flush, file_close,
};

GvajsPublisher *
gvajs_file_publisher_new (const gchar * path, GvajsFileFormat format,
    GError ** error)
{
  gboolean to_stdout = g_strcmp0 (path, "stdout") == 0 ||
      g_strcmp0 (path, "-") == 0;
  FilePublisher *self;
  gint fd;

  if (path == NULL || *path == '\0') {
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
        "property 'file-path' is empty: name a file, or stdout");
    return NULL;
  }
  fd = to_stdout ? STDOUT_FILENO : open (path, O_WRONLY | O_CREAT | O_TRUNC |
      O_CLOEXEC | O_NOCTTY, 0644);
  if (fd < 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot open '%s' for writing: %s", path, g_strerror (errno));
    return NULL;
  }
  self = g_new0 (FilePublisher, 1);
  self->base.klass = &file_class;
  self->fd = fd;
  self->out = g_unix_output_stream_new (fd, !to_stdout);
  self->regular = !to_stdout && lseek (fd, 0, SEEK_CUR) == 0;
  self->path = g_strdup (to_stdout ? "stdout" : path);
  self->format = format;
  return &self->base;
}
