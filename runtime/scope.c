/* SPDX-License-Identifier: MIT */
/* See scope.h. */
#define _GNU_SOURCE             /* pthread_getattr_np() */
#include "scope.h"
#include "errors.h"
#include "gvajs-error.h"
#include "heap.h"

#include <pthread.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define GST_CAT_DEFAULT gvajs_debug

/* 80 MiB of handles and their slots */
#define MAX_HANDLES (1 << 20)
/* A call that took more handles than this gives the table's memory back. */
#define KEPT_HANDLES 4096
/* QuickJS 2025-04-26's limit on an ArrayBuffer's length */
#define MAX_VIEW_BYTES G_MAXINT32

/* A handle's index + 1 (0: an empty slot), by its ptr. A GHashTable
 * costs more than the wrapper it saves. */
typedef struct
{
  gconstpointer ptr;
  guint index;
} HandleSlot;

typedef struct
{
  GvajsScope pub;
  JSContext *ctx;
  GvajsScopeLimits limits;
  gboolean loading;             /* evaluating the module or constructing */
  gint64 deadline;              /* monotonic µs, 0 outside calls */
  gint64 budget_us;             /* the budget `deadline` was set from */
  gboolean interrupted;         /* the deadline passed in this call */
  GArray *rejections;           /* JSValue promises rejected unhandled */

  JSValue data_buffer;          /* ArrayBuffer data() views, or JS_UNDEFINED
                                 * until the first data() of the call */
  gboolean map_private;         /* `map` is writable memory no one else
                                 * sees: data() may view it in place */
  /* Allocated by the first call that asks for metadata, emptied when a
   * call ends. */
  GArray *handles;              /* GvajsHandle; serial = handle_base + i + 1 */
  HandleSlot *slots;            /* by ptr: open addressing, linear probes */
  guint n_slots;                /* a power of two, at least twice the
                                 * handles; 0 with no table */
  guint64 handle_base;          /* grows by every call's count: serials are
                                 * never reused */
  GArray *views;                /* JSValue ArrayBuffers over frame memory */
  guint64 attached;             /* metadata bytes this call attached */
  GHashTable *private_bytes;    /* GVariant tensor bytes only one structure
                                 * holds; a reference each */
} Scope;

#define SCOPE(s) ((Scope *) (s))

GvajsScope *
_gvajs_scope_get (JSContext * ctx)
{
  return JS_GetRuntimeOpaque (JS_GetRuntime (ctx));
}

/* ---- the stack ---- */

/* Kept free below QuickJS's limit: its checks come at calls and in loops
 * of its parser and built-ins, and between two of them run the frames of
 * natives, of GLib printing a log line, of making the RangeError itself.
 * AddressSanitizer's frames carry redzones: twice as much there. */
#ifdef __SANITIZE_ADDRESS__
#define STACK_MARGIN (256 * 1024)
#else
#define STACK_MARGIN (128 * 1024)
#endif

/* The calling thread's stack, [low, high), both 0 when unknown. */
typedef struct
{
  guintptr low, high;
} ThreadStack;

/* The main thread's stack grows down from its top as far as RLIMIT_STACK
 * lets the kernel grow it. glibc also stops at the mapping below, which
 * under valgrind is valgrind's own reservation the stack grows into. */
static void
extend_main_stack (ThreadStack * stack)
{
  struct rlimit limit;

  if (getpid () != gettid () || getrlimit (RLIMIT_STACK, &limit) != 0 ||
      limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= stack->high)
    return;
  stack->low = MIN (stack->low, stack->high - limit.rlim_cur);
}

/* Asked once per thread (for the main thread glibc reads
 * /proc/self/maps) and kept in a GPrivate, not a __thread variable: in a
 * plugin, which GStreamer dlopen()s, __thread is dynamic TLS, whose
 * tracking LeakSanitizer gets wrong (its tracer crashes at exit). */
