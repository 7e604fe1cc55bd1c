/* SPDX-License-Identifier: MIT */
/* See heap.h. */
#include "heap.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* What QuickJS's own allocator adds to a block's usable size when it
 * counts it: the memory limit keeps the meaning it had with that one. */
#define BLOCK_OVERHEAD 8

/* Small blocks are kept when freed, in a list per size class, and handed
 * out again: a frame's wrappers, rects, arrays and strings are a few
 * hundred small blocks made and freed per call, and malloc() with free()
 * cost several times what a list does. Every block has a header before
 * it saying its class; the lists are bounded, so the memory they keep is
 * too (CLASSES × MAX_KEPT × CLASS_SIZE (CLASSES - 1) at worst: 1 MiB).
 * Off under AddressSanitizer, which finds a use after free only in a
 * block really freed (the suite's ASan leg runs every test that way). */
#define HEADER 16               /* keeps malloc's 16-byte alignment */
#define CLASS_SIZE(c) (((c) + 1) * 16)
#define CLASSES 16              /* 16 … 256 bytes */
#define LARGE CLASSES
#define MAX_KEPT 256

#ifdef __SANITIZE_ADDRESS__
#define KEEP_BLOCKS FALSE
#else
#define KEEP_BLOCKS TRUE
#endif

typedef struct _Kept Kept;
struct _Kept
{
  Kept *next;
};

struct _GvajsHeap
{
  guint64 refusals;
  Kept *kept[CLASSES];
  guint n_kept[CLASSES];
};

static guint *
class_of (const void *ptr)
{
  return (guint *) ((guint8 *) ptr - HEADER);
}

static size_t
usable_size (const void *ptr)
{
  guint c = *class_of (ptr);

  return c < CLASSES ? CLASS_SIZE (c) :
      malloc_usable_size (class_of (ptr)) - HEADER;
}

/* A block of at least @size bytes, with its header. */
static void *
block_new (GvajsHeap * heap, size_t size)
{
  gsize c = size ? (size - 1) / 16 : 0;
  guint8 *base;

  if (c < CLASSES && heap->kept[c]) {
    Kept *block = heap->kept[c];

    heap->kept[c] = block->next;
    heap->n_kept[c]--;
    return block;
  }
  if (size > G_MAXSIZE - HEADER)
    return NULL;
  if ((base = malloc (c < CLASSES ? CLASS_SIZE (c) + HEADER :
              size + HEADER)) == NULL)
    return NULL;
  *(guint *) base = MIN (c, LARGE);
  return base + HEADER;
}

static void
block_free (GvajsHeap * heap, void *ptr)
{
  guint c = *class_of (ptr);

  if (c < CLASSES && KEEP_BLOCKS && heap->n_kept[c] < MAX_KEPT) {
    Kept *block = ptr;

    block->next = heap->kept[c];
    heap->kept[c] = block;
    heap->n_kept[c]++;
    return;
  }
  free (class_of (ptr));
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

  if (!fits (s, size) || (ptr = block_new (s->opaque, size)) == NULL)
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
  block_free (s->opaque, ptr);
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
  if (size <= old_usable && *class_of (ptr) < CLASSES)
    return ptr;
  if (size > old_usable && !fits (s, size - old_usable))
    return NULL;
  if (*class_of (ptr) < CLASSES || size <= CLASS_SIZE (CLASSES - 1)) {
    /* Into or out of a class: a new block. */
    if ((moved = block_new (s->opaque, size)) == NULL)
      return NULL;
    memcpy (moved, ptr, MIN (size, old_usable));
    block_free (s->opaque, ptr);
  } else {
    guint8 *base = realloc (class_of (ptr), size + HEADER);

    if (base == NULL)
      return NULL;
    moved = base + HEADER;
  }
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
  JSRuntime *rt;

  rt = JS_NewRuntime2 (&functions, self);

  if (rt == NULL)
    g_clear_pointer (&self, g_free);
  *heap = self;
  return rt;
}

void
_gvajs_heap_free (GvajsHeap * heap)
{
  guint c;

  if (heap == NULL)
    return;
  for (c = 0; c < CLASSES; c++)
    while (heap->kept[c]) {
      Kept *block = heap->kept[c];

      heap->kept[c] = block->next;
      free (class_of (block));
    }
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
