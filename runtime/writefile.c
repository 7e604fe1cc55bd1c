/* SPDX-License-Identifier: MIT */
/* See writefile.h. */
#include "writefile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (gvajs-write-file-error-quark, _gvajs_write_file_error);

static gboolean
fail_errno (GError ** error, gint saved)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved),
      g_strerror (saved));
  return FALSE;
}

/* Writes all @length bytes or fails with errno set (a full disk shows as
 * a short write, then ENOSPC). */
static gboolean
write_all (gint fd, const gchar * data, gsize length)
{
  gssize n;

  while (length > 0) {
    n = write (fd, data, length);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = ENOSPC;
      return FALSE;
    }
    data += n;
    length -= n;
  }
  return TRUE;
}

/* Refuses what is there at @path unless it is a regular file (or
 * nothing): a link would lead elsewhere, a FIFO would block. */
static gboolean
check_target (const gchar * path, GError ** error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT ? TRUE : fail_errno (error, errno);
  if (S_ISREG (st.st_mode))
    return TRUE;
  g_set_error (error, GVAJS_WRITE_FILE_ERROR, GVAJS_WRITE_FILE_ERROR_REFUSED,
      "%s",
      S_ISLNK (st.st_mode) ? "it is a symbolic link" :
      "it is not a regular file");
  return FALSE;
}

gboolean
_gvajs_write_file (const gchar * path, const gchar * data, gsize length,
    GError ** error)
{
  gchar *dir = g_path_get_dirname (path), *base = g_path_get_basename (path);
  gchar *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  gint fd, saved = 0;

  g_free (dir);
  g_free (base);
  if (!check_target (path, error)) {
    g_free (tmp);
    return FALSE;
  }
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0) {
    g_free (tmp);
    return fail_errno (error, errno);
  }
  /* Synced before the rename: after a crash the file is old or new. */
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    saved = errno;
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp, path) != 0)
    saved = errno;
  if (saved != 0)
    g_unlink (tmp);
  g_free (tmp);
  return saved == 0 ? TRUE : fail_errno (error, saved);
}

gboolean
_gvajs_append_file (const gchar * path, const gchar * data, gsize length,
    GError ** error)
{
  struct stat st;
  gint fd, saved = 0;

  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
      O_CLOEXEC, 0644);
  if (fd < 0) {
    /* A link (ELOOP) or a FIFO without a reader (ENXIO) says what it is. */
    saved = errno;
    return check_target (path, error) ? fail_errno (error, saved) : FALSE;
  }
  if (fstat (fd, &st) != 0) {
    saved = errno;
  } else if (!S_ISREG (st.st_mode)) {
    close (fd);
    return check_target (path, error);
  } else if (!write_all (fd, data, length)) {
    saved = errno;
    /* Nothing half-written stays: back to the old end. */
    if (ftruncate (fd, st.st_size) != 0)
      g_warning ("gvajs: could not cut '%s' back to %" G_GINT64_FORMAT
          " bytes after a failed append", path, (gint64) st.st_size);
  }
  close (fd);
  return saved == 0 ? TRUE : fail_errno (error, saved);
}
