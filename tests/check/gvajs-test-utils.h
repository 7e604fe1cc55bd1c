/* SPDX-License-Identifier: MIT */
/* Helpers shared by the gst-check suites. */
#pragma once

#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

/* Absolute path of tests/fixtures/@name; free with g_free(). */
gchar *gvajs_test_fixture (const gchar * name);

/* A playing harness around "gvajs module=<fixture> @extra" whose source
 * caps are @caps. */
GstHarness *gvajs_test_harness (const gchar * fixture, const gchar * extra,
    const gchar * caps);

/* The gvajs element inside @h (borrowed). */
GstElement *gvajs_test_element (GstHarness * h);

/* A frame of raw video in @caps' layout, every byte @fill, or random
 * bytes from @seed when @fill < 0. With @padded, rows are padded (2
 * pixels left, 6 right, 2 rows on top, as decoders and pools make them)
 * and a GstVideoMeta says so. @info, when given, gets the layout. */
GstBuffer *gvajs_test_video_buffer (const gchar * caps, gboolean padded,
    gint fill, guint seed, GstVideoInfo * info);

/* A timestamped buffer of @size bytes, every byte @fill. */
GstBuffer *gvajs_test_buffer (gsize size, guint8 fill, GstClockTime pts);

/* Pushes @buf (taken) through "gvajs module=<fixture> function=@function"
 * with source caps @caps, fails unless the push returns GST_FLOW_OK, and
 * returns what the script printed; the buffer that came out goes to @out
 * when given. */
gchar *gvajs_test_run_buffer (const gchar * fixture, const gchar * function,
    const gchar * caps, GstBuffer * buf, GstBuffer ** out);

/* Runs a gst-launch style @description to EOS or error. Returns the error's
 * message and debug text joined by a newline, or NULL when it reached EOS.
 * A state change that fails also counts as the error it posted. */
gchar *gvajs_test_run_pipeline (const gchar * description);

/* gvajs_test_run_pipeline() of @n frames of 8x8 RGB from videotestsrc
 * through "gvajs module=<fixture> @extra" into fakesink. */
gchar *gvajs_test_run_module (const gchar * fixture, const gchar * extra,
    guint n);
/* gst_parse_launch(@description), failing the test when it cannot. */
GstElement *gvajs_test_parse (const gchar * description);
/* gvajs_test_run_pipeline() for a pipeline made by the caller (taken). */
gchar *gvajs_test_run (GstElement * pipeline);

/* Collects what JS's console printed: g_print (log/info/debug) and
 * g_printerr (warn/error) go into one string until stopped. */
void gvajs_test_capture_output_start (void);
gchar *gvajs_test_capture_output_stop (void);

/* fail_unless a substring is present, printing both on failure. */
#define assert_contains(haystack, needle) \
  fail_unless ((haystack) != NULL && strstr ((haystack), (needle)) != NULL, \
      "expected '%s' in:\n%s", (needle), (haystack) ? (haystack) : "(null)")

G_END_DECLS
