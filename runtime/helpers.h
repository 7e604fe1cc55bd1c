/* SPDX-License-Identifier: MIT */
/* Native math helpers over typed arrays (argmax, softmax, nms, ...),
 * exported by the "gvajs" module. Depends on value.h. */
#pragma once

#include "value.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_helpers_funcs[];

/* Float dot products, with AVX2 + FMA where the CPU has them (matVec's
 * and matrix.c's kernels): @a · @b over @n elements, and four rows of a
 * row-major matrix (@stride apart) times @b into @out. */
G_GNUC_INTERNAL double _gvajs_dot_f32 (const gfloat * a, const gfloat * b,
    gsize n);
G_GNUC_INTERNAL void _gvajs_dot4_f32 (const gfloat * m, gsize stride,
    const gfloat * b, gsize n, double *out);
G_GNUC_INTERNAL extern const gint _gvajs_helpers_n_funcs;

/* "OpenBLAS 0.3.21", or "none (gvajs kernel)": what matMul runs on. */
G_GNUC_INTERNAL const gchar *_gvajs_helpers_blas (void);

G_END_DECLS
