/* SPDX-License-Identifier: MIT */
/* readText(), readJSON(), writeText(), appendText() and writeJSON(),
 * exported by the "gvajs" module, limited to the allow-read and
 * allow-write folders, and the rule imports follow too. Depends on
 * host.h, value.h, readfile.h and writefile.h. */
#pragma once

#include "host.h"

G_BEGIN_DECLS

/* The canonical form of each folder of @dirs (nullable), NULL-terminated
 * (free with g_strfreev), or NULL with @error set, naming @property, when
 * one is not an existing folder. */
G_GNUC_INTERNAL gchar **_gvajs_files_canonicalize (const gchar * const *dirs,
    const gchar * property, GError ** error);

/* The real path of @path (relative to the module's folder) when it lies
 * in an allow-read folder or, with @module_tree, in the module's folder;
 * otherwise NULL with @error set (G_FILE_ERROR). */
G_GNUC_INTERNAL gchar *_gvajs_files_resolve (JSContext * ctx,
    const gchar * path, gboolean module_tree, GError ** error);

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_files_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_files_n_funcs;

G_END_DECLS
