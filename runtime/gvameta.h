/* DL Streamer's frame-level metas, as laid out on the wire: a tensor meta
 * holding one GstStructure and a JSON meta holding one string. The types
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

/* The meta infos for writing, registered on first use when absent. */
G_GNUC_INTERNAL const GstMetaInfo *_gvajs_gva_tensor_meta_info (void);
G_GNUC_INTERNAL const GstMetaInfo *_gvajs_gva_json_meta_info (void);

G_END_DECLS
