/* SPDX-License-Identifier: MIT */
/* RegionOfInterest: a GstVideoRegionOfInterestMeta on the frame's buffer,
 * written the way DL Streamer reads it (reference/gvapython.md §3.1-3.2):
 * roi_type is the label's quark, x/y/w/h the pixel box, a "detection"
 * param holds the normalized box (x_min, y_min, x_max, y_max: doubles),
 * the confidence (double) and label_id (int) when known, and an
 * "object_id" param holds a tracking id (field `id`, int).
 *
 * Regions from any element show up, DL Streamer or not (facedetect writes
 * only the meta): each reader falls back when a param is missing. Reading
 * never changes metadata, unlike gstgva's detection().
 *
 * With GstAnalytics (analytics.c), a region is also an ODMtd whose id is
 * the ROI meta's, and regions() also lists the ODMtds no ROI meta joins
 * (upstream's detectors write only those). Such a region reads from its
 * ODMtd; a write that needs ROI params (addTensor) first adds the ROI meta,
 * joined by id, as DL Streamer's C++ reader would.
 *
 * A region object holds a handle serial (see GvajsHandle) whose pointer is
 * the ROI meta, or an OdRef for an ODMtd alone. removeRegion() kills the
 * region's handle and those of its tensors; an OdRef finds its ODMtd
 * marked removed. */
#include "region.h"
#include "quarks.h"
#include "analytics.h"
#include "gvameta.h"

#include <math.h>
#include <string.h>

static JSClassID js_region_class_id;

/* The handle pointer of a region that is an ODMtd alone. Its memory is an
 * ArrayBuffer's, in the JS heap (under its limit), kept by the frame with
 * the tensor views, so it is freed when the call ends, with the handles. */
typedef struct
{
  GstMeta meta;                 /* zeroed: a NULL info tells it from an ROI
                                 * meta */
  guint od_id;
} OdRef;

/* What a region object stands for, looked up on every call. */
typedef struct
{
  GstVideoRegionOfInterestMeta *roi;    /* NULL for an ODMtd alone */
  GvajsOd od;
  gboolean has_od;
} Region;

gboolean
_gvajs_region_joins (const GstVideoRegionOfInterestMeta * roi,
    const GvajsOd * od)
{
  return roi->id >= 0 && (guint) roi->id == od->id &&
      roi->roi_type == od->label;
}

/* The ROI meta joined to @od, if any. */
static GstVideoRegionOfInterestMeta *
find_joined (GstBuffer * buffer, const GvajsOd * od)
{
  GstVideoRegionOfInterestMeta *roi;
  gpointer state = NULL;

  while ((roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (buffer, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE)))
    if (_gvajs_region_joins (roi, od))
      return roi;
  return NULL;
}

static gboolean
region_get (JSContext * ctx, JSValueConst this_val, GvajsScope ** scope,
    Region * region)
{
  GvajsHandle handle;
  GvajsScope *found = _gvajs_scope_get_handle (ctx, this_val,
      js_region_class_id, "RegionOfInterest", &handle);
  GstMeta *meta;

  if (found == NULL)
    return FALSE;
  if (scope)
    *scope = found;
  meta = handle.ptr;
  if (meta->info != NULL) {
    region->roi = (GstVideoRegionOfInterestMeta *) meta;
    region->has_od = _gvajs_od_join (found->buffer, region->roi, &region->od);
    return TRUE;
  }
  if (!_gvajs_od_get (found->buffer, ((OdRef *) meta)->od_id, &region->od)) {
    JS_ThrowTypeError (ctx, "this RegionOfInterest is no longer valid: it "
        "was removed from the frame");
    return FALSE;
  }
  region->has_od = TRUE;
  region->roi = find_joined (found->buffer, &region->od);
  return TRUE;
}

