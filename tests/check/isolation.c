/* SPDX-License-Identifier: MIT */
/* gst-check tests of isolation: what a buffer, its metadata or a script
 * says about sizes can never make gvajs read or write outside the bytes it
 * may touch, and what one branch's script writes is never seen by another.
 * The buffers here lie (GstVideoMetas whose numbers wrap 64-bit sums,
 * source maps with huge numbers, memory on read-only pages); each test
 * checks the message a user gets and, under AddressSanitizer, UBSan and
 * valgrind, that nothing read or wrote out of bounds or leaked. */
#include "config.h"
#include "gvajs-test-utils.h"
#include "gvajs-runtime.h"

#include <gst/video/video.h>
#include <string.h>
#include <sys/mman.h>

#ifdef HAVE_GST_ANALYTICS
#include <gst/analytics/analytics.h>
#endif

#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"
#define RGB_SIZE 24
#define LAYOUT "hostile/isolation_layout.js"
#define VIEWS "hostile/isolation_views.js"
#define TEE "hostile/isolation_tee.js"
/* One page of pixels */
#define PAGE_CAPS "video/x-raw,format=GRAY8,width=64,height=64,framerate=30/1"
#define PAGE_BYTES 4096

#define run_buffer gvajs_test_run_buffer

/* ---- GstVideoMetas that lie ---- */

/* A 4x2 RGB frame whose bytes count 0, 1, 2, ... and whose GstVideoMeta
 * gives its one plane @offset and @stride. The bytes are an allocation of
 * their own (not behind a GstMemory header, as gst_buffer_new_allocate()
 * makes them), so AddressSanitizer sees a read on either side of them. */
static GstBuffer *
rgb_frame_with_meta (gsize offset, gint stride)
{
  guint8 *bytes = g_malloc (RGB_SIZE);
  gsize offsets[GST_VIDEO_MAX_PLANES] = { offset };
  gint strides[GST_VIDEO_MAX_PLANES] = { stride };
  GstBuffer *buf;
  gsize i;

  for (i = 0; i < RGB_SIZE; i++)
    bytes[i] = i;
  buf = gst_buffer_new_wrapped (bytes, RGB_SIZE);
  gst_buffer_add_video_meta_full (buf, GST_VIDEO_FRAME_FLAG_NONE,
      GST_VIDEO_FORMAT_RGB, 4, 2, 1, offsets, strides);
  return buf;
}

/* What regionStats() and cropResize() print over that frame. */
static void
check_pixel_readers (gsize offset, gint stride, const gchar * stats,
    const gchar * crop)
{
  gchar *out;

  out = run_buffer (LAYOUT, "stats", RGB_CAPS, rgb_frame_with_meta (offset,
          stride), NULL);
  fail_unless_equals_string (out, stats);
  g_free (out);
  out = run_buffer (LAYOUT, "crop", RGB_CAPS, rgb_frame_with_meta (offset,
          stride), NULL);
  fail_unless_equals_string (out, crop);
  g_free (out);
}

/* The plane starts just before the end of the address space: offset +
 * 12 + 9 wraps to 17, which looked like a byte inside the 24. */
GST_START_TEST (test_meta_offset_near_the_end_of_memory)
{
  check_pixel_readers (G_MAXSIZE - 3, 12,
      "stats RangeError: regionStats(): the buffer (24 bytes) is smaller "
      "than its caps and video meta say (plane 0: offset "
      "18446744073709551612, stride 12)\n",
      "crop RangeError: cropResize(): the buffer (24 bytes) is smaller than "
      "its caps and video meta say (plane 0: offset 18446744073709551612, "
      "stride 12)\n");
}

GST_END_TEST;

/* offset + stride wraps to 1: row 1 would start inside the buffer and
 * row 0 two gigabytes before it. */
