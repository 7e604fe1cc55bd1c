/* SPDX-License-Identifier: MIT */
/* gst-check tests of the metadata API: regions, tensors and messages.
 *
 * Round trips run "gvajs (writer) ! gvajs (reader)" over GRAY8 100x50
 * frames, the fixtures (tests/fixtures/meta/) printing what they see. The
 * wire format is checked from C on the buffers that come out, and C writes
 * metadata the way other elements do (facedetect, DL Streamer) for gvajs
 * to read. */
#include "config.h"
#include "gvajs-test-utils.h"

#include <gst/video/video.h>
#include <string.h>

#ifdef HAVE_GST_ANALYTICS
#include <gst/analytics/analytics.h>
#endif

#define CAPS "video/x-raw,format=GRAY8,width=100,height=50,framerate=30/1"
#define FRAME_SIZE 5000

/* ---- harness helpers ---- */

static GstHarness *
pair_harness (const gchar * fixture, const gchar * writer,
    const gchar * reader)
{
  gchar *path = gvajs_test_fixture (fixture);
  gchar *launch = reader ?
      g_strdup_printf ("gvajs module=\"%s\" function=%s ! "
      "gvajs module=\"%s\" function=%s", path, writer, path, reader) :
      g_strdup_printf ("gvajs module=\"%s\" function=%s", path, writer);
  GstHarness *h = gst_harness_new_parse (launch);

  gst_harness_set_src_caps_str (h, CAPS);
  g_free (launch);
  g_free (path);
  return h;
}

/* Pushes @buf (or @n blank frames) through writer ! reader, and returns
 * what the scripts printed; the last buffer out goes to @out if given. */
static gchar *
run_buffers (const gchar * fixture, const gchar * writer, const gchar * reader,
    guint n, GstBuffer * buf, GstBuffer ** out)
{
  GstHarness *h;
  GstFlowReturn ret = GST_FLOW_OK;
  gchar *text;
  guint i;

  gvajs_test_capture_output_start ();
  h = pair_harness (fixture, writer, reader);
  for (i = 0; i < n && ret == GST_FLOW_OK; i++)
    ret = gst_harness_push (h, buf && i == 0 ? buf :
        gvajs_test_buffer (FRAME_SIZE, 0, i * GST_SECOND / 30));
  if (out)
    *out = ret == GST_FLOW_OK ? gst_harness_pull (h) : NULL;
  gst_harness_teardown (h);
  text = gvajs_test_capture_output_stop ();
  fail_unless (ret == GST_FLOW_OK, "%s/%s returned %s; output:\n%s", writer,
      reader ? reader : "-", gst_flow_get_name (ret), text);
  return text;
}

static gchar *
run_pair (const gchar * fixture, const gchar * writer, const gchar * reader)
{
  return run_buffers (fixture, writer, reader, 1, NULL, NULL);
}

static void
check_output (const gchar * fixture, const gchar * writer,
    const gchar * reader, const gchar * expected)
{
  gchar *out = run_pair (fixture, writer, reader);

  fail_unless_equals_string (out, expected);
  g_free (out);
}

static GstBuffer *
blank_frame (void)
{
  return gvajs_test_buffer (FRAME_SIZE, 0, 0);
}

static GList *
roi_metas (GstBuffer * buf)
{
  GList *metas = NULL;
  gpointer state = NULL;
  GstMeta *meta;

  while ((meta = gst_buffer_iterate_meta_filtered (buf, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE)))
    metas = g_list_append (metas, meta);
  return metas;
}

static gdouble
double_field (const GstStructure * s, const gchar * field)
{
  gdouble d = -1;

  fail_unless (gst_structure_has_field_typed (s, field, G_TYPE_DOUBLE),
      "%s is not a double in %" GST_PTR_FORMAT, field, s);
  gst_structure_get_double (s, field, &d);
  return d;
}

static gint
int_field (const GstStructure * s, const gchar * field)
{
  gint i = -1;

  fail_unless (gst_structure_has_field_typed (s, field, G_TYPE_INT),
      "%s is not an int in %" GST_PTR_FORMAT, field, s);
  gst_structure_get_int (s, field, &i);
  return i;
}

/* The type of @field's array items, checking that it is a GST_TYPE_ARRAY. */
static GType
array_item_type (const GstStructure * s, const gchar * field)
{
  const GValue *v = gst_structure_get_value (s, field);

  fail_unless (v && GST_VALUE_HOLDS_ARRAY (v), "%s is not an array in %"
      GST_PTR_FORMAT, field, s);
  fail_unless (gst_value_array_get_size (v) > 0);
  return G_VALUE_TYPE (gst_value_array_get_value (v, 0));
}

/* ---- DL Streamer's metas, registered here as DL Streamer would ---- */

typedef struct
{
  GstMeta meta;
  GstStructure *data;
} TestTensorMeta;

typedef struct
{
  GstMeta meta;
  gchar *message;
} TestJsonMeta;

static gboolean
test_tensor_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  ((TestTensorMeta *) meta)->data = gst_structure_new_empty ("meta");
  return TRUE;
}

static void
test_tensor_free (GstMeta * meta, GstBuffer * buffer)
{
  gst_structure_free (((TestTensorMeta *) meta)->data);
}

static gboolean
test_json_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  ((TestJsonMeta *) meta)->message = NULL;
  return TRUE;
}

static void
test_json_free (GstMeta * meta, GstBuffer * buffer)
{
  g_free (((TestJsonMeta *) meta)->message);
}

/* Registers the types under DL Streamer's names before gvajs does (each
 * test runs in its own process), or finds them when gvajs already has. */
static const GstMetaInfo *
dlstreamer_meta (const gchar * api_name, const gchar * impl, gsize size,
    GstMetaInitFunction init, GstMetaFreeFunction free_func)
{
  static const gchar *tags[] = { NULL };
  const GstMetaInfo *info = gst_meta_get_info (impl);

  if (info == NULL)
    info = gst_meta_register (gst_meta_api_type_register (api_name, tags),
        impl, size, init, free_func, NULL);
  return info;
}

static const GstMetaInfo *
tensor_meta_info (void)
{
  return dlstreamer_meta ("GstGVATensorMetaAPI", "GstGVATensorMeta",
      sizeof (TestTensorMeta), test_tensor_init, test_tensor_free);
}

static const GstMetaInfo *
json_meta_info (void)
{
  return dlstreamer_meta ("GstGVAJSONMetaAPI", "GstGVAJSONMeta",
      sizeof (TestJsonMeta), test_json_init, test_json_free);
}

static GList *
metas_of (GstBuffer * buf, const gchar * api_name)
{
  GType api = g_type_from_name (api_name);
  GList *metas = NULL;
  gpointer state = NULL;
  GstMeta *meta;

  fail_unless (api != 0, "%s is not registered", api_name);
  while ((meta = gst_buffer_iterate_meta_filtered (buf, &state, api)))
    metas = g_list_append (metas, meta);
  return metas;
}

/* A GVariant "ay" of @size bytes starting @offset bytes into a buffer it
 * owns, so @offset 1 gives bytes misaligned for any wider type. */
static GVariant *
bytes_variant (gconstpointer data, gsize size, gsize offset)
{
  guint8 *copy = g_malloc (size + offset);

  memcpy (copy + offset, data, size);
  return g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, copy + offset,
      size, TRUE, g_free, copy);
}

static void
set_dims (GstStructure * s, guint n, ...)
{
  GValue dims = G_VALUE_INIT, item = G_VALUE_INIT;
  va_list args;
  guint i;

  g_value_init (&dims, GST_TYPE_ARRAY);
  va_start (args, n);
  for (i = 0; i < n; i++) {
    g_value_init (&item, G_TYPE_UINT);
    g_value_set_uint (&item, va_arg (args, guint));
    gst_value_array_append_and_take_value (&dims, &item);
  }
  va_end (args);
  gst_structure_take_value (s, "dims", &dims);
}

/* A frame tensor as gvainference writes one: FP32 data_buffer, precision,
 * layout, dims, names. */
static void
add_dlstreamer_tensor (GstBuffer * buf, const gchar * name,
    const gfloat * values, guint n, gsize offset)
{
  TestTensorMeta *meta = (TestTensorMeta *) gst_buffer_add_meta (buf,
      tensor_meta_info (), NULL);

  gst_structure_set_name (meta->data, name);
  gst_structure_set (meta->data, "precision", G_TYPE_INT, 10, "layout",
      G_TYPE_INT, 193, "layer_name", G_TYPE_STRING, "prob", "model_name",
      G_TYPE_STRING, "net", "element_id", G_TYPE_STRING, "infer0",
      "data_buffer", G_TYPE_VARIANT, bytes_variant (values, n * sizeof
          (gfloat), offset), NULL);
  set_dims (meta->data, 2, 1, n);
}

/* ---- regions ---- */

