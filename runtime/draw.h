/* SPDX-License-Identifier: MIT */
/* Drawing on the frame: the `draw` object of the "gvajs" module (rect,
 * line, polygon, circle, text, measureText). Depends on frame.h,
 * raster.h and font.h. */
#pragma once

#include "frame.h"

G_BEGIN_DECLS

/* Exported by module.c: one entry, the `draw` object. */
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_draw_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_draw_n_funcs;

G_END_DECLS
