/* SPDX-License-Identifier: MIT */
/* Names between JS strings and GQuarks, both ways, without converting the
 * same string twice in a context.
 *
 * A script names things with literals: addRegion(…, "face"),
 * set("confidence", …), addTensor("classification"). QuickJS gives a
 * literal as the same interned string each time it runs, so the quark of
 * a string is kept by the string's identity (held, so it cannot be freed
 * and its address reused), in a small table per context: a name met
 * again costs a pointer compare instead of a UTF-8 conversion, the
 * checks and two hash lookups. The other way, a quark read from metadata
 * (a region's label, a tensor's name) becomes a JS string once, as an
 * atom, and then costs a reference. Depends on value, names and host. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

/* The quark of the name @value, checked as value.c's _gvajs_get_text and
 * then, with @kind (e.g. "field name"), as a non-empty name
 * _gvajs_check_gst_name accepts, else as a label (any text), and admitted
 * (names.h). 0 after throwing a
 * message naming @fn and @param; a non-string is a TypeError. */
G_GNUC_INTERNAL GQuark _gvajs_get_name (JSContext * ctx, const gchar * fn,
    const gchar * param, const gchar * kind, JSValueConst value);

/* The string of @quark ("" for 0). */
G_GNUC_INTERNAL JSValue _gvajs_name_to_js (JSContext * ctx, GQuark quark);

G_END_DECLS