GST_START_TEST (test_regions_round_trip)
{
  check_output ("meta/regions.js", "write_regions", "read_regions",
      "car {\"x\":10,\"y\":5,\"w\":20,\"h\":10} "
      "{\"x\":0.1,\"y\":0.1,\"w\":0.19999999999999998,"
      "\"h\":0.19999999999999998} labelId=\"undefined\" confidence=0.75 "
      "objectId=\"undefined\" parentId=0 tensors=detection "
      "detection=detection\n"
      "person {\"x\":50,\"y\":10,\"w\":25,\"h\":25} "
      "{\"x\":0.5,\"y\":0.2,\"w\":0.25,\"h\":0.49999999999999994} labelId=3 "
      "confidence=0.5 objectId=42 parentId=0 tensors=detection "
      "detection=detection\n"
      "dog {\"x\":0,\"y\":0,\"w\":10,\"h\":5} "
      "{\"x\":0,\"y\":0,\"w\":0.1,\"h\":0.1} labelId=\"undefined\" "
      "confidence=0 objectId=\"undefined\" parentId=0 "
      "tensors=detection detection=detection\n"
      "edge {\"x\":0,\"y\":40,\"w\":20,\"h\":10} "
      "{\"x\":0,\"y\":0.8,\"w\":0.2,\"h\":0.19999999999999996} "
      "labelId=\"undefined\" confidence=0 objectId=\"undefined\" "
      "parentId=0 tensors=detection detection=detection\n"
      " {\"x\":1,\"y\":1,\"w\":2,\"h\":2} "
      "{\"x\":0.01,\"y\":0.02,\"w\":0.019999999999999997,"
      "\"h\":0.039999999999999994} labelId=\"undefined\" "
      "confidence=0 objectId=\"undefined\" parentId=0 "
      "tensors=detection detection=detection\n"
      "cut {\"x\":10,\"y\":5,\"w\":33,\"h\":16} "
      "{\"x\":0.1,\"y\":0.1,\"w\":0.32999999999999996,"
      "\"h\":0.31999999999999995} labelId=\"undefined\" confidence=0.5 "
      "objectId=\"undefined\" parentId=0 tensors=detection "
      "detection=detection\n");
}

GST_END_TEST;

GST_START_TEST (test_region_tensor_data_in_region_order)
{
  check_output ("meta/regions.js", "write_embeddings",
      "read_region_tensor_data",
      "rows Float32Array 1,2,3,0,0,0,4,5,6\n"
      "out Float32Array 1,2,3,0,0,0,4,5,6\n"
      "none undefined\n"
      "short out RangeError: VideoFrame.regionTensorData(): out must be a "
      "Float32Array of 3 regions × 3 values\n"
      "name TypeError: VideoFrame.regionTensorData(): name must be a string, "
      "not 5\n"
      "u8 TypeError: VideoFrame.regionTensorData(): region 1's tensor 'emb' "
      "is not FP32 data (precision 40, 3 bytes)\n"
      "lengths RangeError: VideoFrame.regionTensorData(): region 2's tensor "
      "'emb2' holds 2 values, the first one's 1\n");
}

GST_END_TEST;

/* The batch label write: what a per-region addTensor() and setLabel()
 * would write, plus label_id, confidence and type (a classifier's
 * result, as gvaclassify writes it); a rejected call writes nothing. */
GST_START_TEST (test_region_labels_in_one_call)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/regions.js", "write_faces", "label_faces",
      1, NULL, &buf);
  GList *metas = roi_metas (buf);
  GstStructure *id;

  fail_unless_equals_string (out,
      "best 1,0,-1,2 max 0.90,0.30,NaN,0.95\n"
      "short ids RangeError: VideoFrame.addRegionLabels(): ids has 3 "
      "elements but the frame has 4 regions (one each, in regions() order)\n"
      "id past labels RangeError: VideoFrame.addRegionLabels(): ids[3] is 3, "
      "which is not an index of labels (3 names)\n"
      "fractional id RangeError: VideoFrame.addRegionLabels(): ids[1] is 0.5, "
      "which is not an index of labels (3 names)\n"
      "label not a string TypeError: VideoFrame.addRegionLabels(): labels[1] "
      "must be a string, not 2\n"
      "labels not an array TypeError: VideoFrame.addRegionLabels(): labels "
      "must be an array of strings, not the string \"abc\"\n"
      "ids not typed TypeError: VideoFrame.addRegionLabels(): ids must be a "
      "typed array of numbers (Float32Array, Float64Array, Int32Array, "
      "Uint8Array, ...), not an Array (use a Float32Array)\n"
      "bad name RangeError: VideoFrame.addRegionLabels(): name \"a b\" is not "
      "a valid tensor name: it must start with a letter and hold only "
      "letters, digits and /-_.:+\n"
      "confidences short RangeError: VideoFrame.addRegionLabels(): "
      "confidences has 3 elements but the frame has 4 regions (one each, in "
      "regions() order)\n"
      "threshold alone TypeError: VideoFrame.addRegionLabels(): a threshold "
      "needs the confidences it is compared with\n"
      "threshold NaN RangeError: VideoFrame.addRegionLabels(): threshold must "
      "be a finite number, not NaN\n"
      "tensors after errors 1,1,1,1\n"
      "added 2\n"
      "no confidences 3\n"
      "face_id:bob:1:0.90:classification_result "
      "guess:bob:1:undefined:classification_result\n"
      "guess:alice:0:undefined:classification_result\n" "-\n"
      "face_id:carol:2:0.95:classification_result "
      "guess:carol:2:undefined:classification_result\n");
  fail_unless_equals_int (g_list_length (metas), 4);
  id = gst_video_region_of_interest_meta_get_param (metas->data, "face_id");
  fail_unless_equals_string (gst_structure_get_string (id, "label"), "bob");
  fail_unless_equals_int (int_field (id, "label_id"), 1);
  fail_unless_equals_float (double_field (id, "confidence"), 0.9f);
  fail_unless_equals_string (gst_structure_get_string (id, "type"),
      "classification_result");
  fail_unless_equals_int (gst_structure_n_fields (id), 4);
  fail_if (gst_video_region_of_interest_meta_get_param (metas->next->data,
          "face_id"));
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* The batch region write: what addRegion() with a labelId writes, per
 * row picked; a rejected call writes nothing. */
GST_START_TEST (test_add_regions_in_one_call)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/regions.js", "add_detections",
      "read_regions", 1, NULL, &buf);
  GList *metas = roi_metas (buf);
  GstStructure *det;

  fail_unless_equals_string (out,
      "boxes not 4 each RangeError: VideoFrame.addRegions(): boxes has 15 "
      "elements, which is not 4 (x, y, w, h) per region\n"
      "boxes not typed TypeError: VideoFrame.addRegions(): boxes must be a "
      "typed array of numbers (Float32Array, Float64Array, Int32Array, "
      "Uint8Array, ...), not an Array (use a Float32Array)\n"
      "short ids RangeError: VideoFrame.addRegions(): ids has 3 elements but "
      "boxes holds 4 boxes (one each)\n"
      "id past labels RangeError: VideoFrame.addRegions(): ids[1] is 2, which "
      "is not an index of labels (2 names)\n"
      "label not a string TypeError: VideoFrame.addRegions(): labels[1] must "
      "be a string, not 5\n"
      "NaN box RangeError: VideoFrame.addRegions(): box 3's x (boxes[12]) is "
      "NaN; a box is finite numbers, w and h not negative\n"
      "negative h RangeError: VideoFrame.addRegions(): box 0's h (boxes[3]) "
      "is -3; a box is finite numbers, w and h not negative\n"
      "short confidences RangeError: VideoFrame.addRegions(): confidences "
      "has 3 elements but boxes holds 4 boxes (one each)\n"
      "unknown option TypeError: VideoFrame.addRegions(): unknown option "
      "\"treshold\"; the options are normalized, threshold\n"
      "threshold alone TypeError: VideoFrame.addRegions(): a threshold needs "
      "the confidences it is compared with\n"
      "normalized not boolean TypeError: VideoFrame.addRegions(): normalized "
      "must be a boolean\n"
      "options not an object TypeError: VideoFrame.addRegions(): options "
      "must be an object {normalized?, threshold?}, not 0.4\n"
      "regions after errors 0\n" "added 2\n" "normalized 1\n" "none 0\n"
      "car {\"x\":10,\"y\":5,\"w\":20,\"h\":10} "
      "{\"x\":0.1,\"y\":0.1,\"w\":0.19999999999999998,"
      "\"h\":0.19999999999999998} labelId=0 confidence=0.75 "
      "objectId=\"undefined\" parentId=0 tensors=detection "
      "detection=detection\n"
      "person {\"x\":0,\"y\":40,\"w\":20,\"h\":10} "
      "{\"x\":0,\"y\":0.8,\"w\":0.2,\"h\":0.19999999999999996} labelId=1 "
      "confidence=0.5 objectId=\"undefined\" parentId=0 tensors=detection "
      "detection=detection\n"
      "person {\"x\":50,\"y\":10,\"w\":25,\"h\":25} "
      "{\"x\":0.5,\"y\":0.2,\"w\":0.25,\"h\":0.49999999999999994} "
      "labelId=1 confidence=0 objectId=\"undefined\" parentId=0 "
      "tensors=detection detection=detection\n");
  /* The detection param as addRegion writes it with a labelId. */
  fail_unless_equals_int (g_list_length (metas), 3);
  det = gst_video_region_of_interest_meta_get_param (metas->data,
      "detection");
  fail_unless_equals_int (gst_structure_n_fields (det), 6);
  fail_unless_equals_int (int_field (det, "label_id"), 0);
  fail_unless_equals_float (double_field (det, "confidence"), 0.75);
  fail_unless_equals_float (double_field (det, "x_max"), 0.3);
  fail_unless_equals_string (g_quark_to_string (((GstVideoRegionOfInterestMeta
                  *) metas->data)->roi_type), "car");
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_batch_many_regions)
{
  check_output ("meta/regions.js", "many_regions", NULL,
      "200 regions, boxes true, labels true, confidences true\n");
}

GST_END_TEST;

GST_START_TEST (test_tensor_by_name)
{
  check_output ("meta/regions.js", "tensor_by_name", NULL,
      "age=30 detection undefined undefined undefined\n"
      "TypeError: RegionOfInterest.getTensorByName(): name must be a "
      "string, not 5\n");
}

