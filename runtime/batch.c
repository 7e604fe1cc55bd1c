/* SPDX-License-Identifier: MIT */
/* The frame's regions in bulk: VideoFrame methods that add or read every
 * region in one call, with typed arrays in place of region objects, in
 * regions() order (the ROI metas in buffer order, then the ODMtds no ROI
 * meta joins, in id order). A detector's post-processing or a gallery
 * step then makes a few calls per frame instead of several per region.
 *
 * Each writes what the method API writes (region.c, tensor.c), on the
 * same wire format, and is atomic: every argument is checked, and every
 * label read, before anything is written, so a call that throws leaves
 * the frame as it was. */
#include "batch.h"
#include "region.h"
#include "quarks.h"
#include "gvameta.h"

#include <math.h>
#include <string.h>

/* ---- the regions, in regions() order ---- */

/* Walked once per call: the ROI metas are a linked list, each item
 * allocated on its own, and several walks cost more than the work. */
typedef struct
{
  GstVideoRegionOfInterestMeta **rois;  /* inline_rois, or g_new()ed */
  guint n_rois, n;              /* n: all regions */
  GArray *ods;                  /* the ODMtds alone (GvajsOd); NULL: none */
  GstVideoRegionOfInterestMeta *inline_rois[64];
} Regions;

static void
add_roi (Regions * regions, GstVideoRegionOfInterestMeta * roi)
{
  guint size = regions->n_rois;

  /* Full at each power of two from the inline array's size on. */
  if (size >= G_N_ELEMENTS (regions->inline_rois) && (size & (size - 1)) == 0) {
    if (regions->rois == regions->inline_rois)
      regions->rois = g_memdup2 (regions->inline_rois,
          sizeof regions->inline_rois);
    regions->rois = g_renew (GstVideoRegionOfInterestMeta *, regions->rois,
        2 * size);
  }
  regions->rois[regions->n_rois++] = roi;
}

/* Whether one of the collected ROI metas joins @od. */
static gboolean
is_joined (const Regions * regions, const GvajsOd * od)
{
  guint i;

  for (i = 0; i < regions->n_rois; i++)
    if (_gvajs_region_joins (regions->rois[i], od))
      return TRUE;
  return FALSE;
}

/* Collected before anything is written: a write can join an ODMtd. */
static void
regions_collect (GstBuffer * buffer, Regions * regions)
{
  GstVideoRegionOfInterestMeta *roi;
  gpointer state = NULL;
  GvajsOd od;

  regions->rois = regions->inline_rois;
  regions->n_rois = 0;
  regions->ods = NULL;
  while ((roi = (GstVideoRegionOfInterestMeta *)
          gst_buffer_iterate_meta_filtered (buffer, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE)))
    add_roi (regions, roi);
  state = NULL;
  while (_gvajs_analytics_enabled () && _gvajs_od_next (buffer, &state, &od))
    if (!is_joined (regions, &od)) {
      if (regions->ods == NULL)
        regions->ods = g_array_new (FALSE, FALSE, sizeof (GvajsOd));
      g_array_append_val (regions->ods, od);
    }
  regions->n = regions->n_rois + (regions->ods ? regions->ods->len : 0);
}

/* Region @i: an ROI meta (the ODMtd then NULL), or an ODMtd alone (the
 * ROI meta then NULL), as region.c's readers take them. */
static GstVideoRegionOfInterestMeta *
regions_roi (const Regions * regions, guint i)
{
  return i < regions->n_rois ? regions->rois[i] : NULL;
}

static const GvajsOd *
regions_od (const Regions * regions, guint i)
{
  return i < regions->n_rois ? NULL : &g_array_index (regions->ods, GvajsOd,
      i - regions->n_rois);
}

static void
regions_clear (Regions * regions)
{
  if (regions->rois != regions->inline_rois)
    g_free (regions->rois);
  if (regions->ods)
    g_array_free (regions->ods, TRUE);
}

/* ---- labels picked by id, as a classifier's or a detector's argmax ---- */

