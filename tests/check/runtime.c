/* SPDX-License-Identifier: MIT */
/* gst-check tests of the runtime on its own: exceptions in modules built
 * from TypeScript are reported at the TypeScript file, line and column.
 *
 * The fixtures in tests/fixtures/sourcemap/ were built once by esbuild
 * from the TypeScript in src/ and are committed, so these tests need no
 * node. */
#include "gvajs-test-utils.h"
#include "gvajs-runtime.h"

#include <glib/gstdio.h>
#include <string.h>

/* Loads @fixture, a path under tests/fixtures/ or an absolute path. */
static GvajsRuntime *
load (const gchar * fixture, GError ** error)
{
  gchar *path = g_path_is_absolute (fixture) ? g_strdup (fixture) :
      gvajs_test_fixture (fixture);
  GvajsRuntimeConfig config = {
    .module_path = path,
    .function_name = "process_frame",
    /* The element's defaults. */
    .time_budget_ms = 1000,
    .load_budget_ms = 10000,
    .memory_limit = 256 * 1024 * 1024,
    .stack_size = 1024 * 1024,
  };
  GvajsRuntime *rt = gvajs_runtime_new (&config, error);

  g_free (path);
  return rt;
}

/* Calls process_frame @n times; returns the first error, or NULL. */
static GError *
run_frames (const gchar * fixture, guint n)
{
  GError *error = NULL;
  GvajsRuntime *rt = load (fixture, &error);
  guint i;

  fail_unless (rt != NULL, "loading %s: %s", fixture,
      error ? error->message : "?");
  for (i = 0; i < n && error == NULL; i++) {
    GstBuffer *buf = gvajs_test_buffer (16, 0, i);
    gboolean keep;

    gvajs_runtime_process_frame (rt, buf, NULL, NULL, &keep, &error);
    gst_buffer_unref (buf);
  }
  gvajs_runtime_free (rt);
  return error;
}

/* The message's first line. */
static gchar *
first_line (const GError * error)
{
  return g_strndup (error->message, strcspn (error->message, "\n"));
}

/* "<fixtures>/sourcemap/@rest" */
static gchar *
fixture_path (const gchar * rest)
{
  gchar *name = g_strconcat ("sourcemap/", rest, NULL);
  gchar *path = gvajs_test_fixture (name);

  g_free (name);
  return path;
}

static void
assert_throws_ts_error (const GError * error)
{
  gchar *ts = fixture_path ("src/throws.ts");
  gchar *line = first_line (error);
  gchar *expected;

  /* throws.ts line 11 holds the throw; the bundle has it on line 4. */
  expected = g_strdup_printf ("%s:11:30: ", ts);
  fail_unless (g_str_has_prefix (line, expected), "expected '%s' first in:"
      "\n%s", expected, error->message);
  assert_contains (line, "TypeError: frame 2 rejected (in process_frame)");
  g_free (expected);

  /* Both frames of the stack are mapped, not only the first. */
  expected = g_strdup_printf ("at check (%s:11:", ts);
  assert_contains (error->message, expected);
  g_free (expected);
  expected = g_strdup_printf ("at process_frame (%s:15:", ts);
  assert_contains (error->message, expected);
  g_free (expected);
  fail_if (strstr (error->message, ".js:") != NULL,
      "a bundle location was left in:\n%s", error->message);
  g_free (line);
  g_free (ts);
}

GST_START_TEST (test_map_file_beside_module)
{
  GError *error = run_frames ("sourcemap/throws.js", 3);

  fail_unless (error != NULL);
  assert_throws_ts_error (error);
  g_error_free (error);
}

GST_END_TEST;

GST_START_TEST (test_inline_data_url_map)
{
  GError *error = run_frames ("sourcemap/inline.js", 3);

  fail_unless (error != NULL);
  assert_throws_ts_error (error);
  g_error_free (error);
}

GST_END_TEST;

/* The map in another folder (named by a relative URL), with a sourceRoot:
 * sources resolve against the map's folder, after the root. */
GST_START_TEST (test_map_elsewhere_with_source_root)
{
  GError *error = run_frames ("sourcemap/source_root.js", 3);

  fail_unless (error != NULL);
  assert_throws_ts_error (error);
  g_error_free (error);
}

GST_END_TEST;

GST_START_TEST (test_top_level_throw_is_mapped)
{
  GError *error = NULL;
  GvajsRuntime *rt = load ("sourcemap/top_level.js", &error);
  gchar *ts = fixture_path ("src/top_level.ts");
  gchar *expected;

  fail_unless (rt == NULL);
  /* The bundle throws at 4:23; esbuild moved both line and column. */
  expected = g_strdup_printf ("%s:6:50: RangeError: threshold must be >= 0",
      ts);
  fail_unless (g_str_has_prefix (error->message, expected),
      "expected '%s' first in:\n%s", expected, error->message);
  g_free (expected);
  expected = g_strdup_printf ("at fail (%s:6:50)", ts);
  assert_contains (error->message, expected);
  g_free (expected);
  expected = g_strdup_printf ("(%s:8:27)", ts);
  assert_contains (error->message, expected);
  g_free (expected);
  g_free (ts);
  g_error_free (error);
}

GST_END_TEST;