static const ThreadStack *
thread_stack (void)
{
  static GPrivate key = G_PRIVATE_INIT (g_free);
  ThreadStack *stack = g_private_get (&key);
  pthread_attr_t attr;
  void *addr;
  size_t size;

  if (G_LIKELY (stack != NULL))
    return stack;
  stack = g_new0 (ThreadStack, 1);
  g_private_set (&key, stack);
  if (pthread_getattr_np (pthread_self (), &attr) != 0)
    return stack;
  if (pthread_attr_getstack (&attr, &addr, &size) == 0) {
    stack->low = (guintptr) addr;
    stack->high = stack->low + size;
    extend_main_stack (stack);
  }
  pthread_attr_destroy (&attr);
  return stack;
}

/* The stack QuickJS may use from @here down: @wanted, or less when the
 * thread has less left above the margin. A stack not the thread's own (a
 * coroutine's) cannot be measured: @wanted is trusted. */
static gsize
stack_allowed (guintptr here, gsize wanted)
{
  const ThreadStack *stack = thread_stack ();

  if (here <= stack->low || here > stack->high)
    return wanted;
  /* 1, not 0 (no limit): the first call then overflows. */
  if (here - stack->low <= STACK_MARGIN)
    return 1;
  return MIN (wanted, here - stack->low - STACK_MARGIN);
}

void
_gvajs_scope_enter_thread (GvajsScope * scope)
{
  Scope *self = SCOPE (scope);
  JSRuntime *rt = JS_GetRuntime (self->ctx);
  gsize wanted = self->limits.stack_size ? self->limits.stack_size :
      JS_DEFAULT_STACK_SIZE;
  GvajsHeap *heap;

  JS_UpdateStackTop (rt);
  JS_SetMaxStackSize (rt, stack_allowed ((guintptr)
          __builtin_frame_address (0), wanted));
  /* An exception taken later comes from the memory limit only when the
   * limit refused an allocation in this entry (errors.c). */
  if ((heap = _gvajs_host_heap (self->ctx)) != NULL)
    _gvajs_heap_reset_refusals (heap);
}

/* ---- budgets ---- */

/* QuickJS polls this every ~10000 operations and inside regular
 * expressions; returning 1 throws an uncatchable "interrupted" error. */
static int
check_deadline (JSRuntime * rt, void *opaque)
{
  Scope *self = opaque;

  if (self->deadline == 0 || g_get_monotonic_time () < self->deadline)
    return 0;
  self->interrupted = TRUE;
  return 1;
}

gboolean
_gvajs_scope_out_of_time (JSContext * ctx)
{
  Scope *self = SCOPE (_gvajs_scope_get (ctx));
  JSValue interrupted;

  if (!check_deadline (JS_GetRuntime (ctx), self))
    return FALSE;
  /* What QuickJS throws when the handler returns 1; scripts cannot catch
   * it, so the call ends with the budget's message. */
  JS_ThrowInternalError (ctx, "interrupted");
  interrupted = JS_GetException (ctx);
  JS_SetUncatchableError (ctx, interrupted, TRUE);
  JS_Throw (ctx, interrupted);
  return TRUE;
}

static void
arm_deadline (Scope * self, gboolean loading)
{
  self->loading = loading;
  self->budget_us = loading ? self->limits.load_budget_us :
      self->limits.time_budget_us;
  self->interrupted = FALSE;
  self->deadline = g_get_monotonic_time () + self->budget_us;
  self->attached = 0;
}

/* Turning a value into text may run the script's getters, toJSON() and
 * Proxy traps: that runs under a budget of its own, as long as the call's,
 * so a script cannot hang the error path. Leaves the deadline armed; the
 * caller disarms it. */
static void
arm_formatting (Scope * self)
{
  self->deadline = g_get_monotonic_time () + self->budget_us;
}

static void
disarm_deadline (Scope * self)
{
  self->deadline = 0;
  self->loading = FALSE;
}

void
_gvajs_scope_take_exception (GvajsScope * scope, const gchar * what,
    gint code, GError ** error)
{
  Scope *self = SCOPE (scope);

  if (self->interrupted) {
    JS_FreeValue (self->ctx, JS_GetException (self->ctx));
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_BUDGET,
        "%s ran longer than its time budget of %" G_GINT64_FORMAT " ms and "
        "was stopped; make it faster or raise the element's '%s' property",
        what, self->budget_us / 1000, self->loading ? "load-time-budget" :
        "time-budget");
    return;
  }
  arm_formatting (self);
  _gvajs_take_exception (self->ctx, error, code, what);
  self->deadline = 0;
}