/* What row i gets: a label (0: none) and its confidence (NaN: none);
 * for addRegions also its box, checked. */
typedef struct
{
  GQuark label;
  gdouble confidence;
  gdouble box[4];
} Pick;

/* Per row: the label labels[ids[i]] and the confidence confidences[i];
 * a row whose id is negative (rowArgmax's -1) or whose confidence is
 * under the threshold (or NaN) gets none. */
typedef struct
{
  const gchar *fn;
  guint rows;
  const gchar *rows_are;        /* "the frame has %u regions ...", split */
  const gchar *rows_unit;       /* around the count, for messages */
  GvajsArrayView ids;
  JSValueConst labels;
  uint32_t n_labels;
  gboolean has_confidences;
  GvajsArrayView confidences;
  gdouble threshold;
  /* The last label read: rows of one class follow each other, and
   * reading a label from the array (and checking it) costs more than the
   * rest of a row. */
  gdouble last_id;
  GQuark last_label;
  /* The rows' picks: a frame's usually fit inline, with no allocation. */
  Pick *picks;
  Pick inline_picks[64];
} Picker;

/* Field by field: an initializer would zero the inline picks too, on
 * every call. */
static void
picker_init (Picker * picker, const gchar * fn, const gchar * rows_are,
    const gchar * rows_unit)
{
  picker->fn = fn;
  picker->rows = 0;
  picker->rows_are = rows_are;
  picker->rows_unit = rows_unit;
  picker->last_label = 0;
  picker->picks = picker->inline_picks;
}

/* Room for the picks of @rows rows. */
static void
picker_set_rows (Picker * picker, guint rows)
{
  picker->rows = rows;
  picker->picks = rows <= G_N_ELEMENTS (picker->inline_picks) ?
      picker->inline_picks : g_new (Pick, rows);
}

static void
picker_clear (Picker * picker)
{
  if (picker->picks != picker->inline_picks)
    g_free (picker->picks);
}

/* A typed array argument of one element per row. */
static gboolean
get_per_row (JSContext * ctx, const Picker * picker, const gchar * arg,
    JSValueConst value, GvajsArrayView * view)
{
  if (!_gvajs_array_view (ctx, picker->fn, arg, value, view))
    return FALSE;
  if (view->length != picker->rows) {
    JS_ThrowRangeError (ctx, "%s(): %s has %" G_GSIZE_FORMAT " elements but "
        "%s %u %s", picker->fn, arg, view->length, picker->rows_are,
        picker->rows, picker->rows_unit);
    return FALSE;
  }
  return TRUE;
}

/* ids, labels and confidences (undefined: none), as arguments. */
static gboolean
picker_parse (JSContext * ctx, Picker * picker, JSValueConst ids,
    JSValueConst labels, JSValueConst confidences)
{
  picker->has_confidences = !JS_IsUndefined (confidences);
  picker->threshold = -INFINITY;
  picker->labels = labels;
  if (!get_per_row (ctx, picker, "ids", ids, &picker->ids))
    return FALSE;
  if (!_gvajs_array_length (ctx, labels, &picker->n_labels)) {
    if (!JS_HasException (ctx))
      _gvajs_throw_type (ctx, picker->fn, "labels", "an array of strings",
          labels);
    return FALSE;
  }
  return !picker->has_confidences || get_per_row (ctx, picker,
      "confidences", confidences, &picker->confidences);
}

/* The threshold @value (undefined: none), which needs confidences. */
static gboolean
picker_parse_threshold (JSContext * ctx, Picker * picker, JSValueConst value)
{
  if (JS_IsUndefined (value))
    return TRUE;
  if (!picker->has_confidences) {
    JS_ThrowTypeError (ctx, "%s(): a threshold needs the confidences it is "
        "compared with", picker->fn);
    return FALSE;
  }
  return _gvajs_get_finite (ctx, picker->fn, "threshold", value,
      &picker->threshold);
}

