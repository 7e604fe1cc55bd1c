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

/* The ROI meta joined to @od, if any. */
static GstVideoRegionOfInterestMeta *
find_joined_roi (GstBuffer * buffer, const GvajsOd * od)
{
  GstVideoRegionOfInterestMeta *roi;
  gpointer state = NULL;

  while ((roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (buffer, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE)))
    if (roi->id >= 0 && (guint) roi->id == od->id &&
        roi->roi_type == od->label)
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
  region->roi = find_joined_roi (found->buffer, &region->od);
  return TRUE;
}

/* The first param named @name, or NULL. */
static GstStructure *
find_param (GstVideoRegionOfInterestMeta * meta, GQuark name)
{
  GList *l;

  for (l = meta->params; l; l = l->next)
    if (gst_structure_get_name_id (l->data) == name)
      return l->data;
  return NULL;
}

/* A numeric field of @s as a JS number, or undefined. */
static JSValue
param_number (JSContext * ctx, const GstStructure * s, GQuark field)
{
  const GValue *value = s ? gst_structure_id_get_value (s, field) : NULL;
  GValue d = G_VALUE_INIT;
  JSValue number;

  if (value == NULL || !g_value_type_transformable (G_VALUE_TYPE (value),
          G_TYPE_DOUBLE))
    return JS_UNDEFINED;
  g_value_init (&d, G_TYPE_DOUBLE);
  g_value_transform (value, &d);
  number = JS_NewFloat64 (ctx, g_value_get_double (&d));
  g_value_unset (&d);
  return number;
}

/* The pixel box: the ROI meta's, else the ODMtd's. */
static void
region_box (const Region * region, gdouble * box)
{
  const GstVideoRegionOfInterestMeta *roi = region->roi;

  /* Each operand as a double: ROI boxes are unsigned, ODMtd boxes not. */
  box[0] = roi ? (gdouble) roi->x : (gdouble) region->od.x;
  box[1] = roi ? (gdouble) roi->y : (gdouble) region->od.y;
  box[2] = roi ? (gdouble) roi->w : (gdouble) region->od.w;
  box[3] = roi ? (gdouble) roi->h : (gdouble) region->od.h;
}

static JSValue
js_region_rect (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Region region;
  gdouble box[4];

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  region_box (&region, box);
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
  det = region.roi ? find_param (region.roi, GVAJS_QUARK (DETECTION)) : NULL;
  if (det && gst_structure_id_get (det, GVAJS_QUARK (X_MIN), G_TYPE_DOUBLE,
          &x0, GVAJS_QUARK (Y_MIN), G_TYPE_DOUBLE, &y0, GVAJS_QUARK (X_MAX),
          G_TYPE_DOUBLE, &x1, GVAJS_QUARK (Y_MAX), G_TYPE_DOUBLE, &y1, NULL))
    return _gvajs_new_rect (ctx, x0, y0, x1 - x0, y1 - y0);
  if (scope->info == NULL)
    return JS_UNDEFINED;
  width = GST_VIDEO_INFO_WIDTH (scope->info);
  height = GST_VIDEO_INFO_HEIGHT (scope->info);
  region_box (&region, box);
  return _gvajs_new_rect (ctx, box[0] / width, box[1] / height,
      box[2] / width, box[3] / height);
}

static JSValue
js_region_label (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv)
{
  Region region;
  GQuark type;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  type = region.roi ? region.roi->roi_type : region.od.label;
  return _gvajs_name_to_js (ctx, type);
}

/* labelId() and confidence(): fields of the detection param. Without
 * one (an ODMtd alone, or an ROI meta whose params a scaling element
 * dropped) the ODMtd still has a confidence, and nothing has a label id. */
