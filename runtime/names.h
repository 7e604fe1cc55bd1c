/* SPDX-License-Identifier: MIT */
/* Names a script makes GStreamer intern.
 *
 * Region labels are GQuarks on the wire (a ROI meta's roi_type, an ODMtd's
 * type), and tensor and field names are too on GStreamer 1.22; GLib never
 * frees a quark. A script that makes up a new label per frame would grow
 * the process without end, outside any memory limit: names that are not
 * interned yet are admitted up to a process-wide count and size, past
 * which the native throws. Depends on nothing of gvajs. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

/* How many new names, and how many bytes of them, all gvajs elements of a
 * process may have interned. */
#define GVAJS_MAX_NEW_NAMES 16384
#define GVAJS_MAX_NEW_NAME_BYTES (1024 * 1024)

/* TRUE when @name is interned already or may be; otherwise throws a
 * RangeError naming @fn and returns FALSE. */
G_GNUC_INTERNAL gboolean _gvajs_names_admit (JSContext * ctx,
    const gchar * fn, const gchar * name);

G_END_DECLS
