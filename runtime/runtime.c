/* SPDX-License-Identifier: MIT */
/* The runtime's lifecycle: one JSRuntime and JSContext per element
 * instance.
 *
 * gvajs_runtime_new() creates the engine, the host and the scope, installs
 * the bindings, loads the user's module, constructs the class when one is
 * named and resolves the per-frame function and the optional hooks. Every
 * later entry into JS goes through the scope (scope.c). This file is the
 * top of runtime/: nothing includes it; see runtime/README.md for the map.
 */
#include "gvajs-runtime.h"
#include "audio.h"
#include "batch.h"
#include "console.h"
#include "errors.h"
#include "files.h"
#include "frame.h"
#include "gvameta.h"
#include "heap.h"
#include "loader.h"
#include "message.h"
#include "module.h"
#include "region.h"
#include "scope.h"
#include "tensor.h"

#include <string.h>

struct _GvajsRuntime
{
  GvajsHeap *heap;
  JSRuntime *rt;
  JSContext *ctx;
  GvajsHost *host;
  GvajsScope *scope;
  gchar *function_name;

  JSValue ns;                   /* module namespace */
  JSValue instance;             /* class instance, or JS_UNDEFINED */
  JSValue process_fn;
  JSValue hooks[GVAJS_N_HOOKS]; /* JS_UNDEFINED when not provided */

  /* QuickJS must never be entered by two threads at once (the streaming
   * thread's frame and a hook an application thread runs would corrupt
   * its heap): every entry holds this. */
  GMutex lock;
};

static const gchar *const hook_names[GVAJS_N_HOOKS] = {
  [GVAJS_HOOK_START] = "start",
  [GVAJS_HOOK_EOS] = "eos",
  [GVAJS_HOOK_STOP] = "stop",
};

const gchar *
gvajs_hook_name (GvajsHook hook)
{
  g_return_val_if_fail (hook < GVAJS_N_HOOKS, NULL);
  return hook_names[hook];
}

/* Installs the bindings: the metadata ones extend VideoFrame. */
static gboolean
install_bindings (GvajsRuntime * self)
{
  GvajsFramePrototypes protos;

  _gvajs_console_init (self->ctx);
  _gvajs_frame_init (self->ctx, &protos);
  _gvajs_tensor_init (self->ctx, protos.common);
  _gvajs_region_init (self->ctx, protos.video);
  _gvajs_batch_init (self->ctx, protos.video);
  _gvajs_message_init (self->ctx, protos.common);
  _gvajs_audio_init (self->ctx, protos.audio);
  return _gvajs_module_init (self->ctx) != NULL;
}

static gboolean
create_engine (GvajsRuntime * self, const GvajsRuntimeConfig * config,
    const GvajsHostConfig * host_config, GError ** error)
{
  GvajsHostConfig host = *host_config;
  GvajsScopeLimits limits = {
    (gint64) config->time_budget_ms * 1000,
    (gint64) config->load_budget_ms * 1000,
    config->stack_size,
  };

  self->rt = _gvajs_heap_new_runtime (&self->heap);
  self->ctx = self->rt ? JS_NewContext (self->rt) : NULL;
  host.heap = self->heap;
  if (self->ctx == NULL || (self->host = _gvajs_host_new (self->ctx,
              &host)) == NULL) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
        "could not create a QuickJS runtime (out of memory)");
    return FALSE;
  }
  if (config->memory_limit)
    JS_SetMemoryLimit (self->rt, config->memory_limit);
  self->scope = _gvajs_scope_new (self->ctx, &limits);
  _gvajs_loader_install (self->rt);
  if (!install_bindings (self)) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
        "could not create the built-in module 'gvajs'");
    return FALSE;
  }
  return TRUE;
}

/* Module evaluation yields a promise (top-level await): settle it and turn
 * a rejection into the load error. */
static gboolean
evaluate_module (GvajsRuntime * self, JSModuleDef * module,
    const gchar * path, GError ** error)
{
  gchar *what = g_strdup_printf ("evaluating module '%s'", path);
  gboolean ok = _gvajs_scope_evaluate (self->scope, module, what, error);

  g_free (what);
  return ok;
}

