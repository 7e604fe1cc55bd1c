/* SPDX-License-Identifier: MIT */
/* DL Streamer's wire format: the frame-level metas, as laid out on the
 * wire (a tensor meta holding one GstStructure and a JSON meta holding one
 * string), the field names of its tensors and ROI params, and what makes a
 * param a classification result. Depends on nothing else in runtime/.
 *
 * The meta types
 * belong to whichever library registers them first in the process; gvajs
 * looks them up by name and registers its own only when they are absent,
 * so it shares one type with DL Streamer when both are loaded. */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define GVAJS_GVA_TENSOR_META_API "GstGVATensorMetaAPI"
#define GVAJS_GVA_TENSOR_META_IMPL "GstGVATensorMeta"
#define GVAJS_GVA_JSON_META_API "GstGVAJSONMetaAPI"
#define GVAJS_GVA_JSON_META_IMPL "GstGVAJSONMeta"

/* Layout of DL Streamer's GstGVATensorMeta (gva_tensor_meta.h). */
typedef struct
{
  GstMeta meta;
  GstStructure *data;           /* owned by the meta, never NULL */
} GvajsGvaTensorMeta;

/* Layout of DL Streamer's GstGVAJSONMeta (gva_json_meta.h). */
typedef struct
{
  GstMeta meta;
  gchar *message;               /* owned by the meta, nullable */
} GvajsGvaJsonMeta;

/* The API types, or 0 while nobody has registered them: a buffer cannot
 * carry a meta of a type that does not exist, so readers stop there. */
G_GNUC_INTERNAL GType _gvajs_gva_tensor_meta_api_lookup (void);
G_GNUC_INTERNAL GType _gvajs_gva_json_meta_api_lookup (void);

/* The registered type named @name, cached in *@cache once found: types
 * are never unregistered, and the lookup is a hash of a string. */
G_GNUC_INTERNAL GType _gvajs_gva_meta_lookup (const gchar * name,
    gsize * cache);
/* Finds the implementation named @impl or registers ours, with its API
 * type (no tags, so every element keeps the meta) when that is absent
 * too. */
G_GNUC_INTERNAL const GstMetaInfo *_gvajs_gva_meta_register (const gchar *
    api_name, const gchar * impl, gsize size,
    GstMetaInitFunction init, GstMetaFreeFunction free_func,
    GstMetaTransformFunction transform);

/* The meta infos for writing, registered on first use when absent. */
G_GNUC_INTERNAL const GstMetaInfo *_gvajs_gva_tensor_meta_info (void);
G_GNUC_INTERNAL const GstMetaInfo *_gvajs_gva_json_meta_info (void);

/* The field names of DL Streamer's tensors and ROI params
 * (reference/gvapython.md §3.2), interned once. */
typedef enum
{
  GVAJS_FIELD_LAYER_NAME,
  GVAJS_FIELD_MODEL_NAME,
  GVAJS_FIELD_FORMAT,
  GVAJS_FIELD_LABEL_ID,
  GVAJS_FIELD_CONFIDENCE,
  GVAJS_FIELD_ELEMENT_ID,
  GVAJS_FIELD_TYPE,
  GVAJS_FIELD_DIMS,
  GVAJS_FIELD_LABEL,
  GVAJS_FIELD_PRECISION,
  GVAJS_FIELD_LAYOUT,
  GVAJS_FIELD_DATA_BUFFER,
  GVAJS_FIELD_DATA,
  GVAJS_FIELD_X_MIN,
  GVAJS_FIELD_Y_MIN,
  GVAJS_FIELD_X_MAX,
  GVAJS_FIELD_Y_MAX,
  GVAJS_FIELD_ROTATION,
  GVAJS_FIELD_ID,
  /* param (structure) names */
  GVAJS_FIELD_DETECTION,
  GVAJS_FIELD_OBJECT_ID,
  GVAJS_N_FIELDS
} GvajsField;

/* Bindings ask for these hundreds of times a frame: after the first
 * call makes them all, the quark of a field is an array read. */
G_GNUC_INTERNAL extern GQuark _gvajs_field_quarks[GVAJS_N_FIELDS];
G_GNUC_INTERNAL GQuark _gvajs_make_field_quarks (GvajsField field);

static inline GQuark
_gvajs_field_quark (GvajsField field)
{
  GQuark quark = __atomic_load_n (&_gvajs_field_quarks[field],
      __ATOMIC_ACQUIRE);

  return G_LIKELY (quark != 0) ? quark : _gvajs_make_field_quarks (field);
}

/* GVAJS_QUARK (LABEL_ID): the quark of "label_id". */
#define GVAJS_QUARK(field) _gvajs_field_quark (GVAJS_FIELD_##field)
G_GNUC_INTERNAL const gchar *_gvajs_field_name (GvajsField field);

/* Field @field of @s (NULL: none) as a double, when it holds a number
 * GLib converts to one; FALSE otherwise. */
G_GNUC_INTERNAL gboolean _gvajs_field_get_double (const GstStructure * s,
    GQuark field, gdouble * out);

/* Whether @s is a classification result: type "classification_result"
 * and a label. Its label quark and confidence (0 when absent) go to
 * @label and @confidence. */
G_GNUC_INTERNAL gboolean _gvajs_classification_result (const GstStructure * s,
    GQuark * label, gdouble * confidence);
/* Whether DL Streamer reads @field as a double (its detection's box,
 * rotation and every confidence: reference/gvapython.md §3.2), so that an
 * int there reads as 0. */
G_GNUC_INTERNAL gboolean _gvajs_field_is_double (GQuark field);
/* Whether changing @field can change what _gvajs_classification_result()
 * says of a structure. */
G_GNUC_INTERNAL gboolean _gvajs_field_is_classification (GQuark field);

/* DL Streamer's precision and layout codes with their names
 * (gva_tensor_meta.h), each table ending with a NULL name. */
typedef struct
{
  const gchar *name;
  gint value;
} GvajsEnumValue;

G_GNUC_INTERNAL extern const GvajsEnumValue _gvajs_precision_values[];
G_GNUC_INTERNAL extern const GvajsEnumValue _gvajs_layout_values[];
/* The name of @value in @values, or NULL. */
G_GNUC_INTERNAL const gchar *_gvajs_enum_name (const GvajsEnumValue * values,
    gint value);

G_END_DECLS
