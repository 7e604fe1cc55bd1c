/* SPDX-License-Identifier: MIT */
/* gst-check tests of the native helpers of the module "gvajs": each one
 * against a plain JS reference on seeded random inputs (the references
 * live in tests/fixtures/helpers/), and each bad argument for its message.
 * The fixtures print "ok <name> <cases>" or "FAIL ..." through console.log. */
#include "gvajs-test-utils.h"

#include <gst/video/video.h>
#include <string.h>

#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"

/* What @function of @fixture printed for @n frames of @caps, each buffer
 * made by @make (or 24 bytes of the frame index). Fails, showing the
 * output (where the fixtures print their mismatches), when a push fails. */
static gchar *
run_js (const gchar * fixture, const gchar * function, const gchar * caps,
    guint n, GstBuffer * (*make) (guint i))
{
  /* The JS references are slow on purpose (plain loops), and slower still
   * under AddressSanitizer: the default one-second budget is not theirs. */
  gchar *extra = g_strdup_printf ("function=%s time-budget=120000",
      function), *out;
  GstFlowReturn ret = GST_FLOW_OK;
  GstHarness *h;
  GstBuffer *buf;
  guint i;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (fixture, extra, caps);
  for (i = 0; i < n && ret == GST_FLOW_OK; i++) {
    buf = make ? make (i) : gvajs_test_buffer (24, i, i * GST_SECOND / 30);
    ret = gst_harness_push (h, buf);
  }
  gst_harness_teardown (h);
  g_free (extra);
  out = gvajs_test_capture_output_stop ();
  fail_unless (ret == GST_FLOW_OK, "%s of %s over %s: push returned %s, "
      "output:\n%s", function, fixture, caps, gst_flow_get_name (ret), out);
  return out;
}

static void
check_math (const gchar * function, const gchar * expected)
{
  gchar *out = run_js ("helpers/math.js", function, RGB_CAPS, 1, NULL);

  fail_unless_equals_string (out, expected);
  g_free (out);
}

GST_START_TEST (test_argmax_matches_reference)
{
  check_math ("test_argmax", "ok argmax 300\n");
}

GST_END_TEST;

GST_START_TEST (test_top_k_matches_reference)
{
  check_math ("test_topk", "ok topK 300\n");
}

GST_END_TEST;

GST_START_TEST (test_softmax_matches_reference)
{
  check_math ("test_softmax", "ok softmax 200\n");
}

GST_END_TEST;

GST_START_TEST (test_sigmoid_matches_reference)
{
  check_math ("test_sigmoid", "ok sigmoid 200\n");
}

GST_END_TEST;

GST_START_TEST (test_l2normalize_matches_reference)
{
  check_math ("test_l2normalize", "ok l2normalize 200\n");
}

GST_END_TEST;

GST_START_TEST (test_dot_and_cosine_match_reference)
{
  check_math ("test_dot_cosine", "ok dot 300\n");
}

GST_END_TEST;

GST_START_TEST (test_mat_vec_matches_reference)
{
  check_math ("test_matvec", "ok matVec 100\n");
}

GST_END_TEST;

GST_START_TEST (test_mat_mul_matches_reference)
{
  check_math ("test_matmul", "ok matMul 30\n");
}

GST_END_TEST;

GST_START_TEST (test_row_argmax_matches_reference)
{
  check_math ("test_row_argmax", "ok rowArgmax 100\n");
}

GST_END_TEST;

GST_START_TEST (test_best_match_matches_reference)
{
  check_math ("test_best_match", "ok bestMatch 60\n");
}

GST_END_TEST;

GST_START_TEST (test_best_match_is_row_argmax_of_mat_mul)
{
  check_math ("test_best_match_is_row_argmax",
      "ok bestMatch = rowArgmax(matMul) 4\n");
}

GST_END_TEST;

GST_START_TEST (test_nms_matches_reference)
{
  check_math ("test_nms", "ok nms 300\n");
}

GST_END_TEST;