/* "a, b, c" for messages that should say what the module does export. */
static gchar *
list_exports (JSContext * ctx, JSValueConst ns)
{
  JSPropertyEnum *props;
  uint32_t n = 0, i;
  GString *names = g_string_new (NULL);

  if (JS_GetOwnPropertyNames (ctx, &props, &n, ns,
          JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) {
    JS_FreeValue (ctx, JS_GetException (ctx));
    n = 0;
    props = NULL;
  }
  for (i = 0; i < n; i++) {
    const char *name = JS_AtomToCString (ctx, props[i].atom);
    g_string_append_printf (names, "%s%s", i ? ", " : "", name);
    JS_FreeCString (ctx, name);
    JS_FreeAtom (ctx, props[i].atom);
  }
  js_free (ctx, props);
  if (n == 0)
    g_string_append (names, "none");
  return g_string_free (names, FALSE);
}

/* Whether @obj has a property @name, even one whose value is undefined. */
static gboolean
has_property (JSContext * ctx, JSValueConst obj, const gchar * name)
{
  JSAtom atom = JS_NewAtom (ctx, name);
  gint has = JS_HasProperty (ctx, obj, atom);

  JS_FreeAtom (ctx, atom);
  if (has < 0)
    JS_FreeValue (ctx, JS_GetException (ctx));
  return has > 0;
}

/* @holder[@name] under the load budget; JS_EXCEPTION with @error set when
 * reading it threw or it is absent. @kind says what @name is for. */
static JSValue
get_member (GvajsRuntime * self, JSValueConst holder, const gchar * name,
    const gchar * kind, GError ** error)
{
  gchar *what = g_strdup_printf ("looking up %s '%s'", kind, name);
  JSValue value = _gvajs_scope_get_property (self->scope, holder, name, what,
      error);

  g_free (what);
  return value;
}

static JSValue
get_export (GvajsRuntime * self, const gchar * path, const gchar * name,
    GError ** error)
{
  JSValue value = get_member (self, self->ns, name, "export", error);
  gchar *exports;

  if (!JS_IsUndefined (value))
    return value;
  if (has_property (self->ctx, self->ns, name)) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXPORT,
        "export '%s' of module '%s' is undefined when the module has run",
        name, path);
    return JS_EXCEPTION;
  }
  exports = list_exports (self->ctx, self->ns);
  g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXPORT,
      "module '%s' has no export named '%s' (its exports: %s)", path, name,
      exports);
  g_free (exports);
  return JS_EXCEPTION;
}

/* Parses a JSON property value with the engine's own JSON.parse. */
static JSValue
parse_json (JSContext * ctx, const gchar * json, const gchar * fallback,
    const gchar * property, GError ** error)
{
  const gchar *text = json ? json : fallback;
  JSValue value = JS_ParseJSON (ctx, text, strlen (text), property);
  gchar *what;

  if (JS_IsException (value)) {
    what = g_strdup_printf ("parsing property '%s'", property);
    _gvajs_take_exception (ctx, error, GVAJS_RUNTIME_ERROR_CONFIG, what);
    g_free (what);
  }
  return value;
}

/* Builds the constructor's arguments: the `arg` array's items, then the
 * `kwarg` object. Returns the argument count, or -1 with @error set. */
static gint
build_constructor_args (JSContext * ctx, const GvajsRuntimeConfig * config,
    JSValue ** out_argv, GError ** error)
{
  JSValue args, kwargs, *argv;
  uint32_t n = 0, i;

  args = parse_json (ctx, config->args_json, "[]", "arg", error);
  if (JS_IsException (args))
    return -1;
  kwargs = parse_json (ctx, config->kwargs_json, "{}", "kwarg", error);
  if (JS_IsException (kwargs) || !_gvajs_array_length (ctx, args, &n)) {
    if (!JS_IsException (kwargs))
      g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_CONFIG,
          "property 'arg' must hold a JSON array");
    JS_FreeValue (ctx, args);
    JS_FreeValue (ctx, kwargs);
    return -1;
  }
  argv = g_new (JSValue, n + 1);
  for (i = 0; i < n; i++)
    argv[i] = JS_GetPropertyUint32 (ctx, args, i);
  argv[n] = kwargs;
  JS_FreeValue (ctx, args);
  *out_argv = argv;
  return n + 1;
}

