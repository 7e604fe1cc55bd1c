/* SPDX-License-Identifier: MIT */
/* gst-check tests of audio: on audio/x-raw caps the per-frame function
 * gets an AudioFrame (audioInfo(), data() typed by format, events,
 * tensors, messages), and audio events are DL Streamer's
 * GstGVAAudioEventMeta on the wire, read and written by C here as DL
 * Streamer's own code would. */
#include "gvajs-test-utils.h"
#include "gvajs-runtime.h"

#include <gst/audio/audio.h>
#include <string.h>

#define FIXTURE "audio/audio.js"
#define S16_STEREO "audio/x-raw,format=S16LE,rate=48000,channels=2," \
  "layout=interleaved,channel-mask=(bitmask)0x3"

/* Layout of DL Streamer's GstGVAAudioEventMeta (gva_audio_event_meta.h),
 * written out here as a DL Streamer reader would have it. */
typedef struct
{
  GstMeta meta;
  GQuark event_type;
  gint id;
  guint64 start_timestamp;
  guint64 end_timestamp;
  GList *params;
} AudioEventMeta;

static gchar *
run_buffer (const gchar * function, const gchar * caps, GstBuffer * buf,
    GstBuffer ** out)
{
  return gvajs_test_run_buffer (FIXTURE, function, caps, buf, out);
}

/* A buffer of the @size bytes at @bytes, pts 1 s, duration 10 ms. */
static GstBuffer *
bytes_buffer (gconstpointer bytes, gsize size)
{
  GstBuffer *buf = gst_buffer_new_memdup (bytes, size);

  GST_BUFFER_PTS (buf) = GST_SECOND;
  GST_BUFFER_DURATION (buf) = 10 * GST_MSECOND;
  return buf;
}

static GstBuffer *
s16_buffer (void)
{
  static const gint16 samples[] = { 1, -1, 300, -300, 32767, -32768 };

  return bytes_buffer (samples, sizeof samples);
}

GST_START_TEST (test_audio_caps_give_an_audio_frame)
{
  gchar *out = run_buffer ("kind", S16_STEREO, s16_buffer (), NULL);

  fail_unless_equals_string (out, "[object AudioFrame] videoInfo:undefined "
      "regions:undefined tensors:function messages:function\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_audio_info_and_sample_count)
{
  gchar *out = run_buffer ("info", S16_STEREO, s16_buffer (), NULL);

  fail_unless_equals_string (out, "{\"rate\":48000,\"channels\":2,"
      "\"format\":\"S16LE\",\"bpf\":4,\"bps\":2,\"layout\":\"interleaved\","
      "\"positions\":[\"front-left\",\"front-right\"]}\n"
      "samples 3 pts 1000000000 duration 10000000\n");
  g_free (out);
}

GST_END_TEST;

/* One frame of 4 bytes per channel in @format: the array type and its
 * first elements. */
static gchar *
view_of (const gchar * format, guint channels)
{
  static const guint8 bytes[16] = { 1, 0, 0, 0, 0, 0, 0x80, 0x3f,
    0xff, 0xff, 0xff, 0xff, 0, 0, 0xf0, 0x3f
  };
  gchar *caps = g_strdup_printf ("audio/x-raw,format=%s,rate=8000,"
      "channels=%u,layout=interleaved%s", format, channels, channels == 2 ?
      ",channel-mask=(bitmask)0x3" : "");
  gchar *out = run_buffer ("views", caps, bytes_buffer (bytes, 16), NULL);

  g_free (caps);
  return out;
}

GST_START_TEST (test_data_typed_by_format)
{
  static const struct
  {
    const gchar *format;
    const gchar *view;
  } cases[] = {
    {"S16LE", "Int16Array[8] 1,0,0,16256\n"},
    {"U16LE", "Uint16Array[8] 1,0,0,16256\n"},
    {"S32LE", "Int32Array[4] 1,1065353216,-1,1072693248\n"},
    {"U32LE", "Uint32Array[4] 1,1065353216,4294967295,1072693248\n"},
    {"F32LE", "Float32Array[4] 1.401298464324817e-45,1,NaN,1.875\n"},
    {"F64LE", "Float64Array[2] 0.007812500000000002,1.0000009536743162\n"},
    {"U8", "Uint8Array[16] 1,0,0,0\n"},
    {"S8", "Int8Array[16] 1,0,0,0\n"},
    /* Another byte order, or 24 bits: bytes, the format says which. */
    {"S16BE", "Uint8Array[16] 1,0,0,0\n"},
    {"S24LE", "Uint8Array[15] 1,0,0,0\n"},
    {"S24_32LE", "Uint8Array[16] 1,0,0,0\n"},
  };
  guint i;
  gchar *out;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    out = view_of (cases[i].format, 1);
    fail_unless_equals_string (out, cases[i].view);
    g_free (out);
  }
}

GST_END_TEST;

/* Two channels of F32 planes, each plane 2 samples, described by a
 * GstAudioMeta. */
GST_START_TEST (test_data_non_interleaved_planes)
{
  static const gfloat samples[] = { 0.5f, -0.5f, 0.25f, -0.25f };
  GstBuffer *buf = bytes_buffer (samples, sizeof samples);
  GstAudioInfo info;
  gchar *out;

  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32LE, 8000, 2, NULL);
  GST_AUDIO_INFO_LAYOUT (&info) = GST_AUDIO_LAYOUT_NON_INTERLEAVED;
  gst_buffer_add_audio_meta (buf, &info, 2, NULL);
  out = run_buffer ("views", "audio/x-raw,format=F32LE,rate=8000,channels=2,"
      "layout=non-interleaved,channel-mask=(bitmask)0x3", buf, NULL);
  fail_unless_equals_string (out, "Float32Array[2] 0.5,-0.5 | "
      "Float32Array[2] 0.25,-0.25\n");
  g_free (out);
}

