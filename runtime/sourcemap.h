/* SPDX-License-Identifier: MIT */
/* Maps a JS stack's locations to the TypeScript sources of the modules'
 * source maps. Depends on value.h and readfile.h. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

/* Takes @stack (owned, nullable) and returns it mapped (owned). */
G_GNUC_INTERNAL gchar *_gvajs_source_map_stack (JSContext * ctx,
    gchar * stack);

G_END_DECLS
