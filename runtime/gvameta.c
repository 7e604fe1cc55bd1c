/* SPDX-License-Identifier: MIT */
/* GstGVATensorMeta and GstGVAJSONMeta: found by name, registered only when
 * absent. Our init, free and transform do what DL Streamer's do (an empty
 * "meta" structure, a NULL message; copies on every transform, scale
 * included, since neither holds coordinates), so a buffer reads the same
 * whichever library registered the type. */
#include "gvameta.h"

static GMutex register_lock;

GType
_gvajs_gva_meta_lookup (const gchar * name, gsize * cache)
{
  GType type = (GType) g_atomic_pointer_get (cache);

  if (type == 0) {
    type = g_type_from_name (name);
    if (type != 0)
      g_atomic_pointer_set (cache, (gsize) type);
  }
  return type;
}

GType
_gvajs_gva_tensor_meta_api_lookup (void)
{
  static gsize api = 0;

  return _gvajs_gva_meta_lookup (GVAJS_GVA_TENSOR_META_API, &api);
}

GType
_gvajs_gva_json_meta_api_lookup (void)
{
  static gsize api = 0;

  return _gvajs_gva_meta_lookup (GVAJS_GVA_JSON_META_API, &api);
}

static gboolean
tensor_meta_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  ((GvajsGvaTensorMeta *) meta)->data = gst_structure_new_empty ("meta");
  return TRUE;
}

static void
tensor_meta_free (GstMeta * meta, GstBuffer * buffer)
{
  GvajsGvaTensorMeta *tmeta = (GvajsGvaTensorMeta *) meta;

  g_clear_pointer (&tmeta->data, gst_structure_free);
}

static gboolean
tensor_meta_transform (GstBuffer * dest, GstMeta * meta, GstBuffer * buffer,
    GQuark type, gpointer data)
{
  GvajsGvaTensorMeta *src = (GvajsGvaTensorMeta *) meta, *dst;

  dst = (GvajsGvaTensorMeta *) gst_buffer_add_meta (dest, meta->info, NULL);
  if (dst == NULL)
    return FALSE;
  gst_structure_free (dst->data);
  dst->data = gst_structure_copy (src->data);
  return TRUE;
}

static gboolean
json_meta_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  ((GvajsGvaJsonMeta *) meta)->message = NULL;
  return TRUE;
}

static void
json_meta_free (GstMeta * meta, GstBuffer * buffer)
{
  g_clear_pointer (&((GvajsGvaJsonMeta *) meta)->message, g_free);
}

static gboolean
json_meta_transform (GstBuffer * dest, GstMeta * meta, GstBuffer * buffer,
    GQuark type, gpointer data)
{
  GvajsGvaJsonMeta *dst;

  dst = (GvajsGvaJsonMeta *) gst_buffer_add_meta (dest, meta->info, NULL);
  if (dst == NULL)
    return FALSE;
  dst->message = g_strdup (((GvajsGvaJsonMeta *) meta)->message);
  return TRUE;
}

/* The lock keeps two elements starting together from registering twice. */
const GstMetaInfo *
_gvajs_gva_meta_register (const gchar * api_name, const gchar * impl,
    gsize size, GstMetaInitFunction init, GstMetaFreeFunction free_func,
    GstMetaTransformFunction transform)
{
  static const gchar *no_tags[] = { NULL };
  const GstMetaInfo *info;
  GType api;

  g_mutex_lock (&register_lock);
  info = gst_meta_get_info (impl);
  if (info == NULL) {
    api = g_type_from_name (api_name);
    if (api == 0)
      api = gst_meta_api_type_register (api_name, no_tags);
    info = gst_meta_register (api, impl, size, init, free_func, transform);
  }
  g_mutex_unlock (&register_lock);
  return info;
}

const GstMetaInfo *
_gvajs_gva_tensor_meta_info (void)
{
  static const GstMetaInfo *info = NULL;

  if (g_atomic_pointer_get (&info) == NULL)
    g_atomic_pointer_set (&info, _gvajs_gva_meta_register
        (GVAJS_GVA_TENSOR_META_API, GVAJS_GVA_TENSOR_META_IMPL,
            sizeof (GvajsGvaTensorMeta),
            tensor_meta_init, tensor_meta_free, tensor_meta_transform));
  return info;
}

const GstMetaInfo *
_gvajs_gva_json_meta_info (void)
{
  static const GstMetaInfo *info = NULL;

  if (g_atomic_pointer_get (&info) == NULL)
    g_atomic_pointer_set (&info, _gvajs_gva_meta_register
        (GVAJS_GVA_JSON_META_API, GVAJS_GVA_JSON_META_IMPL,
            sizeof (GvajsGvaJsonMeta),
            json_meta_init, json_meta_free, json_meta_transform));
  return info;
}