static JSValue
js_region_detection_field (JSContext * ctx, JSValueConst this_val, int argc,
    JSValueConst * argv, int magic)
{
  Region region;
  GstStructure *det;

  if (!region_get (ctx, this_val, NULL, &region))
    return JS_EXCEPTION;
  det = region.roi ? find_param (region.roi, GVAJS_QUARK (DETECTION)) : NULL;
  if (det == NULL && region.has_od)
    return magic ? JS_NewFloat64 (ctx, region.od.confidence) : JS_UNDEFINED;
  return param_number (ctx, det, magic ? GVAJS_QUARK (CONFIDENCE) :
      GVAJS_QUARK (LABEL_ID));
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
  param = region.roi ? find_param (region.roi, GVAJS_QUARK (OBJECT_ID)) : NULL;
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
  s = find_param (region->roi, GVAJS_QUARK (OBJECT_ID));
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

static GstVideoRegionOfInterestMeta *add_joined_roi (GvajsScope * scope,
    const GvajsOd * od);

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
    region.roi = add_joined_roi (scope, &region.od);
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
  det = region.roi ? find_param (region.roi, GVAJS_QUARK (DETECTION)) : NULL;
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
  JS_CFUNC_MAGIC_DEF ("labelId", 0, js_region_detection_field, 0),
  JS_CFUNC_MAGIC_DEF ("confidence", 0, js_region_detection_field, 1),
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
    if (find_joined_roi (scope->buffer, &od) == NULL)
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

typedef struct
{
  gdouble box[4];               /* x, y, w, h as given */
  GQuark label;                 /* 0 when none was given */
  gdouble confidence;
  gint64 label_id, object_id;
  gboolean has_label_id, has_object_id, normalized;
} RegionArgs;

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
parse_label (JSContext * ctx, JSValueConst value, RegionArgs * args)
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
parse_values (JSContext * ctx, JSValue * values, RegionArgs * args)
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
    RegionArgs * args)
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
pixel_box (const RegionArgs * args, const GstVideoInfo * info, guint * box)
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
new_detection (const RegionArgs * args, const GstVideoInfo * info,
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
    const RegionArgs * args, const guint * box)
{
  guint id;

  if (_gvajs_od_add (scope->buffer, meta->roi_type, box, args->confidence,
          &id))
    meta->id = id;
  else
    meta->id = (gint) gst_util_seqnum_next ();
}

/* What addRegion attaches: a ROI meta, its detection param and an
 * ODMtd. */
#define REGION_SIZE (3 * GVAJS_META_OVERHEAD)

static GstVideoRegionOfInterestMeta *
add_region (GvajsScope * scope, const RegionArgs * args)
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

/* The ROI meta of the ODMtd @od, as DL Streamer writes the pair: the box,
 * the id and a detection param with the confidence. */