GST_START_TEST (test_meta_huge_stride_wraps_to_the_start)
{
  check_pixel_readers (G_MAXSIZE - G_MAXINT + 2, G_MAXINT,
      "stats RangeError: regionStats(): the buffer (24 bytes) is smaller "
      "than its caps and video meta say (plane 0: offset "
      "18446744071562067970, stride 2147483647)\n",
      "crop RangeError: cropResize(): the buffer (24 bytes) is smaller than "
      "its caps and video meta say (plane 0: offset 18446744071562067970, "
      "stride 2147483647)\n");
}

GST_END_TEST;

/* Bottom-up rows (a negative stride) are not read: GStreamer's own video
 * frame mapping does not read them either. */
GST_START_TEST (test_meta_negative_stride)
{
  check_pixel_readers (12, -12,
      "stats RangeError: regionStats(): the video meta gives plane 0 a "
      "stride of -12 bytes; only positive strides can be read\n",
      "crop RangeError: cropResize(): the video meta gives plane 0 a "
      "stride of -12 bytes; only positive strides can be read\n");
}

GST_END_TEST;

/* A meta with fewer planes than the caps' format leaves the others
 * without a stride or an offset. */
GST_START_TEST (test_meta_missing_planes)
{
  GstBuffer *buf = gvajs_test_buffer (12, 16, 0);
  gsize offsets[GST_VIDEO_MAX_PLANES] = { 0 };
  gint strides[GST_VIDEO_MAX_PLANES] = { 4 };
  gchar *out;

  gst_buffer_add_video_meta_full (buf, GST_VIDEO_FRAME_FLAG_NONE,
      GST_VIDEO_FORMAT_I420, 4, 2, 1, offsets, strides);
  out = run_buffer (LAYOUT, "stats", "video/x-raw,format=I420,width=4,"
      "height=2,framerate=30/1", buf, NULL);
  fail_unless_equals_string (out, "stats RangeError: regionStats(): the "
      "video meta describes 1 of the 3 planes of I420\n");
  g_free (out);
}

GST_END_TEST;

/* The last byte read is the buffer's last: read; one byte short: an
 * error. The sums that check it are exact at the edge. */
GST_START_TEST (test_meta_exact_fit_is_read)
{
  check_pixel_readers (11, 1,
      "stats mean 16,17,18 std 3.391164991562634,3.391164991562634,"
      "3.391164991562634\n", "crop 13,14,15,19,20,21\n");
  check_pixel_readers (12, 1,
      "stats RangeError: regionStats(): the buffer (24 bytes) is smaller "
      "than its caps and video meta say (plane 0: offset 12, stride 1)\n",
      "crop RangeError: cropResize(): the buffer (24 bytes) is smaller than "
      "its caps and video meta say (plane 0: offset 12, stride 1)\n");
}

GST_END_TEST;

/* data() is the mapping itself: a meta changes what videoInfo() says, not
 * which bytes the view covers, and JS finds nothing past its end. */
GST_START_TEST (test_meta_cannot_widen_data)
{
  gchar *out = run_buffer (LAYOUT, "data", RGB_CAPS,
      rgb_frame_with_meta (G_MAXSIZE - 3, G_MAXINT), NULL);

  fail_unless_equals_string (out, "data 24 first 0 at offset undefined at "
      "stride undefined\n");
  g_free (out);
}

GST_END_TEST;

/* ---- views ---- */

static void
unmap_pages (gpointer data)
{
  GstMapInfo *pages = data;

  munmap (pages->data, pages->size);
  g_free (pages);
}

/* @size bytes of fresh pages, read-only unless @writable (zero pages:
 * nothing is committed until written); free with unmap_pages(). */
