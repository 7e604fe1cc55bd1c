/* SPDX-License-Identifier: MIT */
/* Reading a file a script named (a module, an import, a source map, a
 * readText path) without the traps of special files: only regular files,
 * opened without blocking (a FIFO would wait for a writer forever), and
 * only up to a size (/dev/zero never ends). Depends on nothing else in
 * runtime/. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps, imports and modules bigger than this are refused. */
#define GVAJS_MAX_SOURCE_SIZE (64 * 1024 * 1024)

/* Why a file was refused; the system's own reasons are G_FILE_ERRORs. */
#define GVAJS_READ_FILE_ERROR (_gvajs_read_file_error_quark ())
typedef enum
{
  GVAJS_READ_FILE_ERROR_NOT_REGULAR,
  GVAJS_READ_FILE_ERROR_TOO_BIG,
} GvajsReadFileError;

G_GNUC_INTERNAL GQuark _gvajs_read_file_error_quark (void);

/* Reads @path into @contents (NUL-terminated, free with g_free()) when it
 * is a regular file of at most @max_size bytes. Otherwise FALSE with
 * @error set: the system's reason, "not a regular file", or "larger than
 * N bytes". */
G_GNUC_INTERNAL gboolean _gvajs_read_file (const gchar * path,
    gsize max_size, gchar ** contents, gsize * length, GError ** error);

G_END_DECLS