static GstVideoRegionOfInterestMeta *
add_joined_roi (GvajsScope * scope, const GvajsOd * od)
{
  GstVideoRegionOfInterestMeta *meta;
  RegionArgs args = { {0,}, };
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
  RegionArgs args;

  if (!_gvajs_frame_get (ctx, this_val) ||
      !parse_region_args (ctx, argc, argv, &args))
    return JS_EXCEPTION;
  scope = _gvajs_frame_get (ctx, this_val);
  if (scope && args.normalized && scope->info == NULL)
    JS_ThrowTypeError (ctx, ADD_REGION "(): normalized coordinates need the "
        "frame size, but this stream is not raw video");
  else if (scope && _gvajs_frame_check_writable (ctx, scope, ADD_REGION) &&
      _gvajs_scope_count_metadata (ctx, ADD_REGION, REGION_SIZE))
    meta = add_region (scope, &args);
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

#define REGION_TENSOR_DATA "VideoFrame.regionTensorData"

/* How many regions regions() lists: the ROI metas, then the ODMtds no
 * ROI meta joins. */
static guint
count_regions (GstBuffer * buffer)
{
  guint n = gst_buffer_get_n_meta (buffer,
      GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE);
  gpointer state = NULL;
  GvajsOd od;

  while (_gvajs_analytics_enabled () && _gvajs_od_next (buffer, &state, &od))
    if (find_joined_roi (buffer, &od) == NULL)
      n++;
  return n;
}

/* The FP32 bytes of the tensor @name of @roi, or NULL; throws (and sets
 * *@bad) when it holds another precision or not @expected bytes (when not
 * 0). */
static gconstpointer
row_bytes (JSContext * ctx, GstVideoRegionOfInterestMeta * roi, GQuark name,
    gsize * n, gsize expected, guint index, gboolean * bad)
{
  GstStructure *s = find_param (roi, name);
  gconstpointer bytes;
  gint precision;

  if (s == NULL || (bytes = _gvajs_tensor_bytes (s, n, &precision)) == NULL)
    return NULL;
  if (precision != 10 || *n == 0 || *n % 4 != 0) {
    JS_ThrowTypeError (ctx, REGION_TENSOR_DATA "(): region %u's tensor '%s' "
        "is not FP32 data (precision %d, %" G_GSIZE_FORMAT " bytes)", index,
        g_quark_to_string (name), precision, *n);
    *bad = TRUE;
    return NULL;
  }
  if (expected != 0 && *n != expected) {
    JS_ThrowRangeError (ctx, REGION_TENSOR_DATA "(): region %u's tensor "
        "'%s' holds %" G_GSIZE_FORMAT " values, the first one's %"
        G_GSIZE_FORMAT, index, g_quark_to_string (name), *n / 4,
        expected / 4);
    *bad = TRUE;
    return NULL;
  }
  return bytes;
}

/**
 * regionTensorData(name: string, out?: Float32Array): Float32Array |
 *     undefined
 *
 * The data of every region's tensor @name (FP32, as an embedding),
 * copied into the rows of one Float32Array in regions() order: row i is
 * regions()[i]'s, zeros for a region without one. What matMul takes, in
 * one call rather than a tensors() and a data() per region. undefined
 * when no region has such a tensor. Throws TypeError when one holds
 * another precision, RangeError when their lengths differ or out's length
 * is not regions × values.
 */
static JSValue
js_video_frame_region_tensor_data (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GstVideoRegionOfInterestMeta *roi;
  GvajsArrayView out;
  gpointer state = NULL;
  gconstpointer bytes = NULL;
  gsize n = 0, size = 0;
  gboolean bad = FALSE;
  guint rows, i;
  GQuark name;
  JSValue result;

  if (scope == NULL || !(name = _gvajs_get_name (ctx, REGION_TENSOR_DATA,
              "name", "tensor name", argv[0])))
    return JS_EXCEPTION;
  /* The first region with one gives the row length. */
  for (i = 0; size == 0 && (roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (scope->buffer, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE)); i++)
    if (row_bytes (ctx, roi, name, &size, 0, i, &bad) == NULL && bad)
      return JS_EXCEPTION;
  if (size == 0)
    return JS_UNDEFINED;
  rows = count_regions (scope->buffer);
  result = _gvajs_output_array (ctx, REGION_TENSOR_DATA, argc > 1 ? argv[1] :
      JS_UNDEFINED, JS_TYPED_ARRAY_FLOAT32, rows * (size / 4), &out,
      "%u regions × %" G_GSIZE_FORMAT " values", rows, size / 4);
  if (JS_IsException (result))
    return result;
  state = NULL;
  for (i = 0; (roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (scope->buffer, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE)); i++) {
    guint8 *row = (guint8 *) out.data + (gsize) i * size;

    if ((bytes = row_bytes (ctx, roi, name, &n, size, i, &bad)) != NULL)
      memcpy (row, bytes, size);
    else if (bad) {
      JS_FreeValue (ctx, result);
      return JS_EXCEPTION;
    } else
      memset (row, 0, size);
  }
  /* The ODMtds alone have no tensors. */
  memset ((guint8 *) out.data + (gsize) i * size, 0, (rows - i) * size);
  return result;
}

#define ADD_REGION_LABELS "VideoFrame.addRegionLabels"

/* addRegionLabels' arguments. */
typedef struct
{
  GQuark name;
  GvajsArrayView ids;
  JSValueConst labels;
  uint32_t n_labels;
  gboolean has_confidences;
  GvajsArrayView confidences;
  gdouble threshold;
} LabelArgs;

/* A typed array argument of one element per region. */
static gboolean
get_per_region (JSContext * ctx, const gchar * arg, JSValueConst value,
    guint rows, GvajsArrayView * view)
{
  if (!_gvajs_array_view (ctx, ADD_REGION_LABELS, arg, value, view))
    return FALSE;
  if (view->length != rows) {
    JS_ThrowRangeError (ctx, ADD_REGION_LABELS "(): %s has %" G_GSIZE_FORMAT
        " elements but the frame has %u regions (one each, in regions() "
        "order)", arg, view->length, rows);
    return FALSE;
  }
  return TRUE;
}

static gboolean
parse_label_args (JSContext * ctx, int argc, JSValueConst * argv, guint rows,
    LabelArgs * args)
{
  args->has_confidences = argc > 3 && !JS_IsUndefined (argv[3]);
  args->threshold = -INFINITY;
  args->labels = argv[2];
  if (!(args->name = _gvajs_get_name (ctx, ADD_REGION_LABELS, "name",
              "tensor name", argv[0])) ||
      !get_per_region (ctx, "ids", argv[1], rows, &args->ids))
    return FALSE;
  if (!_gvajs_array_length (ctx, argv[2], &args->n_labels)) {
    if (!JS_HasException (ctx))
      _gvajs_throw_type (ctx, ADD_REGION_LABELS, "labels",
          "an array of strings", argv[2]);
    return FALSE;
  }
  if (args->has_confidences && !get_per_region (ctx, "confidences",
          argv[3], rows, &args->confidences))
    return FALSE;
  if (argc <= 4 || JS_IsUndefined (argv[4]))
    return TRUE;
  if (!args->has_confidences) {
    JS_ThrowTypeError (ctx, ADD_REGION_LABELS "(): a threshold needs the "
        "confidences it is compared with");
    return FALSE;
  }
  return _gvajs_get_finite (ctx, ADD_REGION_LABELS, "threshold", argv[4],
      &args->threshold);
}

/* The label of region @i, 0 when it gets none (no id, or its confidence is
 * under the threshold or NaN); 0 with an exception pending on a bad id or
 * label. */
static GQuark
region_label (JSContext * ctx, const LabelArgs * args, guint i,
    gdouble * confidence)
{
  gdouble id = _gvajs_array_view_get (&args->ids, i);
  gchar param[32];
  JSValue value;
  GQuark label;

  *confidence = args->has_confidences ?
      _gvajs_array_view_get (&args->confidences, i) : NAN;
  if (id < 0 || (args->has_confidences && !(*confidence >= args->threshold)))
    return 0;
  if (id != floor (id) || id >= args->n_labels) {
    JS_ThrowRangeError (ctx, ADD_REGION_LABELS "(): ids[%u] is %g, which "
        "is not an index of labels (%u names)", i, id, args->n_labels);
    return 0;
  }
  value = JS_GetPropertyUint32 (ctx, args->labels, (uint32_t) id);
  if (JS_IsException (value))
    return 0;
  /* The index is named only when a label is bad. */
  label = JS_IsString (value) ? _gvajs_get_name (ctx, ADD_REGION_LABELS,
      "labels", NULL, value) : 0;
  if (label == 0 && !JS_HasException (ctx)) {
    g_snprintf (param, sizeof param, "labels[%u]", (guint) id);
    _gvajs_throw_type (ctx, ADD_REGION_LABELS, param, "a string", value);
  }
  JS_FreeValue (ctx, value);
  return label;
}

/* Field @field of @s set to @text, which outlives the structure (a quark's
 * string or a literal): held, not copied. */
static void
set_static_string (GstStructure * s, GQuark field, const gchar * text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, text);
  gst_structure_id_take_value (s, field, &value);
}

