/* SPDX-License-Identifier: MIT */
/* Source maps: JS stack locations → the TypeScript they were built from.
 *
 * A module built by esbuild (`gvajs build`) carries a source map, either in
 * a file named by its `//# sourceMappingURL=` comment (esbuild writes
 * `x.js.map` beside `x.js`) or inline as a base64 data URL. When an
 * exception is reported, every "file:line:col" in its stack whose file has
 * such a map is rewritten to the original file, line and column.
 *
 * Maps are read when an exception is first formatted, not when a module
 * loads, so loading stays as fast as without maps. They are then cached
 * for the process, keyed by the generated file and checked against its and
 * the map's size and modification time: under on-error=drop a module that
 * throws every frame costs a stat, not a parse of a megabyte of JSON, and
 * a module rebuilt while the pipeline runs still gets its new map. The
 * JSON is parsed with the engine's own JSON.parse; the "mappings" string
 * is decoded here (base64 VLQ, https://tc39.es/ecma426/).
 *
 * QuickJS counts lines and columns from 1 and columns in code points;
 * source maps count both from 0 and columns in UTF-16 units. esbuild's
 * output is ASCII unless told otherwise, so the two column units agree.
 */
#include "sourcemap.h"
#include "readfile.h"
#include "value.h"

#include <glib/gstdio.h>
#include <string.h>

#define GST_CAT_DEFAULT gvajs_debug

/* Cached maps beyond this many are dropped all at once: pipelines load a
 * handful of modules, so reaching it means files keep changing. */
#define MAX_CACHED_MAPS 64

/* The largest line or column a map may name, counting from 0: its
 * 1-based form, as stacks print it, still fits a gint. */
#define MAX_POSITION (G_MAXINT - 1)

/* One decoded mapping segment; every number counts from 0 and is at most
 * MAX_POSITION. */
typedef struct
{
  gint gen_line;
  gint gen_col;
  gint source;                  /* index into sources, -1: maps nowhere */
  gint line;
  gint col;
} Segment;

/* Shared by the cache and the threads formatting stacks: an atomic
 * reference-counted box, read-only once made. */
typedef struct
{
  GPtrArray *sources;           /* resolved source paths (gchar *) */
  GArray *segments;             /* Segment, in generated order */
} SourceMap;

static void
source_map_clear (gpointer data)
{
  SourceMap *map = data;

  g_clear_pointer (&map->sources, g_ptr_array_unref);
  g_clear_pointer (&map->segments, g_array_unref);
}

static void
source_map_unref (gpointer map)
{
  if (map)
    g_atomic_rc_box_release_full (map, source_map_clear);
}

static gint
base64_digit (gchar c)
{
  static const gchar alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const gchar *p = c ? strchr (alphabet, c) : NULL;

  return p ? (gint) (p - alphabet) : -1;
}

/* Reads one base64 VLQ number at *p and advances past it. FALSE when it
 * holds more than 32 bits (ECMA-426 limits values to 32-bit signed), so no
 * digit is ever shifted out. */
static gboolean
read_vlq (const gchar ** p, gint64 * value)
{
  guint64 result = 0;
  guint shift = 0;
  gint digit;

  do {
    digit = base64_digit (**p);
    if (digit < 0 || shift > 30)
      return FALSE;
    (*p)++;
    result |= (guint64) (digit & 31) << shift;
    shift += 5;
  } while (digit & 32);
  if (result > G_MAXUINT32)
    return FALSE;
  *value = (result & 1) ? -(gint64) (result >> 1) : (gint64) (result >> 1);
  return TRUE;
}

/* Moves the position *@value by @delta. FALSE when it leaves 0 ..
 * MAX_POSITION: a map that says so is broken (or hostile), and is not
 * used. */
static gboolean
move_position (gint * value, gint64 delta)
{
  gint64 moved = (gint64) * value + delta;

  if (moved < 0 || moved > MAX_POSITION)
    return FALSE;
  *value = (gint) moved;
  return TRUE;
}