static const gchar *const math_errors[] = {
  "argmax() -> TypeError: argmax(): a must be a typed array of numbers "
      "(Float32Array, Float64Array, Int32Array, Uint8Array, ...), not "
      "undefined\n",
  "argmax([1,2]) -> TypeError: argmax(): a must be a typed array of numbers "
      "(Float32Array, Float64Array, Int32Array, Uint8Array, ...), not an "
      "Array (use a Float32Array)\n",
  "argmax('x') -> TypeError: argmax(): a must be a typed array of numbers "
      "(Float32Array, Float64Array, Int32Array, Uint8Array, ...), not a "
      "string\n",
  "argmax(BigInt64Array) -> TypeError: argmax(): a must be a typed array of "
      "numbers (Float32Array, Float64Array, Int32Array, Uint8Array, ...), "
      "not a BigInt64Array\n",
  "argmax(DataView) -> TypeError: argmax(): a must be a typed array of "
      "numbers (Float32Array, Float64Array, Int32Array, Uint8Array, ...), "
      "not an object\n",
  "argmax(empty) -> RangeError: argmax(): a is empty\n",
  "topK(a,'2') -> TypeError: topK(): k must be a number, not a string\n",
  "topK(a,0) -> RangeError: topK(): k must be an integer from 1 to 2, not 0\n",
  "topK(a,3) -> RangeError: topK(): k must be an integer from 1 to 2, not 3\n",
  "topK(a,1.5) -> RangeError: topK(): k must be an integer from 1 to 2, "
      "not 1.5\n",
  "topK(a,NaN) -> RangeError: topK(): k must be an integer from 1 to 2, "
      "not NaN\n",
  "dot(a,b) lengths -> RangeError: dot(): b has 2 elements but a has 3\n",
  "dot(empty,empty) -> RangeError: dot(): a is empty\n",
  "dot(a,null) -> TypeError: dot(): b must be a typed array of numbers "
      "(Float32Array, Float64Array, Int32Array, Uint8Array, ...), not null\n",
  "cosine(a,{}) -> TypeError: cosine(): b must be a typed array of numbers "
      "(Float32Array, Float64Array, Int32Array, Uint8Array, ...), not an "
      "object\n",
  "cosine lengths -> RangeError: cosine(): b has 2 elements but a has 1\n",
  "softmax(a,Int32Array) -> TypeError: softmax(): out must be a Float32Array "
      "or a Float64Array, not an Int32Array\n",
  "softmax(a,short out) -> RangeError: softmax(): out has 1 elements but the "
      "result has 2\n",
  "sigmoid(overlapping out) -> RangeError: sigmoid(): out shares memory with "
      "a without being the same array; pass a itself to work in place\n",
  "l2normalize(Float64 view as out of Float32) -> RangeError: l2normalize(): "
      "out shares memory with a without being the same array",
  "l2normalize(empty) -> RangeError: l2normalize(): a is empty\n",
  "matMul(k 0) -> RangeError: matMul(): k must be an integer from 1 to "
      "2147483647, not 0\n",
  "matMul(Float64Array) -> TypeError: matMul(): a must be a Float32Array, "
      "not a Float64Array\n",
  "matMul(not rows) -> RangeError: matMul(): a has 3 elements, which is not "
      "a whole number of rows of 2\n",
  "matMul(short out) -> RangeError: matMul(): out must be a Float32Array of "
      "1 × 1 elements\n",
  "matMul(out over a) -> RangeError: matMul(): out shares memory with a or "
      "b\n",
  "rowArgmax(cols 1.5) -> RangeError: rowArgmax(): cols must be an integer "
      "from 1 to 2147483647, not 1.5\n",
  "rowArgmax(not rows) -> RangeError: rowArgmax(): m has 3 elements, which "
      "is not a whole number of rows of 2\n",
  "rowArgmax(Float32 out) -> RangeError: rowArgmax(): out must be an "
      "Int32Array of 1 elements (one per row)\n",
  "rowArgmax(Int32 max) -> TypeError: rowArgmax(): max must be a "
      "Float32Array or Float64Array, not an Int32Array\n",
  "rowArgmax(short max) -> RangeError: rowArgmax(): max has 1 elements, not "
      "one per row (2)\n",
  "bestMatch(k -1) -> RangeError: bestMatch(): k must be an integer from 1 "
      "to 2147483647, not -1\n",
  "bestMatch(Int8Array b) -> TypeError: bestMatch(): b must be a "
      "Float32Array, not an Int8Array\n",
  "bestMatch(not rows) -> RangeError: bestMatch(): b has 3 elements, which "
      "is not a whole number of rows of 2\n",
  "bestMatch(empty a) -> RangeError: bestMatch(): a has 0 elements, which "
      "is not a whole number of rows of 2\n",
  "bestMatch(Float32 out) -> RangeError: bestMatch(): out must be an "
      "Int32Array of 1 elements (one per row of a)\n",
  "bestMatch(short max) -> RangeError: bestMatch(): max has 1 elements, not "
      "one per row (2)\n",
  "bestMatch(max over a) -> RangeError: bestMatch(): max shares memory with "
      "a or b\n",
  "bestMatch(out over b) -> RangeError: bestMatch(): out shares memory with "
      "a or b\n",
  "matVec(m,v) not multiple -> RangeError: matVec(): matrix has 3 elements, "
      "which is not a whole number of rows of vec.length (2)\n",
  "matVec(m,empty) -> RangeError: matVec(): vec is empty\n",
  "matVec(m,v,out=m) -> RangeError: matVec(): out shares memory with matrix "
      "or vec\n",
  "matVec(m,v,short out) -> RangeError: matVec(): out has 1 elements but the "
      "result has 2\n",
  "nms(boxes,scores) lengths -> RangeError: nms(): boxes has 5 numbers but "
      "needs 4 (x1, y1, x2, y2) for each of the 2 scores\n",
  "nms(NaN) -> RangeError: nms(): iouThreshold must be from 0 to 1, not "
      "NaN\n",
  "nms(1.5) -> RangeError: nms(): iouThreshold must be from 0 to 1, not "
      "1.5\n",
  "nms('0.5') -> TypeError: nms(): iouThreshold must be a number, not a "
      "string\n",
  "nms(maxOutput -1) -> RangeError: nms(): maxOutput must be an integer from "
      "0 to 2147483647, not -1\n",
  "nms(boxes Array) -> TypeError: nms(): boxes must be a typed array of "
      "numbers (Float32Array, Float64Array, Int32Array, Uint8Array, ...), "
      "not an Array (use a Float32Array)\n",
  "nms empty length 0\nnms(empty) -> no error\n",
};

