/* SPDX-License-Identifier: MIT */
/* See heap.h. */
#include "heap.h"

#include <malloc.h>
#include <stdlib.h>

/* What QuickJS's own allocator adds to a block's usable size when it
 * counts it: the memory limit keeps the meaning it had with that one. */
#define BLOCK_OVERHEAD 8

struct _GvajsHeap
{
  guint64 refusals;
};

static size_t
usable_size (const void *ptr)
{
  return malloc_usable_size ((void *) ptr);
}

static gsize
counted_size (const void *ptr)
{
  return usable_size (ptr) + BLOCK_OVERHEAD;
}

/* May the heap grow by @more bytes? Counts a refusal when not. */
static gboolean
fits (JSMallocState * s, gsize more)
{
  GvajsHeap *heap = s->opaque;

  if (s->malloc_size + more <= s->malloc_limit)
    return TRUE;
  heap->refusals++;
  return FALSE;
}

static void *
heap_malloc (JSMallocState * s, size_t size)
{
  void *ptr;

  if (!fits (s, size) || (ptr = malloc (size)) == NULL)
    return NULL;
  s->malloc_count++;
  s->malloc_size += counted_size (ptr);
  return ptr;
}

static void
heap_free (JSMallocState * s, void *ptr)
{
  if (ptr == NULL)
    return;
  s->malloc_count--;
  s->malloc_size -= counted_size (ptr);
  free (ptr);
}

static void *
heap_realloc (JSMallocState * s, void *ptr, size_t size)
{
  gsize old_usable, old_counted;
  void *moved;

  if (ptr == NULL)
    return size ? heap_malloc (s, size) : NULL;
  if (size == 0) {
    heap_free (s, ptr);
    return NULL;
  }
  old_usable = usable_size (ptr);
  old_counted = counted_size (ptr);
  if (size > old_usable && !fits (s, size - old_usable))
    return NULL;
  if ((moved = realloc (ptr, size)) == NULL)
    return NULL;
  s->malloc_size = s->malloc_size - old_counted + counted_size (moved);
  return moved;
}

JSRuntime *
_gvajs_heap_new_runtime (GvajsHeap ** heap)
{
  static const JSMallocFunctions functions = {
    heap_malloc, heap_free, heap_realloc, usable_size,
  };
  GvajsHeap *self = g_new0 (GvajsHeap, 1);
  JSRuntime *rt = JS_NewRuntime2 (&functions, self);

  if (rt == NULL)
    g_clear_pointer (&self, g_free);
  *heap = self;
  return rt;
}

void
_gvajs_heap_free (GvajsHeap * heap)
{
  g_free (heap);
}

guint64
_gvajs_heap_refusals (const GvajsHeap * heap)
{
  return heap->refusals;
}

void
_gvajs_heap_reset_refusals (GvajsHeap * heap)
{
  heap->refusals = 0;
}