/* ---- promises ---- */

/* Rejections without a handler are collected during a call and reported
 * when it ends, unless a handler came later or the promise is the call's
 * own result (which settle_result() turns into the call's error). */
static void
track_rejection (JSContext * ctx, JSValueConst promise, JSValueConst reason,
    JS_BOOL is_handled, void *opaque)
{
  Scope *self = opaque;
  JSValue dup;
  guint i;

  if (!is_handled) {
    dup = JS_DupValue (ctx, promise);
    g_array_append_val (self->rejections, dup);
    return;
  }
  for (i = 0; i < self->rejections->len; i++) {
    JSValue p = g_array_index (self->rejections, JSValue, i);
    if (JS_VALUE_GET_PTR (p) == JS_VALUE_GET_PTR (promise)) {
      JS_FreeValue (ctx, p);
      g_array_remove_index (self->rejections, i);
      return;
    }
  }
}

static void
report_rejection (Scope * self, JSValueConst promise)
{
  JSValue reason = JS_PromiseResult (self->ctx, promise);
  gchar *text = _gvajs_value_to_display (self->ctx, reason);

  GST_WARNING_OBJECT (_gvajs_host_owner (self->ctx),
      "unhandled promise rejection: %s", text);
  g_printerr ("gvajs: unhandled promise rejection: %s\n", text);
  g_free (text);
  JS_FreeValue (self->ctx, reason);
}

/* Reports the collected rejections, except @result's (pass JS_NULL to
 * report none: a failed module evaluation rejects internal promises with
 * the very error that becomes the load error). Formatting a reason may run
 * script code that rejects or handles promises: that goes to a fresh list,
 * and one formatting budget covers the whole report. */
static void
report_rejections (Scope * self, JSValueConst result)
{
  GArray *pending = self->rejections;
  guint i;

  if (pending->len == 0) {
    self->deadline = 0;
    return;
  }
  self->rejections = g_array_new (FALSE, FALSE, sizeof (JSValue));
  arm_formatting (self);
  for (i = 0; i < pending->len; i++) {
    JSValue p = g_array_index (pending, JSValue, i);
    if (!JS_IsNull (result) && (!JS_IsObject (result) ||
            JS_VALUE_GET_PTR (p) != JS_VALUE_GET_PTR (result)))
      report_rejection (self, p);
    JS_FreeValue (self->ctx, p);
  }
  g_array_unref (pending);
  self->deadline = 0;
}

/* Drops rejections nobody will report. */
static void
clear_rejections (Scope * self)
{
  guint i;

  for (i = 0; i < self->rejections->len; i++)
    JS_FreeValue (self->ctx, g_array_index (self->rejections, JSValue, i));
  g_array_set_size (self->rejections, 0);
}

/* Runs promise reactions the call queued, so `.then()` work happens within
 * the call that caused it. An exception there is the call's exception. */
static gboolean
run_pending_jobs (Scope * self, const gchar * what, gint code,
    GError ** error)
{
  JSRuntime *rt = JS_GetRuntime (self->ctx);
  JSContext *job_ctx;

  while (JS_IsJobPending (rt)) {
    if (JS_ExecutePendingJob (rt, &job_ctx) < 0) {
      _gvajs_scope_take_exception (&self->pub, what, code, error);
      return FALSE;
    }
  }
  return TRUE;
}

/* A promise returned by an async function settles within the call, as long
 * as it waits only on other promises: take its value or its rejection. */
static JSValue
settle_result (Scope * self, JSValue ret, const gchar * what,
    GError ** error)
{
  JSPromiseStateEnum state = JS_PromiseState (self->ctx, ret);
  JSValue result;

  if ((gint) state < 0)
    return ret;
  result = JS_PromiseResult (self->ctx, ret);
  JS_FreeValue (self->ctx, ret);
  if (state == JS_PROMISE_FULFILLED)
    return result;
  if (state == JS_PROMISE_REJECTED) {
    JS_Throw (self->ctx, result);
    _gvajs_scope_take_exception (&self->pub, what,
        GVAJS_RUNTIME_ERROR_EXCEPTION, error);
  } else {
    JS_FreeValue (self->ctx, result);
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXCEPTION,
        "%s returned a promise that did not settle before the call ended; "
        "gvajs waits only for promise chains, not for timers or I/O", what);
  }
  return JS_EXCEPTION;
}

