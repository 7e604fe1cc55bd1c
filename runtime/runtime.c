/* The QuickJS host: one JSRuntime and JSContext per element instance.
 *
 * gvajs_runtime_new() loads the user's module, resolves the per-frame
 * function and the optional hooks, and constructs the class when one is
 * named. Every later entry into JS goes through call_js(), which makes the
 * runtime usable from whichever streaming thread calls it.
 */
#include "gvajs-private.h"

#include <string.h>

GST_DEBUG_CATEGORY (gvajs_debug);
#define GST_CAT_DEFAULT gvajs_debug

static const gchar *const hook_names[GVAJS_N_HOOKS] = {
  [GVAJS_HOOK_START] = "start",
  [GVAJS_HOOK_EOS] = "eos",
  [GVAJS_HOOK_STOP] = "stop",
};

G_DEFINE_QUARK (gvajs-runtime-error-quark, gvajs_runtime_error);

const gchar *
gvajs_hook_name (GvajsHook hook)
{
  g_return_val_if_fail (hook < GVAJS_N_HOOKS, NULL);
  return hook_names[hook];
}

GvajsRuntime *
_gvajs_runtime_from_ctx (JSContext * ctx)
{
  return JS_GetContextOpaque (ctx);
}

/**
 * _gvajs_new_rect:
 *
 * Returns a new {x, y, w, h} object. Rects are made on the per-frame path
 * (RegionOfInterest.rect()), so this goes through a JS object literal,
 * whose property layout QuickJS builds once, instead of four lookups of
 * property names by string.
 */
JSValue
_gvajs_new_rect (JSContext * ctx, gdouble x, gdouble y, gdouble w, gdouble h)
{
  GvajsRuntime *self = _gvajs_runtime_from_ctx (ctx);
  JSValue args[4] = { JS_NewFloat64 (ctx, x), JS_NewFloat64 (ctx, y),
    JS_NewFloat64 (ctx, w), JS_NewFloat64 (ctx, h)
  };

  return JS_Call (ctx, self->make_rect, JS_UNDEFINED, 4, args);
}

/* A new JS array of @n numbers. */
JSValue
_gvajs_new_number_array (JSContext * ctx, const gdouble * values, guint n)
{
  JSValue array = JS_NewArray (ctx);
  guint i;

  for (i = 0; i < n; i++)
    JS_SetPropertyUint32 (ctx, array, i, JS_NewFloat64 (ctx, values[i]));
  return array;
}

static gboolean
compile_make_rect (GvajsRuntime * self)
{
  static const gchar source[] = "(x, y, w, h) => ({ x, y, w, h })";

  self->make_rect = JS_Eval (self->ctx, source, sizeof source - 1,
      "<gvajs>", JS_EVAL_TYPE_GLOBAL);
  return !JS_IsException (self->make_rect);
}

/* Class ids are process-wide in QuickJS; allocate each exactly once even
 * when several elements start at the same time. */
JSClassID
_gvajs_class_id_new (JSClassID * id)
{
  static GMutex lock;

  g_mutex_lock (&lock);
  if (*id == 0)
    JS_NewClassID (id);
  g_mutex_unlock (&lock);
  return *id;
}

/* QuickJS measures stack use from the thread that created the runtime; a
 * streaming thread that takes over must say where its stack is. */
static void
enter_thread (GvajsRuntime * self)
{
  GThread *current = g_thread_self ();

  if (G_UNLIKELY (current != self->thread)) {
    JS_UpdateStackTop (self->rt);
    self->thread = current;
  }
}

static void take_call_exception (GvajsRuntime * self, const gchar * what,
    gint code, GError ** error);
static void report_rejections (GvajsRuntime * self, JSValueConst result);

/* Runs promise reactions the call queued, so `.then()` work happens within
 * the call that caused it. An exception there is the call's exception. */
static gboolean
run_pending_jobs (GvajsRuntime * self, GError ** error, const gchar * what)
{
  JSContext *job_ctx;
  gint ret;

  while (JS_IsJobPending (self->rt)) {
    ret = JS_ExecutePendingJob (self->rt, &job_ctx);
    if (ret < 0) {
      take_call_exception (self, what, GVAJS_RUNTIME_ERROR_EXCEPTION, error);
      return FALSE;
    }
  }
  return TRUE;
}

