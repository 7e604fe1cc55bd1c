/* SPDX-License-Identifier: MIT */
/* Accumulation of the `arg` and `kwarg` properties, with gvapython's
 * semantics: each set parses JSON; an array extends `arg`, any other value is
 * appended to it; an object is merged into `kwarg`, later keys winning. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean gst_gva_js_args_append (JsonArray * args, const gchar * json,
    GError ** error);
gboolean gst_gva_js_kwargs_update (JsonObject * kwargs, const gchar * json,
    GError ** error);
gchar *gst_gva_js_json_array_to_string (JsonArray * array);
gchar *gst_gva_js_json_object_to_string (JsonObject * object);

G_END_DECLS
