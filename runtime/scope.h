/* SPDX-License-Identifier: MIT */
/* The scope: every entry into JS and the buffer it works on.
 *
 * Calls: the thread that enters, the time budget (QuickJS's interrupt
 * handler), the call itself, the promise jobs it queued, the rejections it
 * left unhandled, and the settling of an async result.
 *
 * The frame: the buffer of the current per-frame call, its mapping, and
 * the table of region and tensor objects (GvajsHandle), ArrayBuffers made
 * over its memory and tensor bytes known private to it, all emptied when
 * the call ends, so an object kept past its call finds nothing to
 * dereference. Depends on value.h and errors.h. */
#pragma once

#include "value.h"

#include <gst/audio/audio.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

/* A region or tensor object made during the current call. JS objects hold
 * its serial, never a pointer. */
typedef enum
{
  GVAJS_HANDLE_REGION,
  GVAJS_HANDLE_TENSOR,
  GVAJS_HANDLE_EVENT,
} GvajsHandleKind;

typedef struct
{
  GvajsHandleKind kind;
  gpointer ptr;                 /* GstVideoRegionOfInterestMeta *,
                                 * GstStructure * or an audio event's
                                 * GstMeta *, borrowed from the buffer */
  GstVideoRegionOfInterestMeta *region; /* a tensor's region, NULL for a
                                         * frame tensor or a region */
  gboolean alive;               /* FALSE once its region was removed */
  JSValue object;               /* its one object in this call (owned) */
} GvajsHandle;

typedef struct _GvajsScope GvajsScope;

/* What bindings read of the current frame; all NULL outside a call. */
struct _GvajsScope
{
  GstBuffer *buffer;            /* borrowed */
  const GstVideoInfo *info;     /* borrowed, NULL when caps are not raw video */
  const GstAudioInfo *audio;    /* borrowed, NULL when caps are not raw audio */
  gsize view_align;             /* what data()'s views need the bytes aligned
                                 * to: a sample's size for audio, else 1 */
  const GstCaps *caps;          /* borrowed */
  guint64 generation;           /* of the current (or last) frame */
  GstMapInfo map;               /* valid while `mapped` */
  gboolean mapped;
};

typedef struct
{
  gint64 time_budget_us;
  gint64 load_budget_us;
  gsize stack_size;             /* bytes of stack from each entry, at most
                                 * (0: QuickJS's default) */
} GvajsScopeLimits;

/* Installs the scope on @ctx's runtime (its interrupt handler, rejection
 * tracker and runtime opaque). */
G_GNUC_INTERNAL GvajsScope *_gvajs_scope_new (JSContext * ctx,
    const GvajsScopeLimits * limits);
/* Reports what rejections are left and frees the scope. */
G_GNUC_INTERNAL void _gvajs_scope_free (GvajsScope * scope);
G_GNUC_INTERNAL GvajsScope *_gvajs_scope_get (JSContext * ctx);

/* QuickJS measures stack use from a point it is told, against a size it
 * trusts. Tells it the calling frame, and the smaller of the stack size
 * and what the calling thread's stack has left below it (less a margin
 * for the C frames that run past QuickJS's checks): a thread with a small
 * stack then gets 'stack overflow', not a crash. Also restarts the heap's
 * count of refused allocations, which tells an exception taken later
 * whether it came from the memory limit. Every entry below does this;
 * call it before other JS work (compiling, freeing). */
G_GNUC_INTERNAL void _gvajs_scope_enter_thread (GvajsScope * scope);

/* Calls @fn under the time budget, runs the promise jobs it queued and
 * settles a promise result. Returns the result (owned) or JS_EXCEPTION
 * with @error set; @what names the call in messages. */
G_GNUC_INTERNAL JSValue _gvajs_scope_call (GvajsScope * scope,
    JSValueConst fn, JSValueConst this_obj, gint argc, JSValueConst * argv,
    const gchar * what, GError ** error);
/* Evaluates a compiled module under the load budget, top-level await
 * included. */
G_GNUC_INTERNAL gboolean _gvajs_scope_evaluate (GvajsScope * scope,
    JSModuleDef * module, const gchar * what, GError ** error);
/* Constructs @cls under the load budget; returns the instance (owned) or
 * JS_EXCEPTION with @error set. */
G_GNUC_INTERNAL JSValue _gvajs_scope_construct (GvajsScope * scope,
    JSValueConst cls, gint argc, JSValueConst * argv, const gchar * what,
    GError ** error);
/* Reads @obj[@name] under the load budget (a getter or Proxy trap may
 * loop or throw); returns the value (owned) or JS_EXCEPTION with @error
 * set. */
G_GNUC_INTERNAL JSValue _gvajs_scope_get_property (GvajsScope * scope,
    JSValueConst obj, const gchar * name, const gchar * what,
    GError ** error);
/* Counts @bytes of metadata the current call attaches to its buffer
 * against the memory limit: GStreamer allocates them outside the JS heap
 * the engine limits. FALSE after throwing a RangeError naming @fn when
 * the call's total would pass it. */
G_GNUC_INTERNAL gboolean _gvajs_scope_count_metadata (JSContext * ctx,
    const gchar * fn, gsize bytes);
/* What one piece of metadata costs besides its payload: the meta or
 * structure that holds it. */