GstStructure *
_gvajs_region_find_param (GstVideoRegionOfInterestMeta * meta, GQuark name)
{
  GList *l;

  for (l = meta->params; l; l = l->next)
    if (gst_structure_get_name_id (l->data) == name)
      return l->data;
  return NULL;
}

/* A numeric field of @s as a JS number, or undefined. */
/* The detection param of @roi; NULL for none or for no ROI meta (an
 * ODMtd alone). */
static GstStructure *
detection_of (GstVideoRegionOfInterestMeta * roi)
{
  return roi ? _gvajs_region_find_param (roi, GVAJS_QUARK (DETECTION)) : NULL;
}

static JSValue
param_number (JSContext * ctx, const GstStructure * s, GQuark field)
{
  gdouble number;

  return _gvajs_field_get_double (s, field, &number) ?
      JS_NewFloat64 (ctx, number) : JS_UNDEFINED;
}

void
_gvajs_region_box (const GstVideoRegionOfInterestMeta * roi,
    const GvajsOd * od, gdouble * box)
{
  /* Each operand as a double: ROI boxes are unsigned, ODMtd boxes not. */
  box[0] = roi ? (gdouble) roi->x : (gdouble) od->x;
  box[1] = roi ? (gdouble) roi->y : (gdouble) od->y;
  box[2] = roi ? (gdouble) roi->w : (gdouble) od->w;
  box[3] = roi ? (gdouble) roi->h : (gdouble) od->h;
}

GQuark
_gvajs_region_label (const GstVideoRegionOfInterestMeta * roi,
    const GvajsOd * od)
{
  return roi ? roi->roi_type : od->label;
}

gboolean
_gvajs_region_confidence (GstBuffer * buffer,
    GstVideoRegionOfInterestMeta * roi, const GvajsOd * od,
    gdouble * confidence)
{
  GstStructure *det = detection_of (roi);
  GvajsOd joined;

  if (det)
    return _gvajs_field_get_double (det, GVAJS_QUARK (CONFIDENCE),
        confidence);
  /* Looked up only here: most ROI metas have their detection param. */
  if (od == NULL && roi && _gvajs_od_join (buffer, roi, &joined))
    od = &joined;
  if (od)
    *confidence = od->confidence;
  return od != NULL;
}

static JSValue
js_region_rect (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Region region;
  gdouble box[4];

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  _gvajs_region_box (region.roi, &region.od, box);
  return _gvajs_new_rect (ctx, box[0], box[1], box[2], box[3]);
}

/* From the detection param when it has the box (DL Streamer's own
 * numbers, unrounded), else from the pixel box and the frame size. */
static JSValue
js_region_normalized_rect (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  Region region;
  GstStructure *det;
  gdouble x0, y0, x1, y1, width, height, box[4];

  if (!region_get (ctx, this_val, &scope, &region))
    return JS_EXCEPTION;
  det = detection_of (region.roi);
  if (det && gst_structure_id_get (det, GVAJS_QUARK (X_MIN), G_TYPE_DOUBLE,
          &x0, GVAJS_QUARK (Y_MIN), G_TYPE_DOUBLE, &y0, GVAJS_QUARK (X_MAX),
          G_TYPE_DOUBLE, &x1, GVAJS_QUARK (Y_MAX), G_TYPE_DOUBLE, &y1, NULL))
    return _gvajs_new_rect (ctx, x0, y0, x1 - x0, y1 - y0);
  if (scope->info == NULL)
    return JS_UNDEFINED;
  width = GST_VIDEO_INFO_WIDTH (scope->info);
  height = GST_VIDEO_INFO_HEIGHT (scope->info);
  _gvajs_region_box (region.roi, &region.od, box);
  return _gvajs_new_rect (ctx, box[0] / width, box[1] / height,
      box[2] / width, box[3] / height);
}

static JSValue
js_region_label (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Region region;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  return _gvajs_name_to_js (ctx, _gvajs_region_label (region.roi,
          &region.od));
}

/* The detection param's label_id: without that param (an ODMtd alone, or
 * an ROI meta whose params a scaling element dropped), nothing has one. */