/* Decodes one segment at *p. Source, line and column are deltas from the
 * previous segment anywhere in the map; the generated column restarts at
 * each line, so the caller resets seg->gen_col there. */
static gboolean
read_segment (const gchar ** p, Segment * seg, gint * last_source)
{
  gint64 delta[5];
  gint n = 0;

  while (n < 5 && **p && **p != ',' && **p != ';') {
    if (!read_vlq (p, &delta[n]))
      return FALSE;
    n++;
  }
  if ((n != 1 && n != 4 && n != 5) ||
      !move_position (&seg->gen_col, delta[0]))
    return FALSE;
  seg->source = -1;
  if (n >= 4) {
    if (!move_position (last_source, delta[1]) ||
        !move_position (&seg->line, delta[2]) ||
        !move_position (&seg->col, delta[3]))
      return FALSE;
    seg->source = *last_source;
  }
  return TRUE;
}

static GArray *
decode_mappings (const gchar * mappings)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  Segment seg = { 0, 0, -1, 0, 0 };
  gint last_source = 0;
  const gchar *p = mappings;
  gboolean ok = TRUE;

  while (*p && ok) {
    if (*p == ';') {
      ok = move_position (&seg.gen_line, 1);
      seg.gen_col = 0;
      p++;
    } else if (*p == ',') {
      p++;
    } else if ((ok = read_segment (&p, &seg, &last_source))) {
      g_array_append_val (segments, seg);
    }
  }
  if (!ok)
    g_clear_pointer (&segments, g_array_unref);
  return segments;
}

/* A source as a path a user can open: relative to the map's folder, after
 * sourceRoot; URLs other than file:// stay as they are. */
static gchar *
resolve_source (const gchar * source, const gchar * root, const gchar * dir)
{
  gchar *joined, *path;

  joined = root && *root ? g_strconcat (root, g_str_has_suffix (root, "/") ?
      "" : "/", source, NULL) : g_strdup (source);
  if (g_str_has_prefix (joined, "file://"))
    path = g_filename_from_uri (joined, NULL, NULL);
  else if (strstr (joined, "://"))
    path = g_strdup (joined);
  else
    path = g_canonicalize_filename (joined, dir);
  g_free (joined);
  return path ? path : g_strdup (source);
}

/* A string property of a parsed map, or NULL. Free with JS_FreeCString. */
static const char *
get_string (JSContext * ctx, JSValueConst obj, const gchar * name)
{
  JSValue value = JS_GetPropertyStr (ctx, obj, name);
  const char *str = JS_IsString (value) ? JS_ToCString (ctx, value) : NULL;

  JS_FreeValue (ctx, value);
  return str;
}

static GPtrArray *
read_sources (JSContext * ctx, JSValueConst json, const gchar * dir)
{
  JSValue sources = JS_GetPropertyStr (ctx, json, "sources");
  const char *root = get_string (ctx, json, "sourceRoot");
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  uint32_t n = 0, i;

  if (_gvajs_array_length (ctx, sources, &n)) {
    for (i = 0; i < n; i++) {
      JSValue item = JS_GetPropertyUint32 (ctx, sources, i);
      const char *str = JS_IsString (item) ? JS_ToCString (ctx, item) : NULL;
      g_ptr_array_add (paths, str ? resolve_source (str, root, dir) : NULL);
      JS_FreeCString (ctx, str);
      JS_FreeValue (ctx, item);
    }
  }
  JS_FreeCString (ctx, root);
  JS_FreeValue (ctx, sources);
  return paths;
}

/* Parses map JSON @text; @dir is the folder its sources are relative to.
 * Returns NULL when it is not a usable version 3 map. */