GST_START_TEST (test_math_bad_arguments_have_clear_errors)
{
  gchar *out = run_js ("helpers/math.js", "errors_arrays", RGB_CAPS, 1, NULL);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (math_errors); i++)
    assert_contains (out, math_errors[i]);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_math_over_frame_bytes_then_detached)
{
  gchar *out = run_js ("helpers/math.js", "frame_views", RGB_CAPS, 2, NULL);

  /* Frame 0 is all zeros: the first byte wins. */
  assert_contains (out, "argmax over frame bytes 0 of 24\n");
  assert_contains (out, "argmax(detached) -> TypeError: ");
  fail_if (strstr (out, "no error") != NULL, "%s", out);
  g_free (out);
}

GST_END_TEST;

/* ---- frame helpers ---- */

/* The frame every pushed buffer gets in the image tests: random bytes in
 * the layout of @caps, with rows padded and a GstVideoMeta that says so
 * when @padded, as decoders and pools make them. */
static struct
{
  const gchar *caps;
  gboolean padded;
  gint fill;                    /* every byte this value, or -1 for random */
} frame_spec;

static GstBuffer *
make_frame (guint index)
{
  GstBuffer *buf = gvajs_test_video_buffer (frame_spec.caps,
      frame_spec.padded, frame_spec.fill, index + 1, NULL);

  GST_BUFFER_PTS (buf) = index * GST_SECOND / 30;
  return buf;
}

static const gchar *const image_formats[] = {
  "RGB", "BGR", "RGBA", "BGRx", "xRGB", "GRAY8", "I420", "NV12", "YUY2",
};

/* Runs @function of image.js over a random 13x9 frame of each format,
 * @padded or not, and checks it printed "ok <name> <format> 80". */
