/* SPDX-License-Identifier: MIT */
/* gst-check tests of the gvajs element: properties, the JS contract and
 * every bad input a user can give at load time or per frame. */
#include "gvajs-test-utils.h"

#include <gst/base/gstbasetransform.h>
#include <glib/gstdio.h>
#include <string.h>

/* RGB 4x2: rows are padded to 12 bytes, so a frame is 24 bytes. */
#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"
#define FRAME_SIZE 24

/* Pushes @n frames through @h and returns how many came out. */
static guint
push_frames (GstHarness * h, guint n)
{
  guint i;

  for (i = 0; i < n; i++)
    fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer
            (FRAME_SIZE, i, i * GST_SECOND / 30)), GST_FLOW_OK);
  return gst_harness_buffers_in_queue (h);
}

/* Output of a harness run of @fixture with @extra properties, @n frames,
 * then EOS and teardown (which runs the stop hook). */
static gchar *
run_harness (const gchar * fixture, const gchar * extra, guint n)
{
  GstHarness *h;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (fixture, extra, RGB_CAPS);
  push_frames (h, n);
  gst_harness_push_event (h, gst_event_new_eos ());
  gst_harness_teardown (h);
  return gvajs_test_capture_output_stop ();
}

static gchar *
run_fixture_pipeline (const gchar * fixture, const gchar * extra)
{
  gchar *path = gvajs_test_fixture (fixture);
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=3 ! "
      "video/x-raw,format=RGB,width=8,height=8 ! gvajs module=\"%s\" %s ! "
      "fakesink", path, extra ? extra : "");
  gchar *result = gvajs_test_run_pipeline (desc);

  g_free (desc);
  g_free (path);
  return result;
}