GST_END_TEST;

/* Normalized boxes truncate as gstgva's int() does, not round. */
GST_START_TEST (test_normalized_box_as_gstgva)
{
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness ("meta/regions.js", "function=gstgva_box",
      "video/x-raw,format=GRAY8,width=320,height=240,framerate=30/1");
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (320 * 240,
              0, 0)), GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  fail_unless_equals_string (out,
      "{\"x\":32,\"y\":24,\"w\":105,\"h\":79}\n");
  g_free (out);
}

GST_END_TEST;

/* What DL Streamer's readers (gstgva, gvawatermark, gvametaconvert) look
 * for: reference/gvapython.md §3.1-3.2. */
GST_START_TEST (test_region_wire_format)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/regions.js", "write_regions", NULL, 1,
      NULL, &buf);
  GList *metas = roi_metas (buf);
  GstVideoRegionOfInterestMeta *car, *person;
  GstStructure *det, *oid;

  fail_unless_equals_int (g_list_length (metas), 6);
  car = metas->data;
  person = metas->next->data;
  fail_unless_equals_string (g_quark_to_string (car->roi_type), "car");
  fail_unless_equals_int (car->x, 10);
  fail_unless_equals_int (car->y, 5);
  fail_unless_equals_int (car->w, 20);
  fail_unless_equals_int (car->h, 10);
#ifdef HAVE_GST_ANALYTICS
  /* The ODMtds' ids, from 0 in each buffer (test_analytics_wire_format). */
  fail_unless (car->id == 0 && person->id == 1);
#else
  fail_unless (car->id > 0 && person->id > 0 && car->id != person->id);
#endif
  fail_unless_equals_int (g_list_length (car->params), 1);
  det = gst_video_region_of_interest_meta_get_param (car, "detection");
  fail_unless_equals_float (double_field (det, "x_min"), 0.1);
  fail_unless_equals_float (double_field (det, "y_min"), 0.1);
  fail_unless_equals_float (double_field (det, "x_max"), 0.3);
  fail_unless_equals_float (double_field (det, "y_max"), 0.3);
  fail_unless_equals_float (double_field (det, "confidence"), 0.75);
  /* label_id only when known */
  fail_if (gst_structure_has_field (det, "label_id"));
  det = gst_video_region_of_interest_meta_get_param (person, "detection");
  fail_unless_equals_int (int_field (det, "label_id"), 3);
  fail_unless_equals_float (double_field (det, "confidence"), 0.5);
  oid = gst_video_region_of_interest_meta_get_param (person, "object_id");
  fail_unless_equals_int (int_field (oid, "id"), 42);
  /* no confidence given: 0.0, as gstgva's add_region writes it */
  det = gst_video_region_of_interest_meta_get_param (metas->next->next->data,
      "detection");
  fail_unless_equals_float (double_field (det, "confidence"), 0.0);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_region_ids_reach_the_next_element)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/regions.js", "write_ids", "read_ids", 1,
      NULL, &buf);
  GList *metas = roi_metas (buf);
  gchar *expected = g_strdup_printf ("unique true true\nseen %d,%d\n",
      ((GstVideoRegionOfInterestMeta *) metas->data)->id,
      ((GstVideoRegionOfInterestMeta *) metas->next->data)->id);

  fail_unless_equals_string (out, expected);
  g_free (expected);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* Regions as elements that know nothing of DL Streamer write them
 * (facedetect: the bare meta), and as DL Streamer does (params), with ids
 * that are neither contiguous nor ordered. */
static GstBuffer *
foreign_regions_frame (void)
{
  GstBuffer *buf = blank_frame ();
  GstVideoRegionOfInterestMeta *face, *car;

  face = gst_buffer_add_video_region_of_interest_meta (buf, "face", 10, 20,
      30, 15);
  face->id = 7;
  car = gst_buffer_add_video_region_of_interest_meta (buf, "vehicle", 50, 0,
      50, 25);
  car->id = 3;
  car->parent_id = 7;
  gst_video_region_of_interest_meta_add_param (car,
      gst_structure_new ("detection", "x_min", G_TYPE_DOUBLE, 0.5, "y_min",
          G_TYPE_DOUBLE, 0.0, "x_max", G_TYPE_DOUBLE, 1.0, "y_max",
          G_TYPE_DOUBLE, 0.5, "confidence", G_TYPE_DOUBLE, 0.625, "label_id",
          G_TYPE_INT, 2, NULL));
  gst_video_region_of_interest_meta_add_param (car,
      gst_structure_new ("object_id", "id", G_TYPE_INT, 11, NULL));
  gst_video_region_of_interest_meta_add_param (car,
      gst_structure_new ("color", "label", G_TYPE_STRING, "red",
          "type", G_TYPE_STRING, "classification_result", NULL));
  return buf;
}

GST_START_TEST (test_foreign_regions_are_read_and_left_unchanged)
{
  GstBuffer *out_buf;
  gchar *out = run_buffers ("meta/regions.js", "read_all", NULL, 1,
      foreign_regions_frame (), &out_buf);
  GList *metas = roi_metas (out_buf);

  fail_unless_equals_string (out,
      "face {\"x\":10,\"y\":20,\"w\":30,\"h\":15} "
      "{\"x\":0.1,\"y\":0.4,\"w\":0.3,\"h\":0.3} labelId=\"undefined\" "
      "confidence=\"undefined\" objectId=\"undefined\" parentId=0 tensors= "
      "detection=undefined id=7\n"
      "vehicle {\"x\":50,\"y\":0,\"w\":50,\"h\":25} "
      "{\"x\":0.5,\"y\":0,\"w\":0.5,\"h\":0.5} labelId=2 confidence=0.625 "
      "objectId=11 parentId=7 tensors=detection,color detection=detection "
      "id=3\n");
  /* Reading never adds a detection (gstgva's detection() does). */
  fail_unless_equals_int (g_list_length (metas), 2);
  fail_unless (((GstVideoRegionOfInterestMeta *) metas->data)->params ==
      NULL);
  fail_unless_equals_int (g_list_length (((GstVideoRegionOfInterestMeta *)
              metas->next->data)->params), 3);
  g_list_free (metas);
  gst_buffer_unref (out_buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_batch_readers)
{
  gchar *out = run_buffers ("meta/regions.js", "read_batch", NULL, 1,
      foreign_regions_frame (), NULL);

  /* face is a bare ROI meta (facedetect's): no confidence, no tensor. */
  fail_unless_equals_string (out, "boxes 10,20,30,15,50,0,50,25\n"
      "confidences NaN,0.625\n" "labels face,vehicle color undefined,red\n"
      "same as the methods true (2 regions)\n" "out true true\n"
      "short out RangeError: VideoFrame.regionBoxes(): out must be a "
      "Float64Array of 4 × 2 regions\n"
      "float32 out RangeError: VideoFrame.regionConfidences(): out must be a "
      "Float64Array of 2 regions\n"
      "name TypeError: VideoFrame.regionLabels(): name must be a string, not "
      "5\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_region_identity)
{
  gchar *out = run_buffers ("meta/regions.js", "identity", NULL, 1, NULL,
      NULL);

  fail_unless_equals_string (out, "same true fresh true b\nold TypeError\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_remove_region)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/regions.js", "remove_middle", "count", 1,
      NULL, &buf);
  GList *metas = roi_metas (buf);

  fail_unless_equals_string (out, "left a,c\n"
      "TypeError: this RegionOfInterest is no longer valid: it was removed "
      "from the frame\n"
      "TypeError: this Tensor is no longer valid: its region was removed "
      "from the frame\n"
      "TypeError: this RegionOfInterest is no longer valid: it was removed "
      "from the frame\n" "still a c\n" "regions 2\n");
  fail_unless_equals_int (g_list_length (metas), 2);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_set_object_id)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/regions.js", "set_object_ids", NULL, 1,
      NULL, &buf);
  GList *metas = roi_metas (buf);
  GstVideoRegionOfInterestMeta *roi = metas->data;

  fail_unless_equals_string (out, "before \"undefined\"\n"
      "after 6 tensors=detection\n");
  /* One object_id param, updated in place, as gvatrack keeps it. */
  fail_unless_equals_int (g_list_length (roi->params), 2);
  fail_unless_equals_int (int_field (gst_video_region_of_interest_meta_get_param
          (roi, "object_id"), "id"), 6);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* ---- tensors ---- */

GST_START_TEST (test_tensor_fields_round_trip)
{
  check_output ("meta/tensors.js", "write_fields", "read_fields",
      "label \"Female\"\nlabel_id 1\nconfidence 0.875\nbig 1099511627776\n"
      "neg -7\nflag true\noff false\nuints [1,2,3]\nints [-1,2]\n"
      "floats [0.5,1.25]\nstrings [\"a\",\"b c\"]\nempty []\n"
      "f64 [0.1,0.2]\ni16 [-3,4]\nu8 [200]\nlayer_name \"prob\"\n"
      "model_name \"age-gender-recognition\"\nformat \"label\"\n"
      "element_id \"classify0\"\ntype \"classification_result\"\n"
      "layout 193\n"
      "has label true missing false get missing undefined\n"
      "gender Female 1 0.875 prob age-gender-recognition label classify0 "
      "classification_result 193 255 false undefined undefined\n"
      "second x undefined undefined true true\n"
      "detection true 0.9 undefined\n");
}

GST_END_TEST;

/* The GTypes set() picks, as DL Streamer and gstgva read them. */
GST_START_TEST (test_tensor_field_types)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/tensors.js", "write_fields", NULL, 1, NULL,
      &buf);
  GList *metas = roi_metas (buf);
  GstStructure *s = gst_video_region_of_interest_meta_get_param (metas->data,
      "gender");

  fail_unless (s != NULL);
  fail_unless (gst_structure_has_field_typed (s, "label", G_TYPE_STRING));
  fail_unless_equals_int (int_field (s, "label_id"), 1);
  fail_unless_equals_float (double_field (s, "confidence"), 0.875);
  fail_unless (gst_structure_has_field_typed (s, "big", G_TYPE_INT64));
  fail_unless_equals_int (int_field (s, "neg"), -7);
  fail_unless (gst_structure_has_field_typed (s, "flag", G_TYPE_BOOLEAN));
  fail_unless_equals_int (array_item_type (s, "uints"), G_TYPE_UINT);
  fail_unless_equals_int (array_item_type (s, "ints"), G_TYPE_INT);
  fail_unless_equals_int (array_item_type (s, "floats"), G_TYPE_FLOAT);
  fail_unless_equals_int (array_item_type (s, "strings"), G_TYPE_STRING);
  fail_unless_equals_int (array_item_type (s, "f64"), G_TYPE_DOUBLE);
  fail_unless_equals_int (array_item_type (s, "i16"), G_TYPE_INT);
  fail_unless_equals_int (array_item_type (s, "u8"), G_TYPE_UINT);
  fail_unless_equals_int (int_field (s, "layout"), 193);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* DL Streamer's C++ reads confidence and the box as doubles: an int
 * there reads as 0. set() writes those as doubles, whole numbers too, and
 * any field with "double". */
GST_START_TEST (test_tensor_double_fields)
{
  static const gchar *doubles[] = { "confidence", "x_min", "y_min", "x_max",
    "y_max", "rotation", "score"
  };
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/tensors.js", "write_doubles", NULL, 1,
      NULL, &buf);
  GList *metas = roi_metas (buf);
  GstStructure *s = gst_video_region_of_interest_meta_get_param (metas->data,
      "cls"), *k;
  guint i;

  fail_unless_equals_string (out, "1 1 [1,0]\n");
  for (i = 0; i < G_N_ELEMENTS (doubles); i++)
    fail_unless (gst_structure_has_field_typed (s, doubles[i], G_TYPE_DOUBLE),
        "%s is not a double", doubles[i]);
  fail_unless_equals_float (double_field (s, "confidence"), 1.0);
  fail_unless_equals_float (double_field (s, "rotation"), 90.0);
  fail_unless_equals_int (int_field (s, "count"), 1);
  fail_unless_equals_int (array_item_type (s, "scores"), G_TYPE_DOUBLE);
  fail_unless_equals_int (array_item_type (s, "typed"), G_TYPE_DOUBLE);
  g_list_free (metas);
  /* a confidence per keypoint: floats, as DL Streamer writes them */
  metas = metas_of (buf, "GstGVATensorMetaAPI");
  k = ((TestTensorMeta *) metas->data)->data;
  fail_unless_equals_int (array_item_type (k, "confidence"), G_TYPE_FLOAT);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_tensor_data_every_precision_round_trip)
{
  check_output ("meta/tensors.js", "write_data", "read_data",
      "Float32Array FP32 [4] Float32Array[1.5,-2,3.25,0.0010000000474974513]\n"
      "Float64Array FP64 [2] Float64Array[3.141592653589793,-1e+300]\n"
      "Uint8Array U8 [3] Uint8Array[0,255,7]\n"
      "Uint8ClampedArray U8 [2] Uint8Array[1,2]\n"
      "Int8Array I8 [2] Int8Array[-128,127]\n"
      "Int16Array I16 [3] Int16Array[-32768,32767,1]\n"
      "Uint16Array U16 [2] Uint16Array[65535,0]\n"
      "Int32Array I32 [2] Int32Array[-2147483648,2147483647]\n"
      "Uint32Array U32 [2] Uint32Array[4294967295,1]\n"
      "shaped FP32 [1,2,3] Float32Array[0,1,2,3,4,5]\n"
      "empty FP32 [0] Float32Array[]\n"
      "roi_tensor I32 [2,1] Int32Array[5,6]\n" "all equal true\n");
}