static GstMapInfo *
map_pages (gsize size, gboolean writable)
{
  GstMapInfo *pages = g_new0 (GstMapInfo, 1);

  pages->size = size;
  pages->data = mmap (NULL, size, PROT_READ | (writable ? PROT_WRITE : 0),
      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  fail_unless (pages->data != MAP_FAILED);
  return pages;
}

/* A buffer over such pages, its memory READONLY unless @writable. */
static GstBuffer *
buffer_over_pages (gsize size, gboolean writable)
{
  GstMapInfo *pages = map_pages (size, writable);

  return gst_buffer_new_wrapped_full (writable ? 0 :
      GST_MEMORY_FLAG_READONLY, pages->data, size, 0, size, pages,
      unmap_pages);
}

/* DL Streamer's GstGVATensorMeta */
typedef struct
{
  GstMeta meta;
  GstStructure *data;
} TensorMeta;

/* The structure of @buf's first frame tensor (borrowed). */
static GstStructure *
tensor_structure (GstBuffer * buf)
{
  GType api = g_type_from_name ("GstGVATensorMetaAPI");
  gpointer state = NULL;
  GstMeta *meta = api ? gst_buffer_iterate_meta_filtered (buf, &state, api) :
      NULL;

  fail_unless (meta != NULL, "no frame tensor");
  return ((TensorMeta *) meta)->data;
}

/* The first frame tensor's bytes (borrowed), or NULL. */
static GVariant *
tensor_bytes (GstBuffer * buf)
{
  const GValue *value = gst_structure_get_value (tensor_structure (buf),
      "data_buffer");

  return value && G_VALUE_HOLDS_VARIANT (value) ?
      g_value_get_variant (value) : NULL;
}

static guint8
first_tensor_byte (GstBuffer * buf)
{
  GVariant *bytes = tensor_bytes (buf);
  gsize n = 0;
  const guint8 *data = bytes ? g_variant_get_fixed_array (bytes, &n, 1) :
      NULL;

  fail_unless (n > 0, "no tensor bytes");
  return data[0];
}

/* 65536 x 32769 GRAY8 is 2 GiB and 64 KiB: more than QuickJS's 2 GiB
 * limit on an ArrayBuffer. */
GST_START_TEST (test_frame_too_large_for_a_view)
{
  gchar *out = run_buffer (VIEWS, "huge", "video/x-raw,format=GRAY8,"
      "width=65536,height=32769,framerate=30/1",
      buffer_over_pages ((gsize) 65536 * 32769, TRUE), NULL);

  fail_unless_equals_string (out, "data RangeError: VideoFrame.data(): the "
      "frame's 2147549184 bytes are more than a typed array can hold "
      "(2147483647); use the native helpers (regionStats, cropResize), "
      "which read any size\n"
      "again RangeError: VideoFrame.data(): the frame's 2147549184 bytes "
      "are more than a typed array can hold (2147483647); use the native "
      "helpers (regionStats, cropResize), which read any size\n"
      "stats 0\n");
  g_free (out);
}

GST_END_TEST;

static guint8
first_byte (GstBuffer * buf)
{
  guint8 byte = 0;

  fail_unless_equals_int (gst_buffer_extract (buf, 0, &byte, 1), 1);
  return byte;
}

/* Runs "poke" (a store through data()) over one page of fresh pages,
 * read-only ones under READONLY memory unless @writable; returns the
 * first byte of the buffer that came out. */
static guint8
poke_page (gboolean writable)
{
  GstBuffer *out_buf;
  gchar *out = run_buffer (VIEWS, "poke", PAGE_CAPS,
      buffer_over_pages (PAGE_BYTES, writable), &out_buf);
  guint8 byte = first_byte (out_buf);

  fail_unless_equals_string (out, "poke 0 -> 1\n");
  gst_buffer_unref (out_buf);
  g_free (out);
  return byte;
}

/* READONLY memory over read-only pages, as a capture device or a file
 * mapping makes it: the script's store lands in a copy. It was SIGSEGV. */
GST_START_TEST (test_read_view_over_read_only_memory)
{
  fail_unless_equals_int (poke_page (FALSE), 0);
}

GST_END_TEST;

/* Memory only this buffer holds is viewed in place, as before: no copy on
 * the ordinary path, so the store is in the buffer that goes on. */
GST_START_TEST (test_private_frame_is_viewed_in_place)
{
  fail_unless_equals_int (poke_page (TRUE), 1);
}

GST_END_TEST;

/* A tensor's bytes on read-only pages, as another element may leave
 * them (a GVariant over a file mapping): the store lands in a copy that
 * this buffer's tensor now holds. It was SIGSEGV. */
GST_START_TEST (test_tensor_view_over_read_only_pages)
{
  GstMapInfo *pages = map_pages (PAGE_BYTES, FALSE);
  GstBuffer *buf, *out_buf;
  gchar *out = run_buffer (VIEWS, "add_tensor", PAGE_CAPS,
      gvajs_test_buffer (PAGE_BYTES, 0, 0), &buf);

  g_free (out);
  gst_structure_set (tensor_structure (buf), "data_buffer", G_TYPE_VARIANT,
      g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, pages->data, 4,
          TRUE, unmap_pages, pages), NULL);
  out = run_buffer (VIEWS, "poke_tensor", PAGE_CAPS, buf, &out_buf);
  fail_unless_equals_string (out, "poke tensor 0 -> 1\n");
  fail_unless_equals_int (first_tensor_byte (out_buf), 1);
  gst_buffer_unref (out_buf);
  g_free (out);
}