/* ---- entries ---- */

JSValue
_gvajs_scope_call (GvajsScope * scope, JSValueConst fn,
    JSValueConst this_obj, gint argc, JSValueConst * argv,
    const gchar * what, GError ** error)
{
  Scope *self = SCOPE (scope);
  JSValue ret;

  _gvajs_scope_enter_thread (scope);
  arm_deadline (self, FALSE);
  ret = JS_Call (self->ctx, fn, this_obj, argc, argv);
  if (JS_IsException (ret)) {
    _gvajs_scope_take_exception (scope, what, GVAJS_RUNTIME_ERROR_EXCEPTION,
        error);
  } else if (!run_pending_jobs (self, what, GVAJS_RUNTIME_ERROR_EXCEPTION,
          error)) {
    JS_FreeValue (self->ctx, ret);
    ret = JS_EXCEPTION;
  } else {
    report_rejections (self, ret);
    ret = settle_result (self, ret, what, error);
  }
  report_rejections (self, JS_UNDEFINED);
  disarm_deadline (self);
  return ret;
}

gboolean
_gvajs_scope_evaluate (GvajsScope * scope, JSModuleDef * module,
    const gchar * what, GError ** error)
{
  Scope *self = SCOPE (scope);
  JSContext *ctx = self->ctx;
  JSValue promise;
  JSPromiseStateEnum state;
  gboolean ok = FALSE;

  _gvajs_scope_enter_thread (scope);
  arm_deadline (self, TRUE);
  promise = JS_EvalFunction (ctx, JS_DupValue (ctx,
          JS_MKPTR (JS_TAG_MODULE, module)));
  if (JS_IsException (promise)) {
    _gvajs_scope_take_exception (scope, what, GVAJS_RUNTIME_ERROR_LOAD,
        error);
  } else if (run_pending_jobs (self, what, GVAJS_RUNTIME_ERROR_LOAD, error)) {
    state = JS_PromiseState (ctx, promise);
    if (state == JS_PROMISE_REJECTED) {
      JS_Throw (ctx, JS_PromiseResult (ctx, promise));
      _gvajs_scope_take_exception (scope, what, GVAJS_RUNTIME_ERROR_LOAD,
          error);
    } else if (state == JS_PROMISE_PENDING) {
      g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
          "%s: a top-level await never settled", what);
    } else {
      ok = TRUE;
    }
  }
  report_rejections (self, ok ? promise : JS_NULL);
  disarm_deadline (self);
  JS_FreeValue (ctx, promise);
  return ok;
}

JSValue
_gvajs_scope_get_property (GvajsScope * scope, JSValueConst obj,
    const gchar * name, const gchar * what, GError ** error)
{
  Scope *self = SCOPE (scope);
  JSValue value;

  _gvajs_scope_enter_thread (scope);
  arm_deadline (self, TRUE);
  value = JS_GetPropertyStr (self->ctx, obj, name);
  if (JS_IsException (value))
    _gvajs_scope_take_exception (scope, what, GVAJS_RUNTIME_ERROR_EXPORT,
        error);
  disarm_deadline (self);
  return value;
}

JSValue
_gvajs_scope_construct (GvajsScope * scope, JSValueConst cls, gint argc,
    JSValueConst * argv, const gchar * what, GError ** error)
{
  Scope *self = SCOPE (scope);
  JSValue instance;

  _gvajs_scope_enter_thread (scope);
  arm_deadline (self, TRUE);
  instance = JS_CallConstructor (self->ctx, cls, argc, argv);
  if (JS_IsException (instance))
    _gvajs_scope_take_exception (scope, what, GVAJS_RUNTIME_ERROR_EXCEPTION,
        error);
  disarm_deadline (self);
  return instance;
}

/* ---- lifecycle ---- */

/* Drops the call's objects and retires their serials; the tables stay
 * when @keep (a call's worth of them), else they go. */
