/* SPDX-License-Identifier: MIT */
/* The JS heap: the allocator a runtime is made with. It holds QuickJS's
 * allocations to the runtime's memory limit (JS_SetMemoryLimit), counting
 * a block as QuickJS's own allocator does, and it counts the allocations
 * the limit refused. When the limit leaves no room for the error object
 * itself, QuickJS throws null (or an error without its message); only
 * that count tells such an exception from a script's own `throw null`.
 * Depends on nothing else in runtime/. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

typedef struct _GvajsHeap GvajsHeap;

/* A new runtime allocating through a new heap, which is stored in *@heap
 * and freed with _gvajs_heap_free() once the runtime is. NULL (and no
 * heap) when out of memory. */
G_GNUC_INTERNAL JSRuntime *_gvajs_heap_new_runtime (GvajsHeap ** heap);
G_GNUC_INTERNAL void _gvajs_heap_free (GvajsHeap * heap);

/* Allocations the memory limit refused since the last reset. */
G_GNUC_INTERNAL guint64 _gvajs_heap_refusals (const GvajsHeap * heap);
G_GNUC_INTERNAL void _gvajs_heap_reset_refusals (GvajsHeap * heap);

G_END_DECLS