/* Row @i's id; the caller checked that it is a label's index. */
static gint
picker_id (const Picker * picker, guint i)
{
  return (gint) _gvajs_array_view_get (&picker->ids, i);
}

/* Row @i's pick; FALSE after throwing on a bad id or label. */
static gboolean
pick (JSContext * ctx, Picker * picker, guint i, Pick * pick)
{
  gdouble id = _gvajs_array_view_get (&picker->ids, i);
  gchar param[32];
  JSValue value;

  pick->label = 0;
  pick->confidence = picker->has_confidences ?
      _gvajs_array_view_get (&picker->confidences, i) : NAN;
  if (id < 0 || (picker->has_confidences &&
          !(pick->confidence >= picker->threshold)))
    return TRUE;
  if (id != floor (id) || id >= picker->n_labels) {
    JS_ThrowRangeError (ctx, "%s(): ids[%u] is %g, which is not an index of "
        "labels (%u names)", picker->fn, i, id, picker->n_labels);
    return FALSE;
  }
  if (picker->last_label != 0 && id == picker->last_id) {
    pick->label = picker->last_label;
    return TRUE;
  }
  value = JS_GetPropertyUint32 (ctx, picker->labels, (uint32_t) id);
  if (JS_IsException (value))
    return FALSE;
  /* The index is named only when a label is bad. */
  pick->label = JS_IsString (value) ? _gvajs_get_name (ctx, picker->fn,
      "labels", NULL, value) : 0;
  if (pick->label == 0 && !JS_HasException (ctx)) {
    g_snprintf (param, sizeof param, "labels[%u]", (guint) id);
    _gvajs_throw_type (ctx, picker->fn, param, "a string", value);
  }
  JS_FreeValue (ctx, value);
  picker->last_id = id;
  picker->last_label = pick->label;
  return pick->label != 0;
}

/* ---- frame.addRegions() ---- */

#define ADD_REGIONS "VideoFrame.addRegions"

static const gchar *const add_regions_options[] = {
  "normalized", "threshold", NULL,
};

/* Row @i's box, checked as addRegion checks x, y, w and h. */
static gboolean
get_box (JSContext * ctx, const GvajsArrayView * boxes, guint i,
    gdouble * box)
{
  static const gchar *const names[] = { "x", "y", "w", "h" };
  guint k;

  for (k = 0; k < 4; k++) {
    box[k] = _gvajs_array_view_get (boxes, 4 * i + k);
    if (!isfinite (box[k]) || (k >= 2 && box[k] < 0)) {
      /* A number as JS writes it: NaN, not C's nan. */
      gchar *what = _gvajs_describe (ctx, JS_NewFloat64 (ctx, box[k]));

      JS_ThrowRangeError (ctx, ADD_REGIONS "(): box %u's %s (boxes[%u]) is "
          "%s; a box is finite numbers, w and h not negative", i, names[k],
          4 * i + k, what);
      g_free (what);
      return FALSE;
    }
  }
  return TRUE;
}

/* The options object: normalized and threshold. */
static gboolean
parse_add_regions_options (JSContext * ctx, JSValueConst options,
    Picker * picker, gboolean * normalized)
{
  JSValue value;
  gboolean ok;

  *normalized = FALSE;
  if (JS_IsUndefined (options))
    return TRUE;
  if (!JS_IsObject (options) || JS_IsArray (ctx, options) > 0) {
    _gvajs_throw_type (ctx, ADD_REGIONS, "options", "an object "
        "{normalized?, threshold?}", options);
    return FALSE;
  }
  if (!_gvajs_check_options (ctx, ADD_REGIONS, options, add_regions_options))
    return FALSE;
  value = JS_GetPropertyStr (ctx, options, "normalized");
  ok = !JS_IsException (value);
  if (ok && !JS_IsUndefined (value) && !JS_IsBool (value)) {
    JS_ThrowTypeError (ctx, ADD_REGIONS "(): normalized must be a boolean");
    ok = FALSE;
  }
  *normalized = ok && JS_ToBool (ctx, value);
  JS_FreeValue (ctx, value);
  if (!ok)
    return FALSE;
  value = JS_GetPropertyStr (ctx, options, "threshold");
  ok = !JS_IsException (value) && picker_parse_threshold (ctx, picker, value);
  JS_FreeValue (ctx, value);
  return ok;
}