static gboolean
construct_instance (GvajsRuntime * self, const GvajsRuntimeConfig * config,
    GError ** error)
{
  JSContext *ctx = self->ctx;
  JSValue cls, *argv = NULL;
  gint argc = -1, i;
  gchar *what;

  cls = get_export (self, config->module_path, config->class_name, error);
  if (JS_IsException (cls))
    return FALSE;
  if (!JS_IsConstructor (ctx, cls)) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXPORT,
        "export '%s' of module '%s' is not a class", config->class_name,
        config->module_path);
    goto out;
  }
  argc = build_constructor_args (ctx, config, &argv, error);
  if (argc < 0)
    goto out;
  what = g_strdup_printf ("constructing class '%s'", config->class_name);
  self->instance = _gvajs_scope_construct (self->scope, cls, argc,
      (JSValueConst *) argv, what, error);
  g_free (what);
  if (JS_IsException (self->instance))
    self->instance = JS_UNDEFINED;
  for (i = 0; i < argc; i++)
    JS_FreeValue (ctx, argv[i]);
  g_free (argv);
out:
  JS_FreeValue (ctx, cls);
  return argc >= 0 && !JS_IsUndefined (self->instance);
}

/* The per-frame function and the hooks live on the instance when a class
 * is named, on the module otherwise. */
static gboolean
resolve_functions (GvajsRuntime * self, const GvajsRuntimeConfig * config,
    GError ** error)
{
  JSContext *ctx = self->ctx;
  JSValueConst holder = config->class_name ? self->instance : self->ns;
  const gchar *kind = config->class_name ? "method" : "export";
  gint i;

  if (config->class_name) {
    self->process_fn = get_member (self, holder, config->function_name,
        "method", error);
    if (JS_IsException (self->process_fn)) {
      self->process_fn = JS_UNDEFINED;
      return FALSE;
    }
    if (JS_IsUndefined (self->process_fn)) {
      g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXPORT,
          "class '%s' has no method named '%s'", config->class_name,
          config->function_name);
      return FALSE;
    }
  } else {
    self->process_fn = get_export (self, config->module_path,
        config->function_name, error);
    if (JS_IsException (self->process_fn)) {
      self->process_fn = JS_UNDEFINED;
      return FALSE;
    }
  }
  if (!JS_IsFunction (ctx, self->process_fn)) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXPORT,
        "%s '%s' of '%s' is not a function", kind, config->function_name,
        config->class_name ? config->class_name : config->module_path);
    return FALSE;
  }
  for (i = 0; i < GVAJS_N_HOOKS; i++) {
    JSValue hook = get_member (self, holder, hook_names[i], kind, error);
    if (JS_IsException (hook))
      return FALSE;
    if (!JS_IsUndefined (hook) && !JS_IsFunction (ctx, hook)) {
      g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXPORT,
          "%s '%s' is a hook and must be a function", kind, hook_names[i]);
      JS_FreeValue (ctx, hook);
      return FALSE;
    }
    self->hooks[i] = hook;
  }
  return TRUE;
}

static gboolean
load_module (GvajsRuntime * self, const GvajsRuntimeConfig * config,
    GError ** error)
{
  JSModuleDef *module;

  _gvajs_scope_enter_thread (self->scope);
  module = _gvajs_compile_file (self->ctx, config->module_path, error);
  if (module == NULL || !evaluate_module (self, module, config->module_path,
          error))
    return FALSE;
  self->ns = JS_GetModuleNamespace (self->ctx, module);
  if (JS_IsException (self->ns)) {
    self->ns = JS_UNDEFINED;
    _gvajs_take_exception (self->ctx, error, GVAJS_RUNTIME_ERROR_LOAD,
        "reading the module's exports");
    return FALSE;
  }
  return TRUE;
}

/* The canonical folder of the module: relative file paths start there. */
static gchar *
module_dir_of (const gchar * module_path)
{
  gchar *path = g_canonicalize_filename (module_path, NULL);
  gchar *dir = g_path_get_dirname (path);

  g_free (path);
  return dir;
}