static const gchar *const field_names[GVAJS_N_FIELDS] = {
  "layer_name", "model_name", "format", "label_id", "confidence",
  "element_id", "type", "dims", "label", "precision", "layout",
  "data_buffer", "data", "x_min", "y_min", "x_max", "y_max", "rotation", "id",
  "detection", "object_id",
};

GQuark _gvajs_field_quarks[GVAJS_N_FIELDS] = { 0 };

GQuark
_gvajs_make_field_quarks (GvajsField field)
{
  static gsize done = 0;
  gint i;

  if (g_once_init_enter (&done)) {
    for (i = 0; i < GVAJS_N_FIELDS; i++)
      __atomic_store_n (&_gvajs_field_quarks[i],
          g_quark_from_static_string (field_names[i]), __ATOMIC_RELEASE);
    g_once_init_leave (&done, 1);
  }
  return _gvajs_field_quarks[field];
}

const gchar *
_gvajs_field_name (GvajsField field)
{
  return field_names[field];
}

/* The string field @field of @s, or NULL. */
static const gchar *
string_field (const GstStructure * s, GvajsField field)
{
  const GValue *v = gst_structure_id_get_value (s, _gvajs_field_quark (field));

  return v && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
}

gboolean
_gvajs_field_get_double (const GstStructure * s, GQuark field, gdouble * out)
{
  const GValue *v = s ? gst_structure_id_get_value (s, field) : NULL;
  GValue d = G_VALUE_INIT;

  if (v && G_VALUE_HOLDS_DOUBLE (v)) {
    *out = g_value_get_double (v);
    return TRUE;
  }
  if (v == NULL || !g_value_type_transformable (G_VALUE_TYPE (v),
          G_TYPE_DOUBLE))
    return FALSE;
  g_value_init (&d, G_TYPE_DOUBLE);
  g_value_transform (v, &d);
  *out = g_value_get_double (&d);
  g_value_unset (&d);
  return TRUE;
}

gboolean
_gvajs_classification_result (const GstStructure * s, GQuark * label,
    gdouble * confidence)
{
  const gchar *type = string_field (s, GVAJS_FIELD_TYPE);
  const gchar *text = string_field (s, GVAJS_FIELD_LABEL);
  const GValue *v;

  if (g_strcmp0 (type, "classification_result") != 0 || text == NULL)
    return FALSE;
  v = gst_structure_id_get_value (s, _gvajs_field_quark
      (GVAJS_FIELD_CONFIDENCE));
  *confidence = v && G_VALUE_HOLDS_DOUBLE (v) ? g_value_get_double (v) : 0.0;
  *label = g_quark_from_string (text);
  return TRUE;
}

gboolean
_gvajs_field_is_double (GQuark field)
{
  return field == _gvajs_field_quark (GVAJS_FIELD_CONFIDENCE) ||
      field == _gvajs_field_quark (GVAJS_FIELD_X_MIN) ||
      field == _gvajs_field_quark (GVAJS_FIELD_Y_MIN) ||
      field == _gvajs_field_quark (GVAJS_FIELD_X_MAX) ||
      field == _gvajs_field_quark (GVAJS_FIELD_Y_MAX) ||
      field == _gvajs_field_quark (GVAJS_FIELD_ROTATION);
}

gboolean
_gvajs_field_is_classification (GQuark field)
{
  return field == _gvajs_field_quark (GVAJS_FIELD_TYPE) ||
      field == _gvajs_field_quark (GVAJS_FIELD_LABEL) ||
      field == _gvajs_field_quark (GVAJS_FIELD_CONFIDENCE);
}

const GvajsEnumValue _gvajs_precision_values[] = {
  {"UNSPECIFIED", 255}, {"FP32", 10}, {"FP16", 11}, {"BF16", 12},
  {"FP64", 13}, {"Q78", 20}, {"I16", 30}, {"U4", 39}, {"U8", 40},
  {"BOOL", 41}, {"I4", 49}, {"I8", 50}, {"U16", 60}, {"I32", 70},
  {"BIN", 71}, {"I64", 72}, {"U64", 73}, {"U32", 74}, {"CUSTOM", 80},
  {NULL, 0}
};

const GvajsEnumValue _gvajs_layout_values[] = {
  {"ANY", 0}, {"NCHW", 1}, {"NHWC", 2}, {"NC", 193}, {NULL, 0}
};

const gchar *
_gvajs_enum_name (const GvajsEnumValue * values, gint value)
{
  for (; values->name; values++)
    if (values->value == value)
      return values->name;
  return NULL;
}