GST_END_TEST;

/* An audio meta that claims more samples than the buffer holds. */
GST_START_TEST (test_lying_audio_meta_is_refused)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 16, NULL);
  GstAudioInfo info;
  gsize offsets[2] = { 0, G_MAXSIZE - 4 };
  gchar *out;

  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32LE, 8000, 2, NULL);
  GST_AUDIO_INFO_LAYOUT (&info) = GST_AUDIO_LAYOUT_NON_INTERLEAVED;
  gst_buffer_add_audio_meta (buf, &info, 2, offsets);
  out = run_buffer ("views", "audio/x-raw,format=F32LE,rate=8000,channels=2,"
      "layout=non-interleaved,channel-mask=(bitmask)0x3", buf, NULL);
  assert_contains (out, "RangeError: AudioFrame.data(): the buffer's 16 "
      "bytes do not hold 2 samples of 2 channels as its caps and audio meta "
      "say");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_data_write_reaches_buffer)
{
  GstBuffer *result;
  GstMapInfo map;
  gchar *out = run_buffer ("write", S16_STEREO, s16_buffer (), &result);

  fail_unless (gst_buffer_map (result, &map, GST_MAP_READ));
  fail_unless_equals_int (((gint16 *) map.data)[0], -2);
  fail_unless_equals_int (((gint16 *) map.data)[1], 1000);
  fail_unless_equals_int (((gint16 *) map.data)[2], 300);
  gst_buffer_unmap (result, &map);
  gst_buffer_unref (result);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_retained_frame_view_and_event_are_dead)
{
  GstHarness *h;
  gchar *out;

  gvajs_test_capture_output_start ();
  h = gvajs_test_harness (FIXTURE, "function=retain", S16_STEREO);
  fail_unless_equals_int (gst_harness_push (h, s16_buffer ()), GST_FLOW_OK);
  fail_unless_equals_int (gst_harness_push (h, s16_buffer ()), GST_FLOW_OK);
  gst_harness_teardown (h);
  out = gvajs_test_capture_output_stop ();
  fail_unless_equals_string (out, "kept length 0\n"
      "frame TypeError: this AudioFrame is no longer valid: a frame, and "
      "everything taken from it, lives only during the call that received "
      "it; copy the values you need to keep\n"
      "event TypeError: this AudioEvent is no longer valid: a frame, and "
      "everything taken from it, lives only during the call that received "
      "it; copy the values you need to keep\n");
  g_free (out);
}

GST_END_TEST;

static void
free_nothing (gpointer data)
{
}

/* Samples at an odd address (a sub-buffer): a read view is a copy, a
 * write view cannot be made. */
GST_START_TEST (test_misaligned_samples_copied_or_refused)
{
  static guint8 bytes[9];
  GstBuffer *buf = gst_buffer_new_wrapped_full (0, bytes, sizeof bytes, 1,
      8, NULL, free_nothing);
  gchar *out = run_buffer ("readWrite", S16_STEREO, buf, NULL);

  fail_unless_equals_string (out, "read 4\n"
      "write TypeError: AudioFrame.data(): the frame is already mapped "
      "for reading in this call and a data() view shows it; write (with "
      "data(\"write\")) before reading with data()\n");
  g_free (out);
  buf = gst_buffer_new_wrapped_full (0, bytes, sizeof bytes, 1, 8, NULL,
      free_nothing);
  out = run_buffer ("write", S16_STEREO, buf, NULL);
  assert_contains (out, "TypeError: AudioFrame.data(\"write\"): the "
      "buffer's bytes are not aligned to its 2-byte samples (a sub-buffer "
      "at an odd offset), so they cannot be viewed in place; read them with "
      "data(), which copies them");
  g_free (out);
}