/* QuickJS polls this every ~10000 operations and inside regular
 * expressions; returning 1 throws an uncatchable "interrupted" error. */
static int
check_deadline (JSRuntime * rt, void *opaque)
{
  GvajsRuntime *self = opaque;

  if (self->deadline == 0 || g_get_monotonic_time () < self->deadline)
    return 0;
  self->interrupted = TRUE;
  return 1;
}

static void
arm_deadline (GvajsRuntime * self, gint64 budget_us)
{
  self->budget_us = budget_us;
  self->interrupted = FALSE;
  self->deadline = g_get_monotonic_time () + budget_us;
}

/* Takes the pending exception, explaining an exceeded budget or memory
 * limit with the property that changes it. */
static void
take_call_exception (GvajsRuntime * self, const gchar * what, gint code,
    GError ** error)
{
  GError *js_error = NULL;

  self->deadline = 0;
  if (self->interrupted) {
    JS_FreeValue (self->ctx, JS_GetException (self->ctx));
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_BUDGET,
        "%s ran longer than its time budget of %" G_GINT64_FORMAT " ms and "
        "was stopped; make it faster or raise the element's '%s' property",
        what, self->budget_us / 1000, self->loading ? "load-time-budget" :
        "time-budget");
    return;
  }
  _gvajs_take_exception (self->ctx, &js_error, code, what);
  if (strstr (js_error->message, "InternalError: out of memory") != NULL) {
    g_prefix_error (&js_error, "the script ran out of its %" G_GUINT64_FORMAT
        " bytes (the element's 'memory-limit' property): ",
        self->memory_limit);
  }
  g_propagate_error (error, js_error);
}

/* A promise returned by an async function settles within the call, as long
 * as it waits only on other promises: take its value or its rejection. */
static JSValue
settle_result (GvajsRuntime * self, JSValue ret, const gchar * what,
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
    take_call_exception (self, what, GVAJS_RUNTIME_ERROR_EXCEPTION, error);
  } else {
    JS_FreeValue (self->ctx, result);
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_EXCEPTION,
        "%s returned a promise that did not settle before the call ended; "
        "gvajs waits only for promise chains, not for timers or I/O", what);
  }
  return JS_EXCEPTION;
}

/* Calls @fn with this = @this_obj under the time budget; returns the result
 * (owned) or JS_EXCEPTION with @error set. @what names the call in
 * messages. */
static JSValue
call_js (GvajsRuntime * self, JSValueConst fn, JSValueConst this_obj,
    gint argc, JSValueConst * argv, const gchar * what, GError ** error)
{
  JSValue ret;

  enter_thread (self);
  arm_deadline (self, self->time_budget_us);
  ret = JS_Call (self->ctx, fn, this_obj, argc, argv);
  if (JS_IsException (ret)) {
    take_call_exception (self, what, GVAJS_RUNTIME_ERROR_EXCEPTION, error);
    report_rejections (self, JS_UNDEFINED);
    return JS_EXCEPTION;
  }
  if (!run_pending_jobs (self, error, what)) {
    report_rejections (self, JS_UNDEFINED);
    JS_FreeValue (self->ctx, ret);
    return JS_EXCEPTION;
  }
  report_rejections (self, ret);
  ret = settle_result (self, ret, what, error);
  self->deadline = 0;
  return ret;
}

/* Rejections without a handler are collected during a call and reported
 * when it ends, unless a handler came later or the promise is the call's
 * own result (which settle_result() turns into the call's error). */
