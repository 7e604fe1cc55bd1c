/* SPDX-License-Identifier: MIT */
#include "gvajs-test-utils.h"

#include <string.h>

static GString *captured;

gchar *
gvajs_test_fixture (const gchar * name)
{
  return g_build_filename (GVAJS_FIXTURES_DIR, name, NULL);
}

GstHarness *
gvajs_test_harness (const gchar * fixture, const gchar * extra,
    const gchar * caps)
{
  gchar *path = gvajs_test_fixture (fixture);
  gchar *launch = g_strdup_printf ("gvajs module=\"%s\" %s", path,
      extra ? extra : "");
  GstHarness *h = gst_harness_new_parse (launch);

  gst_harness_set_src_caps_str (h, caps);
  g_free (launch);
  g_free (path);
  return h;
}

GstElement *
gvajs_test_element (GstHarness * h)
{
  GstElement *e = gst_harness_find_element (h, "gvajs");

  /* The harness's bin keeps its own reference. */
  gst_object_unref (e);
  return e;
}

GstBuffer *
gvajs_test_video_buffer (const gchar * caps_str, gboolean padded, gint fill,
    guint seed, GstVideoInfo * info_out)
{
  GstCaps *caps = gst_caps_from_string (caps_str);
  GstVideoAlignment align;
  GstVideoInfo info;
  GRand *rand = g_rand_new_with_seed (seed);
  GstBuffer *buf;
  GstMapInfo map;
  gsize i;

  fail_unless (caps && gst_video_info_from_caps (&info, caps), "%s",
      caps_str);
  gst_caps_unref (caps);
  if (padded) {
    gst_video_alignment_reset (&align);
    align.padding_left = 2;
    align.padding_right = 6;
    align.padding_top = 2;
    fail_unless (gst_video_info_align (&info, &align));
  }
  buf = gst_buffer_new_allocate (NULL, info.size, NULL);
  fail_unless (gst_buffer_map (buf, &map, GST_MAP_WRITE));
  for (i = 0; i < map.size; i++)
    map.data[i] = fill >= 0 ? fill : g_rand_int_range (rand, 0, 256);
  gst_buffer_unmap (buf, &map);
  if (padded)
    gst_buffer_add_video_meta_full (buf, GST_VIDEO_FRAME_FLAG_NONE,
        GST_VIDEO_INFO_FORMAT (&info), GST_VIDEO_INFO_WIDTH (&info),
        GST_VIDEO_INFO_HEIGHT (&info), GST_VIDEO_INFO_N_PLANES (&info),
        info.offset, info.stride);
  g_rand_free (rand);
  if (info_out)
    *info_out = info;
  return buf;
}

GstBuffer *
gvajs_test_buffer (gsize size, guint8 fill, GstClockTime pts)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, size, NULL);

  gst_buffer_memset (buf, 0, fill, size);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
  return buf;
}

static gchar *
error_text (GstMessage * msg)
{
  GError *err = NULL;
  gchar *debug = NULL, *text;

  gst_message_parse_error (msg, &err, &debug);
  text = g_strdup_printf ("%s\n%s", err->message, debug ? debug : "");
  g_error_free (err);
  g_free (debug);
  return text;
}

GstElement *
gvajs_test_parse (const gchar * description)
{
  GError *parse_error = NULL;
  GstElement *pipeline = gst_parse_launch (description, &parse_error);

  fail_unless (pipeline != NULL, "cannot parse '%s': %s", description,
      parse_error ? parse_error->message : "?");
  g_clear_error (&parse_error);
  return pipeline;
}

gchar *
gvajs_test_run_pipeline (const gchar * description)
{
  return gvajs_test_run (gvajs_test_parse (description));
}

gchar *
gvajs_test_run (GstElement * pipeline)
{
  GstBus *bus;
  GstMessage *msg;
  gchar *result = NULL;

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  /* Generous: valgrind runs the fuzzer about 50 times slower; the check
   * timeout still catches a real hang. */
  msg = gst_bus_timed_pop_filtered (bus, 600 * GST_SECOND,
      GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  fail_unless (msg != NULL, "pipeline %s neither ended nor failed",
      GST_OBJECT_NAME (pipeline));
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    result = error_text (msg);
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  return result;
}

gchar *
gvajs_test_run_module (const gchar * fixture, const gchar * extra, guint n)
{
  gchar *path = gvajs_test_fixture (fixture);
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=%u ! "
      "video/x-raw,format=RGB,width=8,height=8 ! gvajs module=\"%s\" %s ! "
      "fakesink", n, path, extra);
  gchar *result = gvajs_test_run_pipeline (desc);

  g_free (desc);
  g_free (path);
  return result;
}

static void
capture (const gchar * text)
{
  g_string_append (captured, text);
}

void
gvajs_test_capture_output_start (void)
{
  captured = g_string_new (NULL);
  g_set_print_handler (capture);
  g_set_printerr_handler (capture);
}

gchar *
gvajs_test_capture_output_stop (void)
{
  g_set_print_handler (NULL);
  g_set_printerr_handler (NULL);
  return g_string_free (g_steal_pointer (&captured), FALSE);
}

gchar *
gvajs_test_run_buffer (const gchar * fixture, const gchar * function,
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