GST_END_TEST;

static AudioEventMeta *
event_meta (GstBuffer * buf, guint i)
{
  GType api = g_type_from_name ("GstGVAAudioEventMetaAPI");
  gpointer state = NULL;
  GstMeta *meta = NULL;

  fail_unless (api != 0);
  do
    meta = gst_buffer_iterate_meta_filtered (buf, &state, api);
  while (meta && i-- > 0);
  return (AudioEventMeta *) meta;
}

GST_START_TEST (test_add_event_writes_dl_streamer_meta)
{
  GstBuffer *result;
  AudioEventMeta *a, *b;
  const GstStructure *det;
  gdouble confidence;
  gint label_id;
  gchar *out = run_buffer ("events", S16_STEREO, s16_buffer (), &result);

  fail_unless_equals_string (out,
      "0 speech {\"start\":1000000000,\"end\":1010000000} 0.75 3 detection "
      "detection\n"
      "1 noise {\"start\":5,\"end\":9} undefined undefined detection "
      "detection\n" "tensors of b: detection,loudness false\n");
  fail_unless (gst_meta_get_info ("GstGVAAudioEventMeta") != NULL);
  a = event_meta (result, 0);
  b = event_meta (result, 1);
  fail_unless (a && b && event_meta (result, 2) == NULL);
  fail_unless_equals_string (g_quark_to_string (a->event_type), "speech");
  fail_unless_equals_int (a->id, 0);
  fail_unless_equals_uint64 (a->start_timestamp, GST_SECOND);
  fail_unless_equals_uint64 (a->end_timestamp, GST_SECOND + 10 *
      GST_MSECOND);
  det = a->params->data;
  fail_unless (gst_structure_has_name (det, "detection"));
  fail_unless (gst_structure_get_double (det, "confidence", &confidence));
  fail_unless (gst_structure_get_int (det, "label_id", &label_id));
  fail_unless (confidence == 0.75 && label_id == 3);
  fail_unless_equals_int (b->id, 1);
  fail_unless_equals_uint64 (b->start_timestamp, 5);
  fail_unless_equals_int (g_list_length (b->params), 2);
  fail_unless (gst_structure_has_name (b->params->next->data, "loudness"));
  gst_buffer_unref (result);
  g_free (out);
}

GST_END_TEST;

/* An event as DL Streamer's gvaaudiodetect writes one, on a buffer copy
 * (the transform deep-copies params). */
static GstBuffer *
buffer_with_event (void)
{
  GstBuffer *buf = s16_buffer (), *copy, *first;
  AudioEventMeta *event;

  /* gvajs registers the type on its first addEvent(). */
  g_free (run_buffer ("events", S16_STEREO, s16_buffer (), &first));
  gst_buffer_unref (first);
  event = (AudioEventMeta *) gst_buffer_add_meta (buf,
      gst_meta_get_info ("GstGVAAudioEventMeta"), NULL);
  event->event_type = g_quark_from_string ("Speech");
  event->id = 7;
  event->start_timestamp = 100;
  event->end_timestamp = 200;
  event->params = g_list_append (NULL, gst_structure_new ("detection",
          "confidence", G_TYPE_DOUBLE, 0.5, "label_id", G_TYPE_INT, 53,
          NULL));
  event->params = g_list_append (event->params,
      gst_structure_new ("extra", "x", G_TYPE_INT, 1, NULL));
  copy = gst_buffer_copy (buf);
  /* The copy's params are its own. */
  gst_structure_set (event_meta (buf, 0)->params->data, "label_id",
      G_TYPE_INT, 1, NULL);
  gst_buffer_unref (buf);
  return copy;
}

static gboolean
dls_event_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  AudioEventMeta *event = (AudioEventMeta *) meta;

  event->event_type = 0;
  event->id = 0;
  event->start_timestamp = event->end_timestamp = 0;
  event->params = NULL;
  return TRUE;
}

static void
dls_event_free (GstMeta * meta, GstBuffer * buffer)
{
  g_list_free_full (((AudioEventMeta *) meta)->params,
      (GDestroyNotify) gst_structure_free);
}

/* DL Streamer registered the type first (each test runs in its own
 * process): gvajs reads its events and adds its own with that type rather
 * than registering another. */