static void
track_rejection (JSContext * ctx, JSValueConst promise, JSValueConst reason,
    JS_BOOL is_handled, void *opaque)
{
  GvajsRuntime *self = opaque;
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

/* Reports the collected rejections, except @result's (pass JS_NULL to
 * report none: a failed module evaluation rejects internal promises with
 * the very error that becomes the load error). */
static void
report_rejections (GvajsRuntime * self, JSValueConst result)
{
  guint i;

  for (i = 0; i < self->rejections->len; i++) {
    JSValue p = g_array_index (self->rejections, JSValue, i);
    if (!JS_IsNull (result) && (!JS_IsObject (result) ||
            JS_VALUE_GET_PTR (p) != JS_VALUE_GET_PTR (result))) {
      JSValue reason = JS_PromiseResult (self->ctx, p);
      gchar *text = _gvajs_value_to_display (self->ctx, reason);
      GST_WARNING_OBJECT (self->owner, "unhandled promise rejection: %s",
          text);
      g_printerr ("gvajs: unhandled promise rejection: %s\n", text);
      g_free (text);
      JS_FreeValue (self->ctx, reason);
    }
    JS_FreeValue (self->ctx, p);
  }
  g_array_set_size (self->rejections, 0);
}

static void
apply_limits (GvajsRuntime * self, const GvajsRuntimeConfig * config)
{
  self->time_budget_us = (gint64) config->time_budget_ms * 1000;
  self->load_budget_us = (gint64) config->load_budget_ms * 1000;
  self->memory_limit = config->memory_limit;
  if (config->memory_limit)
    JS_SetMemoryLimit (self->rt, config->memory_limit);
  if (config->stack_size)
    JS_SetMaxStackSize (self->rt, config->stack_size);
  JS_SetInterruptHandler (self->rt, check_deadline, self);
}

static gboolean
create_engine (GvajsRuntime * self, const GvajsRuntimeConfig * config,
    GError ** error)
{
  self->rt = JS_NewRuntime ();
  self->ctx = self->rt ? JS_NewContext (self->rt) : NULL;
  if (self->ctx == NULL) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
        "could not create a QuickJS runtime (out of memory)");
    return FALSE;
  }
  self->thread = g_thread_self ();
  apply_limits (self, config);
  JS_SetContextOpaque (self->ctx, self);
  JS_SetHostPromiseRejectionTracker (self->rt, track_rejection, self);
  _gvajs_loader_install (self->rt);
  if (!compile_make_rect (self)) {
    self->make_rect = JS_UNDEFINED;
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
        "could not create the runtime's helpers (out of memory)");
    return FALSE;
  }
  _gvajs_console_init (self->ctx);
  _gvajs_frame_init (self->ctx);
  if (_gvajs_module_init (self->ctx) == NULL) {
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
  JSContext *ctx = self->ctx;
  JSValue promise;
  JSPromiseStateEnum state;
  gchar *what = g_strdup_printf ("evaluating module '%s'", path);
  gboolean ok = FALSE;

  self->loading = TRUE;
  arm_deadline (self, self->load_budget_us);
  promise = JS_EvalFunction (ctx, JS_DupValue (ctx,
          JS_MKPTR (JS_TAG_MODULE, module)));
  if (JS_IsException (promise)) {
    take_call_exception (self, what, GVAJS_RUNTIME_ERROR_LOAD, error);
    goto out;
  }
  if (!run_pending_jobs (self, error, what))
    goto out;
  state = JS_PromiseState (ctx, promise);
  if (state == JS_PROMISE_REJECTED) {
    JS_Throw (ctx, JS_PromiseResult (ctx, promise));
    take_call_exception (self, what, GVAJS_RUNTIME_ERROR_LOAD, error);
  } else if (state == JS_PROMISE_PENDING) {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_LOAD,
        "%s: a top-level await never settled", what);
  } else {
    ok = TRUE;
  }
out:
  report_rejections (self, ok ? promise : JS_NULL);
  self->loading = FALSE;
  self->deadline = 0;
  JS_FreeValue (ctx, promise);
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

