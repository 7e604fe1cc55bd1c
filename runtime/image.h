/* SPDX-License-Identifier: MIT */
/* Helpers over a frame's pixels (cropResize, regionStats), exported by
 * the "gvajs" module. Depends on frame.h. */
#pragma once

#include "frame.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_image_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_image_n_funcs;

G_END_DECLS
