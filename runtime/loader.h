/* SPDX-License-Identifier: MIT */
/* Module loading: the user's module and its relative imports from files,
 * the built-in "gvajs" by name, nothing else. Depends on errors.h,
 * files.h and readfile.h. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

G_GNUC_INTERNAL void _gvajs_loader_install (JSRuntime * rt);
/* Reads and compiles @path as an ES module without running it. Returns the
 * module, owned by the runtime, or NULL with @error set. */
G_GNUC_INTERNAL JSModuleDef *_gvajs_compile_file (JSContext * ctx,
    const gchar * path, GError ** error);

G_END_DECLS