GST_START_TEST (test_calls_process_frame_per_buffer_and_hooks)
{
  gchar *out = run_harness ("count.js", NULL, 5);

  fail_unless_equals_string (out, "start 0\neos 5\nstop 5\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_false_drops_other_values_pass)
{
  GstHarness *h = gvajs_test_harness ("drop_odd.js", NULL, RGB_CAPS);

  fail_unless_equals_int (push_frames (h, 8), 4);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_never_passthrough)
{
  GstHarness *h = gvajs_test_harness ("count.js", NULL, RGB_CAPS);

  GstBaseTransform *trans = GST_BASE_TRANSFORM (gvajs_test_element (h));

  fail_if (gst_base_transform_is_passthrough (trans));
  fail_unless (gst_base_transform_is_in_place (trans));
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_video_info_and_timestamps)
{
  gchar *out = run_harness ("video_info.js", NULL, 1);

  fail_unless_equals_string (out, "{\"info\":{\"width\":4,\"height\":2,"
      "\"format\":\"RGB\",\"fpsN\":30,\"fpsD\":1,\"size\":24,"
      "\"stride\":[12],\"offset\":[0]},\"pts\":0,\"duration\":33333333}\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_data_reads_pixels)
{
  gchar *out = run_harness ("pixels.js", NULL, 2);

  /* The harness buffers are filled with the frame index. */
  fail_unless_equals_string (out, "read 24 0 0\nread 24 1 1\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_data_write_reaches_buffer)
{
  GstHarness *h = gvajs_test_harness ("pixels.js", "function=invert", RGB_CAPS);
  GstBuffer *out;
  GstMapInfo map;

  fail_unless_equals_int (push_frames (h, 1), 1);
  out = gst_harness_pull (h);
  fail_unless (gst_buffer_map (out, &map, GST_MAP_READ));
  fail_unless_equals_int (map.data[0], 255);
  fail_unless_equals_int (map.data[1], 0);
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_data_bad_mode_and_remap_are_errors)
{
  gchar *err = run_fixture_pipeline ("pixels.js", "function=bad_mode");

  assert_contains (err, "RangeError: VideoFrame.data(): mode must be "
      "\"read\" or \"write\", not \"rw\"");
  g_free (err);
  err = run_fixture_pipeline ("pixels.js", "function=read_then_write");
  assert_contains (err, "already mapped for reading");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_retained_frame_and_view_are_dead)
{
  gchar *out = run_harness ("retain.js", NULL, 2);

  assert_contains (out, "view length 0 first undefined\n");
  assert_contains (out, "TypeError: this VideoFrame is no longer valid");
  fail_if (strstr (out, "no error") != NULL, "%s", out);
  g_free (out);
}

GST_END_TEST;

/* Buffers without caps (filesrc) flow as through identity, and encoded
 * video (after jpegenc) has no pixel layout: videoInfo() is null and
 * data() says why, from gvajs (the first used to fail not-negotiated in
 * basetransform, the second gave JPEG bytes as "ENCODED" video). */
GST_START_TEST (test_capsless_and_encoded_streams_flow_without_pixels)
{
  gchar *module = gvajs_test_fixture ("not_video.js");
  gchar *descs[2], *out;
  guint i;

  descs[0] = g_strdup_printf ("filesrc location=\"%s\" ! gvajs module=\"%s\" "
      "! fakesink", module, module);
  descs[1] = g_strdup_printf ("videotestsrc num-buffers=1 ! jpegenc ! "
      "gvajs module=\"%s\" ! fakesink", module);
  for (i = 0; i < G_N_ELEMENTS (descs); i++) {
    gvajs_test_capture_output_start ();
    fail_unless (gvajs_test_run_pipeline (descs[i]) == NULL);
    out = gvajs_test_capture_output_stop ();
    assert_contains (out, "info null\n");
    assert_contains (out, i == 0 ? "pixel access needs raw video caps "
        "(video/x-raw), but this stream has no caps" :
        "pixel access needs raw video caps (video/x-raw), but this stream "
        "is 'image/jpeg");
    g_free (out);
    g_free (descs[i]);
  }
  g_free (module);
}

GST_END_TEST;

/* Raw audio is no longer frames without pixels: the function gets an
 * AudioFrame whose data() are the samples (tests/check/audio.c has the
 * rest). */
GST_START_TEST (test_audio_caps_give_audio_frames)
{
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness ("audio/audio.js", "function=views",
      "audio/x-raw,format=S16LE,rate=8000,channels=1,layout=interleaved");
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (16, 0, 0)),
      GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  fail_unless_equals_string (out, "Int16Array[8] 0,0,0,0\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_imports_relative_and_builtin)
{
  gchar *out = run_harness ("imports.js", NULL, 1);

  fail_unless_equals_string (out, "42 10 U8 1 string\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_no_host_access_globals)
{
  gchar *out = run_harness ("sandbox_globals.js", NULL, 1);

  fail_unless_equals_string (out, "std:undefined os:undefined "
      "require:undefined process:undefined fetch:undefined "
      "print:undefined scriptArgs:undefined\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_console_trace_prints_stack)
{
  gchar *out = run_harness ("trace.js", NULL, 1);

  assert_contains (out, "Trace: here 1\n");
  assert_contains (out, "at inner (");
  assert_contains (out, "trace.js:3:");
  assert_contains (out, "at process_frame (");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_promise_jobs_run_within_call)
{
  gchar *out = run_harness ("promise_jobs.js", NULL, 2);

  fail_unless_equals_string (out, "job 0,job 1\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_class_with_arg_and_kwarg)
{
  gchar *out = run_harness ("tracker_class.js", "class=Tracker "
      "arg=[1,\"a\"] arg=3 kwarg={\"zone\":[0,1]} kwarg={\"min\":2,"
      "\"zone\":5}", 3);

  fail_unless_equals_string (out, "constructed [1,\"a\",3,{\"zone\":5,"
      "\"min\":2}]\nstart\neos 3\nstop 3\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_class_method_drops_with_false)
{
  GstHarness *h = gvajs_test_harness ("tracker_class.js", "class=Tracker", RGB_CAPS);

  fail_unless_equals_int (push_frames (h, 3), 2);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_class_function_property_picks_method)
{
  gchar *out = run_harness ("tracker_class.js",
      "class=Tracker function=count", 2);

  assert_contains (out, "eos 20\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_arg_kwarg_properties_accumulate)
{
  GstElement *e = gst_element_factory_make ("gvajs", NULL);
  gchar *args, *kwargs;

  g_object_set (e, "arg", "[1,2]", "arg", "\"x\"", "kwarg", "{\"a\":1}",
      "kwarg", "{\"b\":2,\"a\":3}", NULL);
  g_object_get (e, "arg", &args, "kwarg", &kwargs, NULL);
  fail_unless_equals_string (args, "[1,2,\"x\"]");
  fail_unless_equals_string (kwargs, "{\"a\":3,\"b\":2}");
  g_free (args);
  g_free (kwargs);
  gst_object_unref (e);
}

GST_END_TEST;

GST_START_TEST (test_property_defaults)
{
  GstElement *e = gst_element_factory_make ("gvajs", NULL);
  gchar *module, *function, *cls, *args, *kwargs;

  g_object_get (e, "module", &module, "function", &function, "class", &cls,
      "arg", &args, "kwarg", &kwargs, NULL);
  fail_unless (module == NULL);
  fail_unless_equals_string (function, "process_frame");
  fail_unless (cls == NULL);
  fail_unless_equals_string (args, "[]");
  fail_unless_equals_string (kwargs, "{}");
  g_free (function);
  g_free (args);
  g_free (kwargs);
  gst_object_unref (e);
}

GST_END_TEST;

GST_START_TEST (test_restart_reloads_module_and_properties)
{
  GstHarness *h = gvajs_test_harness ("tracker_class.js", "class=Tracker "
      "arg=1", RGB_CAPS);
  gchar *out;

  gst_element_set_state (h->element, GST_STATE_NULL);
  g_object_set (gvajs_test_element (h), "arg", "2", NULL);
  gvajs_test_capture_output_start ();
  gst_element_set_state (h->element, GST_STATE_PLAYING);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  assert_contains (out, "constructed [1,2,{}]\nstart\n");
  g_free (out);
}

GST_END_TEST;

static void
write_module (const gchar * path, const gchar * source)
{
  fail_unless (g_file_set_contents (path, source, -1, NULL));
}

static void
push_one (GstHarness * h)
{
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (FRAME_SIZE,
              0, 0)), GST_FLOW_OK);
}

GST_START_TEST (test_reload_switches_to_new_version)
{
  gchar *dir = g_dir_make_tmp ("gvajs-reload-XXXXXX", NULL);
  gchar *path = g_build_filename (dir, "live.js", NULL);
  gchar *launch = g_strdup_printf ("gvajs module=%s reload=true", path);
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gchar *out;

  write_module (path, "export function process_frame() { console.log('v1'); }"
      "\nexport function stop() { console.log('v1 stop'); }\n");
  gvajs_test_capture_output_start ();
  h = gst_harness_new_parse (launch);
  gst_element_set_bus (h->element, bus);
  gst_harness_set_src_caps_str (h, RGB_CAPS);
  push_one (h);
  write_module (path, "export function start() { console.log('v2 start'); }"
      "\nexport function process_frame() { console.log('v2'); }\n");
  g_usleep (300 * 1000);
  push_one (h);
  /* A broken version is reported and the running one stays. */
  write_module (path, "export function process_frame() { let x = ; }\n");
  g_usleep (300 * 1000);
  push_one (h);
  out = gvajs_test_capture_output_stop ();
  /* The new version starts before the old one stops, so a new version that
   * fails to start leaves the old one untouched. */
  fail_unless_equals_string (out, "v1\nv2 start\nv1 stop\nv2\nv2\n");
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_parse_warning (msg, &err, NULL);
  assert_contains (err->message, "the previous version keeps running");
  assert_contains (err->message, "live.js:1:43: SyntaxError");
  g_error_free (err);
  gst_message_unref (msg);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  g_unlink (path);
  g_rmdir (dir);
  g_free (out);
  g_free (launch);
  g_free (path);
  g_free (dir);
}

GST_END_TEST;

/* --- bad input: each a clear message on the bus, nothing crashes --- */

GST_START_TEST (test_module_unset)
{
  gchar *err = gvajs_test_run_pipeline ("videotestsrc num-buffers=1 ! gvajs "
      "! fakesink");

  assert_contains (err, "property 'module' is not set");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_module_missing_file)
{
  gchar *err = gvajs_test_run_pipeline ("videotestsrc num-buffers=1 ! gvajs "
      "module=/nonexistent/x.js ! fakesink");

  assert_contains (err, "could not read module '/nonexistent/x.js'");
  assert_contains (err, "No such file or directory");
  g_free (err);
}

GST_END_TEST;

/* The debug text's "file(line): function ()" is where the element posted
 * the error, not a shared helper. */
GST_START_TEST (test_error_debug_names_posting_function)
{
  gchar *err = gvajs_test_run_pipeline ("videotestsrc num-buffers=1 ! gvajs "
      "module=/nonexistent/x.js ! fakesink");

  assert_contains (err, "gstgvajs.c(");
  assert_contains (err, "): gst_gva_js_start (): ");
  fail_if (strstr (err, "post_error") != NULL, "helper named in:\n%s", err);
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_module_unreadable_file)
{
  gchar *dir = g_dir_make_tmp ("gvajs-XXXXXX", NULL);
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=1 ! gvajs "
      "module=\"%s\" ! fakesink", dir);
  gchar *err = gvajs_test_run_pipeline (desc);

  /* A directory cannot be read as a module, whoever runs the test. */
  assert_contains (err, "could not read module");
  g_free (err);
  g_free (desc);
  g_rmdir (dir);
  g_free (dir);
}

GST_END_TEST;

GST_START_TEST (test_syntax_error_names_file_line_column)
{
  gchar *err = run_fixture_pipeline ("syntax_error.js", NULL);

  assert_contains (err, "syntax_error.js:3:14: SyntaxError: unexpected "
      "token in expression: ';'");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_top_level_exception)
{
  gchar *err = run_fixture_pipeline ("top_level_throw.js", NULL);

  assert_contains (err, "top_level_throw.js:3:");
  assert_contains (err, "TypeError: cannot read property 'threshold' of "
      "undefined (in evaluating module");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_missing_export_lists_exports)
{
  gchar *err = run_fixture_pipeline ("count.js", "function=process");

  assert_contains (err, "has no export named 'process' (its exports: eos, "
      "process_frame, start, stop)");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_export_not_a_function)
{
  gchar *err = run_fixture_pipeline ("not_function.js", NULL);

  assert_contains (err, "export 'process_frame' of '");
  assert_contains (err, "is not a function");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_hook_not_a_function)
{
  gchar *err = run_fixture_pipeline ("bad_hook.js", NULL);

  assert_contains (err, "export 'stop' is a hook and must be a function");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_class_missing_or_not_a_class)
{
  gchar *err = run_fixture_pipeline ("tracker_class.js", "class=Nope");

  assert_contains (err, "has no export named 'Nope'");
  g_free (err);
  err = run_fixture_pipeline ("tracker_class.js", "class=NotAClass");
  assert_contains (err, "export 'NotAClass' of module '");
  assert_contains (err, "is not a class");
  g_free (err);
  err = run_fixture_pipeline ("tracker_class.js", "class=NoMethod");
  assert_contains (err, "class 'NoMethod' has no method named "
      "'process_frame'");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_constructor_throws)
{
  gchar *err = run_fixture_pipeline ("tracker_class.js", "class=Throws");

  assert_contains (err, "tracker_class.js:");
  assert_contains (err, "RangeError: bad configuration (in constructing "
      "class 'Throws')");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_invalid_arg_json)
{
  gchar *err = run_fixture_pipeline ("tracker_class.js",
      "class=Tracker arg=[1,");

  assert_contains (err, "property 'arg': '[1,' is not valid JSON");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_invalid_kwarg_json)
{
  gchar *err = run_fixture_pipeline ("tracker_class.js",
      "class=Tracker kwarg=[1]");

  assert_contains (err, "property 'kwarg': '[1]' is not a JSON object");
  g_free (err);
  err = run_fixture_pipeline ("tracker_class.js", "class=Tracker kwarg={a:1}");
  assert_contains (err, "property 'kwarg': '{a:1}' is not valid JSON");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_exception_in_process_frame_fails_flow)
{
  GstHarness *h = gvajs_test_harness ("throws.js", NULL, RGB_CAPS);
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *gerr = NULL;
  gchar *debug = NULL;

  gst_element_set_bus (h->element, bus);
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (FRAME_SIZE,
              0, 0)), GST_FLOW_OK);
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (FRAME_SIZE,
              0, 0)), GST_FLOW_ERROR);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  gst_message_parse_error (msg, &gerr, &debug);
  assert_contains (gerr->message, "throws.js:4:");
  assert_contains (gerr->message, "TypeError: frame 2 rejected (in "
      "process_frame)");
  /* The JS stack travels in the debug text. */
  assert_contains (debug, "at check (");
  assert_contains (debug, "at process_frame (");
  g_error_free (gerr);
  g_free (debug);
  gst_message_unref (msg);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_exception_in_start_hook_fails_start)
{
  gchar *err = run_fixture_pipeline ("hooks_throw.js",
      "class=Hooks kwarg={\"in\":\"start\"}");

  assert_contains (err, "Error: start failed (in start())");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_exception_in_eos_hook_is_an_error)
{
  gchar *err = run_fixture_pipeline ("hooks_throw.js",
      "class=Hooks kwarg={\"in\":\"eos\"}");

  assert_contains (err, "Error: eos failed (in eos())");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_exception_in_stop_hook_is_a_warning)
{
  GstHarness *h = gvajs_test_harness ("hooks_throw.js",
      "class=Hooks kwarg={\"in\":\"stop\"}", RGB_CAPS);
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *gerr = NULL;

  gst_element_set_bus (h->element, bus);
  gst_element_set_state (h->element, GST_STATE_NULL);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_parse_warning (msg, &gerr, NULL);
  assert_contains (gerr->message, "Error: stop failed (in stop())");
  g_error_free (gerr);
  gst_message_unref (msg);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_bare_and_missing_imports)
{
  gchar *err = run_fixture_pipeline ("bare_import.js", NULL);

  assert_contains (err, "cannot import 'lodash': gvajs modules may import "
      "only relative files and \"gvajs\"");
  g_free (err);
  err = run_fixture_pipeline ("missing_import.js", NULL);
  assert_contains (err, "could not load module '");
  assert_contains (err, "lib/does-not-exist.js'");
  g_free (err);
}

GST_END_TEST;

/* The pusher of test_restart_while_streaming: pushes frames until told to
 * stop, sending the stream's sticky events again after each flush. */
typedef struct
{
  GstHarness *h;
  gint stop;
  guint processed;
  guint failed;
  GstFlowReturn last_failure;
} Pusher;

static void
push_stream_events (GstHarness * h)
{
  GstCaps *caps = gst_caps_from_string (RGB_CAPS);
  GstSegment segment;

  gst_segment_init (&segment, GST_FORMAT_TIME);
  gst_harness_push_event (h, gst_event_new_stream_start ("restart"));
  gst_harness_push_event (h, gst_event_new_caps (caps));
  gst_harness_push_event (h, gst_event_new_segment (&segment));
  gst_caps_unref (caps);
}

static gpointer
push_until_stopped (gpointer data)
{
  Pusher *p = data;
  guint i = 0;

  while (!g_atomic_int_get (&p->stop)) {
    GstFlowReturn ret = gst_harness_push (p->h, gvajs_test_buffer (FRAME_SIZE,
            0, i++ * GST_SECOND / 30));

    /* A short pause after each frame, as a paced source has: a pusher
     * that takes the stream lock back at once starved the state changes
     * under valgrind, whose scheduler is not fair. */
    if (ret == GST_FLOW_OK) {
      p->processed++;
      g_usleep (200);
    } else if (ret == GST_FLOW_FLUSHING) {
      g_usleep (500);
      push_stream_events (p->h);
    } else {
      p->failed++;
      p->last_failure = ret;
    }
  }
  return NULL;
}

/* An application restarts the element (READY, then PLAYING) while
 * upstream streams: a frame that arrives while start() loads the module
 * waits for it, and the runtime is never entered by two threads at once
 * (it used to fail the flow with "no module loaded", or crash). */
GST_START_TEST (test_restart_while_streaming)
{
  GstHarness *h = gvajs_test_harness ("restart.js", NULL, RGB_CAPS);
  GstElement *gvajs = gvajs_test_element (h);
  Pusher pusher = { h, 0, 0, 0, GST_FLOW_OK };
  GThread *thread;
  guint i;

  gst_harness_set_drop_buffers (h, TRUE);
  thread = g_thread_new ("pusher", push_until_stopped, &pusher);
  for (i = 0; i < 12; i++) {
    g_usleep (20 * 1000);
    fail_unless_equals_int (gst_element_set_state (gvajs, GST_STATE_READY),
        GST_STATE_CHANGE_SUCCESS);
    fail_unless_equals_int (gst_element_set_state (gvajs, GST_STATE_PLAYING),
        GST_STATE_CHANGE_SUCCESS);
  }
  g_usleep (20 * 1000);
  g_atomic_int_set (&pusher.stop, 1);
  g_thread_join (thread);
  fail_unless_equals_int (pusher.failed, 0);
  fail_unless (pusher.processed > 12, "only %u frames got through",
      pusher.processed);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
gvajs_element_suite (void)
{
  Suite *s = suite_create ("gvajs-element");
  TCase *tc = tcase_create ("contract");
  TCase *bad = tcase_create ("bad-input");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_calls_process_frame_per_buffer_and_hooks);
  tcase_add_test (tc, test_false_drops_other_values_pass);
  tcase_add_test (tc, test_never_passthrough);
  tcase_add_test (tc, test_video_info_and_timestamps);
  tcase_add_test (tc, test_data_reads_pixels);
  tcase_add_test (tc, test_data_write_reaches_buffer);
  tcase_add_test (tc, test_data_bad_mode_and_remap_are_errors);
  tcase_add_test (tc, test_retained_frame_and_view_are_dead);
  tcase_add_test (tc, test_audio_caps_give_audio_frames);
  tcase_add_test (tc, test_capsless_and_encoded_streams_flow_without_pixels);
  tcase_add_test (tc, test_imports_relative_and_builtin);
  tcase_add_test (tc, test_no_host_access_globals);
  tcase_add_test (tc, test_promise_jobs_run_within_call);
  tcase_add_test (tc, test_console_trace_prints_stack);
  tcase_add_test (tc, test_class_with_arg_and_kwarg);
  tcase_add_test (tc, test_class_method_drops_with_false);
  tcase_add_test (tc, test_class_function_property_picks_method);
  tcase_add_test (tc, test_arg_kwarg_properties_accumulate);
  tcase_add_test (tc, test_property_defaults);
  tcase_add_test (tc, test_restart_reloads_module_and_properties);
  tcase_add_test (tc, test_reload_switches_to_new_version);

  suite_add_tcase (s, bad);
  tcase_add_test (bad, test_module_unset);
  tcase_add_test (bad, test_module_missing_file);
  tcase_add_test (bad, test_error_debug_names_posting_function);
  tcase_add_test (bad, test_module_unreadable_file);
  tcase_add_test (bad, test_syntax_error_names_file_line_column);
  tcase_add_test (bad, test_top_level_exception);
  tcase_add_test (bad, test_missing_export_lists_exports);
  tcase_add_test (bad, test_export_not_a_function);
  tcase_add_test (bad, test_hook_not_a_function);
  tcase_add_test (bad, test_class_missing_or_not_a_class);
  tcase_add_test (bad, test_constructor_throws);
  tcase_add_test (bad, test_invalid_arg_json);
  tcase_add_test (bad, test_invalid_kwarg_json);
  tcase_add_test (bad, test_exception_in_process_frame_fails_flow);
  tcase_add_test (bad, test_exception_in_start_hook_fails_start);
  tcase_add_test (bad, test_exception_in_eos_hook_is_an_error);
  tcase_add_test (bad, test_exception_in_stop_hook_is_a_warning);
  tcase_add_test (bad, test_bare_and_missing_imports);
  tcase_add_test (tc, test_restart_while_streaming);
  return s;
}

GST_CHECK_MAIN (gvajs_element);