GST_END_TEST;

/* gstgva's precision_as_string(), layout_as_string(): names, and
 * UNSPECIFIED and ANY for absent or unknown codes; object_id() reads the
 * tensor's own field. */
GST_START_TEST (test_tensor_enum_names)
{
  check_output ("meta/tensors.js", "enum_names", NULL,
      "UNSPECIFIED ANY undefined\n" "U8 NCHW 13\n" "UNSPECIFIED ANY 13\n"
      "19 precisions, wrong: ; layouts wrong: \n");
}

GST_END_TEST;

/* gvainference's layout of a frame tensor (reference/gvapython.md §3.2). */
GST_START_TEST (test_frame_tensor_wire_format)
{
  static const gfloat expected[] = { 0.25f, 0.75f };
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/tensors.js", "write_wire", NULL, 1, NULL,
      &buf);
  GList *metas = metas_of (buf, "GstGVATensorMetaAPI");
  GstMeta *meta = metas->data;
  GstStructure *s = ((TestTensorMeta *) meta)->data;
  const GValue *dims;
  GVariant *bytes;
  gsize n;

  fail_unless_equals_int (g_list_length (metas), 1);
  fail_unless_equals_string (g_type_name (meta->info->type),
      "GstGVATensorMeta");
  fail_unless_equals_string (gst_structure_get_name (s),
      "inference_layer_name:prob");
  fail_unless_equals_int (int_field (s, "precision"), 10);
  fail_unless_equals_int (int_field (s, "layout"), 193);
  fail_unless_equals_int (array_item_type (s, "dims"), G_TYPE_UINT);
  dims = gst_structure_get_value (s, "dims");
  fail_unless_equals_int (gst_value_array_get_size (dims), 2);
  fail_unless_equals_int (g_value_get_uint (gst_value_array_get_value (dims,
              1)), 2);
  fail_unless (gst_structure_get (s, "data_buffer", G_TYPE_VARIANT, &bytes,
          NULL));
  fail_unless_equals_string (g_variant_get_type_string (bytes), "ay");
  fail_unless (memcmp (g_variant_get_fixed_array (bytes, &n, 1), expected,
          sizeof expected) == 0);
  fail_unless_equals_int (n, sizeof expected);
  g_variant_unref (bytes);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* DL Streamer registered the type first: gvajs reads its metas, and
 * writes with its type rather than registering another. */
GST_START_TEST (test_dlstreamer_tensors_shared_type)
{
  static const gfloat values[] = { 0.5f, -1.5f, 3.0f };
  const GstMetaInfo *info = tensor_meta_info ();
  GstBuffer *in = blank_frame (), *buf;
  gchar *out;
  GList *metas;

  add_dlstreamer_tensor (in, "aligned", values, 3, 0);
  add_dlstreamer_tensor (in, "unaligned", values, 3, 1);
  out = run_buffers ("meta/tensors.js", "views", "frame_tensor_names", 1, in,
      &buf);
  /* Bytes from upstream are first copied into this buffer's tensor,
   * aligned, misaligned or not: both views of each are over that copy. */
  fail_unless_equals_string (out,
      "aligned Float32Array 42,-1.5,3 shared true\n"
      "unaligned Float32Array 42,-1.5,3 shared true\n"
      "meta detection_output 4\n");
  metas = metas_of (buf, "GstGVATensorMetaAPI");
  fail_unless_equals_int (g_list_length (metas), 4);
  fail_unless (((GstMeta *) g_list_last (metas)->data)->info == info);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_tensor_data_that_does_not_fit)
{
  static const guint8 five[] = { 1, 2, 3, 4, 5 };
  GstBuffer *in = blank_frame ();
  TestTensorMeta *meta;
  gchar *out;

  /* 5 bytes cannot be FP32 */
  meta = (TestTensorMeta *) gst_buffer_add_meta (in, tensor_meta_info (),
      NULL);
  gst_structure_set (meta->data, "precision", G_TYPE_INT, 10, "data_buffer",
      G_TYPE_VARIANT, bytes_variant (five, sizeof five, 0), NULL);
  /* not a GVariant of bytes */
  meta = (TestTensorMeta *) gst_buffer_add_meta (in, tensor_meta_info (),
      NULL);
  gst_structure_set_name (meta->data, "text");
  gst_structure_set (meta->data, "data_buffer", G_TYPE_STRING, "abc", NULL);
  out = run_buffers ("meta/tensors.js", "data_errors", NULL, 1, in, NULL);
  fail_unless_equals_string (out, "meta RangeError: Tensor.data(): "
      "data_buffer holds 5 bytes, not a whole number of 4-byte elements for "
      "its precision\n"
      "meta precision 10 get Uint8Array[1,2,3,4,5]\n"
      "text TypeError: Tensor.data(): field data_buffer holds gchararray, "
      "not a GVariant of bytes (\"ay\")\n"
      "text precision 255 get \"abc\"\n");
  g_free (out);
}

GST_END_TEST;

/* ---- messages ---- */

GST_START_TEST (test_messages_round_trip)
{
  check_output ("meta/messages.js", "write_messages", "read_messages",
      "[\"plain text\",\"{\\\"objects\\\":[{\\\"label\\\":\\\"car\\\","
      "\\\"confidence\\\":0.5}],\\\"ts\\\":1}\",\"[1,\\\"two\\\"]\",\"42\","
      "\"plain text\",\"\\\"custom\\\"\"]\n");
}

GST_END_TEST;

