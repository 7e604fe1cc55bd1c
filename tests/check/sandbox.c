/* SPDX-License-Identifier: MIT */
/* gst-check tests of the sandbox: time budgets, memory and stack limits,
 * the on-error policy, file access and scripts that try to break out. Each
 * checks the message and that the process survives; under AddressSanitizer
 * they also check that nothing leaks. */
#include "gvajs-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"
#define FRAME_SIZE 24

static gchar *
run_hostile (const gchar * fixture, const gchar * extra)
{
  return gvajs_test_run_module (fixture, extra, 3);
}

/* Pushes @n frames; returns how many came out. */
static guint
push_frames (GstHarness * h, guint n, GstFlowReturn expected)
{
  guint i;

  for (i = 0; i < n; i++)
    fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer
            (FRAME_SIZE, 0, i * GST_SECOND / 30)), expected);
  return gst_harness_buffers_in_queue (h);
}

/* Pushes @n frames through the fixture, each accepted, and returns how
 * many came out. */
static guint
frames_through (const gchar * fixture, const gchar * props, guint n)
{
  GstHarness *h = gvajs_test_harness (fixture, props, RGB_CAPS);
  guint out = push_frames (h, n, GST_FLOW_OK);

  gst_harness_teardown (h);
  return out;
}

/* Pushes @n frames through the fixture and returns what it printed;
 * every frame must pass. */
static gchar *
output_of_frames (const gchar * fixture, const gchar * props, guint n)
{
  GstHarness *h;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (fixture, props, RGB_CAPS);
  fail_unless_equals_int (push_frames (h, n, GST_FLOW_OK), n);
  gst_harness_teardown (h);
  return gvajs_test_capture_output_stop ();
}

/* All messages of @type on @bus, their texts joined by newlines. */
static gchar *
drain_messages (GstBus * bus, GstMessageType type, guint * count)
{
  GString *all = g_string_new (NULL);
  GstMessage *msg;
  GError *err;

  *count = 0;
  while ((msg = gst_bus_pop_filtered (bus, type)) != NULL) {
    if (type == GST_MESSAGE_WARNING)
      gst_message_parse_warning (msg, &err, NULL);
    else
      gst_message_parse_error (msg, &err, NULL);
    g_string_append_printf (all, "%s\n", err->message);
    g_error_free (err);
    gst_message_unref (msg);
    (*count)++;
  }
  return g_string_free (all, FALSE);
}