/* The length of @path without its TypeScript extension, or 0 when it has
 * none: QuickJS cannot parse TypeScript. */
static gsize
typescript_stem (const gchar * path)
{
  static const gchar *const suffixes[] = { ".ts", ".mts", ".cts", ".tsx" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (path, suffixes[i]))
      return strlen (path) - strlen (suffixes[i]);
  return 0;
}

/**
 * gvajs_runtime_new:
 * @config: what to load; borrowed
 * @error: where a load, export or constructor error is reported
 *
 * Returns: (transfer full) (nullable): a runtime ready for frames, or NULL
 * with @error set.
 */
GvajsRuntime *
gvajs_runtime_new (const GvajsRuntimeConfig * config, GError ** error)
{
  GvajsRuntime *self = g_new0 (GvajsRuntime, 1);
  GvajsHostConfig host = { config->owner, NULL, NULL, NULL,
    config->memory_limit
  };
  gchar **allowed_dirs = NULL, **write_dirs = NULL, *module_dir = NULL;
  gsize stem;
  gint i;

  _gvajs_host_init_debug ();
  g_mutex_init (&self->lock);
  self->function_name = g_strdup (config->function_name);
  self->ns = self->instance = self->process_fn = JS_UNDEFINED;
  for (i = 0; i < GVAJS_N_HOOKS; i++)
    self->hooks[i] = JS_UNDEFINED;

  if (config->module_path == NULL || *config->module_path == '\0') {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_CONFIG,
        "property 'module' is not set: name the .js file to run, "
        "e.g. module=process.js");
    goto fail;
  }
  if ((stem = typescript_stem (config->module_path)) > 0) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_CONFIG,
        "module '%s' is TypeScript, which the element cannot run: build it "
        "with 'npx gvajs build %s' and set module=%.*s.js, or run the "
        "pipeline with 'npx gvajs launch', which builds it",
        config->module_path, config->module_path, (gint) stem,
        config->module_path);
    goto fail;
  }
  module_dir = module_dir_of (config->module_path);
  allowed_dirs = _gvajs_files_canonicalize (config->allowed_dirs,
      "allow-read", error);
  write_dirs = allowed_dirs ? _gvajs_files_canonicalize (config->write_dirs,
      "allow-write", error) : NULL;
  host.module_dir = module_dir;
  host.allowed_dirs = (const gchar * const *) allowed_dirs;
  host.write_dirs = (const gchar * const *) write_dirs;
  if (write_dirs == NULL || !create_engine (self, config, &host, error) ||
      !load_module (self, config, error))
    goto fail;
  if (config->class_name && !construct_instance (self, config, error))
    goto fail;
  if (!resolve_functions (self, config, error))
    goto fail;
  g_strfreev (allowed_dirs);
  g_strfreev (write_dirs);
  g_free (module_dir);
  return self;

fail:
  g_strfreev (allowed_dirs);
  g_strfreev (write_dirs);
  g_free (module_dir);
  gvajs_runtime_free (self);
  return NULL;
}

/**
 * gvajs_runtime_call_hook:
 *
 * Calls @hook if the module provides it. Returns FALSE with @error set
 * when it threw.
 */
gboolean
gvajs_runtime_call_hook (GvajsRuntime * self, GvajsHook hook, GError ** error)
{
  JSValueConst fn = self->hooks[hook];
  JSValue ret;
  gchar *what;

  if (JS_IsUndefined (fn))
    return TRUE;
  what = g_strdup_printf ("%s()", hook_names[hook]);
  g_mutex_lock (&self->lock);
  ret = _gvajs_scope_call (self->scope, fn, self->instance, 0, NULL, what,
      error);
  g_mutex_unlock (&self->lock);
  g_free (what);
  if (JS_IsException (ret))
    return FALSE;
  JS_FreeValue (self->ctx, ret);
  return TRUE;
}

