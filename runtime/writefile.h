/* SPDX-License-Identifier: MIT */
/* Writing a file a script named, so that a failure never leaves half of
 * it: a replaced file changes all at once (a temporary file in the same
 * folder, written whole and synced, then renamed over it), an append adds
 * all of its bytes or none. Symbolic links and special files are refused,
 * never followed or opened for a blocking write. Depends on nothing else
 * in runtime/. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A path refused before anything was written (a link, a special file);
 * the system's reasons are G_FILE_ERRORs. */
#define GVAJS_WRITE_FILE_ERROR (_gvajs_write_file_error_quark ())
#define GVAJS_WRITE_FILE_ERROR_REFUSED 0

G_GNUC_INTERNAL GQuark _gvajs_write_file_error_quark (void);

/* Replaces @path's contents with @length bytes of @data. On failure @path
 * is as it was and FALSE is returned with @error set (G_FILE_ERROR, the
 * system's reason). */
G_GNUC_INTERNAL gboolean _gvajs_write_file (const gchar * path,
    const gchar * data, gsize length, GError ** error);

/* Appends @length bytes of @data to @path, created when missing. On
 * failure the file is cut back to its old length: FALSE with @error set. */
G_GNUC_INTERNAL gboolean _gvajs_append_file (const gchar * path,
    const gchar * data, gsize length, GError ** error);

G_END_DECLS
