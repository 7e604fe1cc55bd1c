/* SPDX-License-Identifier: MIT */
/* gst-check tests of the limits against work the engine does in C: loops
 * of QuickJS's built-ins and of gvajs's own helpers under the time budget,
 * the stack the calling thread really has, and running out of memory while
 * making the error itself. Each checks the exact message and that the
 * process survives; ASan and valgrind check that nothing leaks. */
#include "gvajs-test-utils.h"

#include <pthread.h>
#include <string.h>

#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"
#define FRAME_SIZE 24

static gchar *
run_hostile (const gchar * fixture, const gchar * extra)
{
  gchar *path = gvajs_test_fixture (fixture);
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=3 ! "
      "video/x-raw,format=RGB,width=8,height=8 ! gvajs module=\"%s\" %s ! "
      "fakesink", path, extra);
  gchar *result = gvajs_test_run_pipeline (desc);

  g_free (desc);
  g_free (path);
  return result;
}

/* Runs export @function of @fixture under a time budget of @budget_ms
 * and checks that the budget, and nothing else, stopped it. */
static void
assert_budget_stops (const gchar * fixture, const gchar * function,
    gint budget_ms)
{
  gchar *extra = g_strdup_printf ("function=%s time-budget=%d", function,
      budget_ms);
  gchar *err = run_hostile (fixture, extra);
  gchar *expected = g_strdup_printf ("%s ran longer than its time budget "
      "of %d ms and was stopped; make it faster or raise the element's "
      "'time-budget' property", function, budget_ms);

  assert_contains (err, expected);
  g_free (expected);
  g_free (err);
  g_free (extra);
}

/* QuickJS polls its interrupt handler in bytecode; these built-ins loop in
 * C over property reads, writes and deletes by index. */
GST_START_TEST (test_array_builtins_obey_time_budget)
{
  const gchar *functions[] = {
    "index_of", "last_index_of", "includes", "join", "holes_join",
    "reverse", "copy_within", "for_each", "holes_sort", "splice", "fill",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (functions); i++)
    assert_budget_stops ("hostile/limits_builtins.js", functions[i], 50);
}

GST_END_TEST;

/* The interrupt handler never runs inside a native: a helper given
 * seconds of work must look at the deadline itself. Each export prints a
 * line after the helper returns; stopped inside, it never prints. */
GST_START_TEST (test_native_helpers_obey_time_budget)
{
  const gchar *cases[][2] = {
    {"nms_200k", "nms returned"},
    {"softmax_28m", "softmax returned"},
    {"top_k_4m", "topK returned"},
    {"crop_resize_up", "cropResize returned"},
    {"audio_levels_128m", "audioLevels returned"},
    {"blobs_4k", "blobs returned"},
    {"mat_mul_4k", "matMul returned"},
    {"best_match_4k", "bestMatch returned"},
  };
  gchar *out;
  guint i;

  /* 10 ms: each helper's work takes 50 ms or more even on a fast idle
   * machine, so none can finish within the budget by luck. */
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    gvajs_test_capture_output_start ();
    assert_budget_stops ("hostile/limits_helpers.js", cases[i][0], 10);
    out = gvajs_test_capture_output_stop ();
    fail_if (strstr (out, cases[i][1]) != NULL, "%s ran to its end after "
        "the deadline:\n%s", cases[i][0], out);
    g_free (out);
  }
}

GST_END_TEST;

/* One frame through export @function of limits_recursion.js, in a harness
 * made, fed and torn down by the thread this runs on. */
typedef struct
{
  const gchar *function;
  GstFlowReturn flow;
  gchar *error;                 /* the bus's error message, owned */
} RecursionRun;

static gpointer
run_recursion (gpointer data)
{
  RecursionRun *run = data;
  gchar *extra = g_strdup_printf ("function=%s", run->function);
  GstHarness *h = gvajs_test_harness ("hostile/limits_recursion.js", extra,
      RGB_CAPS);
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;

  gst_element_set_bus (h->element, bus);
  run->flow = gst_harness_push (h, gvajs_test_buffer (FRAME_SIZE, 0, 0));
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (msg != NULL) {
    gst_message_parse_error (msg, &err, NULL);
    run->error = g_strdup (err->message);
    g_error_free (err);
    gst_message_unref (msg);
  }
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  g_free (extra);
  return NULL;
}

/* Runs @run on a new thread with a stack of @stack_size bytes (0: the
 * system's default), as an application thread changing the state would. */
static void
run_on_thread (gsize stack_size, RecursionRun * run)
{
  pthread_attr_t attr;
  pthread_t thread;

  pthread_attr_init (&attr);
  if (stack_size)
    fail_unless (pthread_attr_setstacksize (&attr, stack_size) == 0);
  fail_unless (pthread_create (&thread, &attr, run_recursion, run) == 0);
  pthread_join (thread, NULL);
  pthread_attr_destroy (&attr);
}

