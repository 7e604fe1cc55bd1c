/* Internals shared by the runtime's files; nothing here is seen by the
 * plugin. */
#pragma once

#include "gvajs-runtime.h"
#include <quickjs.h>

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (gvajs_debug);

/* A region or tensor object made during the current call. JS objects hold
 * its serial, never a pointer; the table is emptied when the call ends, so
 * an object kept past its call finds nothing to dereference. */
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
  /* Metadata objects (region.c, tensor.c); allocated only in calls that
   * ask for metadata, freed when the call ends. */
  GArray *handles;              /* GvajsHandle; serial = handle_base + i + 1 */
  guint64 handle_base;          /* grows by every call's count: serials are
                                 * never reused */
  GArray *views;                /* JSValue ArrayBuffers over tensor bytes */
} GvajsFrameScope;

struct _GvajsRuntime
{
  JSRuntime *rt;
  JSContext *ctx;
  GstObject *owner;             /* owned ref, nullable */
  GThread *thread;              /* the thread that last entered JS */
  gboolean loading;             /* evaluating the module */
  gchar *function_name;
  gchar *module_dir;            /* canonical folder of the module */

  /* limits */
  gint64 time_budget_us;
  gint64 load_budget_us;
  guint64 memory_limit;
  gint64 deadline;              /* monotonic µs, 0 outside calls */
  gint64 budget_us;             /* the budget `deadline` was set from */
  gboolean interrupted;         /* the deadline passed in this call */
  gchar **allowed_dirs;         /* canonical folders, or NULL */
  GArray *rejections;           /* JSValue promises rejected unhandled */
  JSValue make_rect;            /* (x, y, w, h) => ({x, y, w, h}) */

  JSValue ns;                   /* module namespace */
  JSValue instance;             /* class instance, or JS_UNDEFINED */
  JSValue process_fn;
  JSValue hooks[GVAJS_N_HOOKS]; /* JS_UNDEFINED when not provided */

  GvajsFrameScope frame;
};

/* runtime.c */
G_GNUC_INTERNAL GvajsRuntime *_gvajs_runtime_from_ctx (JSContext * ctx);
G_GNUC_INTERNAL JSClassID _gvajs_class_id_new (JSClassID * id);

G_GNUC_INTERNAL JSValue _gvajs_new_rect (JSContext * ctx, gdouble x,
    gdouble y, gdouble w, gdouble h);
G_GNUC_INTERNAL JSValue _gvajs_new_number_array (JSContext * ctx,
    const gdouble * values, guint n);

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

/* files.c: readText/readJSON, exported by the "gvajs" module */
G_GNUC_INTERNAL gboolean _gvajs_files_allow (GvajsRuntime * self,
    const gchar * const *dirs, GError ** error);
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_files_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_files_n_funcs;

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
G_GNUC_INTERNAL JSValue _gvajs_handle_wrap (JSContext * ctx,
    JSClassID class_id, GvajsHandleKind kind, gpointer ptr,
    GstVideoRegionOfInterestMeta * region);
G_GNUC_INTERNAL GvajsFrameScope *_gvajs_handle_get (JSContext * ctx,
    JSValueConst obj, JSClassID class_id, const gchar * class_name,
    GvajsHandle * handle);
G_GNUC_INTERNAL void _gvajs_handles_kill_region (GvajsFrameScope * scope,
    GstVideoRegionOfInterestMeta * region);
G_GNUC_INTERNAL void _gvajs_frame_track_view (JSContext * ctx,
    GvajsFrameScope * scope, JSValueConst array_buffer);
G_GNUC_INTERNAL gboolean _gvajs_frame_check_writable (JSContext * ctx,
    GvajsFrameScope * scope, const gchar * fn);
G_GNUC_INTERNAL void _gvajs_array_push (JSContext * ctx, JSValue * array,
    guint32 index, JSValue item);
typedef JSValue (*GvajsMetaToJs) (JSContext * ctx, GstMeta * meta);
G_GNUC_INTERNAL JSValue _gvajs_metas_to_array (JSContext * ctx,
    GvajsFrameScope * scope, GType api, GvajsMetaToJs convert);

/* tensor.c: argument checks the metadata bindings share; each throws a
 * TypeError or RangeError naming @fn and @arg when it returns FALSE. */
G_GNUC_INTERNAL gchar *_gvajs_describe (JSContext * ctx, JSValueConst value);
G_GNUC_INTERNAL gboolean _gvajs_get_finite (JSContext * ctx, const gchar * fn,
    const gchar * arg, JSValueConst value, gdouble * out);
G_GNUC_INTERNAL gboolean _gvajs_get_int (JSContext * ctx, const gchar * fn,
    const gchar * arg, JSValueConst value, gint64 min, gint64 max,
    gint64 * out);
G_GNUC_INTERNAL const char *_gvajs_get_structure_name (JSContext * ctx,
    const gchar * fn, JSValueConst value);

/* region.c, tensor.c, message.c: the metadata API. The frame's methods
 * are tables the frame's prototype takes in. */
G_GNUC_INTERNAL void _gvajs_region_init (JSContext * ctx);
G_GNUC_INTERNAL void _gvajs_tensor_init (JSContext * ctx);
G_GNUC_INTERNAL JSValue _gvajs_tensor_wrap (JSContext * ctx,
    GstStructure * s, GstVideoRegionOfInterestMeta * region);
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_region_frame_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_region_frame_n_funcs;
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_tensor_frame_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_tensor_frame_n_funcs;
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_message_frame_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_message_frame_n_funcs;

G_END_DECLS

G_BEGIN_DECLS
/* sourcemap.c: maps a JS stack's locations to the TypeScript sources */
G_GNUC_INTERNAL gchar *_gvajs_source_map_stack (JSContext * ctx,
    gchar * stack);

/* helpers.c: math helpers over typed arrays, exported by module "gvajs" */
typedef struct
{
  JSTypedArrayEnum type;
  gpointer data;                /* valid until JS code runs */
  gsize length;                 /* in elements */
} GvajsArrayView;

G_GNUC_INTERNAL void _gvajs_helpers_init (JSContext * ctx);
G_GNUC_INTERNAL gboolean _gvajs_array_view (JSContext * ctx,
    const gchar * fn, const gchar * arg, JSValueConst value,
    GvajsArrayView * view);
G_GNUC_INTERNAL JSValue _gvajs_new_float32_array (JSContext * ctx, gsize n,
    gfloat ** data);
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_helpers_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_helpers_n_funcs;

/* image.c: helpers over a frame's pixels, exported by module "gvajs" */
G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_image_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_image_n_funcs;

G_END_DECLS