static JSValue
get_export (GvajsRuntime * self, const gchar * path, const gchar * name,
    GError ** error)
{
  JSValue value = JS_GetPropertyStr (self->ctx, self->ns, name);
  gchar *exports;

  if (!JS_IsUndefined (value))
    return value;
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

static gboolean
array_length (JSContext * ctx, JSValueConst array, uint32_t * n)
{
  JSValue length;
  gboolean ok;

  if (!JS_IsArray (ctx, array))
    return FALSE;
  length = JS_GetPropertyStr (ctx, array, "length");
  ok = JS_ToUint32 (ctx, n, length) == 0;
  JS_FreeValue (ctx, length);
  return ok;
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
  if (JS_IsException (kwargs) || !array_length (ctx, args, &n)) {
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
  enter_thread (self);
  self->loading = TRUE;
  arm_deadline (self, self->load_budget_us);
  self->instance = JS_CallConstructor (ctx, cls, argc, (JSValueConst *) argv);
  if (JS_IsException (self->instance)) {
    what = g_strdup_printf ("constructing class '%s'", config->class_name);
    take_call_exception (self, what, GVAJS_RUNTIME_ERROR_EXCEPTION, error);
    g_free (what);
    self->instance = JS_UNDEFINED;
  }
  self->loading = FALSE;
  self->deadline = 0;
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
    self->process_fn = JS_GetPropertyStr (ctx, holder, config->function_name);
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
    JSValue hook = JS_GetPropertyStr (ctx, holder, hook_names[i]);
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

  enter_thread (self);
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

static void
init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (gvajs_debug, "gvajs", 0,
        "gvajs: JavaScript per-frame scripting");
    g_once_init_leave (&done, 1);
  }
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
  gint i;

  init_debug ();
  self->owner = config->owner ? gst_object_ref (config->owner) : NULL;
  self->function_name = g_strdup (config->function_name);
  if (config->module_path) {
    gchar *path = g_canonicalize_filename (config->module_path, NULL);
    self->module_dir = g_path_get_dirname (path);
    g_free (path);
  }
  self->ns = self->instance = self->process_fn = JS_UNDEFINED;
  self->make_rect = JS_UNDEFINED;
  for (i = 0; i < GVAJS_N_HOOKS; i++)
    self->hooks[i] = JS_UNDEFINED;
  self->frame.data_buffer = JS_UNDEFINED;
  self->rejections = g_array_new (FALSE, FALSE, sizeof (JSValue));

  if (config->module_path == NULL || *config->module_path == '\0') {
    g_set_error (error, GVAJS_RUNTIME_ERROR, GVAJS_RUNTIME_ERROR_CONFIG,
        "property 'module' is not set: name the .js file to run, "
        "e.g. module=process.js");
    goto fail;
  }
  if (!_gvajs_files_allow (self, config->allowed_dirs, error) ||
      !create_engine (self, config, error) ||
      !load_module (self, config, error))
    goto fail;
  if (config->class_name && !construct_instance (self, config, error))
    goto fail;
  if (!resolve_functions (self, config, error))
    goto fail;
  return self;

fail:
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
  ret = call_js (self, fn, self->instance, 0, NULL, what, error);
  g_free (what);
  if (JS_IsException (ret))
    return FALSE;
  JS_FreeValue (self->ctx, ret);
  return TRUE;
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
  JSValue frame, ret;

  frame = _gvajs_frame_begin (self->ctx, &self->frame, buffer, info, caps);
  if (JS_IsException (frame)) {
    _gvajs_frame_end (self->ctx, &self->frame);
    take_call_exception (self, "creating the VideoFrame",
        GVAJS_RUNTIME_ERROR_EXCEPTION, error);
    return FALSE;
  }
  ret = call_js (self, self->process_fn, self->instance, 1, &frame,
      self->function_name, error);
  _gvajs_frame_end (self->ctx, &self->frame);
  JS_FreeValue (self->ctx, frame);
  if (JS_IsException (ret))
    return FALSE;
  *keep = !(JS_IsBool (ret) && !JS_ToBool (self->ctx, ret));
  JS_FreeValue (self->ctx, ret);
  return TRUE;
}

void
gvajs_runtime_free (GvajsRuntime * self)
{
  gint i;

  if (self == NULL)
    return;
  if (self->ctx) {
    enter_thread (self);
    report_rejections (self, JS_UNDEFINED);
    for (i = 0; i < GVAJS_N_HOOKS; i++)
      JS_FreeValue (self->ctx, self->hooks[i]);
    JS_FreeValue (self->ctx, self->process_fn);
    JS_FreeValue (self->ctx, self->instance);
    JS_FreeValue (self->ctx, self->ns);
    JS_FreeValue (self->ctx, self->make_rect);
    JS_FreeContext (self->ctx);
  }
  if (self->rt)
    JS_FreeRuntime (self->rt);
  gst_clear_object (&self->owner);
  g_free (self->function_name);
  g_free (self->module_dir);
  g_strfreev (self->allowed_dirs);
  g_array_unref (self->rejections);
  g_free (self);
}