/* A classifier's result, as gvaclassify writes it: label, label_id,
 * confidence (unless NaN) and type. */
static GstStructure *
new_classification (GQuark name, GQuark label, gint id, gdouble confidence)
{
  GstStructure *s = gst_structure_new_id_empty (name);
  GValue value = G_VALUE_INIT;

  set_static_string (s, GVAJS_QUARK (LABEL), g_quark_to_string (label));
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, id);
  gst_structure_id_take_value (s, GVAJS_QUARK (LABEL_ID), &value);
  if (!isnan (confidence)) {
    memset (&value, 0, sizeof value);
    g_value_init (&value, G_TYPE_DOUBLE);
    g_value_set_double (&value, confidence);
    gst_structure_id_take_value (s, GVAJS_QUARK (CONFIDENCE), &value);
  }
  set_static_string (s, GVAJS_QUARK (TYPE), "classification_result");
  return s;
}

/* The ODMtds no ROI meta joins, in id order (regions() lists them after
 * the ROI metas); collected first, as labelling one joins it. */
static GArray *
lone_ods (GstBuffer * buffer)
{
  GArray *ods = g_array_new (FALSE, FALSE, sizeof (GvajsOd));
  gpointer state = NULL;
  GvajsOd od;

  while (_gvajs_analytics_enabled () && _gvajs_od_next (buffer, &state, &od))
    if (find_joined_roi (buffer, &od) == NULL)
      g_array_append_val (ods, od);
  return ods;
}

/* What region i gets: a label (0: none) and its confidence. */
typedef struct
{
  GQuark label;
  gdouble confidence;
} Pick;

/* Every region's pick and how many get a label; checks what the tensors
 * cost against the memory limit. FALSE after throwing, before anything is
 * written. The last @lone regions are ODMtds alone. */
