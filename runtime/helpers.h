/* SPDX-License-Identifier: MIT */
/* Native math helpers over typed arrays (argmax, softmax, nms, ...),
 * exported by the "gvajs" module. Depends on value.h. */
#pragma once

#include "value.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_helpers_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_helpers_n_funcs;

G_END_DECLS
