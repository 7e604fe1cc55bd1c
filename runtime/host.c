/* SPDX-License-Identifier: MIT */
/* See host.h. */
#include "host.h"

GST_DEBUG_CATEGORY (gvajs_debug);

#define MAX_STATES 8

struct _GvajsHost
{
  JSContext *ctx;
  GstObject *owner;             /* owned ref, nullable */
  gchar *module_dir;
  gchar **allowed_dirs;         /* NULL-terminated, never NULL */
  gchar **write_dirs;           /* NULL-terminated, never NULL */
  guint64 memory_limit;
  GvajsHeap *heap;              /* borrowed */
  GHashTable *modules;          /* path -> itself */
  JSAtom atoms[GVAJS_N_ATOMS];
  JSValue rect_model;           /* {x, y, w, h}, never changed */
  /* The bindings' state, by key: a few, read on every call of theirs,
   * so a list without the locks of a GData. */
  struct
  {
    GQuark key;
    gpointer state;
    GDestroyNotify destroy;
  } states[MAX_STATES];
  guint n_states;
};

/* Class names by id, for messages that say what a value is, and whether
 * the instances are sets of fields (for what a script should do instead
 * of adding a property to one); written once per class and context, read
 * on error paths. */
typedef struct
{
  const gchar *name;
  gboolean fields;
} ClassInfo;

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

/* The shape every rect a native returns shares, as the object literals
 * of one form in a script share theirs. */
static gboolean
make_rect_model (GvajsHost * host)
{
  guint i;

  host->rect_model = JS_NewObject (host->ctx);
  for (i = GVAJS_ATOM_X; i <= GVAJS_ATOM_H; i++)
    if (JS_IsException (host->rect_model) ||
        JS_DefinePropertyValue (host->ctx, host->rect_model, host->atoms[i],
            JS_NewInt32 (host->ctx, 0), JS_PROP_C_W_E) < 0)
      return FALSE;
  return TRUE;
}

GvajsHost *
_gvajs_host_new (JSContext * ctx, const GvajsHostConfig * config)
{
  static const gchar *const atom_names[GVAJS_N_ATOMS] = {
    "x", "y", "w", "h", "length",
  };
  GvajsHost *host = g_new0 (GvajsHost, 1);
  guint i;

  host->ctx = ctx;
  host->rect_model = JS_UNDEFINED;
  host->owner = config->owner ? gst_object_ref (config->owner) : NULL;
  host->module_dir = g_strdup (config->module_dir);
  host->allowed_dirs = config->allowed_dirs ?
      g_strdupv ((gchar **) config->allowed_dirs) : g_new0 (gchar *, 1);
  host->write_dirs = config->write_dirs ?
      g_strdupv ((gchar **) config->write_dirs) : g_new0 (gchar *, 1);
  host->memory_limit = config->memory_limit;
  host->heap = config->heap;
  host->modules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  JS_SetContextOpaque (ctx, host);
  for (i = 0; i < GVAJS_N_ATOMS; i++)
    if ((host->atoms[i] = JS_NewAtom (ctx, atom_names[i])) ==
        JS_ATOM_NULL) {
      _gvajs_host_free (host);
      return NULL;
    }
  if (!make_rect_model (host)) {
    _gvajs_host_free (host);
    return NULL;
  }
  return host;
}