static void
retire_handles (Scope * self, gboolean keep)
{
  guint i;

  if (self->handles == NULL)
    return;
  for (i = 0; i < self->handles->len; i++)
    JS_FreeValue (self->ctx, g_array_index (self->handles, GvajsHandle,
            i).object);
  self->handle_base += self->handles->len;
  if (keep) {
    g_array_set_size (self->handles, 0);
    memset (self->slots, 0, self->n_slots * sizeof (HandleSlot));
  } else {
    g_clear_pointer (&self->handles, g_array_unref);
    g_clear_pointer (&self->slots, g_free);
    self->n_slots = 0;
  }
}

GvajsScope *
_gvajs_scope_new (JSContext * ctx, const GvajsScopeLimits * limits)
{
  Scope *self = g_new0 (Scope, 1);
  JSRuntime *rt = JS_GetRuntime (ctx);

  self->ctx = ctx;
  self->limits = *limits;
  self->budget_us = limits->time_budget_us;
  self->rejections = g_array_new (FALSE, FALSE, sizeof (JSValue));
  self->data_buffer = JS_UNDEFINED;
  JS_SetRuntimeOpaque (rt, self);
  JS_SetInterruptHandler (rt, check_deadline, self);
  JS_SetHostPromiseRejectionTracker (rt, track_rejection, self);
  _gvajs_scope_enter_thread (&self->pub);
  return &self->pub;
}

void
_gvajs_scope_free (GvajsScope * scope)
{
  Scope *self = SCOPE (scope);
  JSRuntime *rt;

  if (self == NULL)
    return;
  rt = JS_GetRuntime (self->ctx);
  _gvajs_scope_enter_thread (scope);
  report_rejections (self, JS_UNDEFINED);
  clear_rejections (self);
  retire_handles (self, FALSE);
  JS_SetInterruptHandler (rt, NULL, NULL);
  JS_SetHostPromiseRejectionTracker (rt, NULL, NULL);
  JS_SetRuntimeOpaque (rt, NULL);
  g_array_unref (self->rejections);
  g_free (self);
}

/* ---- the frame ---- */

guint64
_gvajs_scope_begin_frame (GvajsScope * scope, GstBuffer * buffer,
    const GstVideoInfo * info, const GstAudioInfo * audio,
    const GstCaps * caps)
{
  gint bps = audio ? GST_AUDIO_INFO_BPS (audio) : 1;

  scope->buffer = buffer;
  scope->info = info;
  scope->audio = audio;
  /* AudioFrame.data() views samples as elements of their size. */
  scope->view_align = bps == 2 || bps == 4 || bps == 8 ? bps : 1;
  scope->caps = caps;
  return ++scope->generation;
}

gboolean
_gvajs_scope_count_metadata (JSContext * ctx, const gchar * fn, gsize bytes)
{
  Scope *self = SCOPE (_gvajs_scope_get (ctx));
  guint64 limit = _gvajs_host_memory_limit (ctx);

  if (limit == 0 || (bytes <= limit && self->attached <= limit - bytes)) {
    self->attached += bytes;
    return TRUE;
  }
  JS_ThrowRangeError (ctx, "%s(): the metadata this call attaches would pass "
      "%" G_GUINT64_FORMAT " bytes (the element's 'memory-limit' property "
      "bounds the metadata a call attaches as well as the JS heap)", fn,
      limit);
  return FALSE;
}

/* Detaches every view (which drops its reference to the bytes) and
 * retires this call's handle serials. */
static void
end_metadata (Scope * self)
{
  guint i;

  if (self->views) {
    for (i = 0; i < self->views->len; i++) {
      JSValue view = g_array_index (self->views, JSValue, i);
      JS_DetachArrayBuffer (self->ctx, view);
      JS_FreeValue (self->ctx, view);
    }
    g_clear_pointer (&self->views, g_array_unref);
  }
  retire_handles (self, self->handles && self->handles->len <= KEPT_HANDLES);
  g_clear_pointer (&self->private_bytes, g_hash_table_unref);
}

/* Detaching the ArrayBuffers empties every view over them before the
 * memory is unmapped or the metadata released. */
