/* SPDX-License-Identifier: MIT */
/* The process-wide allowance of names GStreamer interns for scripts
 * (runtime/names.c). A suite of its own: using the allowance up grows
 * GLib's quark table, whose old arrays GLib leaks on purpose, so this
 * suite's leak checkers are told about that one GLib leak (tests/
 * meson.build) and every other suite keeps none. */
#include "gvajs-test-utils.h"

#include <string.h>

/* Labels and tensor and field names are GQuarks, never freed: new ones
 * are admitted up to a process-wide limit, known ones always, and a
 * lookup never interns (a unique label per frame used to grow the
 * process without end). */
GST_START_TEST (test_interned_names_are_bounded)
{
  gchar *err;

  fail_unless (gvajs_test_run_module ("hostile/attach.js",
          "function=known_names", 3) == NULL);
  err = gvajs_test_run_module ("hostile/attach.js", "function=unique_fields",
      40);
  assert_contains (err, "Tensor.set(): 'field_");
  assert_contains (err, "' would be one new name too many: GStreamer never "
      "frees labels and tensor and field names, and scripts made the 16384 "
      "new ones (or 1024 KiB) gvajs allows; use a fixed set (in "
      "unique_fields)");
  g_free (err);
  /* The allowance is the process's: labels have none left either. */
  err = gvajs_test_run_module ("hostile/attach.js",
      "function=unique_labels", 3);
  assert_contains (err, "VideoFrame.addRegion(): 'visitor-0' would be one "
      "new name too many");
  g_free (err);
  /* Names known before the allowance ran out still work. */
  fail_unless (gvajs_test_run_module ("hostile/attach.js",
          "function=known_names", 3) == NULL);
  fail_unless (g_quark_try_string ("looked-up-150") == 0);
}

GST_END_TEST;

static Suite *
gvajs_names_suite (void)
{
  Suite *s = suite_create ("gvajs-names");
  TCase *tc = tcase_create ("allowance");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_interned_names_are_bounded);
  tcase_set_timeout (tc, 600);
  return s;
}

GST_CHECK_MAIN (gvajs_names);