GST_START_TEST (test_remove_messages)
{
  check_output ("meta/messages.js", "write_messages", "remove_messages",
      "[\"[1,\\\"two\\\"]\",\"42\",\"plain text\",\"\\\"custom\\\"\"]\n");
}

GST_END_TEST;

GST_START_TEST (test_messages_wire_format)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/messages.js", "write_messages", NULL, 1,
      NULL, &buf);
  GList *metas = metas_of (buf, "GstGVAJSONMetaAPI");
  GstMeta *oldest = metas->data;

  fail_unless_equals_int (g_list_length (metas), 6);
  fail_unless_equals_string (g_type_name (oldest->info->type),
      "GstGVAJSONMeta");
  fail_unless_equals_string (((TestJsonMeta *) oldest)->message, "plain text");
  fail_unless_equals_string (((TestJsonMeta *) metas->next->data)->message,
      "{\"objects\":[{\"label\":\"car\",\"confidence\":0.5}],\"ts\":1}");
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_dlstreamer_messages_read)
{
  GstBuffer *in = blank_frame ();
  TestJsonMeta *meta;
  gchar *out;

  meta = (TestJsonMeta *) gst_buffer_add_meta (in, json_meta_info (), NULL);
  meta->message = g_strdup ("{\"objects\":[]}");
  /* gvametaconvert may leave one unset */
  gst_buffer_add_meta (in, json_meta_info (), NULL);
  out = run_buffers ("meta/messages.js", "read_messages", NULL, 1, in, NULL);
  fail_unless_equals_string (out, "[\"{\\\"objects\\\":[]}\",null]\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_no_metadata_reads_empty)
{
  check_output ("meta/messages.js", "none", NULL, "[] 0\n");
}

GST_END_TEST;

/* ---- bad arguments and lifetime ---- */

GST_START_TEST (test_bad_region_arguments)
{
  check_output ("meta/bad_args.js", "regions", NULL,
      "no args: TypeError: VideoFrame.addRegion(): x must be a number, not "
      "undefined\n"
      "string x: TypeError: VideoFrame.addRegion(): x must be a number, not "
      "the string \"5\"\n"
      "long string: TypeError: VideoFrame.addRegion(): x must be a number, "
      "not the string \"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
      "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
      "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
      "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9...\"\n"
      "NaN y: RangeError: VideoFrame.addRegion(): y must be a finite number, "
      "not NaN\n"
      "infinite w: RangeError: VideoFrame.addRegion(): w must be a finite "
      "number, not Infinity\n"
      "negative h: RangeError: VideoFrame.addRegion(): h must not be "
      "negative, not -1\n"
      "label: TypeError: VideoFrame.addRegion(): label must be a string, "
      "not 5\n"
      "confidence: TypeError: VideoFrame.addRegion(): confidence must be a "
      "number, not the string \"high\"\n"
      "normalized: TypeError: VideoFrame.addRegion(): normalized must be a "
      "boolean\n"
      "unknown option: TypeError: VideoFrame.addRegion(): unknown option "
      "\"labelID\"; the options are x, y, w, h, label, confidence, "
      "normalized, labelId and objectId\n"
      "missing option: TypeError: VideoFrame.addRegion(): h must be a "
      "number, not undefined\n"
      "labelId fraction: RangeError: VideoFrame.addRegion(): labelId must be "
      "an integer from -2147483648 to 2147483647, not 1.5\n"
      "objectId range: RangeError: VideoFrame.addRegion(): objectId must be "
      "an integer from -2147483648 to 2147483647, not 2147483648\n"
      "removeRegion nothing: TypeError: VideoFrame.removeRegion(): roi must "
      "be a RegionOfInterest, not undefined\n"
      "removeRegion tensor: TypeError: VideoFrame.removeRegion(): roi must "
      "be a RegionOfInterest, not a Tensor\n"
      "removeRegion object: TypeError: VideoFrame.removeRegion(): roi must "
      "be a RegionOfInterest, not an object\n"
      "setObjectId: TypeError: RegionOfInterest.setObjectId(): id must be a "
      "number, not the string \"7\"\n"
      "addTensor no name: TypeError: RegionOfInterest.addTensor(): name "
      "must be a string, not undefined\n"
      "addTensor bad name: RangeError: RegionOfInterest.addTensor(): name "
      "\"1abc\" is not a valid tensor name: it must start with a letter and "
      "hold only letters, digits and /-_.:+\n"
      "addTensor space: RangeError: RegionOfInterest.addTensor(): name "
      "\"a b\" is not a valid tensor name: it must start with a letter and "
      "hold only letters, digits and /-_.:+\n"
      "method on wrong this: TypeError: not a RegionOfInterest\n"
      "frame method on roi: TypeError: not a VideoFrame\n" "regions 1\n"
      "box array: TypeError: VideoFrame.addRegion(): pass the box as "
      "numbers (x, y, w, h, label?, confidence?, normalized?) or as an "
      "options object ({x, y, w, h, label, ...}), not as an array: spread "
      "it, addRegion(...box)\n"
      "box typed array: TypeError: VideoFrame.addRegion(): pass the box as "
      "numbers (x, y, w, h, label?, confidence?, normalized?) or as an "
      "options object ({x, y, w, h, label, ...}), not as an array: spread "
      "it, addRegion(...box)\n"
      "label NUL: RangeError: VideoFrame.addRegion(): label holds a NUL "
      "character (\\0), which GStreamer's C strings cannot carry\n"
      "label surrogate: RangeError: VideoFrame.addRegion(): label holds a "
      "lone surrogate (half of a UTF-16 pair), which is not text GStreamer "
      "can store as UTF-8\n"
      "message NUL: RangeError: VideoFrame.addMessage(): message holds a "
      "NUL character (\\0), which GStreamer's C strings cannot carry\n"
      "message surrogate: RangeError: VideoFrame.addMessage(): message "
      "holds a lone surrogate (half of a UTF-16 pair), which is not text "
      "GStreamer can store as UTF-8\n");
}

GST_END_TEST;

GST_START_TEST (test_bad_tensor_arguments)
{
  gchar *out = run_pair ("meta/bad_args.js", "tensors", NULL);
  const gchar *want = "value must be a string, a number, a boolean, an "
      "array of numbers or of strings, or a typed array, not ";

  assert_contains (out, "frame addTensor name: TypeError: "
      "VideoFrame.addTensor(): name must be a string, not 5\n");
  assert_contains (out, "setName: RangeError: Tensor.setName(): name \"\" is "
      "not a valid tensor name");
  assert_contains (out, "get no field: TypeError: Tensor.get(): field must "
      "be a string, not undefined\n");
  assert_contains (out, "has number: TypeError: Tensor.has(): field must be "
      "a string, not 1\n");
  assert_contains (out, "set empty field: RangeError: Tensor.set(): field "
      "must not be empty\n");
  assert_contains (out, "set undefined: TypeError: Tensor.set(): ");
  assert_contains (out, want);
  assert_contains (out, "set confidence text: TypeError: Tensor.set(): "
      "confidence must be a number, or an array of numbers for keypoints (DL "
      "Streamer reads it as a double), not the string \"high\"\n");
  assert_contains (out, "set x_min array: TypeError: Tensor.set(): x_min "
      "must be a number (DL Streamer reads it as a double), not an array\n");
  assert_contains (out, "set confidence strings: TypeError: Tensor.set(): "
      "confidence must be a number, or an array of numbers for keypoints (DL "
      "Streamer reads it as a double), not an array\n");
  assert_contains (out, "set type unknown: TypeError: Tensor.set(): type "
      "must be \"double\" (to store numbers as doubles, whole ones too) or "
      "absent, not the string \"float\"\n");
  assert_contains (out, "set type number: TypeError: Tensor.set(): type "
      "must be \"double\" (to store numbers as doubles, whole ones too) or "
      "absent, not 2\n");
  assert_contains (out, "set type NUL: TypeError: Tensor.set(): type "
      "must be \"double\" (to store numbers as doubles, whole ones too) or "
      "absent, not the string \"double");
  assert_contains (out, "set double text: TypeError: Tensor.set(): type "
      "\"double\" is for a number or an array of numbers, not the string "
      "\"x\"\n");
  assert_contains (out, "set double strings: TypeError: Tensor.set(): type "
      "\"double\" is for a number or an array of numbers, not an array\n");
  assert_contains (out, "set NaN: RangeError: Tensor.set(): value must be a "
      "finite number, not NaN\n");
  assert_contains (out, "set mixed array: TypeError: Tensor.set(): an array "
      "must hold only numbers or only strings, but value[1] is the string "
      "\"b\"\n");
  assert_contains (out, "set nested array: TypeError: Tensor.set(): an "
      "array must hold only numbers or only strings, but value[0] is an "
      "array\n");
  assert_contains (out, "set NaN in array: RangeError: Tensor.set(): "
      "value[1] must be a finite number, not NaN\n");
  assert_contains (out, "set field chars: RangeError: Tensor.set(): field "
      "\"a b,c=d;\" is not a valid field name: it must start with a letter "
      "and hold only letters, digits and /-_.:+\n");
  assert_contains (out, "set field NUL: RangeError: Tensor.set(): field "
      "holds a NUL character");
  assert_contains (out, "get field NUL: RangeError: Tensor.get(): field "
      "holds a NUL character");
  assert_contains (out, "set dims strings: TypeError: Tensor.set(): dims "
      "must be an array of natural numbers (the dimensions of data_buffer, "
      "as setData() writes them)\n");
  assert_contains (out, "set dims negative: TypeError: Tensor.set(): dims "
      "must be an array of natural numbers");
  assert_contains (out, "set precision text: TypeError: Tensor.set(): "
      "precision must be an integer (one of DL Streamer's precision "
      "codes)\n");
  assert_contains (out, "set value NUL: RangeError: Tensor.set(): value "
      "holds a NUL character");
  assert_contains (out, "set value surrogate: RangeError: Tensor.set(): "
      "value holds a lone surrogate");
  assert_contains (out, "set array surrogate: RangeError: Tensor.set(): "
      "value[1] holds a lone surrogate");
  assert_contains (out, "setLabel NUL: RangeError: Tensor.setLabel(): "
      "label holds a NUL character");
  assert_contains (out, "setName NUL: RangeError: Tensor.setName(): name "
      "holds a NUL character");
  assert_contains (out, "set data_buffer: TypeError: Tensor.set(): "
      "data_buffer holds the tensor's bytes; write it with "
      "setData(typedArray, dims)\n");
  assert_contains (out, "set bigint array: TypeError: Tensor.set(): value "
      "must be a typed array of numbers");
  assert_contains (out, "setData array: TypeError: Tensor.setData(): data "
      "must be a typed array of numbers");
  assert_contains (out, "setData bigint: TypeError: Tensor.setData(): data "
      "must be a typed array of numbers");
  assert_contains (out, "setData dims mismatch: RangeError: "
      "Tensor.setData(): the product of dims must equal the array's length, "
      "6\n");
  assert_contains (out, "setData dims negative: RangeError: "
      "Tensor.setData(): dims[0] must be an integer from 0 to 4294967295, "
      "not -1\n");
  assert_contains (out, "setData dims rank: RangeError: Tensor.setData(): "
      "dims must have 1 to 8 entries, not 9\n");
  assert_contains (out, "setData dims empty: RangeError: Tensor.setData(): "
      "dims must have 1 to 8 entries, not 0\n");
  assert_contains (out, "setData dims not array: TypeError: "
      "Tensor.setData(): dims must be an array, not 1\n");
  assert_contains (out, "setData dims fraction: RangeError: "
      "Tensor.setData(): dims[0] must be an integer from 0 to 4294967295, "
      "not 0.5\n");
  assert_contains (out, "detection label: TypeError: Tensor.label(): a "
      "detection tensor has no label");
  assert_contains (out, "detection setLabel: TypeError: Tensor.setLabel(): "
      "a detection tensor has no label");
  assert_contains (out, "setLabel number: TypeError: Tensor.setLabel(): "
      "label must be a string, not 1\n");
  /* Nothing was written by the calls that failed. */
  assert_contains (out, "\nfields \n");
  fail_if (strstr (out, "no error") != NULL, "%s", out);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_bad_message_arguments)
{
  check_output ("meta/bad_args.js", "messages", NULL,
      "addMessage undefined: TypeError: VideoFrame.addMessage(): message "
      "must be a string or a value JSON can represent, not undefined\n"
      "addMessage function: TypeError: VideoFrame.addMessage(): message "
      "must be a string or a value JSON can represent, not a function\n"
      "addMessage cycle: TypeError: circular reference\n"
      "removeMessage missing text: RangeError: VideoFrame.removeMessage(): "
      "no message of this frame equals that text\n"
      "removeMessage index: RangeError: VideoFrame.removeMessage(): index 3 "
      "is out of range: the frame has 1 message(s)\n"
      "removeMessage negative: RangeError: VideoFrame.removeMessage(): index "
      "must be an integer from 0 to 2147483647, not -1\n"
      "removeMessage object: TypeError: VideoFrame.removeMessage(): pass the "
      "message's text (a string) or its index in messages() (a number), not "
      "an object\n" "messages [\"one\"]\n");
}

GST_END_TEST;

GST_START_TEST (test_host_objects_take_no_properties)
{
  check_output ("meta/bad_args.js", "host_objects", NULL,
      "tensor bracket: TypeError: cannot set \"model_name\" on a Tensor: it "
      "takes no properties of its own; write the field with "
      "set(\"model_name\", value) and read it with get(\"model_name\") "
      "(gstgva's tensor[\"model_name\"])\n"
      "after: get undefined modelName undefined has false fields 0\n"
      "tensor method name: TypeError: cannot set \"name\" on a Tensor: it "
      "takes no properties of its own; write the field with set(\"name\", "
      "value) and read it with get(\"name\") (gstgva's tensor[\"name\"])\n"
      "tensor defineProperty: TypeError: cannot set \"x\" on a Tensor: it "
      "takes no properties of its own; write the field with set(\"x\", "
      "value) and read it with get(\"x\") (gstgva's tensor[\"x\"])\n"
      "tensor assign: TypeError: cannot set \"label\" on a Tensor: it takes "
      "no properties of its own; write the field with set(\"label\", "
      "value) and read it with get(\"label\") (gstgva's "
      "tensor[\"label\"])\n"
      "region: TypeError: cannot set \"score\" on a RegionOfInterest: it "
      "takes no properties of its own; metadata is written with its methods "
      "(a tensor's fields with set(field, value), read with get(field)), and "
      "other values belong in the script's own objects\n"
      "frame: TypeError: cannot set \"seen\" on a VideoFrame: it takes no "
      "properties of its own; metadata is written with its methods (a "
      "tensor's fields with set(field, value), read with get(field)), and "
      "other values belong in the script's own objects\n"
      "frame getter: TypeError: cannot set \"pts\" on a VideoFrame: it "
      "takes no properties of its own; metadata is written with its methods "
      "(a tensor's fields with set(field, value), read with get(field)), and "
      "other values belong in the script's own objects\n"
      "symbol: TypeError: cannot set \"s\" on a VideoFrame: it "
      "takes no properties of its own; metadata is written with its methods "
      "(a tensor's fields with set(field, value), read with get(field)), and "
      "other values belong in the script's own objects\n"
      "setPrototypeOf: TypeError: object is not extensible\n"
      "Reflect.set false Reflect.defineProperty false\n"
      "extensible false,false,false\n"
      "own 0,0,0 name t label x\n" "tensor t\n");
}

GST_END_TEST;

GST_START_TEST (test_normalized_needs_raw_video)
{
  gchar *path = gvajs_test_fixture ("meta/bad_args.js");
  gchar *launch = g_strdup_printf ("gvajs module=\"%s\" "
      "function=normalized_without_size", path);
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gst_harness_new_parse (launch);
  gst_harness_set_src_caps_str (h, "application/octet-stream");
  fail_unless_equals_int (gst_harness_push (h, gvajs_test_buffer (16, 0, 0)),
      GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  /* Pixel boxes still work; without a frame size there is no normalized
   * box to write or read. */
  fail_unless_equals_string (out, "normalized: TypeError: "
      "VideoFrame.addRegion(): normalized coordinates need the frame size, "
      "but this stream is not raw video\n"
      "normalized batch: TypeError: VideoFrame.addRegions(): normalized "
      "coordinates need the frame size, but this stream is not raw video\n"
      "{\"x\":5,\"y\":6,\"w\":7,\"h\":8} null confidence\n");
  g_free (out);
  g_free (launch);
  g_free (path);
}

GST_END_TEST;

GST_START_TEST (test_retained_objects_are_dead)
{
  const gchar *dead = "TypeError: this %s is no longer valid: a frame, and "
      "everything taken from it, lives only during the call that received "
      "it; copy the values you need to keep\n";
  gchar *out = run_buffers ("meta/retain.js", "process_frame", NULL, 2, NULL,
      NULL);
  gchar *roi = g_strdup_printf (dead, "RegionOfInterest");
  gchar *tensor = g_strdup_printf (dead, "Tensor");
  gchar *expected = g_strconcat ("view length 0 first undefined bytes 0\n",
      "roi.label: ", roi, "roi.rect: ", roi, "regions[0].tensors: ", roi,
      "tensor.data: ", tensor, "tensor.set: ", tensor,
      "frameTensor.name: ", tensor, "removeRegion(old): ", roi,
      "fresh mine mine\n", NULL);

  fail_unless_equals_string (out, expected);
  g_free (expected);
  g_free (roi);
  g_free (tensor);
  g_free (out);
}

GST_END_TEST;

/* ---- GstAnalytics (GStreamer >= 1.24) ---- */

#ifdef HAVE_GST_ANALYTICS

#define CLS_RELATION (GST_ANALYTICS_REL_TYPE_CONTAIN | \
    GST_ANALYTICS_REL_TYPE_RELATE_TO)

static GstAnalyticsODMtd
get_od (GstAnalyticsRelationMeta * rmeta, guint id, const gchar * label)
{
  GstAnalyticsODMtd od;

  fail_unless (gst_analytics_relation_meta_get_od_mtd (rmeta, id, &od),
      "no ODMtd %u", id);
  fail_unless_equals_string (g_quark_to_string
      (gst_analytics_od_mtd_get_obj_type (&od)), label);
  return od;
}

static void
check_location (GstAnalyticsODMtd * od, gint x, gint y, gint w, gint h,
    gfloat confidence)
{
  gint ox, oy, ow, oh;
  gfloat oc;

  fail_unless (gst_analytics_od_mtd_get_location (od, &ox, &oy, &ow, &oh,
          &oc));
  fail_unless_equals_int (ox, x);
  fail_unless_equals_int (oy, y);
  fail_unless_equals_int (ow, w);
  fail_unless_equals_int (oh, h);
  fail_unless_equals_float (oc, confidence);
}

/* The related Mtds of @type, as a count, the last one in @out. */
static guint
n_related (GstAnalyticsRelationMeta * rmeta, guint id,
    GstAnalyticsRelTypes rel, GstAnalyticsMtdType type, GstAnalyticsMtd * out)
{
  gpointer state = NULL;
  GstAnalyticsMtd mtd;
  guint n = 0;

  while (gst_analytics_relation_meta_get_direct_related (rmeta, id, rel,
          type, &state, &mtd)) {
    n++;
    if (out)
      *out = mtd;
  }
  return n;
}

static guint64
tracking_id (GstAnalyticsRelationMeta * rmeta, guint od_id)
{
  GstAnalyticsTrackingMtd trk;
  GstClockTime first, last;
  gboolean lost;
  guint64 id = 0;

  fail_unless_equals_int (n_related (rmeta, od_id,
          GST_ANALYTICS_REL_TYPE_RELATE_TO,
          gst_analytics_tracking_mtd_get_mtd_type (), &trk), 1);
  gst_analytics_tracking_mtd_get_info (&trk, &id, &first, &last, &lost);
  return id;
}

/* What DL Streamer >= 2025.2 and upstream's overlay read. */
GST_START_TEST (test_analytics_wire_format)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/analytics.js", "write_all", NULL, 1, NULL,
      &buf);
  GstAnalyticsRelationMeta *rmeta = gst_buffer_get_analytics_relation_meta
      (buf);
  GList *metas = roi_metas (buf);
  GstVideoRegionOfInterestMeta *car = metas->data, *person =
      metas->next->data;
  GstAnalyticsODMtd od;
  GstAnalyticsClsMtd cls;

  fail_unless_equals_string (out, "ids 0 1\n");
  fail_unless (rmeta != NULL);
  /* The join key: ROI meta id == ODMtd id. */
  fail_unless_equals_int (car->id, 0);
  fail_unless_equals_int (person->id, 1);
  od = get_od (rmeta, car->id, "car");
  check_location (&od, 10, 5, 20, 10, 0.75);
  fail_unless_equals_int (tracking_id (rmeta, car->id), 8);
  od = get_od (rmeta, person->id, "person");
  check_location (&od, 50, 10, 25, 25, 0.5);
  fail_unless_equals_int (tracking_id (rmeta, person->id), 42);
  /* One ClsMtd, the final result, found by CONTAIN and by RELATE_TO. */
  fail_unless_equals_int (n_related (rmeta, person->id,
          GST_ANALYTICS_REL_TYPE_CONTAIN,
          gst_analytics_cls_mtd_get_mtd_type (), &cls), 1);
  fail_unless_equals_int (n_related (rmeta, person->id,
          GST_ANALYTICS_REL_TYPE_RELATE_TO,
          gst_analytics_cls_mtd_get_mtd_type (), NULL), 1);
  fail_unless_equals_int (gst_analytics_cls_mtd_get_length (&cls), 1);
  fail_unless_equals_string (g_quark_to_string (gst_analytics_cls_mtd_get_quark
          (&cls, 0)), "female");
  fail_unless_equals_float (gst_analytics_cls_mtd_get_level (&cls, 0), 0.875);
  fail_unless_equals_int (gst_analytics_relation_meta_get_relation (rmeta,
          person->id, cls.id), CLS_RELATION);
  fail_unless_equals_int (gst_analytics_relation_meta_get_relation (rmeta,
          cls.id, person->id), GST_ANALYTICS_REL_TYPE_IS_PART_OF);
  fail_unless_equals_int (n_related (rmeta, car->id,
          GST_ANALYTICS_REL_TYPE_ANY, gst_analytics_cls_mtd_get_mtd_type (),
          NULL), 0);
  /* The legacy layer is written as before. */
  fail_unless_equals_int (int_field (gst_video_region_of_interest_meta_get_param
          (car, "object_id"), "id"), 8);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_analytics_round_trip)
{
  gchar *out = run_pair ("meta/analytics.js", "write_all", "read_all");

  fail_unless_equals_string (out, "ids 0 1\n"
      "car {\"x\":10,\"y\":5,\"w\":20,\"h\":10} confidence=0.75 objectId=8 "
      "id=0 tensors=detection\n"
      "person {\"x\":50,\"y\":10,\"w\":25,\"h\":25} confidence=0.5 "
      "objectId=42 id=1 tensors=detection,gender:female,age:30\n");
  g_free (out);
}