static SourceMap *
parse_map (JSContext * ctx, const gchar * text, gsize length,
    const gchar * dir, const gchar * name)
{
  JSValue json = JS_ParseJSON (ctx, text, length, name);
  const char *mappings = NULL;
  SourceMap *map = NULL;
  GArray *segments;

  if (JS_IsException (json)) {
    JS_FreeValue (ctx, JS_GetException (ctx));
    GST_DEBUG ("source map %s is not valid JSON", name);
    return NULL;
  }
  if (JS_IsObject (json))
    mappings = get_string (ctx, json, "mappings");
  if (mappings && (segments = decode_mappings (mappings)) != NULL) {
    map = g_atomic_rc_box_new0 (SourceMap);
    map->segments = segments;
    map->sources = read_sources (ctx, json, dir);
  } else {
    GST_DEBUG ("source map %s has no valid \"mappings\"", name);
  }
  JS_FreeCString (ctx, mappings);
  JS_FreeValue (ctx, json);
  return map;
}

/* The URL of the last `//# sourceMappingURL=` comment in @source, or NULL. */
static gchar *
find_map_url (const gchar * source)
{
  const gchar *tag = "//# sourceMappingURL=", *found = NULL, *p = source;
  gsize len;

  while ((p = strstr (p, tag)) != NULL) {
    found = p + strlen (tag);
    p = found;
  }
  if (found == NULL)
    return NULL;
  len = strcspn (found, "\r\n");
  return g_strstrip (g_strndup (found, len));
}

/* The JSON text of a data: URL (base64 or percent-encoded). */
static gchar *
decode_data_url (const gchar * url, gsize * length)
{
  const gchar *comma = strchr (url, ',');
  gchar *text;

  if (comma == NULL)
    return NULL;
  if (g_strstr_len (url, comma - url, ";base64") != NULL) {
    text = (gchar *) g_base64_decode (comma + 1, length);
    /* JS_ParseJSON wants a terminated string. */
    text = g_realloc (text, *length + 1);
    text[*length] = '\0';
    return text;
  }
  text = g_uri_unescape_string (comma + 1, NULL);
  *length = text ? strlen (text) : 0;
  return text;
}

/* Loads the map of the generated file @path: the one its comment names,
 * else `path.map`. NULL when there is none or it cannot be used. The map
 * file looked for (even when absent) goes to @map_file, NULL when inline. */
static SourceMap *
load_map (JSContext * ctx, const gchar * path, gchar ** map_file)
{
  gchar *source = NULL, *url, *dir, *map_path = NULL, *text = NULL;
  gsize length = 0;
  SourceMap *map = NULL;

  *map_file = NULL;
  if (!_gvajs_read_file (path, GVAJS_MAX_SOURCE_SIZE, &source, &length,
          NULL))
    return NULL;
  length = 0;
  url = find_map_url (source);
  dir = g_path_get_dirname (path);
  if (url && g_str_has_prefix (url, "data:")) {
    text = decode_data_url (url, &length);
  } else if (url == NULL || strstr (url, "://") == NULL) {
    gchar *name = url ? g_uri_unescape_string (url, NULL) : NULL;
    map_path = url ? g_canonicalize_filename (name ? name : url, dir) :
        g_strconcat (path, ".map", NULL);
    g_free (name);
    if (_gvajs_read_file (map_path, GVAJS_MAX_SOURCE_SIZE, &text, &length,
            NULL)) {
      g_free (dir);
      dir = g_path_get_dirname (map_path);
    }
  }
  if (text)
    map = parse_map (ctx, text, length, dir, map_path ? map_path : path);
  g_free (text);
  *map_file = map_path;
  g_free (dir);
  g_free (url);
  g_free (source);
  return map;
}

/* ---- the process-wide cache ---- */

/* What a file looked like: size and modification time in nanoseconds;
 * all zero when it does not exist. */
typedef struct
{
  goffset size;
  gint64 mtime;
} FileStamp;

typedef struct
{
  FileStamp js;
  gchar *map_file;              /* nullable: inline map, or none looked for */
  FileStamp map;
  SourceMap *map_data;          /* owned ref, NULL: no usable map */
} CacheEntry;

