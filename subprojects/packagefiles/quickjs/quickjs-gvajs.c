/* SPDX-License-Identifier: MIT */
/* The engine's translation unit as gvajs builds it: quickjs.c as
 * poll-interrupts.py rewrote it, then the constructors of
 * quickjs-gvajs.h. They need the engine's object internals (a fast
 * array's storage, a shape), which are static to that file.
 *
 * Why: the public API builds an array or an object one definition at a
 * time, each a generic property definition with a shape lookup; for a
 * rect that is about 2.5 k instructions, for a region list about 500 a
 * region, on every call that returns one. Built whole they cost a
 * fraction of it. */
#include "quickjs-polled.h"
#include "quickjs-gvajs.h"

static void
free_values (JSContext *ctx, JSValue *values, uint32_t n)
{
  uint32_t i;

  for (i = 0; i < n; i++)
    JS_FreeValue (ctx, values[i]);
}

JSValue
gvajs_js_new_array (JSContext *ctx, JSValue *values, uint32_t n)
{
  JSValue array = js_allocate_fast_array (ctx, n);
  JSObject *p;

  if (JS_IsException (array)) {
    free_values (ctx, values, n);
    return array;
  }
  p = JS_VALUE_GET_OBJ (array);
  if (n > 0)
    memcpy (p->u.array.u.values, values, n * sizeof (JSValue));
  /* js_allocate_fast_array() counts the elements; the length property,
   * always an array's first, is the caller's to set. */
  p->prop[0].u.value = JS_NewInt32 (ctx, (int32_t) n);
  return array;
}

JSValue
gvajs_js_new_object_like (JSContext *ctx, JSValueConst model,
    JSValue *values, uint32_t n)
{
  JSShape *shape = JS_VALUE_GET_OBJ (model)->shape;
  JSValue obj;
  JSObject *p;
  uint32_t i;

  if (shape->prop_count != n) {
    free_values (ctx, values, n);
    return JS_ThrowInternalError (ctx, "gvajs: a model of %d properties "
        "given %u values", shape->prop_count, n);
  }
  obj = JS_NewObjectFromShape (ctx, js_dup_shape (shape), JS_CLASS_OBJECT);
  if (JS_IsException (obj)) {
    free_values (ctx, values, n);
    return obj;
  }
  p = JS_VALUE_GET_OBJ (obj);
  for (i = 0; i < n; i++)
    p->prop[i].u.value = values[i];
  return obj;
}