static gboolean
pick_labels (JSContext * ctx, GvajsScope * scope, const LabelArgs * args,
    guint rows, guint lone, Pick * picks, guint * labelled)
{
  gsize bytes = 0;
  gboolean joins = FALSE;
  guint i;

  *labelled = 0;
  for (i = 0; i < rows; i++) {
    picks[i].label = region_label (ctx, args, i, &picks[i].confidence);
    if (picks[i].label == 0 && JS_HasException (ctx))
      return FALSE;
    if (picks[i].label != 0) {
      bytes += GVAJS_META_OVERHEAD +
          strlen (g_quark_to_string (picks[i].label));
      joins |= i >= rows - lone;
      (*labelled)++;
    }
  }
  /* Tensors are ROI params: an ODMtd alone gets its ROI meta first. */
  return (!joins || _gvajs_frame_check_writable (ctx, scope,
          ADD_REGION_LABELS)) && (bytes == 0 ||
      _gvajs_scope_count_metadata (ctx, ADD_REGION_LABELS, bytes));
}

static void
label_region (GvajsScope * scope, const LabelArgs * args, guint i,
    GstVideoRegionOfInterestMeta * roi, const Pick * pick)
{
  gst_video_region_of_interest_meta_add_param (roi,
      new_classification (args->name, pick->label,
          (gint) _gvajs_array_view_get (&args->ids, i), pick->confidence));
  _gvajs_analytics_roi_changed (scope->buffer, roi);
}

/**
 * addRegionLabels(name: string, ids: NumericArray, labels: string[],
 *     confidences?: NumericArray, threshold?: number): number
 *
 * The batch form of regions()[i].addTensor(name) and its setLabel(): per
 * region, in regions() order, a tensor @name holding a classifier's result
 * (label labels[ids[i]], label_id ids[i], confidence confidences[i], type
 * "classification_result"); a region whose id is negative (rowArgmax's
 * -1) or whose confidence is under threshold (or NaN) gets none. With
 * regionTensorData, matMul and rowArgmax, a gallery step without a region
 * object or a loop in JS. Returns how many tensors it added. Throws
 * TypeError for arguments of the wrong kind or a label that is not a
 * string, RangeError when ids or confidences has not one element per
 * region or an id is not an index of labels, and then writes nothing.
 */
static JSValue
js_video_frame_add_region_labels (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GstVideoRegionOfInterestMeta *roi;
  gpointer state = NULL;
  guint rois, rows, i, labelled = 0;
  gboolean ok;
  LabelArgs args;
  GArray *ods;
  Pick *picks;

  if (scope == NULL)
    return JS_EXCEPTION;
  /* regions()'s count, without a second search for joins. */
  ods = lone_ods (scope->buffer);
  rois = gst_buffer_get_n_meta (scope->buffer,
      GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE);
  rows = rois + ods->len;
  picks = g_new (Pick, rows + 1);
  ok = parse_label_args (ctx, argc, argv, rows, &args) &&
      pick_labels (ctx, scope, &args, rows, ods->len, picks, &labelled);
  /* The ROI metas, in buffer order, then the ODMtds alone. */
  for (i = 0; ok && i < rois; i++) {
    roi = (GstVideoRegionOfInterestMeta *) gst_buffer_iterate_meta_filtered
        (scope->buffer, &state, GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE);
    if (picks[i].label != 0)
      label_region (scope, &args, i, roi, &picks[i]);
  }
  for (; ok && i < rows; i++)
    if (picks[i].label != 0)
      label_region (scope, &args, i, add_joined_roi (scope,
              &g_array_index (ods, GvajsOd, i - rois)), &picks[i]);
  g_array_free (ods, TRUE);
  g_free (picks);
  return ok ? JS_NewUint32 (ctx, labelled) : JS_EXCEPTION;
}

static const JSCFunctionListEntry js_video_frame_region_funcs[] = {
  JS_CFUNC_DEF ("regions", 0, js_video_frame_regions),
  JS_CFUNC_DEF ("addRegion", 7, js_video_frame_add_region),
  JS_CFUNC_DEF ("removeRegion", 1, js_video_frame_remove_region),
  JS_CFUNC_DEF ("regionTensorData", 1, js_video_frame_region_tensor_data),
  JS_CFUNC_DEF ("addRegionLabels", 3, js_video_frame_add_region_labels),
};

void
_gvajs_region_init (JSContext * ctx, JSValueConst frame_proto)
{
  _gvajs_create_class (ctx, &js_region_class_id, "RegionOfInterest",
      js_region_proto_funcs, G_N_ELEMENTS (js_region_proto_funcs));
  JS_SetPropertyFunctionList (ctx, frame_proto, js_video_frame_region_funcs,
      G_N_ELEMENTS (js_video_frame_region_funcs));
}
