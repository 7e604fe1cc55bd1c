/* SPDX-License-Identifier: MIT */
/* See names.h. */
#include "names.h"

#include <string.h>

static GMutex lock;
static guint admitted;
static gsize admitted_bytes;

/* Counts @name against the process's allowance; FALSE when it is spent. */
static gboolean
admit_new (const gchar * name)
{
  gsize size = strlen (name) + 1;
  gboolean ok;

  g_mutex_lock (&lock);
  /* Another thread may have interned it since the caller looked. */
  ok = g_quark_try_string (name) != 0 || (admitted < GVAJS_MAX_NEW_NAMES &&
      size <= GVAJS_MAX_NEW_NAME_BYTES - admitted_bytes);
  /* Interned here, once: GStreamer 1.26 names fields by string, so
   * without this a name used again would look new again. */
  if (ok && g_quark_try_string (name) == 0) {
    admitted++;
    admitted_bytes += size;
    g_quark_from_string (name);
  }
  g_mutex_unlock (&lock);
  return ok;
}

gboolean
_gvajs_names_admit (JSContext * ctx, const gchar * fn, const gchar * name)
{
  gchar shown[4 * 24 + 1];

  if (g_quark_try_string (name) != 0 || admit_new (name))
    return TRUE;
  /* A name may be long: show its first characters, cut at one. */
  g_utf8_strncpy (shown, name, 24);
  /* Under QuickJS's 256 bytes for a message. */
  JS_ThrowRangeError (ctx, "%s(): '%s%s' would be one new name too many: "
      "GStreamer never frees labels and tensor and field names, and scripts "
      "made the %d new ones (or %d KiB) gvajs allows; use a fixed set", fn,
      shown, strlen (shown) < strlen (name) ? "…" : "", GVAJS_MAX_NEW_NAMES,
      GVAJS_MAX_NEW_NAME_BYTES / 1024);
  return FALSE;
}