static gboolean
process_frame (GvajsRuntime * self, GstBuffer * buffer,
    const GstVideoInfo * info, const GstAudioInfo * audio,
    const GstCaps * caps, gboolean * keep, GError ** error)
{
  guint64 generation;
  JSValue frame, ret;

  generation = _gvajs_scope_begin_frame (self->scope, buffer, info, audio,
      caps);
  frame = _gvajs_frame_new (self->ctx, generation);
  if (JS_IsException (frame)) {
    _gvajs_scope_end_frame (self->scope);
    _gvajs_scope_take_exception (self->scope, audio ?
        "creating the AudioFrame" : "creating the VideoFrame",
        GVAJS_RUNTIME_ERROR_EXCEPTION, error);
    return FALSE;
  }
  ret = _gvajs_scope_call (self->scope, self->process_fn, self->instance, 1,
      &frame, self->function_name, error);
  _gvajs_scope_end_frame (self->scope);
  JS_FreeValue (self->ctx, frame);
  if (JS_IsException (ret))
    return FALSE;
  *keep = !(JS_IsBool (ret) && !JS_ToBool (self->ctx, ret));
  JS_FreeValue (self->ctx, ret);
  return TRUE;
}

static gboolean
process_frame_locked (GvajsRuntime * self, GstBuffer * buffer,
    const GstVideoInfo * info, const GstAudioInfo * audio,
    const GstCaps * caps, gboolean * keep, GError ** error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = process_frame (self, buffer, info, audio, caps, keep, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * gvajs_runtime_process_frame:
 * @buffer: (transfer none): the writable buffer of this call
 * @info: (nullable): its video info, NULL when the caps are not raw video
 * @caps: (nullable): the negotiated caps
 * @keep: (out): FALSE when the function returned `false`
 *
 * Calls the per-frame function once. Every frame object and view made
 * during the call is invalidated before this returns.
 */
gboolean
gvajs_runtime_process_frame (GvajsRuntime * self, GstBuffer * buffer,
    const GstVideoInfo * info, const GstCaps * caps, gboolean * keep,
    GError ** error)
{
  return process_frame_locked (self, buffer, info, NULL, caps, keep, error);
}

/**
 * gvajs_runtime_process_audio_frame:
 * @buffer: (transfer none): the writable buffer of this call
 * @info: its audio info (raw audio caps)
 * @caps: (nullable): the negotiated caps
 * @keep: (out): FALSE when the function returned `false`
 *
 * As gvajs_runtime_process_frame(), with an AudioFrame.
 */
gboolean
gvajs_runtime_process_audio_frame (GvajsRuntime * self, GstBuffer * buffer,
    const GstAudioInfo * info, const GstCaps * caps, gboolean * keep,
    GError ** error)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return process_frame_locked (self, buffer, NULL, info, caps, keep, error);
}

void
gvajs_runtime_free (GvajsRuntime * self)
{
  gint i;

  if (self == NULL)
    return;
  g_mutex_clear (&self->lock);
  if (self->scope)
    _gvajs_scope_enter_thread (self->scope);
  if (self->ctx) {
    for (i = 0; i < GVAJS_N_HOOKS; i++)
      JS_FreeValue (self->ctx, self->hooks[i]);
    JS_FreeValue (self->ctx, self->process_fn);
    JS_FreeValue (self->ctx, self->instance);
    JS_FreeValue (self->ctx, self->ns);
  }
  _gvajs_scope_free (self->scope);
  _gvajs_host_free (self->host);
  if (self->ctx)
    JS_FreeContext (self->ctx);
  if (self->rt)
    JS_FreeRuntime (self->rt);
  _gvajs_heap_free (self->heap);
  g_free (self->function_name);
  g_free (self);
}

gchar **
gvajs_buffer_messages (GstBuffer * buffer)
{
  GPtrArray *texts = g_ptr_array_new ();
  GType api = _gvajs_gva_json_meta_api_lookup ();
  gpointer state = NULL;
  GvajsGvaJsonMeta *meta;

  while (api && (meta = (GvajsGvaJsonMeta *)
          gst_buffer_iterate_meta_filtered (buffer, &state, api)))
    if (meta->message)
      g_ptr_array_add (texts, g_strdup (meta->message));
  g_ptr_array_add (texts, NULL);
  return (gchar **) g_ptr_array_free (texts, FALSE);
}