static JSValue
js_region_label_id (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Region region;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  return param_number (ctx, detection_of (region.roi),
      GVAJS_QUARK (LABEL_ID));
}

static JSValue
js_region_confidence (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  Region region;
  gdouble confidence;

  if (!region_get (ctx, this_val, &scope, &region))
    return JS_EXCEPTION;
  return _gvajs_region_confidence (scope->buffer, region.roi,
      region.has_od ? &region.od : NULL, &confidence) ?
      JS_NewFloat64 (ctx, confidence) : JS_UNDEFINED;
}

/* The object_id param (gvatrack's), else the related TrackingMtd. */
static JSValue
js_region_object_id (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  Region region;
  GstStructure *param;
  guint64 id;

  if (!region_get (ctx, this_val, &scope, &region))
    return JS_EXCEPTION;
  param = region.roi ? _gvajs_region_find_param (region.roi,
      GVAJS_QUARK (OBJECT_ID)) : NULL;
  if (param || !region.has_od ||
      !_gvajs_od_get_tracking_id (scope->buffer, region.od.id, &id))
    return param_number (ctx, param, GVAJS_QUARK (ID));
  return JS_NewFloat64 (ctx, (gdouble) id);
}

/* As gvatrack does: updates the object_id param, or adds it, and relates
 * a TrackingMtd to the ODMtd. Tracking ids are unsigned: a negative id
 * has only the param. */
static void
set_object_id (GstBuffer * buffer, const Region * region, gint id)
{
  GstStructure *s;

  if (region->has_od && id >= 0)
    _gvajs_od_set_tracking_id (buffer, region->od.id, id);
  if (region->roi == NULL)
    return;
  s = _gvajs_region_find_param (region->roi, GVAJS_QUARK (OBJECT_ID));
  if (s == NULL) {
    s = gst_structure_new_id_empty (GVAJS_QUARK (OBJECT_ID));
    gst_video_region_of_interest_meta_add_param (region->roi, s);
  }
  gst_structure_id_set (s, GVAJS_QUARK (ID), G_TYPE_INT, id, NULL);
}

static JSValue
js_region_set_object_id (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  Region region;
  gint64 id;

  if (!region_get (ctx, this_val, &scope, &region) ||
      !_gvajs_get_int (ctx, "RegionOfInterest.setObjectId", "id", argv[0],
          G_MININT32, G_MAXINT32, &id))
    return JS_EXCEPTION;
  set_object_id (scope->buffer, &region, (gint) id);
  return JS_UNDEFINED;
}

/* Every param but object_id, the detection included, as gstgva. */
static JSValue
js_region_tensors (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsArray array = GVAJS_ARRAY_INIT;
  Region region;
  GList *l;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  for (l = region.roi ? region.roi->params : NULL; l && !array.failed;
      l = l->next) {
    if (gst_structure_get_name_id (l->data) == GVAJS_QUARK (OBJECT_ID))
      continue;
    _gvajs_array_add (ctx, &array, _gvajs_tensor_wrap (ctx, l->data,
            region.roi));
  }
  return _gvajs_array_end (ctx, &array);
}

#define GET_TENSOR_BY_NAME "RegionOfInterest.getTensorByName"

/* gstgva's get_tensor_by_name(): the first of tensors() named @name. By
 * string, which interns nothing on any GStreamer version. */
static JSValue
js_region_get_tensor_by_name (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  Region region;
  const char *name;
  JSValue result = JS_UNDEFINED;
  GList *l;

  if (!JS_IsString (argv[0]))
    return _gvajs_throw_type (ctx, GET_TENSOR_BY_NAME, "name", "a string",
        argv[0]);
  if (!(name = _gvajs_get_text (ctx, GET_TENSOR_BY_NAME, "name", argv[0])))
    return JS_EXCEPTION;
  if (!region_get (ctx, this_val, NULL, &region))
    result = JS_EXCEPTION;
  else if (strcmp (name, _gvajs_field_name (GVAJS_FIELD_OBJECT_ID)) != 0)
    for (l = region.roi ? region.roi->params : NULL; l; l = l->next)
      if (gst_structure_has_name (l->data, name)) {
        result = _gvajs_tensor_wrap (ctx, l->data, region.roi);
        break;
      }
  JS_FreeCString (ctx, name);
  return result;
}

