/* SPDX-License-Identifier: MIT */
/* Dot products of every row of one matrix with every row of another, in
 * an AVX2 + FMA kernel for the shapes of a gallery match (tens of faces,
 * hundreds to thousands of identities, embeddings of 32 values or more).
 * No JS, no dependencies: the bench floor builds it too. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether _gvajs_match_products() runs here: an x86-64 CPU with AVX2 and
 * FMA, and rows of at least 32 values (under that the sums' reduction
 * costs more than the products, and a BLAS does better). */
G_GNUC_INTERNAL gboolean _gvajs_match_runs (gsize k);

/* out[i * @ld + j] = the dot product of row i of @a (@m rows) and row j of
 * @b (@n rows), all rows of @k floats, row-major: a · bᵀ. Summed in single
 * precision, eight lanes per row pair. Only where _gvajs_match_runs (@k).
 * Keep @m × @k and @n × @k to a few hundred KiB (one core's L2): the
 * caller blocks larger matrices. */
G_GNUC_INTERNAL void _gvajs_match_products (const gfloat * a, gsize m,
    const gfloat * b, gsize n, gsize k, gfloat * out, gsize ld);

G_END_DECLS
