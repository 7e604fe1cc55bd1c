/* SPDX-License-Identifier: MIT */
/* post(value): a GST_MESSAGE_ELEMENT from the element, whose structure is
 * named "gvajs" and holds the value's JSON text in "json"; a flat object's
 * scalar fields are also typed fields of their own (numbers as int or
 * double, strings, booleans), so `gst-launch-1.0 -m` shows them and an
 * application reads them without parsing JSON. */
#include "bus.h"
#include "names.h"
#include "scope.h"
#include "value.h"

#include <math.h>
#include <string.h>

#define POST "post"

/* The name of the message's structure, read by applications. */
#define STRUCTURE_NAME "gvajs"

/* A scalar @value as a GValue; FALSE for anything else. */
static gboolean
scalar_to_gvalue (JSContext * ctx, JSValueConst value, GValue * out)
{
  const char *str;
  gdouble d;

  if (JS_IsBool (value)) {
    g_value_init (out, G_TYPE_BOOLEAN);
    g_value_set_boolean (out, JS_ToBool (ctx, value));
  } else if (JS_IsNumber (value) && JS_ToFloat64 (ctx, &d, value) == 0 &&
      isfinite (d)) {
    if (d == floor (d) && fabs (d) <= G_MAXINT32) {
      g_value_init (out, G_TYPE_INT);
      g_value_set_int (out, (gint) d);
    } else {
      g_value_init (out, G_TYPE_DOUBLE);
      g_value_set_double (out, d);
    }
  } else if (JS_IsString (value) && (str = _gvajs_get_text (ctx, POST,
              "a field", value))) {
    g_value_init (out, G_TYPE_STRING);
    g_value_set_string (out, str);
    JS_FreeCString (ctx, str);
  } else {
    JS_FreeValue (ctx, JS_GetException (ctx));
    return FALSE;
  }
  return TRUE;
}

/* Copies @obj's own enumerable scalar properties whose keys are valid
 * field names into @s. Parses @json, not @obj: the text is what was
 * posted, and parsing runs no getter of the script's. */
static gboolean
add_scalar_fields (JSContext * ctx, GstStructure * s, const char *json,
    size_t length)
{
  JSValue copy = JS_ParseJSON (ctx, json, length, "<post>");
  JSPropertyEnum *props = NULL;
  uint32_t n = 0, i;
  gboolean ok = TRUE;

  if (JS_IsException (copy))
    return FALSE;
  if (JS_IsObject (copy) && JS_IsArray (ctx, copy) == 0 &&
      JS_GetOwnPropertyNames (ctx, &props, &n, copy, JS_GPN_STRING_MASK |
          JS_GPN_ENUM_ONLY) == 0) {
    for (i = 0; i < n; i++) {
      const char *key = JS_AtomToCString (ctx, props[i].atom);
      JSValue item = JS_GetProperty (ctx, copy, props[i].atom);
      GValue value = G_VALUE_INIT;

      if (ok && key && strcmp (key, "json") != 0 &&
          scalar_to_gvalue (ctx, item, &value)) {
        ok = _gvajs_check_gst_name (ctx, POST, "key", "field name", key);
        if (ok)
          gst_structure_take_value (s, key, &value);
        else
          g_value_unset (&value);
      }
      JS_FreeValue (ctx, item);
      JS_FreeCString (ctx, key);
      JS_FreeAtom (ctx, props[i].atom);
    }
    js_free (ctx, props);
  }
  JS_FreeValue (ctx, copy);
  return ok;
}

static JSValue
js_gvajs_post (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GstObject *owner = _gvajs_host_owner (ctx);
  JSValue json = JS_JSONStringify (ctx, argv[0], JS_UNDEFINED, JS_UNDEFINED);
  const char *text = NULL;
  size_t length;
  GstStructure *s;
  gboolean ok;

  if (JS_IsException (json))
    return json;
  if (!JS_IsString (json))
    _gvajs_throw_type (ctx, POST, "value", "a value JSON can represent",
        argv[0]);
  else
    text = JS_ToCStringLen (ctx, &length, json);
  JS_FreeValue (ctx, json);
  if (text == NULL)
    return JS_EXCEPTION;
  s = gst_structure_new (STRUCTURE_NAME, "json", G_TYPE_STRING, text, NULL);
  ok = _gvajs_scope_count_metadata (ctx, POST, GVAJS_META_OVERHEAD + length) &&
      add_scalar_fields (ctx, s, text, length);
  JS_FreeCString (ctx, text);
  if (!ok) {
    gst_structure_free (s);
    return JS_EXCEPTION;
  }
  if (GST_IS_ELEMENT (owner))
    gst_element_post_message (GST_ELEMENT (owner),
        gst_message_new_element (owner, s));
  else
    gst_structure_free (s);
  return JS_UNDEFINED;
}

const JSCFunctionListEntry _gvajs_bus_funcs[] = {
  JS_CFUNC_DEF ("post", 1, js_gvajs_post),
};

const gint _gvajs_bus_n_funcs = G_N_ELEMENTS (_gvajs_bus_funcs);
