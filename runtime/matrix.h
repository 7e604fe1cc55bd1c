/* SPDX-License-Identifier: MIT */
/* Matrix helpers (matMul, rowArgmax), exported by the "gvajs" module,
 * and the BLAS they run on. Depends on helpers.h and scope.h. */
#pragma once

#include "value.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_matrix_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_matrix_n_funcs;

/* "OpenBLAS 0.3.21", or "none (gvajs kernel)": what matMul runs on. */
G_GNUC_INTERNAL const gchar *_gvajs_matrix_blas (void);

G_END_DECLS
