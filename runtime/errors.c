/* SPDX-License-Identifier: MIT */
/* JS exceptions → GError. The message's first line is what a user reads
 * first: "file:line:col: Name: message (in what)"; the JS stack follows on
 * the next lines, so the plugin can put it in the error's debug text. An
 * exception that comes from the memory limit says so, with the property
 * that raises it, however little room the script left. */
#include "errors.h"
#include "gvajs-error.h"
#include "heap.h"
#include "host.h"
#include "sourcemap.h"

#define GST_CAT_DEFAULT gvajs_debug

G_DEFINE_QUARK (gvajs-runtime-error-quark, gvajs_runtime_error);

#include <string.h>

/* Room the heap gets beyond its limit while an exception is read (its
 * name, message and stack copied out, the stack mapped back to
 * TypeScript), even when the script filled the heap. */
#define READING_ROOM (1024 * 1024)

static gchar *
get_string_property (JSContext * ctx, JSValueConst obj, const gchar * name)
{
  JSValue value = JS_GetPropertyStr (ctx, obj, name);
  const char *str;
  gchar *copy = NULL;

  if (JS_IsString (value)) {
    str = JS_ToCString (ctx, value);
    copy = g_strdup (str);
    JS_FreeCString (ctx, str);
  } else if (JS_IsException (value)) {
    JS_FreeValue (ctx, JS_GetException (ctx));
  }
  JS_FreeValue (ctx, value);
  return copy;
}

/* "file:line:col" from the first frame of a QuickJS stack, whose lines read
 * "    at fn (file:line:col)" or "    at file:line:col". */
static gchar *
stack_location (const gchar * stack)
{
  const gchar *start, *end;

  if (stack == NULL || (start = strstr (stack, "at ")) == NULL)
    return NULL;
  start += 3;
  end = strchr (start, '\n');
  if (end == NULL)
    end = start + strlen (start);
  if (end > start && end[-1] == ')') {
    const gchar *open = g_strrstr_len (start, end - start, "(");
    if (open == NULL)
      return NULL;
    start = open + 1;
    end--;
  }
  if (g_strstr_len (start, end - start, ":") == NULL ||
      g_str_has_prefix (start, "<native>"))
    return NULL;
  return g_strndup (start, end - start);
}

gchar *
_gvajs_value_to_display (JSContext * ctx, JSValueConst value)
{
  JSValue json;
  const char *str;
  gchar *copy;

  if (JS_IsError (ctx, value)) {
    gchar *name = get_string_property (ctx, value, "name");
    gchar *message = get_string_property (ctx, value, "message");
    copy = g_strdup_printf ("%s: %s", name ? name : "Error",
        message ? message : "");
    g_free (name);
    g_free (message);
    return copy;
  }
  if (JS_IsObject (value) && !JS_IsFunction (ctx, value)) {
    json = JS_JSONStringify (ctx, value, JS_UNDEFINED, JS_UNDEFINED);
    if (JS_IsString (json)) {
      str = JS_ToCString (ctx, json);
      copy = g_strdup (str);
      JS_FreeCString (ctx, str);
      JS_FreeValue (ctx, json);
      return copy;
    }
    if (JS_IsException (json))
      JS_FreeValue (ctx, JS_GetException (ctx));
    JS_FreeValue (ctx, json);
  }
  str = JS_ToCString (ctx, value);
  if (str == NULL) {
    JS_FreeValue (ctx, JS_GetException (ctx));
    return g_strdup ("<unprintable value>");
  }
  copy = g_strdup (str);
  JS_FreeCString (ctx, str);
  return copy;
}

/* Did the script run out of memory, and QuickJS out of room to say so?
 * When the limit leaves no room for the error object QuickJS throws null,
 * when it leaves none for the message an error whose message is empty.
 * Either counts only after the limit refused an allocation in this entry
 * into JS: a script may throw null itself. */
static gboolean
lost_to_memory (JSContext * ctx, JSValueConst exc)
{
  GvajsHeap *heap = _gvajs_host_heap (ctx);
  gchar *message;
  gboolean empty;

  if (heap == NULL || _gvajs_heap_refusals (heap) == 0)
    return FALSE;
  if (JS_IsNull (exc) || JS_IsUninitialized (exc))
    return TRUE;
  if (!JS_IsError (ctx, exc))
    return FALSE;
  message = get_string_property (ctx, exc, "message");
  empty = message == NULL || *message == '\0';
  g_free (message);
  return empty;
}

/* "file:line:col: Name: message (in context)" and the stack below. */
static void
set_from_exception (JSContext * ctx, JSValueConst exc, GError ** error,
    gint code, const gchar * context)
{
  gchar *summary, *stack = NULL, *location = NULL;

  summary = _gvajs_value_to_display (ctx, exc);
  if (JS_IsError (ctx, exc)) {
    stack = get_string_property (ctx, exc, "stack");
    /* Built modules report where the TypeScript is, not the bundle. */
    stack = _gvajs_source_map_stack (ctx, stack);
    location = stack_location (stack);
  } else {
    gchar *thrown = summary;
    summary = g_strdup_printf ("uncaught value thrown: %s", thrown);
    g_free (thrown);
  }
  g_set_error (error, GVAJS_RUNTIME_ERROR, code, "%s%s%s (in %s)%s%s",
      location ? location : "", location ? ": " : "", summary, context,
      stack && *stack ? "\n" : "", stack ? stack : "");
  GST_DEBUG ("JS exception in %s: %s", context, summary);
  g_free (location);
  g_free (stack);
  g_free (summary);
}

/**
 * _gvajs_take_exception:
 * @context: what was running, e.g. "process_frame" or "evaluating module"
 *
 * Takes the pending exception out of @ctx and sets @error from it.
 */
void
_gvajs_take_exception (JSContext * ctx, GError ** error, gint code,
    const gchar * context)
{
  JSRuntime *rt = JS_GetRuntime (ctx);
  guint64 limit = _gvajs_host_memory_limit (ctx);
  GError *js_error = NULL;
  JSValue exc;

  if (limit)
    JS_SetMemoryLimit (rt, limit + READING_ROOM);
  exc = JS_GetException (ctx);
  if (lost_to_memory (ctx, exc))
    g_set_error (&js_error, GVAJS_RUNTIME_ERROR, code, "InternalError: out "
        "of memory (in %s)", context);
  else
    set_from_exception (ctx, exc, &js_error, code, context);
  JS_FreeValue (ctx, exc);
  if (limit && strstr (js_error->message, "InternalError: out of memory"))
    g_prefix_error (&js_error, "the script ran out of its %"
        G_GUINT64_FORMAT " bytes (the element's 'memory-limit' property): ",
        limit);
  if (limit)
    JS_SetMemoryLimit (rt, limit);
  g_propagate_error (error, js_error);
}