GST_END_TEST;

/* As upstream's detectors write them (ssdobjectdetector): ODMtds alone;
 * and a DL Streamer pair (ROI meta id == ODMtd id) whose object id is
 * only a TrackingMtd. */
static GstBuffer *
detections_frame (void)
{
  GstBuffer *buf = blank_frame ();
  GstAnalyticsRelationMeta *rmeta = gst_buffer_add_analytics_relation_meta
      (buf);
  GstAnalyticsODMtd od;
  GstAnalyticsTrackingMtd trk;
  GstVideoRegionOfInterestMeta *roi;

  gst_analytics_relation_meta_add_od_mtd (rmeta, g_quark_from_string ("face"),
      10, 20, 30, 15, 0.75, &od);
  gst_analytics_relation_meta_add_od_mtd (rmeta, g_quark_from_string ("cat"),
      -5, 30, 20, 20, 0.25, &od);
  gst_analytics_relation_meta_add_od_mtd (rmeta, g_quark_from_string ("dog"),
      60, 0, 40, 20, 0.5, &od);
  roi = gst_buffer_add_video_region_of_interest_meta (buf, "dog", 60, 0, 40,
      20);
  roi->id = od.id;
  gst_analytics_relation_meta_add_tracking_mtd (rmeta, 77, 0, &trk);
  gst_analytics_relation_meta_set_relation (rmeta,
      GST_ANALYTICS_REL_TYPE_RELATE_TO, od.id, trk.id);
  return buf;
}

