/* Internals shared by the runtime's files; nothing here is seen by the
 * plugin. */
#pragma once

#include "gvajs-runtime.h"
#include <quickjs.h>

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (gvajs_debug);

/* The buffer the current call works on. Frame objects carry the generation
 * they were made for; they are usable only while it equals `generation` and
 * `buffer` is set, so an object kept past its call never reaches a buffer
 * that may be gone. */
typedef struct
{
  GstBuffer *buffer;            /* borrowed, NULL outside a call */
  const GstVideoInfo *info;     /* borrowed, NULL when caps are not raw video */
  const GstCaps *caps;          /* borrowed */
  guint64 generation;
  GstMapInfo map;
  gboolean mapped;
  JSValue data_buffer;          /* ArrayBuffer over `map`, or JS_UNDEFINED */
} GvajsFrameScope;

struct _GvajsRuntime
{
  JSRuntime *rt;
  JSContext *ctx;
  GstObject *owner;             /* owned ref, nullable */
  GThread *thread;              /* the thread that last entered JS */
  gboolean loading;             /* evaluating the module */

  JSValue ns;                   /* module namespace */
  JSValue instance;             /* class instance, or JS_UNDEFINED */
  JSValue process_fn;
  JSValue hooks[GVAJS_N_HOOKS]; /* JS_UNDEFINED when not provided */

  GvajsFrameScope frame;
};

/* runtime.c */
G_GNUC_INTERNAL GvajsRuntime *_gvajs_runtime_from_ctx (JSContext * ctx);
G_GNUC_INTERNAL JSClassID _gvajs_class_id_new (JSClassID * id);

/* errors.c: turn the pending JS exception into a GError */
G_GNUC_INTERNAL void _gvajs_take_exception (JSContext * ctx, GError ** error,
    gint code, const gchar * context);
G_GNUC_INTERNAL gchar *_gvajs_value_to_display (JSContext * ctx,
    JSValueConst value);

/* loader.c */
G_GNUC_INTERNAL void _gvajs_loader_install (JSRuntime * rt);
G_GNUC_INTERNAL JSModuleDef *_gvajs_compile_file (JSContext * ctx,
    const gchar * path, GError ** error);

/* console.c */
G_GNUC_INTERNAL void _gvajs_console_init (JSContext * ctx);

/* module.c: the built-in module "gvajs" */
G_GNUC_INTERNAL JSModuleDef *_gvajs_module_init (JSContext * ctx);

/* frame.c */
G_GNUC_INTERNAL void _gvajs_frame_init (JSContext * ctx);
G_GNUC_INTERNAL JSValue _gvajs_frame_begin (JSContext * ctx,
    GvajsFrameScope * scope, GstBuffer * buffer, const GstVideoInfo * info,
    const GstCaps * caps);
G_GNUC_INTERNAL void _gvajs_frame_end (JSContext * ctx,
    GvajsFrameScope * scope);
G_GNUC_INTERNAL GvajsFrameScope *_gvajs_frame_scope_get (JSContext * ctx,
    JSValueConst this_val);
G_GNUC_INTERNAL gboolean _gvajs_frame_map (JSContext * ctx,
    GvajsFrameScope * scope, GstMapFlags flags);

G_END_DECLS