GST_START_TEST (test_dlstreamer_registered_type_is_shared)
{
  static const gchar *tags[] = { NULL };
  const GstMetaInfo *info = gst_meta_register (gst_meta_api_type_register
      ("GstGVAAudioEventMetaAPI", tags), "GstGVAAudioEventMeta",
      sizeof (AudioEventMeta), dls_event_init, dls_event_free, NULL);
  GstBuffer *in = s16_buffer (), *result;
  AudioEventMeta *event = (AudioEventMeta *) gst_buffer_add_meta (in, info,
      NULL);
  gchar *out;

  event->event_type = g_quark_from_string ("Dog");
  event->id = 3;
  out = run_buffer ("events", S16_STEREO, in, &result);
  assert_contains (out, "3 Dog {\"start\":0,\"end\":0} undefined "
      "undefined  undefined\n");
  fail_unless (event_meta (result, 1)->meta.info == info);
  fail_unless (event_meta (result, 2)->meta.info == info);
  gst_buffer_unref (result);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_events_read_what_dl_streamer_writes)
{
  gchar *out = run_buffer ("readEvents", S16_STEREO, buffer_with_event (),
      NULL);

  fail_unless_equals_string (out, "7 Speech {\"start\":100,\"end\":200} "
      "0.5 53 detection:confidence,label_id,extra:x\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_remove_event_kills_its_objects)
{
  GstBuffer *result;
  gchar *out = run_buffer ("removeEvent", S16_STEREO, buffer_with_event (),
      &result);

  fail_unless_equals_string (out, "event TypeError: this AudioEvent is no "
      "longer valid: it was removed from the frame\n"
      "detection TypeError: this Tensor is no longer valid: its event was "
      "removed from the frame\n"
      "again TypeError: this AudioEvent is no longer valid: it was removed "
      "from the frame\n"
      "not an event TypeError: AudioFrame.removeEvent(): event must be an "
      "AudioEvent, not an object\n" "left \n");
  fail_unless (event_meta (result, 0) == NULL);
  gst_buffer_unref (result);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_add_event_bad_input_messages)
{
  gchar *out = run_buffer ("badEvents", S16_STEREO, s16_buffer (), NULL);

  fail_unless_equals_string (out,
      "none TypeError: AudioFrame.addEvent(): event must be an object "
      "{start, end, label, confidence?, labelId?}, not undefined\n"
      "array TypeError: AudioFrame.addEvent(): event must be an object "
      "{start, end, label, confidence?, labelId?}, not an array\n"
      "no label TypeError: AudioFrame.addEvent(): label must be a string, "
      "not undefined\n"
      "label type TypeError: AudioFrame.addEvent(): label must be a string, "
      "not 7\n"
      "empty label RangeError: AudioFrame.addEvent(): label must not be "
      "empty\n"
      "nul RangeError: AudioFrame.addEvent(): label holds a NUL character "
      "(\\0), which GStreamer's C strings cannot carry\n"
      "typo TypeError: AudioFrame.addEvent(): unknown option \"confidnce\"; "
      "the options are start, end, label, confidence, labelId\n"
      "negative RangeError: AudioFrame.addEvent(): start must be an integer "
      "from 0 to 9007199254740992, not -1\n"
      "fraction RangeError: AudioFrame.addEvent(): end must be an integer "
      "from 0 to 9007199254740992, not 1.5\n"
      "reversed RangeError: AudioFrame.addEvent(): end (3) is before start "
      "(9)\n"
      "confidence RangeError: AudioFrame.addEvent(): confidence must be a "
      "finite number, not NaN\n"
      "labelId RangeError: AudioFrame.addEvent(): labelId must be an "
      "integer from -2147483648 to 2147483647, not 1099511627776\n"
      "tensor name RangeError: AudioEvent.addTensor(): name \"\" is not a "
      "valid tensor name: it must start with a letter and hold only "
      "letters, digits and /-_.:+\n"
      "frame tensor name RangeError: AudioFrame.addTensor(): name \"1x\" is "
      "not a valid tensor name: it must start with a letter and hold only "
      "letters, digits and /-_.:+\n" "events 1\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_methods_on_the_wrong_object_are_refused)
{
  gchar *out = run_buffer ("wrongThis", S16_STEREO, s16_buffer (), NULL);

  fail_unless_equals_string (out, "not a frame TypeError: not an AudioFrame\n"
      "not an event TypeError: not an AudioEvent\n"
      "video method TypeError: not an AudioFrame\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_pixel_helpers_refuse_audio_frames)
{
  gchar *out = run_buffer ("pixelHelpers", S16_STEREO, s16_buffer (), NULL);

  fail_unless_equals_string (out, "draw TypeError: draw.rect(): an "
      "AudioFrame has no pixels; this works on raw video (video/x-raw)\n"
      "cropResize TypeError: cropResize(): an AudioFrame has no pixels; "
      "this works on raw video (video/x-raw)\n"
      "foreground TypeError: foreground(): an AudioFrame has no pixels; "
      "this works on raw video (video/x-raw)\n"
      "blobs TypeError: blobs(): mask must be a Uint8Array, not an "
      "AudioFrame\n"
      "not a frame TypeError: draw.rect(): frame: not a VideoFrame\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_add_event_needs_times_without_timestamps)
{
  GstBuffer *buf = s16_buffer ();
  gchar *out;

  GST_BUFFER_PTS (buf) = GST_CLOCK_TIME_NONE;
  out = run_buffer ("untimed", S16_STEREO, buf, NULL);
  fail_unless_equals_string (out, "default span TypeError: "
      "AudioFrame.addEvent(): start is required: the buffer has no "
      "timestamp to take it from\n"
      "explicit {\"start\":1,\"end\":2}\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_tensors_and_messages_on_audio)
{
  GstBuffer *result;
  gchar **messages;
  gchar *out = run_buffer ("metadata", S16_STEREO, s16_buffer (), &result);

  fail_unless_equals_string (out, "bad message TypeError: "
      "AudioFrame.addMessage(): message must be a string or a value JSON "
      "can represent, not undefined\n"
      "bad remove RangeError: AudioFrame.removeMessage(): index 5 is out of "
      "range: the frame has 1 message(s)\n"
      "tensors audio_tensor messages {\"audio\":true}\n");
  messages = gvajs_buffer_messages (result);
  fail_unless_equals_string (messages[0], "{\"audio\":true}");
  g_strfreev (messages);
  gst_buffer_unref (result);
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_audio_levels_per_channel)
{
  /* left: full scale, -full scale; right: half scale, 0 */
  static const gint16 samples[] = { 32767, 16384, -32768, 0 };
  gchar *out = run_buffer ("levels", S16_STEREO,
      bytes_buffer (samples, sizeof samples), NULL);

  fail_unless_equals_string (out, "rms -0.00,-9.03 peak 0.00,-6.02 "
      "argmax 0\n");
  g_free (out);
}

GST_END_TEST;

GST_START_TEST (test_audio_levels_bad_input_messages)
{
  gchar *out = run_buffer ("badLevels", S16_STEREO, s16_buffer (), NULL);

  fail_unless_equals_string (out,
      "array TypeError: audioLevels(): samples must be a typed array of "
      "numbers (Float32Array, Float64Array, Int32Array, Uint8Array, ...), "
      "not an Array (use a Float32Array)\n"
      "empty RangeError: audioLevels(): samples is empty\n"
      "channels RangeError: audioLevels(): channels must be an integer from "
      "1 to 1024, not 0\n"
      "multiple RangeError: audioLevels(): samples has 5 elements, not a "
      "multiple of 2 channels\n"
      "silence \"-Infinity\"\n"
      "unsigned [\"0.000\"]\n");
  g_free (out);
}

GST_END_TEST;

static Suite *
audio_suite (void)
{
  Suite *s = suite_create ("audio");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_audio_caps_give_an_audio_frame);
  tcase_add_test (tc, test_audio_info_and_sample_count);
  tcase_add_test (tc, test_data_typed_by_format);
  tcase_add_test (tc, test_data_non_interleaved_planes);
  tcase_add_test (tc, test_lying_audio_meta_is_refused);
  tcase_add_test (tc, test_data_write_reaches_buffer);
  tcase_add_test (tc, test_retained_frame_view_and_event_are_dead);
  tcase_add_test (tc, test_misaligned_samples_copied_or_refused);
  tcase_add_test (tc, test_add_event_writes_dl_streamer_meta);
  tcase_add_test (tc, test_events_read_what_dl_streamer_writes);
  tcase_add_test (tc, test_dlstreamer_registered_type_is_shared);
  tcase_add_test (tc, test_remove_event_kills_its_objects);
  tcase_add_test (tc, test_add_event_bad_input_messages);
  tcase_add_test (tc, test_methods_on_the_wrong_object_are_refused);
  tcase_add_test (tc, test_pixel_helpers_refuse_audio_frames);
  tcase_add_test (tc, test_add_event_needs_times_without_timestamps);
  tcase_add_test (tc, test_tensors_and_messages_on_audio);
  tcase_add_test (tc, test_audio_levels_per_channel);
  tcase_add_test (tc, test_audio_levels_bad_input_messages);
  return s;
}

GST_CHECK_MAIN (audio);