GST_START_TEST (test_endless_loop_in_process_frame)
{
  gchar *err = run_hostile ("hostile/hostile.js",
      "function=spin time-budget=50");

  assert_contains (err, "spin ran longer than its time budget of 50 ms and "
      "was stopped; make it faster or raise the element's 'time-budget' "
      "property");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_endless_loop_cannot_be_caught)
{
  gchar *err = run_hostile ("hostile/hostile.js",
      "function=spin_in_try time-budget=50");

  assert_contains (err, "spin_in_try ran longer than its time budget");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_regex_backtracking_is_stopped)
{
  gchar *err = run_hostile ("hostile/hostile.js",
      "function=regex_backtracking time-budget=50");

  assert_contains (err, "regex_backtracking ran longer than its time budget");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_endless_loop_at_top_level)
{
  gchar *err = run_hostile ("hostile/loop_top_level.js",
      "load-time-budget=50");

  assert_contains (err, "evaluating module '");
  assert_contains (err, "ran longer than its time budget of 50 ms and was "
      "stopped; make it faster or raise the element's 'load-time-budget' "
      "property");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_endless_loop_in_constructor)
{
  gchar *err = run_hostile ("hostile/hostile.js",
      "class=LoopingConstructor load-time-budget=50");

  assert_contains (err, "constructing class 'LoopingConstructor' ran longer "
      "than its time budget of 50 ms");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_endless_loop_in_hooks)
{
  gchar *err = run_hostile ("hostile/hostile.js",
      "class=Hooks kwarg={\"in\":\"start\"} time-budget=50");

  assert_contains (err, "start() ran longer than its time budget of 50 ms");
  g_free (err);
  err = run_hostile ("hostile/hostile.js",
      "class=Hooks kwarg={\"in\":\"eos\"} time-budget=50");
  assert_contains (err, "eos() ran longer than its time budget of 50 ms");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_endless_loop_in_stop_hook_is_a_warning)
{
  GstHarness *h = gvajs_test_harness ("hostile/hostile.js",
      "class=Hooks kwarg={\"in\":\"stop\"} time-budget=50", RGB_CAPS);
  GstBus *bus = gst_bus_new ();
  guint n;
  gchar *warnings;

  gst_element_set_bus (h->element, bus);
  gst_element_set_state (h->element, GST_STATE_NULL);
  warnings = drain_messages (bus, GST_MESSAGE_WARNING, &n);
  assert_contains (warnings, "stop() ran longer than its time budget");
  g_free (warnings);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* The time budget raised: under valgrind on a loaded machine, filling 16
 * MiB can take longer than the default second, and this test is about
 * the memory limit. */
GST_START_TEST (test_allocation_bomb_hits_memory_limit)
{
  gchar *err = run_hostile ("hostile/hostile.js",
      "function=allocation_bomb memory-limit=16777216 time-budget=30000");

  assert_contains (err, "the script ran out of its 16777216 bytes (the "
      "element's 'memory-limit' property)");
  assert_contains (err, "out of memory");
  g_free (err);
  err = run_hostile ("hostile/hostile.js",
      "function=string_bomb memory-limit=16777216 time-budget=30000");
  assert_contains (err, "'memory-limit' property");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_unbounded_recursion)
{
  gchar *err = run_hostile ("hostile/hostile.js", "function=recursion");

  assert_contains (err, "InternalError: stack overflow (in recursion)");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_throwing_non_errors)
{
  const gchar *cases[][2] = {
    {"function=throw_string", "uncaught value thrown: plain string"},
    {"function=throw_object", "uncaught value thrown: {\"code\":42}"},
    {"function=throw_undefined", "uncaught value thrown: undefined"},
    {"function=throw_null", "uncaught value thrown: null"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    gchar *err = run_hostile ("hostile/hostile.js", cases[i][0]);
    assert_contains (err, cases[i][1]);
    g_free (err);
  }
}

GST_END_TEST;

GST_START_TEST (test_async_process_frame_is_awaited)
{
  GstHarness *h = gvajs_test_harness ("hostile/hostile.js",
      "function=async_drop", RGB_CAPS);

  fail_unless_equals_int (push_frames (h, 3, GST_FLOW_OK), 0);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_async_rejection_and_unsettled_promise)
{
  gchar *err = run_hostile ("hostile/hostile.js", "function=async_reject");

  assert_contains (err, "RangeError: async failure (in async_reject)");
  g_free (err);
  err = run_hostile ("hostile/hostile.js", "function=never_settles");
  assert_contains (err, "never_settles returned a promise that did not "
      "settle before the call ended");
  g_free (err);
}

GST_END_TEST;

GST_START_TEST (test_unhandled_rejection_is_reported_not_fatal)
{
  gchar *out = output_of_frames ("hostile/hostile.js",
      "function=unhandled_rejection", 2);

  assert_contains (out, "gvajs: unhandled promise rejection: Error: nobody "
      "listens");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_on_error_drop_counts_and_rate_limits)
{
  GstHarness *h = gvajs_test_harness ("hostile/hostile.js",
      "function=fail_every_other on-error=drop", RGB_CAPS);
  GstElement *e = gvajs_test_element (h);
  GstBus *bus = gst_bus_new ();
  guint64 count;
  guint n;
  gchar *warnings;

  gst_element_set_bus (h->element, bus);
  fail_unless_equals_int (push_frames (h, 10, GST_FLOW_OK), 5);
  g_object_get (e, "error-count", &count, NULL);
  fail_unless_equals_int (count, 5);
  warnings = drain_messages (bus, GST_MESSAGE_WARNING, &n);
  /* Five errors within a second: one warning now, the rest summed at stop. */
  fail_unless_equals_int (n, 1);
  assert_contains (warnings, "Error: call 2 failed (in fail_every_other) [1 "
      "frame error(s) since the last warning, 1 in all; on-error=drop]");
  g_free (warnings);
  gst_element_set_state (h->element, GST_STATE_NULL);
  warnings = drain_messages (bus, GST_MESSAGE_WARNING, &n);
  assert_contains (warnings, "4 frame error(s) since the last warning, 5 in "
      "all");
  g_free (warnings);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_on_error_pass_keeps_frames)
{
  GstHarness *h = gvajs_test_harness ("hostile/hostile.js",
      "function=fail_every_other on-error=pass", RGB_CAPS);

  fail_unless_equals_int (push_frames (h, 6, GST_FLOW_OK), 6);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_runtime_usable_after_budget_overrun)
{
  GstHarness *h = gvajs_test_harness ("hostile/hostile.js",
      "function=spin_then_recover on-error=drop time-budget=50", RGB_CAPS);

  /* The first call is stopped and dropped; the later ones run normally. */
  fail_unless_equals_int (push_frames (h, 3, GST_FLOW_OK), 2);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_tampering_with_host_objects)
{
  GstHarness *h = gvajs_test_harness ("hostile/hostile.js",
      "function=tamper", RGB_CAPS);

  fail_unless_equals_int (push_frames (h, 3, GST_FLOW_OK), 3);
  /* A restart builds a fresh runtime: the tampering is gone. */
  gst_element_set_state (h->element, GST_STATE_NULL);
  gst_element_set_state (h->element, GST_STATE_PLAYING);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_wrong_arguments_throw_clear_errors)
{
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness ("hostile/hostile.js", "function=wrong_arguments",
      RGB_CAPS);
  push_frames (h, 1, GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  /* The megabyte string is cut to fit the message. */
  fail_unless_equals_string (out,
      "RangeError: VideoFrame.data(): mode must be \"read\" or \"write\", "
      "not \"123\"\n"
      "RangeError: VideoFrame.data(): mode must be \"read\" or \"write\", "
      "not \"NaN\"\n"
      "RangeError: VideoFrame.data(): mode must be \"read\" or \"write\", "
      "not \"-Infinity\"\n"
      "RangeError: VideoFrame.data(): mode must be \"read\" or \"write\", "
      "not \"" "wwwwwwwwwwwwwwwwwwwwwwww\n"
      "Error: toString bomb\n"
      "TypeError: cannot convert symbol to string\n"
      "TypeError: not a VideoFrame\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_file_access_is_off_by_default)
{
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness ("hostile/files.js", NULL, RGB_CAPS);
  push_frames (h, 1, GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  assert_contains (out, "text: TypeError: readText('");
  assert_contains (out, "file access is off; list the folder in the "
      "element's allow-read property");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_file_access_within_allowed_folder)
{
  GstHarness *h;
  gchar *out, *dir = gvajs_test_fixture ("hostile");
  gchar *extra = g_strdup_printf ("allow-read=/nonexistent-gvajs:%s/data",
      dir);

  /* A folder that does not exist fails the start... */
  out = run_hostile ("hostile/files.js", extra);
  assert_contains (out, "property 'allow-read': '/nonexistent-gvajs' is "
      "not an existing folder");
  g_free (out);
  g_free (extra);
  extra = g_strdup_printf ("allow-read=%s/data", dir);
  /* ...and an existing one opens exactly itself. */
  gvajs_test_capture_output_start ();
  h = gvajs_test_harness ("hostile/files.js", extra, RGB_CAPS);
  push_frames (h, 1, GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  assert_contains (out, "text: {\"zones\": [1, 2]}\n");
  assert_contains (out, "json: {\"zones\":[1,2]}\n");
  assert_contains (out, "hostile.js' is outside the allow-read folders\n");
  assert_contains (out, "missing: TypeError: readText('");
  assert_contains (out, "No such file or directory\n");
  assert_contains (out, "bad_json: SyntaxError: ");
  assert_contains (out, "not_a_string: TypeError: readText() needs a path "
      "string\n");
  g_free (out);
  g_free (extra);
  g_free (dir);
}

GST_END_TEST;

/* 500 NULL <-> PLAYING cycles, switching modules every 50: each start
 * builds a fresh runtime and each stop frees it completely. */
GST_START_TEST (test_state_cycles_with_module_changes)
{
  GstHarness *h = gvajs_test_harness ("count.js", NULL, RGB_CAPS);
  GstElement *e = gvajs_test_element (h);
  gchar *modules[2] = { gvajs_test_fixture ("count.js"),
    gvajs_test_fixture ("drop_odd.js")
  };
  guint i;

  gvajs_test_capture_output_start ();
  for (i = 0; i < 500; i++) {
    gst_element_set_state (h->element, GST_STATE_NULL);
    if (i % 50 == 0)
      g_object_set (e, "module", modules[(i / 50) % 2], NULL);
    fail_unless_equals_int (gst_element_set_state (h->element,
            GST_STATE_PLAYING), GST_STATE_CHANGE_SUCCESS);
    gst_harness_set_src_caps_str (h, RGB_CAPS);
    fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer
            (FRAME_SIZE, 0, 0)), GST_FLOW_OK);
  }
  g_free (gvajs_test_capture_output_stop ());
  /* drop_odd.js passes the first frame after each start. */
  fail_unless_equals_int (gst_harness_buffers_in_queue (h), 500);
  gst_harness_teardown (h);
  g_free (modules[0]);
  g_free (modules[1]);
}

GST_END_TEST;

/* 1000 frames, each adding and reading back 10 regions with tensors, a
 * frame tensor and a message: under ASan and valgrind this is the memory
 * check of the metadata path. */
GST_START_TEST (test_long_pipeline_with_metadata)
{
  gchar *path = gvajs_test_fixture ("regions_tensors.js");
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=1000 ! "
      "video/x-raw,format=RGB,width=32,height=24 ! gvajs module=\"%s\" "
      "time-budget=60000 ! fakesink", path);
  gchar *err, *out;

  gvajs_test_capture_output_start ();
  err = gvajs_test_run_pipeline (desc);
  out = gvajs_test_capture_output_stop ();
  fail_unless (err == NULL, "%s", err);
  assert_contains (out, "frames 1000 checksum ");
  g_free (out);
  g_free (desc);
  g_free (path);
}

GST_END_TEST;

/* The seeded API fuzzer: 100000 calls over 1000 frames, valid and invalid
 * arguments, objects used after their call. Passing means no crash, no
 * sanitizer or valgrind report and every call accounted for. */
GST_START_TEST (test_api_fuzzer)
{
  gchar *path = gvajs_test_fixture ("hostile/fuzz.js");
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=1000 ! "
      "video/x-raw,format=RGB,width=16,height=8 ! gvajs module=\"%s\" "
      "class=Fuzzer kwarg={\"seed\":7,\"calls\":100000,\"frames\":1000} "
      "time-budget=60000 ! fakesink", path);
  gchar *err, *out;

  gvajs_test_capture_output_start ();
  err = gvajs_test_run_pipeline (desc);
  out = gvajs_test_capture_output_stop ();
  fail_unless (err == NULL, "%s", err);
  assert_contains (out, "fuzz: 100000 calls, ");
  g_free (out);
  g_free (desc);
  g_free (path);
}

GST_END_TEST;

/* Setters on Array.prototype that remove metadata must not run while a
 * native method walks the buffer's metas or a structure (they used to:
 * SIGSEGV in gst_buffer_iterate_meta_filtered, use-after-free in
 * roi.tensors(), 13 regions on a frame that has 3). */
GST_START_TEST (test_prototype_setters_never_run_inside_natives)
{
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness ("hostile/reentrant.js", NULL, RGB_CAPS);
  fail_unless_equals_int (push_frames (h, 1, GST_FLOW_OK), 1);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  fail_unless_equals_string (out,
      "regions: r0,r1,r2 setters run: 0\n"
      "messages: one,two setters run: 0\n"
      "tensors: detection,emotion,age setters run: 0\n"
      "fields: label,dims,names setters run: 0\n"
      "dims: 1,2,3 setters run: 0\n"
      "names: a,b,c setters run: 0\n"
      "rect: x,y,w,h setters run: 0\n"
      "stride: 12 setters run: 0\n"
      "after: 3 regions, 2 messages\n");
  g_free (out);
}

GST_END_TEST;

/* Imports follow readText's rule, with one message whether or not a file
 * outside exists; FIFOs and devices are refused instead of blocking or
 * reading forever; a NUL in a path is refused instead of cutting it. */
GST_START_TEST (test_read_boundary_for_imports_and_special_files)
{
  gchar *dir = g_dir_make_tmp ("gvajs-boundary-XXXXXX", NULL);
  gchar *ok = g_build_filename (dir, "ok.js", NULL);
  gchar *fifo = g_build_filename (dir, "fifo.js", NULL);
  gchar *module = gvajs_test_fixture ("hostile/boundary.js");
  gchar *launch, *out;
  GstHarness *h;

  fail_unless (g_file_set_contents (ok, "export const value = 42;\n", -1,
          NULL));
  fail_unless_equals_int (mkfifo (fifo, 0600), 0);
  launch = g_strdup_printf ("gvajs module=\"%s\" class=Boundary "
      "allow-read=%s kwarg={\"dir\":\"%s\"}", module, dir, dir);
  gvajs_test_capture_output_start ();
  h = gst_harness_new_parse (launch);
  gst_harness_set_src_caps_str (h, RGB_CAPS);
  fail_unless_equals_int (push_frames (h, 1, GST_FLOW_OK), 1);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  assert_contains (out, "outside_existing: ReferenceError: could not load "
      "module '" GVAJS_FIXTURES_DIR "/count.js': '" GVAJS_FIXTURES_DIR
      "/count.js' is outside the module's folder and the allow-read "
      "folders\n");
  assert_contains (out, "outside_missing: ReferenceError: could not load "
      "module '" GVAJS_FIXTURES_DIR "/no_such_module.js': '"
      GVAJS_FIXTURES_DIR "/no_such_module.js' is outside the module's "
      "folder and the allow-read folders\n");
  assert_contains (out, "absolute: ReferenceError: could not load module "
      "'/etc/hostname': '/etc/hostname' is outside");
  assert_contains (out, "device: ReferenceError: could not load module "
      "'/dev/zero': '/dev/zero' is outside");
  assert_contains (out, "fifo: ReferenceError: could not load module "
      "'DIR/fifo.js': not a regular file\n");
  assert_contains (out, "allowed: imported 42\n");
  assert_contains (out, "read fifo: TypeError: readText('DIR/fifo.js'): not "
      "a regular file\n");
  assert_contains (out, "read nul: TypeError: readText(): the path "
      "contains a NUL character\n");
  g_free (out);
  g_free (launch);
  g_unlink (fifo);
  g_unlink (ok);
  g_rmdir (dir);
  g_free (module);
  g_free (fifo);
  g_free (ok);
  g_free (dir);
}

GST_END_TEST;

/* The stack rewriter reads only the source maps of modules it compiled,
 * and only regular files: a map named /dev/zero, or a stack rewritten to
 * name it, used to read without end. */
GST_START_TEST (test_source_maps_never_read_special_files)
{
  gchar *err = run_hostile ("hostile/map_dev_zero.js", "");

  assert_contains (err, "map_dev_zero.js:2:");
  assert_contains (err, "Error: boom");
  g_free (err);
  err = run_hostile ("hostile/stack_names_device.js", "");
  assert_contains (err, "Error: boom");
  assert_contains (err, "at f (/dev/zero:1:1)");
  g_free (err);
}

GST_END_TEST;

/* Formatting an error or a rejection runs the script's getters, toJSON()
 * and traps under a budget of its own: none of these may hang the call,
 * the hooks or the start (they used to: no budget was armed then). */
GST_START_TEST (test_error_formatting_is_under_a_budget)
{
  static const gchar *const functions[] = { "getter_loop", "tojson_loop" };
  gchar *err, *extra, *out;
  GstHarness *h;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (functions); i++) {
    extra = g_strdup_printf ("function=%s time-budget=50", functions[i]);
    err = run_hostile ("hostile/formatting.js", extra);
    assert_contains (err, functions[i]);
    g_free (err);
    g_free (extra);
  }
  /* Under on-error=drop every frame formats the error: each is bounded. */
  fail_unless_equals_int (frames_through ("hostile/formatting.js",
          "function=tojson_loop time-budget=50 on-error=drop", 3), 0);
  out = output_of_frames ("hostile/formatting.js",
      "function=rejection_loop time-budget=50", 2);
  assert_contains (out, "gvajs: unhandled promise rejection: ");
  g_free (out);
  /* stop() throws such an error: the element still reaches NULL. */
  h = gvajs_test_harness ("hostile/formatting.js",
      "class=StopLoops time-budget=50", RGB_CAPS);
  push_frames (h, 1, GST_FLOW_OK);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_load_time_lookups_are_under_a_budget)
{
  gchar *err;

  err = run_hostile ("hostile/loop_format_top.js", "load-time-budget=50");
  assert_contains (err, "evaluating module");
  g_free (err);
  err = run_hostile ("hostile/formatting.js",
      "class=ProxyLoops load-time-budget=50");
  assert_contains (err, "looking up method 'process_frame' ran longer than "
      "its time budget of 50 ms and was stopped; make it faster or raise "
      "the element's 'load-time-budget' property");
  g_free (err);
  err = run_hostile ("hostile/formatting.js", "class=ProxyThrows");
  assert_contains (err, "Error: the trap says no (in looking up method "
      "'process_frame')");
  g_free (err);
  err = run_hostile ("hostile/formatting.js", "function=defined_later");
  assert_contains (err, "export 'defined_later' of module '");
  assert_contains (err, "formatting.js' is undefined when the module has "
      "run");
  g_free (err);
}

GST_END_TEST;

/* Metadata a call attaches lives outside the JS heap: it counts against
 * memory-limit, per call, whichever way it is attached (40 x 4 MiB a
 * call used to reach gigabytes and abort in g_malloc). */
GST_START_TEST (test_attached_metadata_counts_against_memory_limit)
{
  static const gchar *const cases[][2] = {
    {"messages", "VideoFrame.addMessage"},
    {"tensor_data", "Tensor.setData"},
    {"tensor_strings", "Tensor.set"},
    {"regions_batch", "VideoFrame.addRegions"},
  };
  gchar *err, *extra, *want;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    extra = g_strdup_printf ("function=%s memory-limit=33554432",
        cases[i][0]);
    err = run_hostile ("hostile/attach.js", extra);
    want = g_strdup_printf ("%s(): the metadata this call attaches would "
        "pass 33554432 bytes (the element's 'memory-limit' property bounds "
        "the metadata a call attaches as well as the JS heap)", cases[i][1]);
    assert_contains (err, want);
    g_free (want);
    g_free (err);
    g_free (extra);
  }
  /* The count is per call: 8 MiB a frame passes frame after frame. */
  fail_unless_equals_int (frames_through ("hostile/attach.js",
          "function=within memory-limit=33554432", 8), 8);
}

GST_END_TEST;

static Suite *
gvajs_sandbox_suite (void)
{
  Suite *s = suite_create ("gvajs-sandbox");
  TCase *limits = tcase_create ("limits");
  TCase *policy = tcase_create ("policy");
  TCase *hostile = tcase_create ("hostile");

  suite_add_tcase (s, limits);
  tcase_add_test (limits, test_endless_loop_in_process_frame);
  tcase_add_test (limits, test_endless_loop_cannot_be_caught);
  tcase_add_test (limits, test_regex_backtracking_is_stopped);
  tcase_add_test (limits, test_endless_loop_at_top_level);
  tcase_add_test (limits, test_endless_loop_in_constructor);
  tcase_add_test (limits, test_endless_loop_in_hooks);
  tcase_add_test (limits, test_endless_loop_in_stop_hook_is_a_warning);
  tcase_add_test (limits, test_allocation_bomb_hits_memory_limit);
  tcase_add_test (limits, test_unbounded_recursion);

  suite_add_tcase (s, policy);
  tcase_add_test (policy, test_on_error_drop_counts_and_rate_limits);
  tcase_add_test (policy, test_on_error_pass_keeps_frames);
  tcase_add_test (policy, test_runtime_usable_after_budget_overrun);
  tcase_add_test (policy, test_state_cycles_with_module_changes);
  tcase_set_timeout (policy, 600);

  suite_add_tcase (s, hostile);
  tcase_add_test (hostile, test_throwing_non_errors);
  tcase_add_test (hostile, test_async_process_frame_is_awaited);
  tcase_add_test (hostile, test_async_rejection_and_unsettled_promise);
  tcase_add_test (hostile, test_unhandled_rejection_is_reported_not_fatal);
  tcase_add_test (hostile, test_tampering_with_host_objects);
  tcase_add_test (hostile, test_wrong_arguments_throw_clear_errors);
  tcase_add_test (hostile, test_file_access_is_off_by_default);
  tcase_add_test (hostile, test_file_access_within_allowed_folder);
  tcase_add_test (hostile, test_prototype_setters_never_run_inside_natives);
  tcase_add_test (hostile, test_read_boundary_for_imports_and_special_files);
  tcase_add_test (hostile, test_source_maps_never_read_special_files);
  tcase_add_test (hostile, test_error_formatting_is_under_a_budget);
  tcase_add_test (hostile, test_load_time_lookups_are_under_a_budget);
  tcase_add_test (hostile, test_attached_metadata_counts_against_memory_limit);
  tcase_add_test (hostile, test_api_fuzzer);
  tcase_add_test (hostile, test_long_pipeline_with_metadata);
  tcase_set_timeout (hostile, 600);
  return s;
}

GST_CHECK_MAIN (gvajs_sandbox);