GST_START_TEST (test_broken_map_keeps_js_location)
{
  GError *error = run_frames ("sourcemap/bad_map.js", 1);
  gchar *js = fixture_path ("bad_map.js");
  gchar *expected = g_strdup_printf ("%s:2:", js);

  fail_unless (error != NULL);
  fail_unless (g_str_has_prefix (error->message, expected),
      "expected '%s' first in:\n%s", expected, error->message);
  assert_contains (error->message, "Error: bad map");
  g_free (expected);
  g_free (js);
  g_error_free (error);
}

GST_END_TEST;

GST_START_TEST (test_module_without_map_is_unchanged)
{
  GError *error = run_frames ("throws.js", 2);
  gchar *js = gvajs_test_fixture ("throws.js");
  gchar *expected = g_strdup_printf ("%s:4:", js);

  fail_unless (error != NULL);
  fail_unless (g_str_has_prefix (error->message, expected),
      "expected '%s' first in:\n%s", expected, error->message);
  g_free (expected);
  g_free (js);
  g_error_free (error);
}

GST_END_TEST;

/* Copies fixture sourcemap/@name to @dir/@as, changing the text @from
 * (when given) to @to. */
static void
copy_fixture (const gchar * name, const gchar * dir, const gchar * as,
    const gchar * from, const gchar * to)
{
  gchar *src = fixture_path (name), *dest = g_build_filename (dir, as, NULL);
  gchar *text, **parts, *joined;

  fail_unless (g_file_get_contents (src, &text, NULL, NULL));
  parts = g_strsplit (text, from ? from : "\x01", -1);
  joined = g_strjoinv (to, parts);
  fail_unless (g_file_set_contents (dest, joined, -1, NULL));
  g_free (joined);
  g_strfreev (parts);
  g_free (text);
  g_free (dest);
  g_free (src);
}

/* Maps are cached for the process but follow the files: a map that
 * appears beside an unchanged module, and a rebuilt module, are used. */
GST_START_TEST (test_cached_map_follows_file_changes)
{
  gchar *dir = g_dir_make_tmp ("gvajs-sourcemap-XXXXXX", NULL);
  gchar *js = g_build_filename (dir, "m.js", NULL);
  gchar *map = g_build_filename (dir, "m.js.map", NULL);
  gchar *ts = g_build_filename (dir, "src", "throws.ts", NULL);
  gchar *top = g_build_filename (dir, "src", "top_level.ts", NULL);
  gchar *expected;
  GError *error;

  /* No comment and no m.js.map: the bundle's own location. */
  copy_fixture ("throws.js", dir, "m.js", "//# sourceMappingURL=throws.js.map",
      "");
  error = run_frames (js, 2);
  expected = g_strdup_printf ("%s:4:39: TypeError", js);
  fail_unless (g_str_has_prefix (error->message, expected), "%s",
      error->message);
  g_clear_error (&error);
  g_free (expected);

  /* m.js.map appears: used, though m.js did not change. */
  copy_fixture ("throws.js.map", dir, "m.js.map", NULL, NULL);
  error = run_frames (js, 2);
  expected = g_strdup_printf ("%s:11:30: TypeError", ts);
  fail_unless (g_str_has_prefix (error->message, expected), "%s",
      error->message);
  g_clear_error (&error);
  g_free (expected);

  /* Rebuilt from another source: the new map. */
  copy_fixture ("top_level.js", dir, "m.js", "top_level.js.map", "m.js.map");
  copy_fixture ("top_level.js.map", dir, "m.js.map", NULL, NULL);
  fail_unless (load (js, &error) == NULL);
  expected = g_strdup_printf ("%s:6:50: RangeError", top);
  fail_unless (g_str_has_prefix (error->message, expected), "%s",
      error->message);
  g_clear_error (&error);
  g_free (expected);

  g_unlink (map);
  g_unlink (js);
  g_rmdir (dir);
  g_free (top);
  g_free (ts);
  g_free (map);
  g_free (js);
  g_free (dir);
}

GST_END_TEST;

/* Through the element: the error message a pipeline posts names the .ts. */
GST_START_TEST (test_element_error_names_ts_line)
{
  gchar *js = fixture_path ("throws.js");
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=3 ! "
      "video/x-raw,format=RGB,width=8,height=8 ! gvajs module=\"%s\" ! "
      "fakesink", js);
  gchar *err = gvajs_test_run_pipeline (desc);

  assert_contains (err, "src/throws.ts:11:");
  assert_contains (err, "TypeError: frame 2 rejected");
  g_free (err);
  g_free (desc);
  g_free (js);
}

GST_END_TEST;

static Suite *
runtime_suite (void)
{
  Suite *s = suite_create ("runtime");
  TCase *maps = tcase_create ("source maps");

  suite_add_tcase (s, maps);
  tcase_add_test (maps, test_map_file_beside_module);
  tcase_add_test (maps, test_inline_data_url_map);
  tcase_add_test (maps, test_map_elsewhere_with_source_root);
  tcase_add_test (maps, test_top_level_throw_is_mapped);
  tcase_add_test (maps, test_broken_map_keeps_js_location);
  tcase_add_test (maps, test_module_without_map_is_unchanged);
  tcase_add_test (maps, test_cached_map_follows_file_changes);
  tcase_add_test (maps, test_element_error_names_ts_line);
  return s;
}

GST_CHECK_MAIN (runtime);
