/* SPDX-License-Identifier: MIT */
/* Native math helpers over typed arrays (argmax, softmax, nms, ...),
 * exported by the "gvajs" module. Depends on value.h. */
#pragma once

#include "value.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_helpers_funcs[];

G_GNUC_INTERNAL extern const gint _gvajs_helpers_n_funcs;

/* "OpenBLAS 0.3.21", or "none (gvajs kernel)": what matMul runs on. */
G_GNUC_INTERNAL const gchar *_gvajs_helpers_blas (void);

G_END_DECLS