#define GVAJS_META_OVERHEAD 128


/* For natives whose loops run long: QuickJS's interrupt handler only runs
 * between bytecodes. Returns TRUE once the current call's deadline has
 * passed, after throwing what the handler would (QuickJS's uncatchable
 * "interrupted" error, reported as the time budget's message); the native
 * then returns JS_EXCEPTION. Costs a clock read: loops use
 * _gvajs_scope_charge(). */
G_GNUC_INTERNAL gboolean _gvajs_scope_out_of_time (JSContext * ctx);

/* Steps of a few nanoseconds each between two looks at the clock: well
 * under a millisecond. */
#define GVAJS_STEPS_PER_CHECK (1 << 16)

/* Counts @n steps of work into *@steps (a native's counter, starting at
 * 0) and checks the deadline every GVAJS_STEPS_PER_CHECK of them. Returns
 * FALSE, with the budget's error thrown, when the native must stop. */
static inline gboolean
_gvajs_scope_charge (JSContext * ctx, guint64 * steps, guint64 n)
{
  *steps += n;
  if (G_LIKELY (*steps < GVAJS_STEPS_PER_CHECK))
    return TRUE;
  *steps = 0;
  return !_gvajs_scope_out_of_time (ctx);
}

/* Takes the pending exception into @error, explaining an exceeded budget
 * (here) or memory limit (errors.c) with the property that changes it.
 * Formatting it may run the script's getters: under a budget as long as
 * the call's. */
G_GNUC_INTERNAL void _gvajs_scope_take_exception (GvajsScope * scope,
    const gchar * what, gint code, GError ** error);

/* Starts a frame: returns its generation, which frame objects carry.
 * @info and @audio are NULL unless the caps are raw video or raw audio. */
G_GNUC_INTERNAL guint64 _gvajs_scope_begin_frame (GvajsScope * scope,
    GstBuffer * buffer, const GstVideoInfo * info, const GstAudioInfo * audio,
    const GstCaps * caps);
/* Ends it: detaches every view, unmaps, retires the handles. */
G_GNUC_INTERNAL void _gvajs_scope_end_frame (GvajsScope * scope);

/* Maps the frame with @flags unless mapped already; on return scope->map
 * holds the pixels (or samples) until the frame ends. A read mapping
 * becomes a write mapping when asked, unless a data() view shows it.
 * Throws a message naming @fn and returns FALSE when the stream is neither
 * raw video nor raw audio, a view stands in the way, or mapping fails. */
G_GNUC_INTERNAL gboolean _gvajs_scope_map (JSContext * ctx,
    GvajsScope * scope, GstMapFlags flags, const gchar * fn);
/* The ArrayBuffer data() views (borrowed, the same for the whole call),
 * made after a map on first use: over the mapping itself when its bytes
 * are writable memory only this buffer sees and aligned to view_align,
 * else over a copy of them. JS_EXCEPTION after throwing (a frame larger
 * than an ArrayBuffer can be, a write mapping that is not aligned, or no
 * room for the copy). */
G_GNUC_INTERNAL JSValueConst _gvajs_scope_data_buffer (JSContext * ctx,
    GvajsScope * scope);
/* Keeps @array_buffer (borrowed) to detach it when the frame ends. */
G_GNUC_INTERNAL void _gvajs_scope_track_view (JSContext * ctx,
    GvajsScope * scope, JSValueConst array_buffer);

/* Tensor bytes (a data_buffer GVariant) that one structure of this call's
 * buffer holds and nothing else: made by setData() or copied by data() in
 * this call. Known until the call ends; the scope keeps a reference, so
 * their address is not reused meanwhile. */
G_GNUC_INTERNAL void _gvajs_scope_add_private_bytes (GvajsScope * scope,
    GVariant * bytes);
G_GNUC_INTERNAL gboolean _gvajs_scope_has_private_bytes (GvajsScope * scope,
    GVariant * bytes);

/* The object of @ptr in this call (owned), or JS_EXCEPTION: the one made
 * before, while @ptr lives (a region read back after addRegion() is the
 * object addRegion() returned), else a new object of @class_id whose
 * opaque is a fresh handle's serial. */
G_GNUC_INTERNAL JSValue _gvajs_scope_wrap_handle (JSContext * ctx,
    JSClassID class_id, GvajsHandleKind kind, gpointer ptr,
    GstVideoRegionOfInterestMeta * region);
/* Returns the scope when @obj is a live object of @class_id made in this
 * frame, with a copy of its handle (a copy: making other objects may move
 * the table); otherwise throws a TypeError and returns NULL. */
G_GNUC_INTERNAL GvajsScope *_gvajs_scope_get_handle (JSContext * ctx,
    JSValueConst obj, JSClassID class_id, const gchar * class_name,
    GvajsHandle * handle);
/* removeEvent(): the objects of @ptr (an event, or one of its params)
 * die. */
G_GNUC_INTERNAL void _gvajs_scope_kill_ptr (GvajsScope * scope,
    gconstpointer ptr);
/* removeRegion(): the region's objects and its tensors' die with it. */
G_GNUC_INTERNAL void _gvajs_scope_kill_region (GvajsScope * scope,
    GstVideoRegionOfInterestMeta * region);

G_END_DECLS
