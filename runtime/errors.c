/* SPDX-License-Identifier: MIT */
/* JS exceptions → GError. The message's first line is what a user reads
 * first: "file:line:col: Name: message (in what)"; the JS stack follows on
 * the next lines, so the plugin can put it in the error's debug text. */
#include "errors.h"
#include "gvajs-error.h"
#include "host.h"
#include "sourcemap.h"

#define GST_CAT_DEFAULT gvajs_debug

G_DEFINE_QUARK (gvajs-runtime-error-quark, gvajs_runtime_error);

#include <string.h>

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
  JSValue exc = JS_GetException (ctx);
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
  JS_FreeValue (ctx, exc);
}
