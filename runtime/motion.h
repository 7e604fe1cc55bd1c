/* SPDX-License-Identifier: MIT */
/* Moving objects for static cameras, exported by the "gvajs" module:
 * foreground() (a per-pixel background model that the script keeps in a
 * Float32Array) and blobs() (boxes of the connected parts of a mask).
 * Depends on frame.h. */
#pragma once

#include "frame.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_motion_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_motion_n_funcs;

G_END_DECLS
