/* SPDX-License-Identifier: MIT */
/* JS exceptions and values as text for users: GErrors whose first line is
 * "file:line:col: Name: message (in what)" with the stack after it, and
 * the display form console and warnings print. Depends on host.h and
 * sourcemap.h. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

/* Takes the pending exception out of @ctx and sets @error (domain
 * GVAJS_RUNTIME_ERROR, @code) from it; @context says what was running. */
G_GNUC_INTERNAL void _gvajs_take_exception (JSContext * ctx, GError ** error,
    gint code, const gchar * context);
/* @value as console.log shows it. Free with g_free(). */
G_GNUC_INTERNAL gchar *_gvajs_value_to_display (JSContext * ctx,
    JSValueConst value);

G_END_DECLS
