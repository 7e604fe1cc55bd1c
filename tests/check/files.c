/* SPDX-License-Identifier: MIT */
/* gst-check tests of writeText(), appendText() and writeJSON(): the
 * allow-write boundary, special files, and failures that leave every file
 * as it was. */
#include "gvajs-test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define RGB_CAPS "video/x-raw,format=RGB,width=4,height=2,framerate=30/1"
#define FRAME_SIZE 24

/* What @module printed for one frame with @props. */
static gchar *
run_once (const gchar * module, const gchar * props)
{
  gchar *launch = g_strdup_printf ("gvajs module=\"%s\" %s", module, props);
  GstHarness *h;

  gvajs_test_capture_output_start ();
  h = gst_harness_new_parse (launch);
  gst_harness_set_src_caps_str (h, RGB_CAPS);
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (FRAME_SIZE,
              0, 0)), GST_FLOW_OK);
  gst_harness_teardown (h);
  g_free (launch);
  return gvajs_test_capture_output_stop ();
}

static gchar *
contents (const gchar * dir, const gchar * name)
{
  gchar *path = g_build_filename (dir, name, NULL), *text = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  g_free (path);
  return text;
}

static void
assert_file (const gchar * dir, const gchar * name, const gchar * expected)
{
  gchar *text = contents (dir, name);

  fail_unless_equals_string (text, expected);
  g_free (text);
}