/* stack-size (1 MiB by default) is what QuickJS may use from the call's
 * entry, but a thread may have less than that left: the script must still
 * end in 'stack overflow', never in a crash. */
GST_START_TEST (test_recursion_on_small_thread_stacks)
{
  const gsize stacks[] = { 512 * 1024, 1024 * 1024, 0 };
  const gchar *functions[] = {
    "recursion", "recursion_via_map", "recursion_via_native",
    "recursion_logging",
  };
  RecursionRun run;
  gchar *expected, *out;
  guint s, f;

  for (s = 0; s < G_N_ELEMENTS (stacks); s++) {
    for (f = 0; f < G_N_ELEMENTS (functions); f++) {
      run = (RecursionRun) { functions[f], GST_FLOW_OK, NULL };
      gvajs_test_capture_output_start ();
      run_on_thread (stacks[s], &run);
      out = gvajs_test_capture_output_stop ();
      fail_unless_equals_int (run.flow, GST_FLOW_ERROR);
      expected = g_strdup_printf ("stack overflow (in %s)", functions[f]);
      assert_contains (run.error, expected);
      g_free (expected);
      g_free (run.error);
      g_free (out);
    }
  }
}

GST_END_TEST;

#define OUT_OF_MEMORY "the script ran out of its 1048576 bytes (the " \
  "element's 'memory-limit' property): "

/* Runs @fixture under memory-limit=1048576 and @extra; checks the memory
 * limit's message, naming what ran out. Budgets valgrind cannot reach:
 * only the memory limit stops these. */
static void
assert_out_of_memory (const gchar * fixture, const gchar * extra,
    const gchar * what)
{
  gchar *all = g_strdup_printf ("memory-limit=1048576 time-budget=600000 "
      "load-time-budget=600000 %s", extra);
  gchar *err = run_hostile (fixture, all);
  gchar *expected = g_strdup_printf ("InternalError: out of memory (in %s)",
      what);

  fail_unless (err != NULL && g_str_has_prefix (err, OUT_OF_MEMORY),
      "expected '%s' first in:\n%s", OUT_OF_MEMORY, err ? err : "(null)");
  assert_contains (err, expected);
  g_free (expected);
  g_free (err);
  g_free (all);
}

/* With the heap full, QuickJS cannot make the error object and throws
 * null: the user must still read that the memory limit was hit. */
GST_START_TEST (test_out_of_memory_always_says_memory_limit)
{
  const gchar *functions[] = {
    "objects", "local_objects", "arrays", "typed_arrays", "strings",
    "map_entries", "parsed_json",
  };
  gchar *extra, *err, *path, *what;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (functions); i++) {
    extra = g_strdup_printf ("function=%s", functions[i]);
    assert_out_of_memory ("hostile/limits_memory.js", extra, functions[i]);
    g_free (extra);
  }
  assert_out_of_memory ("hostile/limits_memory.js",
      "class=Hoarder kwarg={\"in\":\"start\"}", "start()");
  assert_out_of_memory ("hostile/limits_memory.js",
      "class=Hoarder kwarg={\"in\":\"constructor\"}",
      "constructing class 'Hoarder'");
  path = gvajs_test_fixture ("hostile/limits_memory_top.js");
  what = g_strdup_printf ("evaluating module '%s'", path);
  assert_out_of_memory ("hostile/limits_memory_top.js", "", what);
  g_free (what);
  g_free (path);
  /* A native's scratch memory is the script's too. */
  gvajs_test_capture_output_start ();
  assert_out_of_memory ("hostile/limits_memory.js", "function=blobs_scratch",
      "blobs_scratch");
  err = gvajs_test_capture_output_stop ();
  assert_contains (err, "mask made");
  fail_if (strstr (err, "blobs returned") != NULL, "blobs() took its "
      "scratch outside the memory limit:\n%s", err);
  g_free (err);
  /* A script's own null, in a later call, stays what it is. */
  err = run_hostile ("hostile/limits_memory.js", "memory-limit=1048576 "
      "function=recover_then_throw_null");
  assert_contains (err, "uncaught value thrown: null (in "
      "recover_then_throw_null)");
  g_free (err);
}

GST_END_TEST;

static Suite *
limits_suite (void)
{
  Suite *s = suite_create ("limits");
  TCase *budget = tcase_create ("budget");
  TCase *stack = tcase_create ("stack");
  TCase *memory = tcase_create ("memory");

  suite_add_tcase (s, budget);
  suite_add_tcase (s, stack);
  suite_add_tcase (s, memory);
  tcase_add_test (budget, test_array_builtins_obey_time_budget);
  tcase_add_test (budget, test_native_helpers_obey_time_budget);
  tcase_add_test (stack, test_recursion_on_small_thread_stacks);
  tcase_add_test (memory, test_out_of_memory_always_says_memory_limit);
  return s;
}

GST_CHECK_MAIN (limits);