static JSValue
js_region_add_tensor (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  Region region;
  GstStructure *s;
  GQuark name;

  if (!(name = _gvajs_get_name (ctx, "RegionOfInterest.addTensor", "name",
              "tensor name", argv[0])) ||
      !region_get (ctx, this_val, &scope, &region) || (region.roi == NULL &&
          !_gvajs_frame_check_writable (ctx, scope,
              "RegionOfInterest.addTensor")) ||
      !_gvajs_scope_count_metadata (ctx, "RegionOfInterest.addTensor",
          GVAJS_META_OVERHEAD))
    return JS_EXCEPTION;
  /* Tensors are ROI params: an ODMtd alone gets its ROI meta first. */
  if (region.roi == NULL)
    region.roi = _gvajs_region_add_joined (scope, &region.od);
  s = gst_structure_new_id_empty (name);
  gst_video_region_of_interest_meta_add_param (region.roi, s);
  return _gvajs_tensor_wrap (ctx, s, region.roi);
}

static JSValue
js_region_detection (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Region region;
  GstStructure *det;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  det = detection_of (region.roi);
  return det ? _gvajs_tensor_wrap (ctx, det, region.roi) : JS_UNDEFINED;
}

/* regionId() (magic 0) and parentId() (1); an ODMtd alone has no
 * parent. */
static JSValue
js_region_id (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  Region region;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  if (region.roi == NULL)
    return magic ? JS_NewInt32 (ctx, 0) : JS_NewUint32 (ctx, region.od.id);
  return JS_NewInt32 (ctx, magic ? region.roi->parent_id : region.roi->id);
}

static const JSCFunctionListEntry js_region_proto_funcs[] = {
  JS_CFUNC_DEF ("rect", 0, js_region_rect),
  JS_CFUNC_DEF ("normalizedRect", 0, js_region_normalized_rect),
  JS_CFUNC_DEF ("label", 0, js_region_label),
  JS_CFUNC_DEF ("labelId", 0, js_region_label_id),
  JS_CFUNC_DEF ("confidence", 0, js_region_confidence),
  JS_CFUNC_DEF ("objectId", 0, js_region_object_id),
  JS_CFUNC_DEF ("setObjectId", 1, js_region_set_object_id),
  JS_CFUNC_DEF ("tensors", 0, js_region_tensors),
  JS_CFUNC_DEF ("getTensorByName", 1, js_region_get_tensor_by_name),
  JS_CFUNC_DEF ("addTensor", 1, js_region_add_tensor),
  JS_CFUNC_DEF ("detection", 0, js_region_detection),
  JS_CFUNC_MAGIC_DEF ("regionId", 0, js_region_id, 0),
  JS_CFUNC_MAGIC_DEF ("parentId", 0, js_region_id, 1),
  JS_PROP_STRING_DEF ("[Symbol.toStringTag]", "RegionOfInterest",
      JS_PROP_CONFIGURABLE),
};

/* ---- frame.regions(), frame.addRegion(), frame.removeRegion() ---- */

static JSValue
region_to_js (JSContext * ctx, GstMeta * meta)
{
  return _gvajs_scope_wrap_handle (ctx, js_region_class_id, GVAJS_HANDLE_REGION,
      meta, NULL);
}