GST_START_TEST (test_analytics_detections_are_read)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/analytics.js", "read_all", NULL, 1,
      detections_frame (), &buf);
  GList *metas = roi_metas (buf);

  fail_unless_equals_string (out,
      "dog {\"x\":60,\"y\":0,\"w\":40,\"h\":20} confidence=0.5 "
      "objectId=77 id=2 tensors=\n"
      "face {\"x\":10,\"y\":20,\"w\":30,\"h\":15} confidence=0.75 "
      "objectId=\"undefined\" id=0 tensors=\n"
      "cat {\"x\":-5,\"y\":30,\"w\":20,\"h\":20} confidence=0.25 "
      "objectId=\"undefined\" id=1 tensors=\n");
  /* Reading adds nothing. */
  fail_unless_equals_int (g_list_length (metas), 1);
  fail_unless_equals_int (gst_analytics_relation_get_length
      (gst_buffer_get_analytics_relation_meta (buf)), 4);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* setObjectId() on an ODMtd alone relates a TrackingMtd; addTensor() adds
 * its ROI meta, joined by id, so it stays one region. */
GST_START_TEST (test_analytics_write_to_detections)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/analytics.js", "write_to_detections",
      "read_all", 1, detections_frame (), &buf);
  GstAnalyticsRelationMeta *rmeta = gst_buffer_get_analytics_relation_meta
      (buf);
  GList *metas = roi_metas (buf);
  GstVideoRegionOfInterestMeta *cat;
  GstAnalyticsClsMtd cls;

  fail_unless_equals_string (out, "face 5 cat detection,fur 1 n=3\n"
      "dog {\"x\":60,\"y\":0,\"w\":40,\"h\":20} confidence=0.5 "
      "objectId=77 id=2 tensors=\n"
      "cat {\"x\":0,\"y\":30,\"w\":15,\"h\":20} confidence=0.25 "
      "objectId=\"undefined\" id=1 tensors=detection,fur:tabby\n"
      "face {\"x\":10,\"y\":20,\"w\":30,\"h\":15} confidence=0.75 "
      "objectId=5 id=0 tensors=\n");
  fail_unless_equals_int (g_list_length (metas), 2);
  cat = metas->next->data;
  fail_unless_equals_int (cat->id, 1);
  fail_unless_equals_string (g_quark_to_string (cat->roi_type), "cat");
  fail_unless_equals_int (tracking_id (rmeta, 0), 5);
  fail_unless_equals_int (n_related (rmeta, 1, GST_ANALYTICS_REL_TYPE_CONTAIN,
          gst_analytics_cls_mtd_get_mtd_type (), &cls), 1);
  fail_unless_equals_string (g_quark_to_string (gst_analytics_cls_mtd_get_quark
          (&cls, 0)), "tabby");
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* The batch label write joins an ODMtd alone to a new ROI meta, as
 * addTensor() does, and each label is mirrored to a ClsMtd. */
GST_START_TEST (test_analytics_region_labels)
{
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/analytics.js", "label_detections",
      "read_all", 1, detections_frame (), &buf);
  GstAnalyticsRelationMeta *rmeta = gst_buffer_get_analytics_relation_meta
      (buf);
  GList *metas = roi_metas (buf);
  GstAnalyticsClsMtd cls;

  fail_unless_equals_string (out, "added 2 n=3\n"
      "dog {\"x\":60,\"y\":0,\"w\":40,\"h\":20} confidence=0.5 "
      "objectId=77 id=2 tensors=kind:hound\n"
      "cat {\"x\":0,\"y\":30,\"w\":15,\"h\":20} confidence=0.25 "
      "objectId=\"undefined\" id=1 tensors=detection,kind:feline\n"
      "face {\"x\":10,\"y\":20,\"w\":30,\"h\":15} confidence=0.75 "
      "objectId=\"undefined\" id=0 tensors=\n");
  /* dog's, and cat's joined; face was under the threshold. */
  fail_unless_equals_int (g_list_length (metas), 2);
  fail_unless_equals_int (((GstVideoRegionOfInterestMeta *) metas->next->
          data)->id, 1);
  fail_unless_equals_int (n_related (rmeta, 1, GST_ANALYTICS_REL_TYPE_CONTAIN,
          gst_analytics_cls_mtd_get_mtd_type (), &cls), 1);
  fail_unless_equals_string (g_quark_to_string (gst_analytics_cls_mtd_get_quark
          (&cls, 0)), "feline");
  fail_unless_equals_float (gst_analytics_cls_mtd_get_level (&cls, 0), 0.75);
  fail_unless_equals_int (n_related (rmeta, 2, GST_ANALYTICS_REL_TYPE_CONTAIN,
          gst_analytics_cls_mtd_get_mtd_type (), &cls), 1);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (out);
}

