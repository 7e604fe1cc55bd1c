/* SPDX-License-Identifier: MIT */
/* gst-check tests of isolation: what a buffer, its metadata or a script
 * says about sizes can never make gvajs read or write outside the bytes it
 * may touch, and what one branch's script writes is never seen by another.
 * The buffers here lie (GstVideoMetas whose numbers wrap 64-bit sums,
 * source maps with huge numbers, memory on read-only pages); each test
 * checks the message a user gets and, under AddressSanitizer, UBSan and
 * valgrind, that nothing read or wrote out of bounds or leaked. */
#include "gvajs-test-utils.h"

#include <gst/video/video.h>
#include <string.h>
#include <sys/mman.h>

#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"
#define RGB_SIZE 24
#define LAYOUT "hostile/isolation_layout.js"
#define VIEWS "hostile/isolation_views.js"
/* One page of pixels */
#define PAGE_CAPS "video/x-raw,format=GRAY8,width=64,height=64,framerate=30/1"
#define PAGE_BYTES 4096

/* Pushes @buf through "gvajs module=<fixture> function=@function" and
 * returns what the script printed; the buffer that came out goes to @out
 * when given. */
static gchar *
run_buffer (const gchar * fixture, const gchar * function,
    const gchar * caps, GstBuffer * buf, GstBuffer ** out)
{
  gchar *extra = g_strdup_printf ("function=%s", function);
  GstHarness *h;
  GstFlowReturn ret;
  gchar *text;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (fixture, extra, caps);
  ret = gst_harness_push (h, buf);
  if (out)
    *out = ret == GST_FLOW_OK ? gst_harness_pull (h) : NULL;
  gst_harness_teardown (h);
  text = gvajs_test_capture_output_stop ();
  fail_unless_equals_int (ret, GST_FLOW_OK);
  g_free (extra);
  return text;
}

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

/* A buffer over @size bytes of fresh pages, read-only unless @writable
 * (zero pages: nothing is committed until written). */
static GstBuffer *
buffer_over_pages (gsize size, gboolean writable)
{
  GstMapInfo *pages = g_new0 (GstMapInfo, 1);

  pages->size = size;
  pages->data = mmap (NULL, size, PROT_READ | (writable ? PROT_WRITE : 0),
      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  fail_unless (pages->data != MAP_FAILED);
  return gst_buffer_new_wrapped_full (writable ? 0 :
      GST_MEMORY_FLAG_READONLY, pages->data, size, 0, size, pages,
      unmap_pages);
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

static Suite *
gvajs_isolation_suite (void)
{
  Suite *s = suite_create ("gvajs-isolation");
  TCase *layout = tcase_create ("layout");
  TCase *views = tcase_create ("views");

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
  return s;
}

GST_CHECK_MAIN (gvajs_isolation);