/* A region object for the ODMtd @id alone. */
static JSValue
od_region_to_js (JSContext * ctx, GvajsScope * scope, guint id)
{
  OdRef ref = { {0,}, id };
  JSValue holder = JS_NewArrayBufferCopy (ctx, (const uint8_t *) &ref,
      sizeof ref);
  gpointer copy;
  size_t size;

  if (JS_IsException (holder))
    return holder;
  copy = JS_GetArrayBuffer (ctx, &size, holder);
  _gvajs_scope_track_view (ctx, scope, holder);
  JS_FreeValue (ctx, holder);
  return _gvajs_scope_wrap_handle (ctx, js_region_class_id, GVAJS_HANDLE_REGION,
      copy, NULL);
}

/* Every ROI meta, in buffer order, then every ODMtd no ROI meta joins, in
 * id order. Ids are not contiguous (or even unique): iterate, never look
 * up. */
static JSValue
js_video_frame_regions (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GvajsArray array = GVAJS_ARRAY_INIT;
  gpointer state = NULL;
  GvajsOd od;

  if (scope == NULL)
    return JS_EXCEPTION;
  _gvajs_frame_add_metas (ctx, scope,
      GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE, region_to_js, &array);
  while (_gvajs_analytics_enabled () && !array.failed &&
      _gvajs_od_next (scope->buffer, &state, &od))
    if (find_joined (scope->buffer, &od) == NULL)
      _gvajs_array_add (ctx, &array, od_region_to_js (ctx, scope, od.id));
  return _gvajs_array_end (ctx, &array);
}

/* addRegion's arguments, positional (the first seven) or options. */
enum
{
  OPT_X, OPT_Y, OPT_W, OPT_H, OPT_LABEL, OPT_CONFIDENCE, OPT_NORMALIZED,
  OPT_LABEL_ID, OPT_OBJECT_ID, N_OPTS
};

static const gchar *const option_names[N_OPTS] = {
  "x", "y", "w", "h", "label", "confidence", "normalized", "labelId",
  "objectId",
};

#define ADD_REGION "VideoFrame.addRegion"

/* Fails on a key addRegion does not know: a misspelt "labelID" would
 * otherwise vanish silently. */