/* The boxes argument: 4 numbers per region; sets the picker's rows. */
static gboolean
parse_boxes (JSContext * ctx, JSValueConst value, Picker * picker,
    GvajsArrayView * boxes)
{
  if (!_gvajs_array_view (ctx, ADD_REGIONS, "boxes", value, boxes))
    return FALSE;
  if (boxes->length % 4 != 0 || boxes->length / 4 > G_MAXINT32) {
    JS_ThrowRangeError (ctx, ADD_REGIONS "(): boxes has %" G_GSIZE_FORMAT
        " elements, which is not 4 (x, y, w, h) per region", boxes->length);
    return FALSE;
  }
  picker_set_rows (picker, boxes->length / 4);
  return TRUE;
}

/* Every row's pick and box, checked (copied: a label's getter may
 * change the boxes after their row was checked); how many get a
 * region. */
static gboolean
pick_regions (JSContext * ctx, Picker * picker,
    const GvajsArrayView * boxes, guint * added)
{
  Pick *picks = picker->picks;
  guint i;

  *added = 0;
  for (i = 0; i < picker->rows; i++) {
    if (!pick (ctx, picker, i, &picks[i]))
      return FALSE;
    if (picks[i].label == 0)
      continue;
    if (!get_box (ctx, boxes, i, picks[i].box))
      return FALSE;
    (*added)++;
  }
  return TRUE;
}

static void
add_picked_region (GvajsScope * scope, const Picker * picker, guint i,
    gboolean normalized)
{
  const Pick *pick = &picker->picks[i];
  GvajsRegionArgs args = { {0,}, };

  memcpy (args.box, pick->box, sizeof args.box);
  args.label = pick->label;
  /* No confidence is 0, as addRegion writes it. */
  args.confidence = isnan (pick->confidence) ? 0 : pick->confidence;
  args.label_id = picker_id (picker, i);
  args.has_label_id = TRUE;
  args.normalized = normalized;
  _gvajs_region_add (scope, &args);
}

/**
 * addRegions(boxes: NumericArray, ids: NumericArray, labels: string[],
 *     confidences?: NumericArray, options?: {normalized?: boolean,
 *     threshold?: number}): number
 *
 * The batch form of addRegion: row i of @boxes (x, y, w, h) becomes a
 * region labelled labels[ids[i]], label id ids[i], confidence
 * confidences[i] (0 without them), as addRegion(x, y, w, h, label,
 * confidence, normalized) with labelId would add it. A row whose id is
 * negative or whose confidence is under the threshold (or NaN) adds
 * nothing, and its box is not read. Returns how many regions it added.
 * TypeError for arguments of the wrong kind, a label that is not a
 * string or an unknown option; RangeError when boxes is not 4 numbers
 * per row, ids or confidences not one per row, an id not an index of
 * labels, or an added box not finite or of negative size; then nothing is
 * written.
 */
static JSValue
js_video_frame_add_regions (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GvajsArrayView boxes;
  gboolean normalized = FALSE, ok;
  guint i, added = 0;
  Picker picker;

  picker_init (&picker, ADD_REGIONS, "boxes holds", "boxes (one each)");
  ok = scope && parse_boxes (ctx, argv[0], &picker, &boxes) &&
      picker_parse (ctx, &picker, argv[1], argv[2], argc > 3 ? argv[3] :
      JS_UNDEFINED) && parse_add_regions_options (ctx, argc > 4 ? argv[4] :
      JS_UNDEFINED, &picker, &normalized);
  if (ok && normalized && scope->info == NULL) {
    JS_ThrowTypeError (ctx, ADD_REGIONS "(): normalized coordinates need "
        "the frame size, but this stream is not raw video");
    ok = FALSE;
  }
  ok = ok && _gvajs_frame_check_writable (ctx, scope, ADD_REGIONS) &&
      pick_regions (ctx, &picker, &boxes, &added) &&
      (added == 0 || _gvajs_scope_count_metadata (ctx, ADD_REGIONS,
              (gsize) added * GVAJS_REGION_SIZE));
  for (i = 0; ok && i < picker.rows; i++)
    if (picker.picks[i].label != 0)
      add_picked_region (scope, &picker, i, normalized);
  picker_clear (&picker);
  return ok ? JS_NewUint32 (ctx, added) : JS_EXCEPTION;
}

