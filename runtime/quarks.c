/* SPDX-License-Identifier: MIT */
/* See quarks.h. */
#include "quarks.h"
#include "host.h"
#include "names.h"
#include "value.h"

/* Slots of the string → quark table (direct-mapped: a collision replaces
 * the older entry), and the most atoms kept for quark → string, so
 * neither grows with what a script makes up. */
#define N_SLOTS 256
#define MAX_ATOMS 4096

typedef struct
{
  JSValue string;               /* held; JS_UNDEFINED when free */
  gboolean gst_name;            /* checked as a GstStructure name too */
  GQuark quark;
} Slot;

typedef struct
{
  JSContext *ctx;
  Slot slots[N_SLOTS];
  GHashTable *atoms;            /* quark → JSAtom */
} Quarks;

static void
quarks_free (gpointer data)
{
  Quarks *q = data;
  GHashTableIter iter;
  gpointer atom;
  guint i;

  for (i = 0; i < N_SLOTS; i++)
    JS_FreeValue (q->ctx, q->slots[i].string);
  g_hash_table_iter_init (&iter, q->atoms);
  while (g_hash_table_iter_next (&iter, NULL, &atom))
    JS_FreeAtom (q->ctx, GPOINTER_TO_UINT (atom));
  g_hash_table_unref (q->atoms);
  g_free (q);
}

static Quarks *
get_quarks (JSContext * ctx)
{
  static GQuark key;
  Quarks *q;
  guint i;

  if (G_UNLIKELY (key == 0))
    key = g_quark_from_static_string ("gvajs-quarks");
  if ((q = _gvajs_host_get_state (ctx, key)) != NULL)
    return q;
  q = g_new0 (Quarks, 1);
  q->ctx = ctx;
  for (i = 0; i < N_SLOTS; i++)
    q->slots[i].string = JS_UNDEFINED;
  q->atoms = g_hash_table_new (NULL, NULL);
  _gvajs_host_set_state (ctx, key, q, quarks_free);
  return q;
}

static Slot *
slot_of (Quarks * q, JSValueConst string)
{
  guintptr p = (guintptr) JS_VALUE_GET_PTR (string);

  return &q->slots[((p >> 4) * 2654435761u >> 8) % N_SLOTS];
}

GQuark
_gvajs_get_name (JSContext * ctx, const gchar * fn, const gchar * param,
    const gchar * kind, JSValueConst value)
{
  Quarks *q;
  Slot *slot = NULL;
  const char *text;
  GQuark quark = 0;

  if (!JS_IsString (value)) {
    _gvajs_throw_type (ctx, fn, param, "a string", value);
    return 0;
  }
  /* Only flat strings: a rope is made anew each time. */
  if (JS_VALUE_GET_TAG (value) == JS_TAG_STRING) {
    q = get_quarks (ctx);
    slot = slot_of (q, value);
    if (JS_VALUE_GET_PTR (slot->string) == JS_VALUE_GET_PTR (value) &&
        JS_VALUE_GET_TAG (slot->string) == JS_TAG_STRING &&
        (slot->gst_name || kind == NULL))
      return slot->quark;
  }
  if ((text = _gvajs_get_text (ctx, fn, param, value)) == NULL)
    return 0;
  if (kind && *text == '\0')
    JS_ThrowRangeError (ctx, "%s(): %s must not be empty", fn, param);
  else if (kind ? _gvajs_check_gst_name (ctx, fn, param, kind, text) :
      _gvajs_names_admit (ctx, fn, text))
    quark = g_quark_from_string (text);
  JS_FreeCString (ctx, text);
  if (quark != 0 && slot != NULL) {
    JS_FreeValue (ctx, slot->string);
    slot->string = JS_DupValue (ctx, value);
    slot->gst_name = kind != NULL;
    slot->quark = quark;
  }
  return quark;
}

JSValue
_gvajs_name_to_js (JSContext * ctx, GQuark quark)
{
  Quarks *q;
  gpointer found;
  JSAtom atom;

  if (quark == 0)
    return JS_NewString (ctx, "");
  q = get_quarks (ctx);
  if (g_hash_table_lookup_extended (q->atoms, GUINT_TO_POINTER (quark), NULL,
          &found))
    return JS_AtomToString (ctx, GPOINTER_TO_UINT (found));
  if (g_hash_table_size (q->atoms) >= MAX_ATOMS ||
      (atom = JS_NewAtom (ctx, g_quark_to_string (quark))) == JS_ATOM_NULL)
    return JS_NewString (ctx, g_quark_to_string (quark));
  g_hash_table_insert (q->atoms, GUINT_TO_POINTER (quark),
      GUINT_TO_POINTER (atom));
  return JS_AtomToString (ctx, atom);
}