void
_gvajs_scope_end_frame (GvajsScope * scope)
{
  Scope *self = SCOPE (scope);

  end_metadata (self);
  JS_DetachArrayBuffer (self->ctx, self->data_buffer);
  JS_FreeValue (self->ctx, self->data_buffer);
  self->data_buffer = JS_UNDEFINED;
  if (scope->mapped) {
    gst_buffer_unmap (scope->buffer, &scope->map);
    scope->mapped = FALSE;
  }
  scope->buffer = NULL;
  scope->info = NULL;
  scope->audio = NULL;
  scope->caps = NULL;
}

/* Whether nothing but @buffer can see its bytes, and a read mapping of
 * them is ordinary writable memory: then a script may hold a view over
 * them in place. gvajs's in-place transform is handed a writable buffer
 * (GstBaseTransform copies a shared one), but a copy shares the memory of
 * the original, as every branch after a tee does; and a read mapping of
 * READONLY memory may be read-only pages. Only the system allocator's
 * mapping is the memory itself; others (dmabuf, GL, ...) may map
 * read-only pages or a staging copy for reading. */
static gboolean
buffer_bytes_private (GstBuffer * buffer)
{
  GstMemory *mem;

  if (!gst_buffer_is_writable (buffer) || gst_buffer_n_memory (buffer) != 1)
    return FALSE;
  mem = gst_buffer_peek_memory (buffer, 0);
  return gst_memory_is_type (mem, GST_ALLOCATOR_SYSMEM) &&
      !GST_MEMORY_IS_READONLY (mem) && mem->parent == NULL &&
      GST_MINI_OBJECT_REFCOUNT_VALUE (mem) == 1 &&
      gst_memory_is_writable (mem);
}

/* The mapping is unmapped by _gvajs_scope_end_frame(), not by the
 * ArrayBuffer: QuickJS calls this both at detach and (with NULL) at
 * finalization. */
static void
keep_mapping (JSRuntime * rt, void *opaque, void *ptr)
{
}

gboolean
_gvajs_scope_map (JSContext * ctx, GvajsScope * scope, GstMapFlags flags,
    const gchar * fn)
{
  Scope *self = SCOPE (scope);

  if (scope->mapped) {
    if ((flags & ~scope->map.flags) == 0)
      return TRUE;
    /* A read mapping that no view shows (a pixel helper read through it)
     * can become a write mapping; one a data() view shows cannot, as the
     * write may move the bytes (a copy of shared memory). */
    if (!JS_IsUndefined (self->data_buffer)) {
      JS_ThrowTypeError (ctx, "%s(): the frame is already mapped for "
          "reading in this call and a data() view shows it; write (with "
          "data(\"write\")%s) before reading with data()", fn,
          scope->audio ? "" : " or draw");
      return FALSE;
    }
    gst_buffer_unmap (scope->buffer, &scope->map);
    scope->mapped = FALSE;
  }
  if (scope->info == NULL && scope->audio == NULL) {
    gchar *caps = scope->caps ? gst_caps_to_string (scope->caps) : NULL;
    JS_ThrowTypeError (ctx, "%s(): pixel access needs raw video caps "
        "(video/x-raw), but this stream %s%s%s", fn, caps ? "is '" :
        "has no caps", caps ? caps : "", caps ? "'" : "");
    g_free (caps);
    return FALSE;
  }
  /* Asked before mapping, which holds a reference of its own; a write
   * mapping of shared memory is a private copy (GStreamer copies on
   * write). */
  self->map_private = (flags & GST_MAP_WRITE) != 0 ||
      buffer_bytes_private (scope->buffer);
  if (!gst_buffer_map (scope->buffer, &scope->map, flags)) {
    JS_ThrowInternalError (ctx, "%s(): the buffer could not be mapped for "
        "%s", fn, (flags & GST_MAP_WRITE) ? "writing" : "reading");
    return FALSE;
  }
  scope->mapped = TRUE;
  return TRUE;
}

