/* SPDX-License-Identifier: MIT */
/* See host.h. */
#include "host.h"

GST_DEBUG_CATEGORY (gvajs_debug);

struct _GvajsHost
{
  JSContext *ctx;
  GstObject *owner;             /* owned ref, nullable */
  gchar *module_dir;
  gchar **allowed_dirs;         /* NULL-terminated, never NULL */
  gchar **write_dirs;           /* NULL-terminated, never NULL */
  guint64 memory_limit;
  GHashTable *modules;          /* path -> itself */
  JSValue rect_maker;
  GData *states;                /* the bindings' state, by key */
};

/* Class names by id, for messages that say what a value is; written
 * once per class and context, read on error paths. */
static GHashTable *class_names;
G_LOCK_DEFINE_STATIC (class_names);

void
_gvajs_host_init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (gvajs_debug, "gvajs", 0,
        "gvajs: JavaScript per-frame scripting");
    g_once_init_leave (&done, 1);
  }
}

static JSValue
compile_rect_maker (JSContext * ctx)
{
  static const gchar source[] = "(x, y, w, h) => ({ x, y, w, h })";

  return JS_Eval (ctx, source, sizeof source - 1, "<gvajs>",
      JS_EVAL_TYPE_GLOBAL);
}

GvajsHost *
_gvajs_host_new (JSContext * ctx, const GvajsHostConfig * config)
{
  GvajsHost *host;
  JSValue rect_maker = compile_rect_maker (ctx);

  if (JS_IsException (rect_maker))
    return NULL;
  host = g_new0 (GvajsHost, 1);
  host->ctx = ctx;
  host->owner = config->owner ? gst_object_ref (config->owner) : NULL;
  host->module_dir = g_strdup (config->module_dir);
  host->allowed_dirs = config->allowed_dirs ?
      g_strdupv ((gchar **) config->allowed_dirs) : g_new0 (gchar *, 1);
  host->write_dirs = config->write_dirs ?
      g_strdupv ((gchar **) config->write_dirs) : g_new0 (gchar *, 1);
  host->memory_limit = config->memory_limit;
  host->modules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  host->rect_maker = rect_maker;
  JS_SetContextOpaque (ctx, host);
  return host;
}

void
_gvajs_host_free (GvajsHost * host)
{
  if (host == NULL)
    return;
  JS_FreeValue (host->ctx, host->rect_maker);
  g_datalist_clear (&host->states);
  JS_SetContextOpaque (host->ctx, NULL);
  gst_clear_object (&host->owner);
  g_free (host->module_dir);
  g_strfreev (host->allowed_dirs);
  g_strfreev (host->write_dirs);
  g_hash_table_unref (host->modules);
  g_free (host);
}

static GvajsHost *
host_get (JSContext * ctx)
{
  return JS_GetContextOpaque (ctx);
}

GstObject *
_gvajs_host_owner (JSContext * ctx)
{
  return host_get (ctx)->owner;
}

const gchar *
_gvajs_host_module_dir (JSContext * ctx)
{
  return host_get (ctx)->module_dir;
}

const gchar *const *
_gvajs_host_allowed_dirs (JSContext * ctx)
{
  return (const gchar * const *) host_get (ctx)->allowed_dirs;
}

const gchar *const *
_gvajs_host_write_dirs (JSContext * ctx)
{
  return (const gchar * const *) host_get (ctx)->write_dirs;
}

guint64
_gvajs_host_memory_limit (JSContext * ctx)
{
  return host_get (ctx)->memory_limit;
}

void
_gvajs_host_add_module (JSContext * ctx, const gchar * path)
{
  GHashTable *modules = host_get (ctx)->modules;

  if (!g_hash_table_contains (modules, path))
    g_hash_table_add (modules, g_strdup (path));
}

gboolean
_gvajs_host_has_module (JSContext * ctx, const gchar * path)
{
  return g_hash_table_contains (host_get (ctx)->modules, path);
}

gpointer
_gvajs_host_get_state (JSContext * ctx, GQuark key)
{
  return g_datalist_id_get_data (&host_get (ctx)->states, key);
}

void
_gvajs_host_set_state (JSContext * ctx, GQuark key, gpointer state,
    GDestroyNotify destroy)
{
  g_datalist_id_set_data_full (&host_get (ctx)->states, key, state, destroy);
}

JSValueConst
_gvajs_host_rect_maker (JSContext * ctx)
{
  return host_get (ctx)->rect_maker;
}

static void
remember_class_name (JSClassID id, const gchar * name)
{
  G_LOCK (class_names);
  if (class_names == NULL)
    class_names = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (class_names, GUINT_TO_POINTER (id), (gpointer) name);
  G_UNLOCK (class_names);
}

const gchar *
_gvajs_class_name (JSClassID id)
{
  const gchar *name;

  G_LOCK (class_names);
  name = class_names ? g_hash_table_lookup (class_names,
      GUINT_TO_POINTER (id)) : NULL;
  G_UNLOCK (class_names);
  return name;
}

/* JS_NewClassID() allocates under its own lock only while *@id is 0, so
 * elements starting together share one id. @name must be static. */
JSValueConst
_gvajs_create_class (JSContext * ctx, JSClassID * id, const gchar * name,
    const JSCFunctionListEntry * funcs, gint n_funcs)
{
  JSClassDef def = { .class_name = name };
  JSValue proto;

  JS_NewClassID (id);
  remember_class_name (*id, name);
  JS_NewClass (JS_GetRuntime (ctx), *id, &def);
  proto = JS_NewObject (ctx);
  JS_SetPropertyFunctionList (ctx, proto, funcs, n_funcs);
  JS_SetClassProto (ctx, *id, proto);
  return proto;
}