void
_gvajs_host_free (GvajsHost * host)
{
  guint i;

  if (host == NULL)
    return;
  for (i = 0; i < GVAJS_N_ATOMS; i++)
    JS_FreeAtom (host->ctx, host->atoms[i]);
  JS_FreeValue (host->ctx, host->rect_model);
  for (i = 0; i < host->n_states; i++)
    if (host->states[i].destroy)
      host->states[i].destroy (host->states[i].state);
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

GvajsHeap *
_gvajs_host_heap (JSContext * ctx)
{
  return host_get (ctx)->heap;
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
  GvajsHost *host = host_get (ctx);
  guint i;

  for (i = 0; i < host->n_states; i++)
    if (host->states[i].key == key)
      return host->states[i].state;
  return NULL;
}

void
_gvajs_host_set_state (JSContext * ctx, GQuark key, gpointer state,
    GDestroyNotify destroy)
{
  GvajsHost *host = host_get (ctx);
  guint i;

  for (i = 0; i < host->n_states && host->states[i].key != key; i++);
  if (i < host->n_states && host->states[i].destroy)
    host->states[i].destroy (host->states[i].state);
  g_assert (i < MAX_STATES);
  if (i == host->n_states)
    host->n_states++;
  host->states[i].key = key;
  host->states[i].state = state;
  host->states[i].destroy = destroy;
}

const JSAtom *
_gvajs_host_atoms (JSContext * ctx)
{
  return host_get (ctx)->atoms;
}

JSValueConst
_gvajs_host_rect_model (JSContext * ctx)
{
  return host_get (ctx)->rect_model;
}

static void
remember_class_name (JSClassID id, const gchar * name)
{
  ClassInfo *info;

  G_LOCK (class_names);
  if (class_names == NULL)
    class_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  info = g_hash_table_lookup (class_names, GUINT_TO_POINTER (id));
  if (info == NULL) {
    info = g_new0 (ClassInfo, 1);
    g_hash_table_insert (class_names, GUINT_TO_POINTER (id), info);
  }
  info->name = name;
  G_UNLOCK (class_names);
}

/* Copies the class's info into @out; FALSE when it has none. */
static gboolean
get_class_info (JSClassID id, ClassInfo * out)
{
  ClassInfo *info;

  G_LOCK (class_names);
  info = class_names ? g_hash_table_lookup (class_names,
      GUINT_TO_POINTER (id)) : NULL;
  if (info)
    *out = *info;
  G_UNLOCK (class_names);
  return info != NULL;
}

const gchar *
_gvajs_class_name (JSClassID id)
{
  ClassInfo info;

  return get_class_info (id, &info) ? info.name : NULL;
}

void
_gvajs_class_set_fields (JSClassID id)
{
  ClassInfo *info;

  G_LOCK (class_names);
  info = class_names ? g_hash_table_lookup (class_names,
      GUINT_TO_POINTER (id)) : NULL;
  if (info)
    info->fields = TRUE;
  G_UNLOCK (class_names);
}

/* ---- instances take no properties ---- */

/* A write, or a definition, of a property on an instance of a host class:
 * refused, naming what to do instead (a tensor["model_name"] = "m" that
 * gstgva turns into a field would otherwise add a plain JS property and
 * leave the metadata as it was). Throws when the caller asks for it (an
 * assignment, Object.defineProperty), else returns FALSE (Reflect.set). */
static int
refuse_property (JSContext * ctx, JSValueConst obj, JSAtom prop, int flags)
{
  ClassInfo info = { "host object", FALSE };
  const char *str;
  const gchar *name;

  if (!(flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)))
    return FALSE;
  get_class_info (JS_GetClassID (obj), &info);
  str = JS_AtomToCString (ctx, prop);
  name = str ? str : "?";
  if (info.fields)
    JS_ThrowTypeError (ctx, "cannot set \"%s\" on a %s: it takes no "
        "properties of its own; write the field with set(\"%s\", value) "
        "and read it with get(\"%s\") (gstgva's tensor[\"%s\"])", name,
        info.name, name, name, name);
  else
    JS_ThrowTypeError (ctx, "cannot set \"%s\" on a %s: it takes no "
        "properties of its own; metadata is written with its methods (a "
        "tensor's fields with set(field, value), read with get(field)), and "
        "other values belong in the script's own objects", name, info.name);
  JS_FreeCString (ctx, str);
  return -1;
}

static int
host_object_set_property (JSContext * ctx, JSValueConst obj, JSAtom prop,
    JSValueConst value, JSValueConst receiver, int flags)
{
  return refuse_property (ctx, obj, prop, flags);
}

static int
host_object_define_own_property (JSContext * ctx, JSValueConst obj,
    JSAtom prop, JSValueConst value, JSValueConst getter, JSValueConst setter,
    int flags)
{
  return refuse_property (ctx, obj, prop, flags);
}

/* Only creating and setting properties is hooked: reads and method calls
 * take QuickJS's ordinary path, with one test of the class's hooks more. */
static JSClassExoticMethods host_object_exotic = {
  .define_own_property = host_object_define_own_property,
  .set_property = host_object_set_property,
};

JSValue
_gvajs_new_host_object (JSContext * ctx, JSClassID id)
{
  JSValue obj = JS_NewObjectClass (ctx, id);

  if (!JS_IsException (obj))
    JS_PreventExtensions (ctx, obj);
  return obj;
}

/* JS_NewClassID() allocates under its own lock only while *@id is 0, so
 * elements starting together share one id. @name must be static. */
JSValueConst
_gvajs_create_class (JSContext * ctx, JSClassID * id, const gchar * name,
    const JSCFunctionListEntry * funcs, gint n_funcs)
{
  JSClassDef def = { .class_name = name, .exotic = &host_object_exotic };
  JSValue proto;

  JS_NewClassID (id);
  remember_class_name (*id, name);
  JS_NewClass (JS_GetRuntime (ctx), *id, &def);
  proto = JS_NewObject (ctx);
  JS_SetPropertyFunctionList (ctx, proto, funcs, n_funcs);
  JS_SetClassProto (ctx, *id, proto);
  return proto;
}