/* ---- frame.addRegionLabels() ---- */

#define ADD_REGION_LABELS "VideoFrame.addRegionLabels"

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

/* Every region's pick and how many get a label; checks what the tensors
 * cost against the memory limit. FALSE after throwing, before anything is
 * written. */
static gboolean
pick_labels (JSContext * ctx, GvajsScope * scope, Picker * picker,
    const Regions * regions, guint * labelled)
{
  Pick *picks = picker->picks;
  gsize bytes = 0;
  gboolean joins = FALSE;
  guint i;

  *labelled = 0;
  for (i = 0; i < picker->rows; i++) {
    if (!pick (ctx, picker, i, &picks[i]))
      return FALSE;
    if (picks[i].label != 0) {
      bytes += GVAJS_META_OVERHEAD +
          strlen (g_quark_to_string (picks[i].label));
      joins |= i >= regions->n_rois;
      (*labelled)++;
    }
  }
  /* Tensors are ROI params: an ODMtd alone gets its ROI meta first. */
  return (!joins || _gvajs_frame_check_writable (ctx, scope,
          ADD_REGION_LABELS)) && (bytes == 0 ||
      _gvajs_scope_count_metadata (ctx, ADD_REGION_LABELS, bytes));
}

static void
label_region (GvajsScope * scope, GQuark name, gint id,
    GstVideoRegionOfInterestMeta * roi, const Pick * pick)
{
  gst_video_region_of_interest_meta_add_param (roi,
      new_classification (name, pick->label, id, pick->confidence));
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
  guint i, labelled = 0;
  Regions regions;
  Picker picker;
  gboolean ok;
  GQuark name;

  if (scope == NULL || !(name = _gvajs_get_name (ctx, ADD_REGION_LABELS,
              "name", "tensor name", argv[0])))
    return JS_EXCEPTION;
  picker_init (&picker, ADD_REGION_LABELS, "the frame has",
      "regions (one each, in regions() order)");
  regions_collect (scope->buffer, &regions);
  picker_set_rows (&picker, regions.n);
  ok = picker_parse (ctx, &picker, argv[1], argv[2], argc > 3 ? argv[3] :
      JS_UNDEFINED) &&
      picker_parse_threshold (ctx, &picker, argc > 4 ? argv[4] :
      JS_UNDEFINED) &&
      pick_labels (ctx, scope, &picker, &regions, &labelled);
  for (i = 0; ok && i < regions.n; i++) {
    if (picker.picks[i].label == 0)
      continue;
    if ((roi = regions_roi (&regions, i)) == NULL)
      roi = _gvajs_region_add_joined (scope, regions_od (&regions, i));
    label_region (scope, name, picker_id (&picker, i), roi,
        &picker.picks[i]);
  }
  regions_clear (&regions);
  picker_clear (&picker);
  return ok ? JS_NewUint32 (ctx, labelled) : JS_EXCEPTION;
}

/* ---- the readers ---- */

#define REGION_TENSOR_DATA "VideoFrame.regionTensorData"

/* The FP32 bytes of the tensor @name of @roi, or NULL; throws (and sets
 * *@bad) when it holds another precision or not @expected bytes (when not
 * 0). */
