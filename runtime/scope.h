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

#include <gst/video/video.h>

G_BEGIN_DECLS

/* A region or tensor object made during the current call. JS objects hold
 * its serial, never a pointer. */
typedef enum
{
  GVAJS_HANDLE_REGION,
  GVAJS_HANDLE_TENSOR,
} GvajsHandleKind;

typedef struct
{
  GvajsHandleKind kind;
  gpointer ptr;                 /* GstVideoRegionOfInterestMeta * or
                                 * GstStructure *, borrowed from the buffer */
  GstVideoRegionOfInterestMeta *region; /* a tensor's region, NULL for a
                                         * frame tensor or a region */
  gboolean alive;               /* FALSE once its region was removed */
} GvajsHandle;

typedef struct _GvajsScope GvajsScope;

/* What bindings read of the current frame; all NULL outside a call. */
struct _GvajsScope
{
  GstBuffer *buffer;            /* borrowed */
  const GstVideoInfo *info;     /* borrowed, NULL when caps are not raw video */
  const GstCaps *caps;          /* borrowed */
  guint64 generation;           /* of the current (or last) frame */
  GstMapInfo map;               /* valid while `mapped` */
  gboolean mapped;
};

typedef struct
{
  gint64 time_budget_us;
  gint64 load_budget_us;
  guint64 memory_limit;         /* the engine enforces it for the heap;
                                 * the scope counts metadata against it */
} GvajsScopeLimits;

/* Installs the scope on @ctx's runtime (its interrupt handler, rejection
 * tracker and runtime opaque). */
G_GNUC_INTERNAL GvajsScope *_gvajs_scope_new (JSContext * ctx,
    const GvajsScopeLimits * limits);
/* Reports what rejections are left and frees the scope. */
G_GNUC_INTERNAL void _gvajs_scope_free (GvajsScope * scope);
G_GNUC_INTERNAL GvajsScope *_gvajs_scope_get (JSContext * ctx);

/* QuickJS measures stack use from the thread that created the runtime; a
 * thread that takes over must say where its stack is. Every entry below
 * does this; call it before other JS work from a new thread. */
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
G_GNUC_INTERNAL gboolean _gvajs_scope_charge (JSContext * ctx,
    const gchar * fn, gsize bytes);
/* What one piece of metadata costs besides its payload: the meta or
 * structure that holds it. */
#define GVAJS_META_OVERHEAD 128

/* Takes the pending exception into @error, explaining an exceeded budget
 * or memory limit with the property that changes it. Formatting it may
 * run the script's getters: under a budget as long as the call's. */
G_GNUC_INTERNAL void _gvajs_scope_take_exception (GvajsScope * scope,
    const gchar * what, gint code, GError ** error);

/* Starts a frame: returns its generation, which frame objects carry. */
G_GNUC_INTERNAL guint64 _gvajs_scope_begin_frame (GvajsScope * scope,
    GstBuffer * buffer, const GstVideoInfo * info, const GstCaps * caps);
/* Ends it: detaches every view, unmaps, retires the handles. */
G_GNUC_INTERNAL void _gvajs_scope_end_frame (GvajsScope * scope);

/* Maps the frame with @flags unless mapped already; on return scope->map
 * holds the pixels until the frame ends. A read mapping becomes a write
 * mapping when asked, unless a data() view shows it. Throws a message
 * naming @fn and returns FALSE when the stream is not raw video, a view
 * stands in the way, or mapping fails. */
G_GNUC_INTERNAL gboolean _gvajs_scope_map (JSContext * ctx,
    GvajsScope * scope, GstMapFlags flags, const gchar * fn);
/* The ArrayBuffer data() views (borrowed, the same for the whole call),
 * made after a map on first use: over the mapping itself when its bytes
 * are writable memory only this buffer sees, else over a copy of them.
 * JS_EXCEPTION after throwing (a frame larger than an ArrayBuffer can be,
 * or no room for the copy). */
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

/* Returns a new object of @class_id whose opaque is a fresh handle's
 * serial (owned), or JS_EXCEPTION. */
G_GNUC_INTERNAL JSValue _gvajs_scope_wrap_handle (JSContext * ctx,
    JSClassID class_id, GvajsHandleKind kind, gpointer ptr,
    GstVideoRegionOfInterestMeta * region);
/* Returns the scope when @obj is a live object of @class_id made in this
 * frame, with a copy of its handle (a copy: making other objects may move
 * the table); otherwise throws a TypeError and returns NULL. */
G_GNUC_INTERNAL GvajsScope *_gvajs_scope_get_handle (JSContext * ctx,
    JSValueConst obj, JSClassID class_id, const gchar * class_name,
    GvajsHandle * handle);
/* removeRegion(): the region's objects and its tensors' die with it. */
G_GNUC_INTERNAL void _gvajs_scope_kill_region (GvajsScope * scope,
    GstVideoRegionOfInterestMeta * region);

G_END_DECLS
