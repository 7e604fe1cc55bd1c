/* SPDX-License-Identifier: MIT */
/* The gallery match's products, each an eight-lane sum along the rows
 * themselves: no packing of either matrix and no output scaling, which is
 * a quarter of what OpenBLAS's sgemm spends on 50 × 256 by 100 × 256 (its
 * copy and beta routines). Blocks of 3 rows of a by 4 of b keep 12
 * accumulators and the 3 rows' vectors in the 16 AVX registers: 7 loads
 * for 12 multiply-adds, so the two FMA units, not the loads, set the
 * pace. The 4 rows of b stay in L1 while the rows of a go by. */
#include "match.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define AVX2_FMA __attribute__ ((target ("avx2,fma")))

gboolean
_gvajs_match_runs (gsize k)
{
  return k >= 32 && __builtin_cpu_supports ("avx2") &&
      __builtin_cpu_supports ("fma");
}

/* The sums of the 8 lanes of each of w, x, y, z, in that order. */
AVX2_FMA static inline __m128
lane_sums (__m256 w, __m256 x, __m256 y, __m256 z)
{
  __m256 q = _mm256_hadd_ps (_mm256_hadd_ps (w, x), _mm256_hadd_ps (y, z));

  return _mm_add_ps (_mm256_castps256_ps128 (q),
      _mm256_extractf128_ps (q, 1));
}

/* What the lanes left out: the last @k % 8 products of @x and @y. */
static gfloat
tail (const gfloat * x, const gfloat * y, gsize k)
{
  gfloat sum = 0;
  gsize c;

  for (c = k - k % 8; c < k; c++)
    sum += x[c] * y[c];
  return sum;
}

static void
add_tails (const gfloat * a, gsize rows, const gfloat * b, gsize cols,
    gsize k, gfloat * out, gsize ld)
{
  gsize i, j;

  if (k % 8 == 0)
    return;
  for (i = 0; i < rows; i++)
    for (j = 0; j < cols; j++)
      out[i * ld + j] += tail (a + i * k, b + j * k, k);
}

AVX2_FMA static void
block_3x4 (const gfloat * a, const gfloat * b, gsize k, gfloat * out,
    gsize ld)
{
  const gfloat *a1 = a + k, *a2 = a1 + k;
  const gfloat *b1 = b + k, *b2 = b1 + k, *b3 = b2 + k;
  __m256 s00 = _mm256_setzero_ps (), s01 = s00, s02 = s00, s03 = s00;
  __m256 s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  __m256 s20 = s00, s21 = s00, s22 = s00, s23 = s00;
  gsize c;

  for (c = 0; c + 8 <= k; c += 8) {
    __m256 x0 = _mm256_loadu_ps (a + c), x1 = _mm256_loadu_ps (a1 + c);
    __m256 x2 = _mm256_loadu_ps (a2 + c), y;

    y = _mm256_loadu_ps (b + c);
    s00 = _mm256_fmadd_ps (x0, y, s00);
    s10 = _mm256_fmadd_ps (x1, y, s10);
    s20 = _mm256_fmadd_ps (x2, y, s20);
    y = _mm256_loadu_ps (b1 + c);
    s01 = _mm256_fmadd_ps (x0, y, s01);
    s11 = _mm256_fmadd_ps (x1, y, s11);
    s21 = _mm256_fmadd_ps (x2, y, s21);
    y = _mm256_loadu_ps (b2 + c);
    s02 = _mm256_fmadd_ps (x0, y, s02);
    s12 = _mm256_fmadd_ps (x1, y, s12);
    s22 = _mm256_fmadd_ps (x2, y, s22);
    y = _mm256_loadu_ps (b3 + c);
    s03 = _mm256_fmadd_ps (x0, y, s03);
    s13 = _mm256_fmadd_ps (x1, y, s13);
    s23 = _mm256_fmadd_ps (x2, y, s23);
  }
  _mm_storeu_ps (out, lane_sums (s00, s01, s02, s03));
  _mm_storeu_ps (out + ld, lane_sums (s10, s11, s12, s13));
  _mm_storeu_ps (out + 2 * ld, lane_sums (s20, s21, s22, s23));
  add_tails (a, 3, b, 4, k, out, ld);
}

/* One row of a by 4 of b: the rows left over after the blocks of 3. */
AVX2_FMA static void
block_1x4 (const gfloat * a, const gfloat * b, gsize k, gfloat * out)
{
  const gfloat *b1 = b + k, *b2 = b1 + k, *b3 = b2 + k;
  __m256 s0 = _mm256_setzero_ps (), s1 = s0, s2 = s0, s3 = s0;
  gsize c;

  for (c = 0; c + 8 <= k; c += 8) {
    __m256 x = _mm256_loadu_ps (a + c);

    s0 = _mm256_fmadd_ps (x, _mm256_loadu_ps (b + c), s0);
    s1 = _mm256_fmadd_ps (x, _mm256_loadu_ps (b1 + c), s1);
    s2 = _mm256_fmadd_ps (x, _mm256_loadu_ps (b2 + c), s2);
    s3 = _mm256_fmadd_ps (x, _mm256_loadu_ps (b3 + c), s3);
  }
  _mm_storeu_ps (out, lane_sums (s0, s1, s2, s3));
  add_tails (a, 1, b, 4, k, out, 0);
}

/* One row by one: the last n % 4 rows of b. */
AVX2_FMA static gfloat
dot_1x1 (const gfloat * a, const gfloat * b, gsize k)
{
  __m256 s = _mm256_setzero_ps (), zero = s;
  gfloat sums[4];
  gsize c;

  for (c = 0; c + 8 <= k; c += 8)
    s = _mm256_fmadd_ps (_mm256_loadu_ps (a + c), _mm256_loadu_ps (b + c),
        s);
  _mm_storeu_ps (sums, lane_sums (s, zero, zero, zero));
  return sums[0] + tail (a, b, k);
}

AVX2_FMA void
_gvajs_match_products (const gfloat * a, gsize m, const gfloat * b, gsize n,
    gsize k, gfloat * out, gsize ld)
{
  gsize i, j;

  for (j = 0; j + 4 <= n; j += 4) {
    for (i = 0; i + 3 <= m; i += 3)
      block_3x4 (a + i * k, b + j * k, k, out + i * ld + j, ld);
    for (; i < m; i++)
      block_1x4 (a + i * k, b + j * k, k, out + i * ld + j);
  }
  for (; j < n; j++)
    for (i = 0; i < m; i++)
      out[i * ld + j] = dot_1x1 (a + i * k, b + j * k, k);
}

#else

gboolean
_gvajs_match_runs (G_GNUC_UNUSED gsize k)
{
  return FALSE;
}

void
_gvajs_match_products (G_GNUC_UNUSED const gfloat * a, G_GNUC_UNUSED gsize m,
    G_GNUC_UNUSED const gfloat * b, G_GNUC_UNUSED gsize n,
    G_GNUC_UNUSED gsize k, G_GNUC_UNUSED gfloat * out,
    G_GNUC_UNUSED gsize ld)
{
  g_return_if_reached ();
}

#endif