static GMutex cache_lock;
static GHashTable *cache;       /* generated file path → CacheEntry */

static FileStamp
file_stamp (const gchar * path)
{
  FileStamp stamp = { 0, 0 };
  GStatBuf st;

  if (path && g_stat (path, &st) == 0) {
    stamp.size = st.st_size;
    stamp.mtime = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000)
        + st.st_mtim.tv_nsec;
  }
  return stamp;
}

static gboolean
same_stamp (FileStamp a, FileStamp b)
{
  return a.size == b.size && a.mtime == b.mtime;
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  source_map_unref (entry->map_data);
  g_free (entry->map_file);
  g_free (entry);
}

/* The cached map of @path (a new ref), if the files are unchanged.
 * Returns FALSE when it must be loaded. */
static gboolean
cache_lookup (const gchar * path, FileStamp js, SourceMap ** map)
{
  CacheEntry *entry;
  gboolean hit = FALSE;

  g_mutex_lock (&cache_lock);
  entry = cache ? g_hash_table_lookup (cache, path) : NULL;
  if (entry && same_stamp (entry->js, js) &&
      same_stamp (entry->map, file_stamp (entry->map_file))) {
    *map = entry->map_data ? g_atomic_rc_box_acquire (entry->map_data) : NULL;
    hit = TRUE;
  }
  g_mutex_unlock (&cache_lock);
  return hit;
}

/* Stores what was loaded for @path; takes @map_file, refs @map. */
static void
cache_store (const gchar * path, FileStamp js, gchar * map_file,
    SourceMap * map)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->js = js;
  entry->map_file = map_file;
  entry->map = file_stamp (map_file);
  entry->map_data = map ? g_atomic_rc_box_acquire (map) : NULL;
  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
        cache_entry_free);
  if (g_hash_table_size (cache) >= MAX_CACHED_MAPS)
    g_hash_table_remove_all (cache);
  g_hash_table_replace (cache, g_strdup (path), entry);
  g_mutex_unlock (&cache_lock);
}

/* The map of the generated file @path (a new ref), or NULL. Loading runs
 * outside the lock: two threads may both load a map, never wait on one. */
static SourceMap *
get_map (JSContext * ctx, const gchar * path)
{
  FileStamp js;
  SourceMap *map = NULL;
  gchar *map_file = NULL;

  /* A stack can name any file (an Error's stack is writable): only the
   * maps of modules this runtime compiled are looked for. */
  if (!_gvajs_host_has_module (ctx, path))
    return NULL;
  js = file_stamp (path);
  if (js.mtime == 0)
    return NULL;
  if (cache_lookup (path, js, &map))
    return map;
  map = load_map (ctx, path, &map_file);
  cache_store (path, js, map_file, map);
  return map;
}

/* Finds the segment covering 1-based @line:@col: the last one on that line
 * that starts at or before the column, else the line's first (QuickJS may
 * point just before the first mapped token, e.g. at indentation). */
static const Segment *
find_segment (const SourceMap * map, gint line, gint col)
{
  const Segment *segs = (const Segment *) map->segments->data, *best = NULL;
  guint lo = 0, hi = map->segments->len, i;

  /* Binary search for the first segment on the line. */
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (segs[mid].gen_line < line - 1)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i = lo; i < map->segments->len && segs[i].gen_line == line - 1; i++) {
    if (best == NULL || segs[i].gen_col <= col - 1)
      best = &segs[i];
    if (segs[i].gen_col > col - 1)
      break;
  }
  if (best == NULL || best->source < 0 ||
      (guint) best->source >= map->sources->len ||
      g_ptr_array_index (map->sources, best->source) == NULL)
    return NULL;
  return best;
}

/* Where a "file:line:col" sits in one stack line. */
typedef struct
{
  gsize path_start;
  gsize path_end;               /* the ':' before the line number */
  gsize end;                    /* just after the column */
  gint line;
  gint col;
} Location;