GST_END_TEST;

/* Through the runtime's own API a caller may pass a buffer it shares
 * (gvajs's transform never does): no store reaches its bytes or its
 * tensor's. */
GST_START_TEST (test_views_of_a_shared_buffer_are_copies)
{
  gchar *path = gvajs_test_fixture (VIEWS);
  GvajsRuntimeConfig config = {.module_path = path,.function_name =
        "poke_both",.time_budget_ms = 1000,.load_budget_ms = 1000,
    .memory_limit = 16 << 20,.stack_size = 1 << 20,
  };
  GstCaps *caps = gst_caps_from_string (PAGE_CAPS);
  GError *error = NULL;
  GvajsRuntime *rt;
  GstBuffer *buf;
  GstVideoInfo info;
  gboolean keep;
  gchar *out = run_buffer (VIEWS, "add_tensor", PAGE_CAPS,
      gvajs_test_buffer (PAGE_BYTES, 0, 0), &buf);

  g_free (out);
  fail_unless (gst_video_info_from_caps (&info, caps));
  rt = gvajs_runtime_new (&config, &error);
  fail_unless (rt != NULL, "%s", error ? error->message : "?");
  gst_buffer_ref (buf);
  gvajs_test_capture_output_start ();
  fail_unless (gvajs_runtime_process_frame (rt, buf, &info, caps, &keep,
          &error), "%s", error ? error->message : "?");
  out = gvajs_test_capture_output_stop ();
  fail_unless_equals_string (out, "poke 0 -> 1\npoke tensor 0 -> 1\n");
  fail_unless_equals_int (first_byte (buf), 0);
  fail_unless_equals_int (first_tensor_byte (buf), 0);
  gvajs_runtime_free (rt);
  gst_buffer_unref (buf);
  gst_buffer_unref (buf);
  gst_caps_unref (caps);
  g_free (out);
  g_free (path);
}

GST_END_TEST;

/* ---- branches after a tee ---- */

#define TEE_FRAMES 24

/* What one branch's sink must receive. */
typedef struct
{
  guint8 value;                 /* the branch script's writes */
  gboolean exact_pixel;         /* it wrote through data("write") */
  guint frames;
  GString *errors;
} BranchCheck;

/* fakesink's handoff: the tensor holds the branch's own bytes, pixel 0
 * its own write or (read mode, where a store lands in the buffer only
 * when it was viewed in place) the source's 7, never the other's. */