static gboolean
check_option_names (JSContext * ctx, JSValueConst options)
{
  JSPropertyEnum *props = NULL;
  uint32_t n = 0, i;
  const char *key;
  gboolean ok = TRUE;
  gint k;

  if (JS_GetOwnPropertyNames (ctx, &props, &n, options,
          JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
    return FALSE;
  for (i = 0; i < n; i++) {
    key = JS_AtomToCString (ctx, props[i].atom);
    for (k = 0; ok && key && k < N_OPTS; k++)
      if (strcmp (key, option_names[k]) == 0)
        break;
    if (ok && (key == NULL || k == N_OPTS)) {
      JS_ThrowTypeError (ctx, ADD_REGION "(): unknown option \"%s\"; the "
          "options are x, y, w, h, label, confidence, normalized, labelId "
          "and objectId", key ? key : "?");
      ok = FALSE;
    }
    JS_FreeCString (ctx, key);
    JS_FreeAtom (ctx, props[i].atom);
  }
  js_free (ctx, props);
  return ok;
}

/* Fills @values (owned) from the options object or the positional
 * arguments. */
static gboolean
collect_values (JSContext * ctx, int argc, JSValueConst * argv,
    JSValue * values)
{
  gint i;

  for (i = 0; i < N_OPTS; i++)
    values[i] = JS_UNDEFINED;
  if (JS_IsArray (ctx, argv[0]) > 0 || _gvajs_typed_array_type (ctx,
          argv[0]) >= 0) {
    JS_ThrowTypeError (ctx, ADD_REGION "(): pass the box as numbers "
        "(x, y, w, h, label?, confidence?, normalized?) or as an options "
        "object ({x, y, w, h, label, ...}), not as an array: spread it, "
        "addRegion(...box)");
    return FALSE;
  }
  if (JS_IsObject (argv[0]) && !JS_IsFunction (ctx, argv[0])) {
    if (!check_option_names (ctx, argv[0]))
      return FALSE;
    for (i = 0; i < N_OPTS; i++) {
      values[i] = JS_GetPropertyStr (ctx, argv[0], option_names[i]);
      if (JS_IsException (values[i]))
        return FALSE;
    }
    return TRUE;
  }
  for (i = 0; i < MIN (argc, OPT_LABEL_ID); i++)
    values[i] = JS_DupValue (ctx, argv[i]);
  return TRUE;
}

/* The label becomes the ROI meta's and the ODMtd's quark. */
static gboolean
parse_label (JSContext * ctx, JSValueConst value, GvajsRegionArgs * args)
{
  if (JS_IsUndefined (value) || JS_IsNull (value))
    return TRUE;
  return (args->label = _gvajs_get_name (ctx, ADD_REGION, "label", NULL,
          value)) != 0;
}

static gboolean
parse_optional_int (JSContext * ctx, JSValueConst value, gint opt,
    gint64 * out, gboolean * has)
{
  *has = !JS_IsUndefined (value);
  return !*has || _gvajs_get_int (ctx, ADD_REGION, option_names[opt], value,
      G_MININT32, G_MAXINT32, out);
}

static gboolean
parse_values (JSContext * ctx, JSValue * values, GvajsRegionArgs * args)
{
  gint i;

  for (i = OPT_X; i <= OPT_H; i++) {
    if (!_gvajs_get_finite (ctx, ADD_REGION, option_names[i], values[i],
            &args->box[i]))
      return FALSE;
    if (i >= OPT_W && args->box[i] < 0) {
      JS_ThrowRangeError (ctx, ADD_REGION "(): %s must not be negative, not "
          "%g", option_names[i], args->box[i]);
      return FALSE;
    }
  }
  /* No confidence is 0, as gstgva's add_region writes and reads it. */
  if (!JS_IsUndefined (values[OPT_CONFIDENCE]) && !_gvajs_get_finite (ctx,
          ADD_REGION, "confidence", values[OPT_CONFIDENCE], &args->confidence))
    return FALSE;
  if (!JS_IsUndefined (values[OPT_NORMALIZED]) &&
      !JS_IsBool (values[OPT_NORMALIZED])) {
    JS_ThrowTypeError (ctx, ADD_REGION "(): normalized must be a boolean");
    return FALSE;
  }
  args->normalized = JS_ToBool (ctx, values[OPT_NORMALIZED]);
  return parse_label (ctx, values[OPT_LABEL], args) &&
      parse_optional_int (ctx, values[OPT_LABEL_ID], OPT_LABEL_ID,
      &args->label_id, &args->has_label_id) &&
      parse_optional_int (ctx, values[OPT_OBJECT_ID], OPT_OBJECT_ID,
      &args->object_id, &args->has_object_id);
}

/* Reads addRegion's arguments; user code (getters) may run, so the
 * caller touches the buffer only afterwards. */
static gboolean
parse_region_args (JSContext * ctx, int argc, JSValueConst * argv,
    GvajsRegionArgs * args)
{
  JSValue values[N_OPTS];
  gboolean ok;
  gint i;

  memset (args, 0, sizeof *args);
  ok = collect_values (ctx, argc, argv, values) &&
      parse_values (ctx, values, args);
  for (i = 0; i < N_OPTS; i++)
    JS_FreeValue (ctx, values[i]);
  return ok;
}

/* The pixel box as gstgva's add_region makes it: x, y, w and h each cut
 * to a whole pixel toward zero (Python's int(), after scaling normalized
 * ones), so the same arguments give the same box; then clipped to the
 * frame (to G_MAXINT32 when the size is unknown). gstgva keeps w and h of
 * a box that starts left of or above the frame, moving its far edge; here
 * the far edge stays where it was given. */
static void
pixel_box (const GvajsRegionArgs * args, const GstVideoInfo * info, guint * box)
{
  gdouble sx = args->normalized ? GST_VIDEO_INFO_WIDTH (info) : 1;
  gdouble sy = args->normalized ? GST_VIDEO_INFO_HEIGHT (info) : 1;
  gdouble max_x = info ? GST_VIDEO_INFO_WIDTH (info) : G_MAXINT32;
  gdouble max_y = info ? GST_VIDEO_INFO_HEIGHT (info) : G_MAXINT32;
  gdouble x = trunc (args->box[0] * sx), y = trunc (args->box[1] * sy);
  gdouble x0, y0, x1, y1;

  x0 = CLAMP (x, 0, max_x);
  y0 = CLAMP (y, 0, max_y);
  x1 = CLAMP (x + trunc (args->box[2] * sx), 0, max_x);
  y1 = CLAMP (y + trunc (args->box[3] * sy), 0, max_y);
  box[0] = x0;
  box[1] = y0;
  box[2] = x1 - x0;
  box[3] = y1 - y0;
}

/* The detection param DL Streamer reads; the normalized box is computed
 * from the clipped pixels, as gstgva does. */
static GstStructure *
new_detection (const GvajsRegionArgs * args, const GstVideoInfo * info,
    const guint * box)
{
  GstStructure *det = gst_structure_new_id_empty (GVAJS_QUARK (DETECTION));
  gdouble width, height;

  if (info) {
    width = GST_VIDEO_INFO_WIDTH (info);
    height = GST_VIDEO_INFO_HEIGHT (info);
    gst_structure_id_set (det,
        GVAJS_QUARK (X_MIN), G_TYPE_DOUBLE, box[0] / width,
        GVAJS_QUARK (Y_MIN), G_TYPE_DOUBLE, box[1] / height,
        GVAJS_QUARK (X_MAX), G_TYPE_DOUBLE, (box[0] + box[2]) / width,
        GVAJS_QUARK (Y_MAX), G_TYPE_DOUBLE, (box[1] + box[3]) / height, NULL);
  }
  gst_structure_id_set (det, GVAJS_QUARK (CONFIDENCE), G_TYPE_DOUBLE,
      args->confidence, NULL);
  if (args->has_label_id)
    gst_structure_id_set (det, GVAJS_QUARK (LABEL_ID), G_TYPE_INT,
        (gint) args->label_id, NULL);
  return det;
}

/* The ODMtd's id when there is one (DL Streamer >= 2025.2 joins on it,
 * from 0 up in each buffer); else, as DL Streamer before GstAnalytics, a
 * number unique within the process. */
static void
add_od (GvajsScope * scope, GstVideoRegionOfInterestMeta * meta,
    const GvajsRegionArgs * args, const guint * box)
{
  guint id;

  if (_gvajs_od_add (scope->buffer, meta->roi_type, box, args->confidence,
          &id))
    meta->id = id;
  else
    meta->id = (gint) gst_util_seqnum_next ();
}

GstVideoRegionOfInterestMeta *
_gvajs_region_add (GvajsScope * scope, const GvajsRegionArgs * args)
{
  GstVideoRegionOfInterestMeta *meta;
  Region region = { NULL, };
  guint box[4];

  pixel_box (args, scope->info, box);
  meta = gst_buffer_add_video_region_of_interest_meta_id (scope->buffer,
      args->label ? args->label : g_quark_from_static_string (""), box[0],
      box[1], box[2], box[3]);
  add_od (scope, meta, args, box);
  gst_video_region_of_interest_meta_add_param (meta,
      new_detection (args, scope->info, box));
  if (args->has_object_id) {
    region.roi = meta;
    region.has_od = _gvajs_od_join (scope->buffer, meta, &region.od);
    set_object_id (scope->buffer, &region, (gint) args->object_id);
  }
  return meta;
}

/* An ODMtd's box as an ROI meta's: clipped to the frame's origin (ROI
 * boxes are unsigned) and to G_MAXINT, its far edges summed in 64 bits:
 * another element's x + w may pass what an int holds. */
static void
od_pixel_box (const GvajsOd * od, guint * box)
{
  gint64 x1 = CLAMP ((gint64) od->x + od->w, 0, G_MAXINT);
  gint64 y1 = CLAMP ((gint64) od->y + od->h, 0, G_MAXINT);

  box[0] = MAX (od->x, 0);
  box[1] = MAX (od->y, 0);
  box[2] = MAX (x1 - (gint64) box[0], 0);
  box[3] = MAX (y1 - (gint64) box[1], 0);
}

GstVideoRegionOfInterestMeta *
_gvajs_region_add_joined (GvajsScope * scope, const GvajsOd * od)
{
  GstVideoRegionOfInterestMeta *meta;
  GvajsRegionArgs args = { {0,}, };
  guint box[4];

  od_pixel_box (od, box);
  meta = gst_buffer_add_video_region_of_interest_meta_id (scope->buffer,
      od->label, box[0], box[1], box[2], box[3]);
  meta->id = od->id;
  args.confidence = od->confidence;
  gst_video_region_of_interest_meta_add_param (meta,
      new_detection (&args, scope->info, box));
  return meta;
}

static JSValue
js_video_frame_add_region (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  GvajsScope *scope;
  GstVideoRegionOfInterestMeta *meta = NULL;
  GvajsRegionArgs args;

  if (!_gvajs_frame_get (ctx, this_val) ||
      !parse_region_args (ctx, argc, argv, &args))
    return JS_EXCEPTION;
  scope = _gvajs_frame_get (ctx, this_val);
  if (scope && args.normalized && scope->info == NULL)
    JS_ThrowTypeError (ctx, ADD_REGION "(): normalized coordinates need the "
        "frame size, but this stream is not raw video");
  else if (scope && _gvajs_frame_check_writable (ctx, scope, ADD_REGION) &&
      _gvajs_scope_count_metadata (ctx, ADD_REGION, GVAJS_REGION_SIZE))
    meta = _gvajs_region_add (scope, &args);
  if (meta == NULL)
    return JS_EXCEPTION;
  return _gvajs_scope_wrap_handle (ctx, js_region_class_id, GVAJS_HANDLE_REGION,
      meta, NULL);
}

static JSValue
js_video_frame_remove_region (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  Region region;

  if (scope == NULL)
    return JS_EXCEPTION;
  if (JS_GetOpaque (argv[0], js_region_class_id) == NULL)
    return _gvajs_throw_type (ctx, "VideoFrame.removeRegion", "roi",
        "a RegionOfInterest", argv[0]);
  if (!region_get (ctx, argv[0], NULL, &region) ||
      !_gvajs_frame_check_writable (ctx, scope, "VideoFrame.removeRegion"))
    return JS_EXCEPTION;
  if (region.roi) {
    _gvajs_scope_kill_region (scope, region.roi);
    gst_buffer_remove_meta (scope->buffer, (GstMeta *) region.roi);
  }
  /* The ODMtd stays: marked, so that it does not come back. */
  if (region.has_od)
    _gvajs_od_mark_removed (scope->buffer, region.od.id);
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_video_frame_region_funcs[] = {
  JS_CFUNC_DEF ("regions", 0, js_video_frame_regions),
  JS_CFUNC_DEF ("addRegion", 7, js_video_frame_add_region),
  JS_CFUNC_DEF ("removeRegion", 1, js_video_frame_remove_region),
};

void
_gvajs_region_init (JSContext * ctx, JSValueConst frame_proto)
{
  _gvajs_create_class (ctx, &js_region_class_id, "RegionOfInterest",
      js_region_proto_funcs, G_N_ELEMENTS (js_region_proto_funcs));
  JS_SetPropertyFunctionList (ctx, frame_proto, js_video_frame_region_funcs,
      G_N_ELEMENTS (js_video_frame_region_funcs));
}