static void
check_image (const gchar * function, const gchar * name, gboolean padded)
{
  gchar *caps, *out, *expected;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (image_formats); i++) {
    caps = g_strdup_printf ("video/x-raw,format=%s,width=13,height=9,"
        "framerate=30/1,colorimetry=%s", image_formats[i],
        g_str_has_prefix (image_formats[i], "I") ||
        g_str_has_prefix (image_formats[i], "N") ||
        g_str_has_prefix (image_formats[i], "Y") ? "bt601" : "sRGB");
    frame_spec.caps = caps;
    frame_spec.padded = padded;
    frame_spec.fill = -1;
    out = run_js ("helpers/image.js", function, caps, 1, make_frame);
    expected = g_strdup_printf ("ok %s %s 80\n", name, image_formats[i]);
    fail_unless (g_strcmp0 (out, expected) == 0, "%s%s: %s", caps,
        padded ? " (padded)" : "", out);
    g_free (expected);
    g_free (out);
    g_free (caps);
  }
}

GST_START_TEST (test_crop_resize_matches_reference)
{
  check_image ("test_crop_resize", "cropResize", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_crop_resize_reads_padded_rows)
{
  check_image ("test_crop_resize", "cropResize", TRUE);
}

GST_END_TEST;

GST_START_TEST (test_region_stats_matches_reference)
{
  check_image ("test_region_stats", "regionStats", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_region_stats_reads_padded_rows)
{
  check_image ("test_region_stats", "regionStats", TRUE);
}

GST_END_TEST;

static gchar *
run_uniform (const gchar * caps, gint fill)
{
  frame_spec.caps = caps;
  frame_spec.padded = FALSE;
  frame_spec.fill = fill;
  return run_js ("helpers/image.js", "known_values", caps, 1, make_frame);
}

GST_START_TEST (test_image_known_values)
{
  gchar *out;

  /* Every byte 51: gray 51/255 = 0.2. */
  out = run_uniform ("video/x-raw,format=RGB,width=6,height=4,"
      "framerate=30/1", 51);
  fail_unless_equals_string (out, "gray 0.2000,0.2000\n"
      "rgb255 51.0000,51.0000,51.0000\n"
      "area 0.2000,0.2000,0.2000\n"
      "stats 51.0000,51.0000,51.0000 0.0000,0.0000,0.0000\n");
  g_free (out);
  /* Limited range: Y 126 is (126 - 16) / 219 of white; U = V = 126 are
   * just below neutral (128), so red and blue drop and green rises
   * (BT.601 by hand: R = Y' + 1.402 V', B = Y' + 1.772 U'). */
  out = run_uniform ("video/x-raw,format=I420,width=6,height=4,"
      "framerate=30/1,colorimetry=bt601", 126);
  fail_unless_equals_string (out, "gray 0.5023,0.5023\n"
      "rgb255 124.8901,130.4917,124.0477\n"
      "area 0.5023,0.5023,0.5023\n"
      "stats 126.0000,126.0000,126.0000 0.0000,0.0000,0.0000\n");
  g_free (out);
  out = run_uniform ("video/x-raw,format=GRAY8,width=6,height=4,"
      "framerate=30/1", 255);
  fail_unless_equals_string (out, "gray 1.0000,1.0000\n"
      "rgb255 255.0000,255.0000,255.0000\n"
      "area 1.0000,1.0000,1.0000\n"
      "stats 255.0000 0.0000\n");
  g_free (out);
}

GST_END_TEST;

static const gchar *const image_errors[] = {
  "cropResize({}) -> TypeError: cropResize(): frame: not a VideoFrame\n",
  "cropResize(frame, empty rect) -> RangeError: cropResize(): rect {x: 1, "
      "y: 1, w: 0, h: 3} has no pixel inside the 4x2 frame\n",
  "cropResize(frame, outside rect) -> RangeError: cropResize(): rect "
      "{x: 100, y: 0, w: 5, h: 5} has no pixel inside the 4x2 frame\n",
  "cropResize(frame, null) -> TypeError: cropResize(): rect must be an "
      "object {x, y, w, h}\n",
  "cropResize(frame, rect.x string) -> TypeError: cropResize(): rect.x must "
      "be a finite number\n",
  "cropResize(frame, rect.w NaN) -> TypeError: cropResize(): rect.w must be "
      "a finite number\n",
  "cropResize(frame, rect, 0, 2) -> RangeError: cropResize(): width and "
      "height must be integers from 1 to 4096, not 0 and 2\n",
  "cropResize(frame, rect, 2.5, 2) -> RangeError: cropResize(): width and "
      "height must be integers from 1 to 4096, not 2.5 and 2\n",
  "cropResize(frame, rect) -> TypeError: cropResize(): width and height "
      "must be numbers\n",
  "cropResize(format hsv) -> RangeError: cropResize(): options.format must "
      "be \"gray\" or \"rgb\"\n",
  "cropResize(layout nchw) -> RangeError: cropResize(): options.layout must "
      "be \"hwc\" or \"chw\"\n",
  "cropResize(resample cubic) -> RangeError: cropResize(): options.resample "
      "must be \"bilinear\" or \"area\"\n",
  "cropResize(max 0) -> RangeError: cropResize(): options.max must be a "
      "positive number (1 or 255, typically)\n",
  "cropResize(options 5) -> TypeError: cropResize(): options must be an "
      "object\n",
  "regionStats(frame, empty) -> RangeError: regionStats(): rect {x: 0, y: 0, "
      "w: 2, h: -1} has no pixel inside the 4x2 frame\n",
  "regionStats(1, rect) -> TypeError: regionStats(): frame: not a "
      "VideoFrame\n",
  "cropResize(old frame) -> TypeError: cropResize(): frame: this "
      "VideoFrame is no longer valid",
};

GST_START_TEST (test_image_bad_arguments_have_clear_errors)
{
  gchar *out = run_js ("helpers/image.js", "errors_image", RGB_CAPS, 2, NULL);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (image_errors); i++)
    assert_contains (out, image_errors[i]);
  fail_if (strstr (out, "no error") != NULL, "%s", out);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_image_unsupported_format)
{
  gchar *out = run_js ("helpers/image.js", "unsupported_format",
      "video/x-raw,format=GRAY16_LE,width=4,height=3,framerate=30/1", 1,
      NULL);

  assert_contains (out, "cropResize(GRAY16) -> TypeError: cropResize(): the "
      "frame's format is GRAY16_LE; supported: RGB, BGR,");
  assert_contains (out, "regionStats(GRAY16) -> TypeError: regionStats(): "
      "the frame's format is GRAY16_LE;");
  g_free (out);
}

GST_END_TEST;

static Suite *
helpers_suite (void)
{
  Suite *s = suite_create ("helpers");
  TCase *math = tcase_create ("math");
  TCase *image = tcase_create ("image");

  suite_add_tcase (s, math);
  tcase_set_timeout (math, 180);
  tcase_add_test (math, test_argmax_matches_reference);
  tcase_add_test (math, test_top_k_matches_reference);
  tcase_add_test (math, test_softmax_matches_reference);
  tcase_add_test (math, test_sigmoid_matches_reference);
  tcase_add_test (math, test_l2normalize_matches_reference);
  tcase_add_test (math, test_dot_and_cosine_match_reference);
  tcase_add_test (math, test_mat_vec_matches_reference);
  tcase_add_test (math, test_mat_mul_matches_reference);
  tcase_add_test (math, test_row_argmax_matches_reference);
  tcase_add_test (math, test_best_match_matches_reference);
  tcase_add_test (math, test_best_match_is_row_argmax_of_mat_mul);
  tcase_add_test (math, test_nms_matches_reference);
  tcase_add_test (math, test_math_bad_arguments_have_clear_errors);
  tcase_add_test (math, test_math_over_frame_bytes_then_detached);
  suite_add_tcase (s, image);
  /* The JS references are plain loops: slow under valgrind. */
  tcase_set_timeout (image, 180);
  tcase_add_test (image, test_crop_resize_matches_reference);
  tcase_add_test (image, test_crop_resize_reads_padded_rows);
  tcase_add_test (image, test_region_stats_matches_reference);
  tcase_add_test (image, test_region_stats_reads_padded_rows);
  tcase_add_test (image, test_image_known_values);
  tcase_add_test (image, test_image_bad_arguments_have_clear_errors);
  tcase_add_test (image, test_image_unsupported_format);
  return s;
}

GST_CHECK_MAIN (helpers);