static gconstpointer
row_bytes (JSContext * ctx, GstVideoRegionOfInterestMeta * roi, GQuark name,
    gsize * n, gsize expected, guint index, gboolean * bad)
{
  GstStructure *s = _gvajs_region_find_param (roi, name);
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

/* The row length in bytes: the first region with the tensor @name
 * gives it; 0 when none has one (or after throwing, with *@bad set). */
static gsize
row_size (JSContext * ctx, const Regions * regions, GQuark name,
    gboolean * bad)
{
  gsize size = 0;
  guint i;

  for (i = 0; size == 0 && i < regions->n_rois; i++)
    if (row_bytes (ctx, regions->rois[i], name, &size, 0, i, bad) == NULL &&
        *bad)
      return 0;
  return size;
}

/* Copies each region's tensor @name into its row of @out; zeros for a
 * region without one (the ODMtds alone have no tensors). */
static gboolean
copy_rows (JSContext * ctx, const Regions * regions, GQuark name, gsize size,
    guint8 * out)
{
  gconstpointer bytes;
  gboolean bad = FALSE;
  gsize n;
  guint i;

  for (i = 0; i < regions->n_rois; i++) {
    if ((bytes = row_bytes (ctx, regions->rois[i], name, &n, size, i,
                &bad)) != NULL)
      memcpy (out + (gsize) i * size, bytes, size);
    else if (bad)
      return FALSE;
    else
      memset (out + (gsize) i * size, 0, size);
  }
  memset (out + (gsize) i * size, 0, (regions->n - i) * size);
  return TRUE;
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
  GvajsArrayView out;
  gboolean bad = FALSE;
  Regions regions;
  JSValue result;
  GQuark name;
  gsize size;

  if (scope == NULL || !(name = _gvajs_get_name (ctx, REGION_TENSOR_DATA,
              "name", "tensor name", argv[0])))
    return JS_EXCEPTION;
  regions_collect (scope->buffer, &regions);
  if ((size = row_size (ctx, &regions, name, &bad)) == 0) {
    regions_clear (&regions);
    return bad ? JS_EXCEPTION : JS_UNDEFINED;
  }
  result = _gvajs_output_array (ctx, REGION_TENSOR_DATA, argc > 1 ? argv[1] :
      JS_UNDEFINED, JS_TYPED_ARRAY_FLOAT32, regions.n * (size / 4), &out,
      "%u regions × %" G_GSIZE_FORMAT " values", regions.n, size / 4);
  if (!JS_IsException (result) && !copy_rows (ctx, &regions, name, size,
          out.data)) {
    JS_FreeValue (ctx, result);
    result = JS_EXCEPTION;
  }
  regions_clear (&regions);
  return result;
}

#define REGION_BOXES "VideoFrame.regionBoxes"

/**
 * regionBoxes(out?: Float64Array): Float64Array
 *
 * Every region's pixel box, 4 numbers per region (x, y, w, h, as rect()
 * gives them) in regions() order. RangeError when out is not a
 * Float64Array of 4 × regions.
 */
static JSValue
js_video_frame_region_boxes (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GvajsArrayView out;
  Regions regions;
  JSValue result;
  guint i;

  if (scope == NULL)
    return JS_EXCEPTION;
  regions_collect (scope->buffer, &regions);
  result = _gvajs_output_array (ctx, REGION_BOXES, argc > 0 ? argv[0] :
      JS_UNDEFINED, JS_TYPED_ARRAY_FLOAT64, (gsize) regions.n * 4, &out,
      "4 × %u regions", regions.n);
  for (i = 0; !JS_IsException (result) && i < regions.n; i++)
    _gvajs_region_box (regions_roi (&regions, i), regions_od (&regions, i),
        (gdouble *) out.data + 4 * i);
  regions_clear (&regions);
  return result;
}

/* confidence() of region @i, NaN where that is undefined. */
static gdouble
region_confidence (GstBuffer * buffer, const Regions * regions, guint i)
{
  gdouble confidence;

  return _gvajs_region_confidence (buffer, regions_roi (regions, i),
      regions_od (regions, i), &confidence) ? confidence : NAN;
}

#define REGION_CONFIDENCES "VideoFrame.regionConfidences"

/**
 * regionConfidences(out?: Float64Array): Float64Array
 *
 * Every region's confidence() in regions() order, NaN where it is
 * undefined. RangeError when out is not a Float64Array of one per region.
 */
static JSValue
js_video_frame_region_confidences (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GvajsArrayView out;
  Regions regions;
  JSValue result;
  guint i;

  if (scope == NULL)
    return JS_EXCEPTION;
  regions_collect (scope->buffer, &regions);
  result = _gvajs_output_array (ctx, REGION_CONFIDENCES, argc > 0 ? argv[0] :
      JS_UNDEFINED, JS_TYPED_ARRAY_FLOAT64, regions.n, &out, "%u regions",
      regions.n);
  for (i = 0; !JS_IsException (result) && i < regions.n; i++)
    ((gdouble *) out.data)[i] = region_confidence (scope->buffer, &regions, i);
  regions_clear (&regions);
  return result;
}

/* The label of @roi's tensor @name when it is a string (a classifier's
 * result), else undefined; an ODMtd alone (@roi NULL) has no tensors. */
static JSValue
tensor_label_to_js (JSContext * ctx, GstVideoRegionOfInterestMeta * roi,
    GQuark name)
{
  GstStructure *s = roi ? _gvajs_region_find_param (roi, name) : NULL;
  const GValue *v = s ? gst_structure_id_get_value (s, GVAJS_QUARK (LABEL)) :
      NULL;

  return v && G_VALUE_HOLDS_STRING (v) && g_value_get_string (v) ?
      JS_NewString (ctx, g_value_get_string (v)) : JS_UNDEFINED;
}

#define REGION_LABELS "VideoFrame.regionLabels"

/**
 * regionLabels(name?: string): (string | undefined)[]
 *
 * Without @name, every region's label() in regions() order; with it, the
 * label of each region's tensor @name (a classifier's result), undefined
 * for a region without one.
 */
static JSValue
js_video_frame_region_labels (JSContext * ctx, JSValueConst this_val,
    int argc, JSValueConst * argv)
{
  GvajsScope *scope = _gvajs_frame_get (ctx, this_val);
  GstVideoRegionOfInterestMeta *roi;
  GvajsArray array = GVAJS_ARRAY_INIT;
  GQuark name = 0;
  Regions regions;
  guint i;

  if (scope == NULL || (argc > 0 && !JS_IsUndefined (argv[0]) &&
          !(name = _gvajs_get_name (ctx, REGION_LABELS, "name",
                  "tensor name", argv[0]))))
    return JS_EXCEPTION;
  regions_collect (scope->buffer, &regions);
  for (i = 0; !array.failed && i < regions.n; i++) {
    roi = regions_roi (&regions, i);
    _gvajs_array_add (ctx, &array, name ? tensor_label_to_js (ctx, roi,
            name) : _gvajs_name_to_js (ctx, _gvajs_region_label (roi,
                regions_od (&regions, i))));
  }
  regions_clear (&regions);
  return _gvajs_array_end (ctx, &array);
}

static const JSCFunctionListEntry js_video_frame_batch_funcs[] = {
  JS_CFUNC_DEF ("addRegions", 3, js_video_frame_add_regions),
  JS_CFUNC_DEF ("addRegionLabels", 3, js_video_frame_add_region_labels),
  JS_CFUNC_DEF ("regionTensorData", 1, js_video_frame_region_tensor_data),
  JS_CFUNC_DEF ("regionBoxes", 0, js_video_frame_region_boxes),
  JS_CFUNC_DEF ("regionConfidences", 0, js_video_frame_region_confidences),
  JS_CFUNC_DEF ("regionLabels", 0, js_video_frame_region_labels),
};

void
_gvajs_batch_init (JSContext * ctx, JSValueConst frame_proto)
{
  JS_SetPropertyFunctionList (ctx, frame_proto, js_video_frame_batch_funcs,
      G_N_ELEMENTS (js_video_frame_batch_funcs));
}