static void
check_branch_buffer (GstElement * sink, GstBuffer * buf, GstPad * pad,
    BranchCheck * check)
{
  GVariant *bytes = tensor_bytes (buf);
  const guint8 *data = NULL;
  guint8 pixel = first_byte (buf);
  gsize n = 0, i;

  check->frames++;
  if (pixel != check->value && (check->exact_pixel || pixel != 7))
    g_string_append_printf (check->errors, "branch %u frame %u: pixel %u\n",
        check->value, check->frames, pixel);
  if (bytes)
    data = g_variant_get_fixed_array (bytes, &n, 1);
  for (i = 0; i < 4 && n == 4 && data[i] == check->value; i++);
  if (i != 4)
    g_string_append_printf (check->errors, "branch %u frame %u: tensor of %"
        G_GSIZE_FORMAT " bytes, first %d\n", check->value, check->frames, n,
        n ? data[0] : -1);
}

/* videotestsrc ! gvajs (pixel 0 and a tensor of 7s) ! tee, two branches
 * writing 161 and 178 through data(@mode) and Tensor.data(). No queues:
 * the tee pushes to one branch, then the other, so the second always runs
 * after the first has written. */
static void
run_tee (const gchar * mode)
{
  gchar *path = gvajs_test_fixture (TEE), *desc, *err;
  BranchCheck checks[2] = { {161}, {178} };
  GstElement *pipeline, *sink;
  guint b;

  desc = g_strdup_printf ("videotestsrc num-buffers=%d ! video/x-raw,"
      "format=GRAY8,width=16,height=8 ! gvajs module=\"%s\" function=source "
      "! tee name=t "
      "t. ! gvajs module=\"%s\" class=Branch "
      "kwarg={\"value\":161,\"mode\":\"%s\"} ! fakesink name=b0 "
      "t. ! gvajs module=\"%s\" class=Branch "
      "kwarg={\"value\":178,\"mode\":\"%s\"} ! fakesink name=b1",
      TEE_FRAMES, path, path, mode, path, mode);
  pipeline = gvajs_test_parse (desc);
  for (b = 0; b < 2; b++) {
    checks[b].exact_pixel = strcmp (mode, "write") == 0;
    checks[b].errors = g_string_new (NULL);
    sink = gst_bin_get_by_name (GST_BIN (pipeline), b ? "b1" : "b0");
    /* Without queues, a sink that prerolled would block the tee. */
    g_object_set (sink, "signal-handoffs", TRUE, "sync", FALSE, "async",
        FALSE, NULL);
    g_signal_connect (sink, "handoff", G_CALLBACK (check_branch_buffer),
        &checks[b]);
    gst_object_unref (sink);
  }
  err = gvajs_test_run (pipeline);
  fail_unless (err == NULL, "%s", err);
  for (b = 0; b < 2; b++) {
    fail_unless (checks[b].errors->len == 0, "%s", checks[b].errors->str);
    fail_unless_equals_int (checks[b].frames, TEE_FRAMES);
    g_string_free (checks[b].errors, TRUE);
  }
  g_free (desc);
  g_free (path);
}

GST_START_TEST (test_tee_branches_read_views)
{
  run_tee ("read");
}

GST_END_TEST;

GST_START_TEST (test_tee_branches_write_views)
{
  run_tee ("write");
}

GST_END_TEST;

/* ---- region boxes ---- */

#ifdef HAVE_GST_ANALYTICS
/* ODMtds are signed: x + w of another element's box may pass G_MAXINT or
 * fall below G_MININT. Joining an ROI meta to them summed in int (UBSan:
 * signed integer overflow). */
GST_START_TEST (test_od_box_edges_beyond_int)
{
  GstBuffer *buf = gvajs_test_buffer (PAGE_BYTES, 0, 0);
  GstAnalyticsRelationMeta *rmeta =
      gst_buffer_add_analytics_relation_meta (buf);
  GstAnalyticsODMtd od;
  gchar *out;

  gst_analytics_relation_meta_add_od_mtd (rmeta, g_quark_from_string ("far"),
      G_MAXINT - 1, G_MAXINT - 1, G_MAXINT, G_MAXINT, 0.5, &od);
  gst_analytics_relation_meta_add_od_mtd (rmeta,
      g_quark_from_string ("before"), G_MININT, 10, -1, 5, 0.5, &od);
  out = run_buffer ("hostile/isolation_regions.js", "add_tensors", PAGE_CAPS,
      buf, NULL);
  fail_unless_equals_string (out,
      "far {\"x\":2147483646,\"y\":2147483646,\"w\":1,\"h\":1}\n"
      "before {\"x\":0,\"y\":10,\"w\":0,\"h\":5}\n");
  g_free (out);
}

