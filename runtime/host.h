/* SPDX-License-Identifier: MIT */
/* The host: what every binding may ask of the runtime that created its
 * context, behind accessors (the runtime's own struct stays in
 * runtime.c), the `gvajs` debug category, and the one way to define a
 * class. Depends on heap.h only. */
#pragma once

#include "heap.h"

#include <gst/gst.h>
#include <quickjs.h>

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (gvajs_debug);

typedef struct _GvajsHost GvajsHost;

/**
 * GvajsHostConfig:
 * @owner: (nullable): the object log lines are tagged with
 * @module_dir: (nullable): canonical folder of the module
 * @allowed_dirs: (nullable): canonical folders scripts may read
 * @write_dirs: (nullable): canonical folders scripts may write in
 * @memory_limit: bytes the JS heap may use, 0 for no limit
 * @heap: the runtime's heap, borrowed for the context's life
 *
 * Borrowed for the duration of _gvajs_host_new().
 */
typedef struct
{
  GstObject *owner;
  const gchar *module_dir;
  const gchar *const *allowed_dirs;
  const gchar *const *write_dirs;
  guint64 memory_limit;
  GvajsHeap *heap;
} GvajsHostConfig;

/* Initialises the debug category; called by whatever creates a runtime. */
G_GNUC_INTERNAL void _gvajs_host_init_debug (void);

/* Attaches a host to @ctx (its context opaque). NULL when the context is
 * out of memory. */
G_GNUC_INTERNAL GvajsHost *_gvajs_host_new (JSContext * ctx,
    const GvajsHostConfig * config);
G_GNUC_INTERNAL void _gvajs_host_free (GvajsHost * host);

G_GNUC_INTERNAL GstObject *_gvajs_host_owner (JSContext * ctx);
G_GNUC_INTERNAL const gchar *_gvajs_host_module_dir (JSContext * ctx);
G_GNUC_INTERNAL const gchar *const *_gvajs_host_allowed_dirs (JSContext *
    ctx);
G_GNUC_INTERNAL const gchar *const *_gvajs_host_write_dirs (JSContext * ctx);
G_GNUC_INTERNAL guint64 _gvajs_host_memory_limit (JSContext * ctx);
G_GNUC_INTERNAL GvajsHeap *_gvajs_host_heap (JSContext * ctx);
/* The files compiled as modules (canonical paths): the only ones whose
 * source maps are read. */
G_GNUC_INTERNAL void _gvajs_host_add_module (JSContext * ctx,
    const gchar * path);
G_GNUC_INTERNAL gboolean _gvajs_host_has_module (JSContext * ctx,
    const gchar * path);
/* State a binding keeps for the life of the context (the drawing's font
 * and scratch memory), under a key of its own: NULL until set. The host
 * frees it with @destroy before the context goes, so @destroy may use
 * it; it must not run JS. A context holds up to 8 (one per binding that
 * keeps any). */
G_GNUC_INTERNAL gpointer _gvajs_host_get_state (JSContext * ctx, GQuark key);
G_GNUC_INTERNAL void _gvajs_host_set_state (JSContext * ctx, GQuark key,
    gpointer state, GDestroyNotify destroy);
/* Property names natives read or define on every call, as atoms made
 * once per context: by atom, not looked up by name. */
typedef enum
{
  GVAJS_ATOM_X,                 /* a rect's x, y, w, h, in that order */
  GVAJS_ATOM_Y,
  GVAJS_ATOM_W,
  GVAJS_ATOM_H,
  GVAJS_ATOM_LENGTH,
  GVAJS_N_ATOMS
} GvajsAtom;

G_GNUC_INTERNAL const JSAtom *_gvajs_host_atoms (JSContext * ctx);
/* A plain {x, y, w, h} whose shape rects are made with (value.c);
 * borrowed, never changed. */
G_GNUC_INTERNAL JSValueConst _gvajs_host_rect_model (JSContext * ctx);

/* Defines class @name with @funcs on its prototype, allocating *@id on
 * first use (class ids are process-wide). Its instances take no
 * properties of their own: setting or defining one throws a TypeError
 * that says what to do instead. Returns the prototype, borrowed: the
 * class owns it. */
G_GNUC_INTERNAL JSValueConst _gvajs_create_class (JSContext * ctx,
    JSClassID * id, const gchar * name, const JSCFunctionListEntry * funcs,
    gint n_funcs);

/* The name of a class made by _gvajs_create_class(), or NULL. */
G_GNUC_INTERNAL const gchar *_gvajs_class_name (JSClassID id);
/* Marks @id's instances as sets of fields (a Tensor): the error of a
 * property set on one then names set() and get() with that field. */
G_GNUC_INTERNAL void _gvajs_class_set_fields (JSClassID id);
/* A new instance of a class made by _gvajs_create_class() (owned), not
 * extensible (Object.isExtensible() is false), or JS_EXCEPTION. */
G_GNUC_INTERNAL JSValue _gvajs_new_host_object (JSContext * ctx,
    JSClassID id);

G_END_DECLS