static void
put (const gchar * dir, const gchar * name, const gchar * text)
{
  gchar *path = g_build_filename (dir, name, NULL);

  fail_unless (g_file_set_contents (path, text, -1, NULL));
  g_free (path);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* Names in @dir (a hidden temporary file left behind would show). */
static gchar *
listing (const gchar * dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new ();
  const gchar *name;
  gchar *joined;

  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (" ", (gchar **) names->pdata);
  g_ptr_array_unref (names);
  g_dir_close (d);
  return joined;
}

/* @dir/@name -> @target_dir/@target (or @target_dir itself). */
static void
link_in (const gchar * dir, const gchar * name, const gchar * target_dir,
    const gchar * target)
{
  gchar *path = g_build_filename (dir, name, NULL);
  gchar *to = g_build_filename (target_dir, target, NULL);

  fail_unless_equals_int (symlink (to, path), 0);
  g_free (to);
  g_free (path);
}

static void
assert_listing (const gchar * dir, const gchar * expected)
{
  gchar *names = listing (dir);

  fail_unless_equals_string (names, expected);
  g_free (names);
}

/* A temporary tree: DIR/mod/writer.js (the fixture), DIR/link -> a file
 * outside, DIR/away -> a folder outside, DIR/fifo; and the element's
 * properties for @class with DIR writable. */
typedef struct
{
  gchar *dir, *outside, *module, *props;
} Tree;

static Tree
tree_new (const gchar * class_name)
{
  Tree t;
  gchar *fixture = gvajs_test_fixture ("write/writer.js"), *source, *path;

  t.dir = g_dir_make_tmp ("gvajs-write-XXXXXX", NULL);
  t.outside = g_dir_make_tmp ("gvajs-outside-XXXXXX", NULL);
  put (t.outside, "target.txt", "untouched");
  path = g_build_filename (t.dir, "mod", NULL);
  g_mkdir (path, 0700);
  g_free (path);
  fail_unless (g_file_get_contents (fixture, &source, NULL, NULL));
  t.module = g_build_filename (t.dir, "mod", "writer.js", NULL);
  fail_unless (g_file_set_contents (t.module, source, -1, NULL));
  link_in (t.dir, "link", t.outside, "target.txt");
  link_in (t.dir, "away", t.outside, NULL);
  path = g_build_filename (t.dir, "fifo", NULL);
  fail_unless_equals_int (mkfifo (path, 0600), 0);
  g_free (path);
  g_free (source);
  g_free (fixture);
  t.props = g_strdup_printf ("class=%s allow-write=%s kwarg={\"dir\":\"%s\"}",
      class_name, t.dir, t.dir);
  return t;
}

static void
tree_free (Tree * t)
{
  gchar *command = g_strdup_printf ("rm -rf '%s' '%s'", t->dir, t->outside);

  fail_unless (system (command) == 0);
  g_free (command);
  g_free (t->props);
  g_free (t->module);
  g_free (t->dir);
  g_free (t->outside);
}

GST_START_TEST (test_write_boundary_and_special_files)
{
  Tree t = tree_new ("Writer");
  gchar *out = run_once (t.module, t.props);

  assert_contains (out, "write: ok\nreplace: ok\nappend: ok\njson: ok\n"
      "relative: ok\n");
  assert_file (t.dir, "a.txt", "hello again");
  assert_file (t.dir, "log.txt", "one\ntwo\n");
  assert_file (t.dir, "s.json", "{\n  \"a\": 1,\n  \"b\": [\n    true\n  ]\n}\n");
  assert_file (t.dir, "rel.txt", "from the module's folder");
  assert_contains (out, "outside dotdot: TypeError: writeText('DIR/../"
      "gvajs-outside.txt'): 'DIR/../gvajs-outside.txt' is outside the "
      "allow-write folders\n");
  assert_contains (out, "outside absolute: TypeError: writeText('/etc/"
      "gvajs-outside.txt'): '/etc/gvajs-outside.txt' is outside the "
      "allow-write folders\n");
  assert_contains (out, "link: TypeError: writeText('DIR/link'): it is a "
      "symbolic link\n");
  assert_contains (out, "append link: TypeError: appendText('DIR/link'): it "
      "is a symbolic link\n");
  assert_contains (out, "folder link: TypeError: writeText('DIR/away/x.txt'): "
      "'DIR/away/x.txt' is outside the allow-write folders\n");
  assert_contains (out, "fifo: TypeError: appendText('DIR/fifo'): it is not "
      "a regular file\n");
  assert_contains (out, "write fifo: TypeError: writeText('DIR/fifo'): it is "
      "not a regular file\n");
  assert_contains (out, "missing folder: TypeError: writeText('DIR/nope/"
      "a.txt'): its folder: No such file or directory\n");
  assert_contains (out, "folder: TypeError: writeText('DIR/'): 'DIR/' names "
      "a folder, not a file\n");
  assert_contains (out, "not text: TypeError: writeText(): text must be a "
      "string, not 5\n");
  assert_contains (out, "surrogate: RangeError: appendText(): text holds a "
      "lone surrogate (half of a UTF-16 pair), which has no UTF-8 form\n");
  assert_contains (out, "json undefined: TypeError: writeJSON(): value must "
      "be a value JSON can represent, not undefined\n");
  assert_contains (out, "nul path: TypeError: writeText(): the path "
      "contains a NUL character\n");
  /* Nothing outside changed, and no temporary file is left. */
  assert_file (t.outside, "target.txt", "untouched");
  assert_listing (t.outside, "target.txt");
  assert_listing (t.dir, "a.txt away fifo link log.txt mod "
      "rel.txt s.json");
  g_free (out);
  out = run_once (t.module, "function=no_allow_write");
  assert_contains (out, "off: TypeError: writeText('/tmp/gvajs-x.txt'): "
      "writing is off; list the folder in the element's allow-write "
      "property\n");
  g_free (out);
  tree_free (&t);
}

GST_END_TEST;

/* A write that does not fit (the kernel's file size limit stands in for a
 * full disk: the same short write, then an error) leaves the file as it
 * was, and no temporary file. */
GST_START_TEST (test_failed_writes_leave_files_as_they_were)
{
  Tree t = tree_new ("Full");
  struct rlimit limit = { 16 * 1024, 16 * 1024 };
  gchar *out;

  put (t.dir, "old.txt", "old contents");
  put (t.dir, "old.log", "a whole line\n");
  /* This forked test process only: SIGXFSZ would kill it. */
  signal (SIGXFSZ, SIG_IGN);
  fail_unless_equals_int (setrlimit (RLIMIT_FSIZE, &limit), 0);
  out = run_once (t.module, t.props);
  assert_contains (out, "write big: TypeError: writeText('DIR/old.txt'): "
      "File too large; the file is as it was\n");
  assert_contains (out, "append big: TypeError: appendText('DIR/old.log'): "
      "File too large; the file is as it was\n");
  assert_file (t.dir, "old.txt", "old contents");
  assert_file (t.dir, "old.log", "a whole line\n");
  assert_listing (t.dir, "away fifo link mod old.log old.txt");
  g_free (out);
  tree_free (&t);
}

GST_END_TEST;

static Suite *
gvajs_files_suite (void)
{
  Suite *s = suite_create ("gvajs-files");
  TCase *tc = tcase_create ("write");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_write_boundary_and_special_files);
  tcase_add_test (tc, test_failed_writes_leave_files_as_they_were);
  return s;
}

GST_CHECK_MAIN (gvajs_files);
