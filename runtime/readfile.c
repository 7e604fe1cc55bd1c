/* SPDX-License-Identifier: MIT */
/* See readfile.h. */
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (gvajs-read-file-error-quark, _gvajs_read_file_error);

static gboolean
fail (GError ** error, GQuark domain, gint code, const gchar * message)
{
  g_set_error_literal (error, domain, code, message);
  return FALSE;
}

/* Reads exactly what fstat() said, or less if the file shrank. */
static gboolean
read_all (gint fd, gsize size, gchar ** contents, gsize * length,
    GError ** error)
{
  gchar *buffer = g_malloc (size + 1);
  gsize done = 0;
  gssize n;

  while (done < size) {
    n = read (fd, buffer + done, size - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      gint saved = errno;
      g_free (buffer);
      return fail (error, G_FILE_ERROR, g_file_error_from_errno (saved),
          g_strerror (saved));
    }
    if (n == 0)
      break;
    done += n;
  }
  buffer[done] = '\0';
  *contents = buffer;
  *length = done;
  return TRUE;
}

gboolean
_gvajs_read_file (const gchar * path, gsize max_size, gchar ** contents,
    gsize * length, GError ** error)
{
  struct stat st;
  gboolean ok;
  gchar *message;
  gint fd;

  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return fail (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        g_strerror (errno));
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    close (fd);
    return fail (error, GVAJS_READ_FILE_ERROR,
        GVAJS_READ_FILE_ERROR_NOT_REGULAR, "not a regular file");
  }
  if ((guint64) st.st_size > max_size) {
    close (fd);
    message = g_strdup_printf ("larger than %" G_GSIZE_FORMAT " bytes",
        max_size);
    ok = fail (error, GVAJS_READ_FILE_ERROR, GVAJS_READ_FILE_ERROR_TOO_BIG,
        message);
    g_free (message);
    return ok;
  }
  ok = read_all (fd, st.st_size, contents, length, error);
  close (fd);
  return ok;
}