GST_END_TEST;
#endif

/* ---- source maps ---- */

/* isolation_map_<name>.js: each file says what its map holds. */
static const gchar *const hostile_maps[] = {
  "overflow", "wide", "negative", "digits", "last_line",
};

/* A map whose numbers do not fit is no map: the error names the module's
 * own line, as without one. Under UBSan the decoder's sums overflowed. */
GST_START_TEST (test_hostile_source_maps_are_ignored)
{
  gchar *fixture, *path, *desc, *err, *expected;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (hostile_maps); i++) {
    fixture = g_strdup_printf ("hostile/isolation_map_%s.js",
        hostile_maps[i]);
    path = gvajs_test_fixture (fixture);
    desc = g_strdup_printf ("videotestsrc num-buffers=1 ! gvajs module=\"%s\""
        " ! fakesink", path);
    err = gvajs_test_run_pipeline (desc);
    expected = g_strdup_printf ("%s:2:", path);
    fail_unless (err && g_str_has_prefix (err, expected), "%s: expected '%s' "
        "first in:\n%s", hostile_maps[i], expected, err);
    assert_contains (err, "Error: hostile map (in process_frame)");
    fail_if (strstr (err, "hostile.ts") != NULL, "%s", err);
    g_free (expected);
    g_free (err);
    g_free (desc);
    g_free (path);
    g_free (fixture);
  }
}

GST_END_TEST;

static Suite *
gvajs_isolation_suite (void)
{
  Suite *s = suite_create ("gvajs-isolation");
  TCase *layout = tcase_create ("layout");
  TCase *views = tcase_create ("views");
  TCase *tee = tcase_create ("tee");
  TCase *maps = tcase_create ("source-maps");
#ifdef HAVE_GST_ANALYTICS
  TCase *regions = tcase_create ("regions");
#endif

  suite_add_tcase (s, layout);
  tcase_add_test (layout, test_meta_offset_near_the_end_of_memory);
  tcase_add_test (layout, test_meta_huge_stride_wraps_to_the_start);
  tcase_add_test (layout, test_meta_negative_stride);
  tcase_add_test (layout, test_meta_missing_planes);
  tcase_add_test (layout, test_meta_exact_fit_is_read);
  tcase_add_test (layout, test_meta_cannot_widen_data);

  suite_add_tcase (s, views);
  tcase_add_test (views, test_frame_too_large_for_a_view);
  tcase_add_test (views, test_read_view_over_read_only_memory);
  tcase_add_test (views, test_private_frame_is_viewed_in_place);
  tcase_add_test (views, test_tensor_view_over_read_only_pages);
  tcase_add_test (views, test_views_of_a_shared_buffer_are_copies);

  suite_add_tcase (s, tee);
  tcase_add_test (tee, test_tee_branches_read_views);
  tcase_add_test (tee, test_tee_branches_write_views);

#ifdef HAVE_GST_ANALYTICS
  suite_add_tcase (s, regions);
  tcase_add_test (regions, test_od_box_edges_beyond_int);
#else
  /* Said, not skipped silently, as in the metadata suite. */
  g_print ("gvajs-isolation: ODMtd box tests skipped: built without "
      "gstreamer-analytics-1.0 (GStreamer >= 1.24)\n");
#endif

  suite_add_tcase (s, maps);
  tcase_add_test (maps, test_hostile_source_maps_are_ignored);
  return s;
}

GST_CHECK_MAIN (gvajs_isolation);