JSValueConst
_gvajs_scope_data_buffer (JSContext * ctx, GvajsScope * scope)
{
  Scope *self = SCOPE (scope);
  gsize size = scope->map.size;
  const gchar *cls = scope->audio ? "AudioFrame" : "VideoFrame";
  gboolean aligned = (guintptr) scope->map.data % scope->view_align == 0;
  JSValue buffer;

  if (!JS_IsUndefined (self->data_buffer))
    return self->data_buffer;
  if (size > MAX_VIEW_BYTES) {
    JS_ThrowRangeError (ctx, "%s.data(): the frame's %" G_GSIZE_FORMAT
        " bytes are more than a typed array can hold (%d); use the native "
        "helpers (%s), which read any size", cls, size, MAX_VIEW_BYTES,
        scope->audio ? "audioLevels" : "regionStats, cropResize");
    return JS_EXCEPTION;
  }
  /* A typed array of 2-, 4- or 8-byte elements over misaligned bytes (a
   * sub-buffer at an odd offset) would make misaligned accesses: a read
   * view copies them, a write view cannot. */
  if (!aligned && (scope->map.flags & GST_MAP_WRITE)) {
    JS_ThrowTypeError (ctx, "%s.data(\"write\"): the buffer's bytes are "
        "not aligned to its %" G_GSIZE_FORMAT "-byte samples (a sub-buffer "
        "at an odd offset), so they cannot be viewed in place; read them "
        "with data(), which copies them", cls, scope->view_align);
    return JS_EXCEPTION;
  }
  /* QuickJS cannot make a typed array read-only: bytes that others see
   * or that may lie on read-only pages are viewed through a copy, which
   * the script may write and nobody else reads. */
  buffer = self->map_private && aligned ? JS_NewArrayBuffer (ctx,
      scope->map.data, size, keep_mapping, NULL, FALSE) :
      JS_NewArrayBufferCopy (ctx, scope->map.data, size);
  if (JS_IsException (buffer))
    return JS_EXCEPTION;
  self->data_buffer = buffer;
  return buffer;
}

void
_gvajs_scope_track_view (JSContext * ctx, GvajsScope * scope,
    JSValueConst array_buffer)
{
  Scope *self = SCOPE (scope);
  JSValue dup = JS_DupValue (ctx, array_buffer);

  if (self->views == NULL)
    self->views = g_array_sized_new (FALSE, FALSE, sizeof (JSValue), 4);
  g_array_append_val (self->views, dup);
}

void
_gvajs_scope_add_private_bytes (GvajsScope * scope, GVariant * bytes)
{
  Scope *self = SCOPE (scope);

  /* A set, not a list: a script may make a million tensors in a call, and
   * C loops are not under the time budget. */
  if (self->private_bytes == NULL)
    self->private_bytes = g_hash_table_new_full (NULL, NULL,
        (GDestroyNotify) g_variant_unref, NULL);
  g_hash_table_add (self->private_bytes, g_variant_ref (bytes));
}

gboolean
_gvajs_scope_has_private_bytes (GvajsScope * scope, GVariant * bytes)
{
  Scope *self = SCOPE (scope);

  return self->private_bytes &&
      g_hash_table_contains (self->private_bytes, bytes);
}

/* @ptr's slot, or the empty one where it goes. */
static HandleSlot *
find_slot (Scope * self, gconstpointer ptr)
{
  guint mask = self->n_slots - 1;
  guint i = (guint) (((guint64) (guintptr) ptr * 0x9E3779B97F4A7C15ull) >>
      32) & mask;

  while (self->slots[i].index != 0 && self->slots[i].ptr != ptr)
    i = (i + 1) & mask;
  return &self->slots[i];
}

/* Points @ptr's slot at handle @index (from 0): a later handle of an
 * address replaces an earlier one. */
static void
set_slot (Scope * self, gconstpointer ptr, guint index)
{
  HandleSlot *slot = find_slot (self, ptr);

  slot->ptr = ptr;
  slot->index = index + 1;
}

/* Room for one handle more: at most half the slots taken. */
static void
reserve_slot (Scope * self)
{
  guint i;

  if ((self->handles->len + 1) * 2 <= self->n_slots)
    return;
  g_free (self->slots);
  self->n_slots = MAX (32, self->n_slots * 2);
  self->slots = g_new0 (HandleSlot, self->n_slots);
  for (i = 0; i < self->handles->len; i++)
    set_slot (self, g_array_index (self->handles, GvajsHandle, i).ptr, i);
}