/* Reads a run of digits that ends just before @end and is preceded by ':'. */
static gboolean
read_number_before (const gchar * text, gsize start, gsize * end,
    gint * value)
{
  gsize i = *end;

  while (i > start && g_ascii_isdigit (text[i - 1]))
    i--;
  if (i == *end || i == start || text[i - 1] != ':' || *end - i > 9)
    return FALSE;
  *value = (gint) g_ascii_strtoll (text + i, NULL, 10);
  *end = i - 1;
  return TRUE;
}

/* Parses "    at name (file:line:col)" or "    at file:line:col". The path
 * starts at the first '(' after "at ": function names never hold one in
 * practice, while folder names may. Only absolute paths qualify: the
 * loader names every module file so, and "<native>" and the like have no
 * map. */
static gboolean
parse_stack_line (const gchar * text, gsize len, Location * loc)
{
  const gchar *at = g_strstr_len (text, len, "at "), *open;
  gsize start, end = len;

  if (at == NULL)
    return FALSE;
  start = at + 3 - text;
  if (end > start && text[end - 1] == ')') {
    end--;
    open = memchr (text + start, '(', end - start);
    if (open == NULL)
      return FALSE;
    start = open + 1 - text;
  }
  loc->end = end;
  if (!read_number_before (text, start, &end, &loc->col) ||
      !read_number_before (text, start, &end, &loc->line))
    return FALSE;
  loc->path_start = start;
  loc->path_end = end;
  return text[start] == '/';
}

/* The map of @path from @maps (this stack's), fetching it on first use. */
static SourceMap *
lookup_map (JSContext * ctx, GHashTable * maps, const gchar * path)
{
  SourceMap *map;

  if (g_hash_table_lookup_extended (maps, path, NULL, (gpointer *) & map))
    return map;
  map = get_map (ctx, path);
  g_hash_table_insert (maps, g_strdup (path), map);
  return map;
}

/* Appends @line (without its newline) to @out, mapped when it can be. */
static void
map_stack_line (JSContext * ctx, GHashTable * maps, const gchar * line,
    gsize len, GString * out)
{
  Location loc;
  gchar *path;
  SourceMap *map = NULL;
  const Segment *seg = NULL;

  if (parse_stack_line (line, len, &loc)) {
    path = g_strndup (line + loc.path_start, loc.path_end - loc.path_start);
    map = lookup_map (ctx, maps, path);
    g_free (path);
  }
  if (map)
    seg = find_segment (map, loc.line, loc.col);
  if (seg == NULL) {
    g_string_append_len (out, line, len);
    return;
  }
  g_string_append_len (out, line, loc.path_start);
  g_string_append_printf (out, "%s:%d:%d",
      (const gchar *) g_ptr_array_index (map->sources, seg->source),
      seg->line + 1, seg->col + 1);
  g_string_append_len (out, line + loc.end, len - loc.end);
}

/**
 * _gvajs_source_map_stack:
 * @stack: (transfer full) (nullable): a QuickJS stack, one frame a line
 *
 * Rewrites each frame of @stack whose file has a source map to the
 * original file, line and column; other frames stay as they are. Never
 * leaves an exception pending in @ctx.
 *
 * Returns: (transfer full) (nullable): the mapped stack.
 */
gchar *
_gvajs_source_map_stack (JSContext * ctx, gchar * stack)
{
  GHashTable *maps;
  GString *out;
  const gchar *line, *nl;

  if (stack == NULL)
    return NULL;
  maps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      source_map_unref);
  out = g_string_sized_new (strlen (stack));
  for (line = stack; *line; line = nl + 1) {
    nl = strchr (line, '\n');
    if (nl == NULL)
      nl = line + strlen (line);
    map_stack_line (ctx, maps, line, nl - line, out);
    if (*nl == '\0')
      break;
    g_string_append_c (out, '\n');
  }
  g_hash_table_unref (maps);
  g_free (stack);
  return g_string_free (out, FALSE);
}
