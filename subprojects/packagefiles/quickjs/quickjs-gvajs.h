/* SPDX-License-Identifier: MIT */
/* Constructors gvajs adds to the engine (quickjs-gvajs.c): values that
 * bindings make on every call, built whole instead of one property
 * definition at a time. */
#ifndef QUICKJS_GVAJS_H
#define QUICKJS_GVAJS_H

#include "quickjs.h"

/* An array of the @n @values, which it takes (on failure too), or
 * JS_EXCEPTION. @n is at most INT32_MAX. */
JSValue gvajs_js_new_array (JSContext *ctx, JSValue *values, uint32_t n);

/* A plain object with the properties of @model, a plain object of @n
 * writable, enumerable, configurable data properties that is never
 * changed, in @model's order, set to the @values, which it takes (on
 * failure too); or JS_EXCEPTION. The object shares @model's shape, as
 * object literals of one form share theirs: what a script adds to it
 * later gives it a shape of its own. */
JSValue gvajs_js_new_object_like (JSContext *ctx, JSValueConst model,
    JSValue *values, uint32_t n);

#endif