/* The live handle of @ptr's kind made in this call, or NULL. An address
 * whose region was removed may come back as another's: a dead handle
 * never matches. */
static GvajsHandle *
find_handle (Scope * self, gconstpointer ptr, GvajsHandleKind kind)
{
  HandleSlot *slot;
  GvajsHandle *handle;

  if (self->n_slots == 0 || (slot = find_slot (self, ptr))->index == 0)
    return NULL;
  handle = &g_array_index (self->handles, GvajsHandle, slot->index - 1);
  return handle->alive && handle->kind == kind ? handle : NULL;
}

JSValue
_gvajs_scope_wrap_handle (JSContext * ctx, JSClassID class_id,
    GvajsHandleKind kind, gpointer ptr, GstVideoRegionOfInterestMeta * region)
{
  Scope *self = SCOPE (_gvajs_scope_get (ctx));
  GvajsHandle handle = { kind, ptr, region, TRUE, JS_UNDEFINED };
  GvajsHandle *made = find_handle (self, ptr, kind);
  JSValue obj;

  if (made)
    return JS_DupValue (ctx, made->object);
  /* Handles outlive their objects until the call ends, outside the JS
   * heap's memory limit: a script taking ever more regions must not grow
   * the table without bound. */
  if (self->handles && self->handles->len >= MAX_HANDLES)
    return JS_ThrowRangeError (ctx, "more than %d regions and tensors taken "
        "in one call", MAX_HANDLES);
  obj = _gvajs_new_host_object (ctx, class_id);
  if (JS_IsException (obj))
    return obj;
  if (self->handles == NULL)
    self->handles = g_array_sized_new (FALSE, FALSE, sizeof (GvajsHandle), 16);
  reserve_slot (self);
  set_slot (self, ptr, self->handles->len);
  handle.object = JS_DupValue (ctx, obj);
  g_array_append_val (self->handles, handle);
  JS_SetOpaque (obj, GSIZE_TO_POINTER (self->handle_base +
          self->handles->len));
  return obj;
}

GvajsScope *
_gvajs_scope_get_handle (JSContext * ctx, JSValueConst obj,
    JSClassID class_id, const gchar * class_name, GvajsHandle * handle)
{
  Scope *self = SCOPE (_gvajs_scope_get (ctx));
  guint64 serial = GPOINTER_TO_SIZE (JS_GetOpaque (obj, class_id));

  if (serial == 0) {
    JS_ThrowTypeError (ctx, "not %s %s", strchr ("AEIOU", class_name[0]) ?
        "an" : "a", class_name);
    return NULL;
  }
  if (self->pub.buffer == NULL || self->handles == NULL ||
      serial <= self->handle_base ||
      serial > self->handle_base + self->handles->len) {
    JS_ThrowTypeError (ctx, "this %s is no longer valid: a frame, and "
        "everything taken from it, lives only during the call that received "
        "it; copy the values you need to keep", class_name);
    return NULL;
  }
  *handle = g_array_index (self->handles, GvajsHandle,
      serial - self->handle_base - 1);
  if (!handle->alive) {
    JS_ThrowTypeError (ctx, "this %s is no longer valid: %s removed from "
        "the frame", class_name, handle->kind != GVAJS_HANDLE_TENSOR ?
        "it was" : handle->region ? "its region was" : "its event was");
    return NULL;
  }
  return &self->pub;
}

void
_gvajs_scope_kill_ptr (GvajsScope * scope, gconstpointer ptr)
{
  Scope *self = SCOPE (scope);
  GvajsHandle *handle;
  guint i;

  for (i = 0; self->handles && i < self->handles->len; i++) {
    handle = &g_array_index (self->handles, GvajsHandle, i);
    if (handle->ptr == ptr)
      handle->alive = FALSE;
  }
}

void
_gvajs_scope_kill_region (GvajsScope * scope,
    GstVideoRegionOfInterestMeta * region)
{
  Scope *self = SCOPE (scope);
  GvajsHandle *handle;
  guint i;

  for (i = 0; self->handles && i < self->handles->len; i++) {
    handle = &g_array_index (self->handles, GvajsHandle, i);
    if (handle->ptr == region || handle->region == region)
      handle->alive = FALSE;
  }
}