GST_END_TEST;

/* The batch readers list the ODMtds alone after the ROI metas, as
 * regions() does; the batch write adds each region's ODMtd, joined. */
GST_START_TEST (test_analytics_batch)
{
  GstAnalyticsRelationMeta *rmeta;
  GstAnalyticsODMtd od;
  GstBuffer *buf;
  GList *metas, *l;
  gchar *out = run_buffers ("meta/regions.js", "read_batch", NULL, 1,
      detections_frame (), NULL);

  /* dog's ROI meta has no detection param: its ODMtd's confidence. */
  fail_unless_equals_string (out,
      "boxes 60,0,40,20,10,20,30,15,-5,30,20,20\n"
      "confidences 0.5,0.75,0.25\n"
      "labels dog,face,cat color undefined,undefined,undefined\n"
      "same as the methods true (3 regions)\n" "out true true\n"
      "short out RangeError: VideoFrame.regionBoxes(): out must be a "
      "Float64Array of 4 × 3 regions\n"
      "float32 out RangeError: VideoFrame.regionConfidences(): out must be a "
      "Float64Array of 3 regions\n"
      "name TypeError: VideoFrame.regionLabels(): name must be a string, not "
      "5\n");
  g_free (out);
  g_free (run_buffers ("meta/regions.js", "add_detections", NULL, 1, NULL,
          &buf));
  rmeta = gst_buffer_get_analytics_relation_meta (buf);
  metas = roi_metas (buf);
  fail_unless_equals_int (g_list_length (metas), 3);
  fail_unless_equals_int (gst_analytics_relation_get_length (rmeta), 3);
  for (l = metas; l; l = l->next) {
    GstVideoRegionOfInterestMeta *roi = l->data;

    od = get_od (rmeta, roi->id, g_quark_to_string (roi->roi_type));
    check_location (&od, roi->x, roi->y, roi->w, roi->h, l == metas ? 0.75 :
        l->next ? 0.5 : 0);
  }
  g_list_free (metas);
  gst_buffer_unref (buf);
}

GST_END_TEST;

/* A removed region stays removed: in the same call, in the next element,
 * and in a copy of the buffer, although its ODMtd cannot be deleted. */
GST_START_TEST (test_analytics_removal_does_not_resurrect)
{
  const gchar *removed = "TypeError: this RegionOfInterest is no longer "
      "valid: it was removed from the frame\n";
  GstBuffer *buf;
  gchar *out = run_buffers ("meta/analytics.js", "remove_some", "count", 1,
      detections_frame (), &buf);
  gchar *expected = g_strconcat (removed, removed, removed,
      "left dog,kept,cat\n", "regions dog,kept,cat\n", NULL);
  GList *metas = roi_metas (buf);
  gchar *copied;

  fail_unless_equals_string (out, expected);
  fail_unless_equals_int (g_list_length (metas), 2);
  copied = run_buffers ("meta/analytics.js", "count", NULL, 1,
      gst_buffer_copy (buf), NULL);
  fail_unless_equals_string (copied, "regions dog,kept,cat\n");
  g_free (copied);
  g_list_free (metas);
  gst_buffer_unref (buf);
  g_free (expected);
  g_free (out);
}

GST_END_TEST;

/* Scaling transforms both layers (videoscale rescales ROI metas, without
 * their params, and ODMtds); the removal marker goes with the ODMtds, and
 * the confidence is the ODMtd's once the detection param is gone. */
GST_START_TEST (test_analytics_removal_survives_scaling)
{
  gchar *path = gvajs_test_fixture ("meta/analytics.js");
  gchar *launch = g_strdup_printf ("gvajs module=\"%s\" function=remove_some "
      "! videoscale ! video/x-raw,width=200,height=100 ! "
      "gvajs module=\"%s\" function=read_all", path, path);
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gst_harness_new_parse (launch);
  gst_harness_set_src_caps_str (h, CAPS);
  fail_unless_equals_int (gst_harness_push (h, detections_frame ()),
      GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  fail_unless (g_str_has_suffix (out, "left dog,kept,cat\n"
          "dog {\"x\":120,\"y\":0,\"w\":80,\"h\":40} "
          "confidence=0.5 objectId=77 id=2 tensors=\n"
          "kept {\"x\":4,\"y\":4,\"w\":10,\"h\":10} confidence=0 "
          "objectId=\"undefined\" id=5 tensors=\n"
          "cat {\"x\":-10,\"y\":60,\"w\":40,\"h\":40} confidence=0.25 "
          "objectId=\"undefined\" id=1 tensors=\n"), "got:\n%s", out);
  g_free (out);
  g_free (launch);
  g_free (path);
}

GST_END_TEST;

#endif /* HAVE_GST_ANALYTICS */

GST_START_TEST (test_handle_limit)
{
  /* a million calls: room for sanitizers and valgrind */
  gchar *out = run_buffers ("meta/bad_args.js",
      "handle_limit time-budget=600000", NULL, 2, NULL, NULL);

  fail_unless_equals_string (out, "1048575 RangeError: more than 1048576 "
      "regions and tensors taken in one call\nnext call 0 true\n");
  g_free (out);
}

GST_END_TEST;

static Suite *
gvajs_metadata_suite (void)
{
  Suite *s = suite_create ("gvajs-metadata");
  TCase *regions = tcase_create ("regions");
  TCase *tensors = tcase_create ("tensors");
  TCase *messages = tcase_create ("messages");
  TCase *bad = tcase_create ("bad-input");
  TCase *limits = tcase_create ("limits");
#ifdef HAVE_GST_ANALYTICS
  TCase *analytics = tcase_create ("analytics");
#endif

  suite_add_tcase (s, regions);
  tcase_add_test (regions, test_regions_round_trip);
  tcase_add_test (regions, test_region_wire_format);
  tcase_add_test (regions, test_normalized_box_as_gstgva);
  tcase_add_test (regions, test_region_ids_reach_the_next_element);
  tcase_add_test (regions, test_foreign_regions_are_read_and_left_unchanged);
  tcase_add_test (regions, test_remove_region);
  tcase_add_test (regions, test_region_identity);
  tcase_add_test (regions, test_set_object_id);
  tcase_add_test (regions, test_tensor_by_name);
  tcase_add_test (regions, test_region_tensor_data_in_region_order);
  tcase_add_test (regions, test_region_labels_in_one_call);
  tcase_add_test (regions, test_add_regions_in_one_call);
  tcase_add_test (regions, test_batch_many_regions);
  tcase_add_test (regions, test_batch_readers);

  suite_add_tcase (s, tensors);
  tcase_add_test (tensors, test_tensor_fields_round_trip);
  tcase_add_test (tensors, test_tensor_field_types);
  tcase_add_test (tensors, test_tensor_double_fields);
  tcase_add_test (tensors, test_tensor_data_every_precision_round_trip);
  tcase_add_test (tensors, test_tensor_enum_names);
  tcase_add_test (tensors, test_frame_tensor_wire_format);
  tcase_add_test (tensors, test_dlstreamer_tensors_shared_type);
  tcase_add_test (tensors, test_tensor_data_that_does_not_fit);

  suite_add_tcase (s, messages);
  tcase_add_test (messages, test_messages_round_trip);
  tcase_add_test (messages, test_remove_messages);
  tcase_add_test (messages, test_messages_wire_format);
  tcase_add_test (messages, test_dlstreamer_messages_read);
  tcase_add_test (messages, test_no_metadata_reads_empty);

  suite_add_tcase (s, bad);
  tcase_add_test (bad, test_bad_region_arguments);
  tcase_add_test (bad, test_bad_tensor_arguments);
  tcase_add_test (bad, test_bad_message_arguments);
  tcase_add_test (bad, test_host_objects_take_no_properties);
  tcase_add_test (bad, test_normalized_needs_raw_video);
  tcase_add_test (bad, test_retained_objects_are_dead);


#ifdef HAVE_GST_ANALYTICS
  suite_add_tcase (s, analytics);
  tcase_add_test (analytics, test_analytics_wire_format);
  tcase_add_test (analytics, test_analytics_round_trip);
  tcase_add_test (analytics, test_analytics_detections_are_read);
  tcase_add_test (analytics, test_analytics_write_to_detections);
  tcase_add_test (analytics, test_analytics_region_labels);
  tcase_add_test (analytics, test_analytics_batch);
  tcase_add_test (analytics, test_analytics_removal_does_not_resurrect);
  tcase_add_test (analytics, test_analytics_removal_survives_scaling);
#else
  /* Said, not skipped silently: this leg cannot test that layer. */
  g_print ("gvajs-metadata: GstAnalytics tests skipped: built without "
      "gstreamer-analytics-1.0 (GStreamer >= 1.24)\n");
#endif

  suite_add_tcase (s, limits);
  tcase_add_test (limits, test_handle_limit);
  tcase_set_timeout (limits, 600);
  return s;
}

GST_CHECK_MAIN (gvajs_metadata);
