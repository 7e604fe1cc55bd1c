"""DL Streamer's metadata read and written from Python, the way gstgva does
it: PyGObject for pipelines, ctypes on the raw GstBuffer for metas
(reference/gvapython.md §2.5). Independent of gvajs: it knows only the
wire format (GstVideoRegionOfInterestMeta with params, GstGVATensorMeta,
GstGVAJSONMeta, GstGVAAudioEventMeta)."""
import ctypes as C
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstBase", "1.0")
gi.require_version("GstVideo", "1.0")
from gi.repository import GObject, Gst, GstBase  # noqa: E402

gst = C.CDLL("libgstreamer-1.0.so.0")
gstvideo = C.CDLL("libgstvideo-1.0.so.0")
gobject = C.CDLL("libgobject-2.0.so.0")
glib = C.CDLL("libglib-2.0.so.0")


class GstMeta(C.Structure):
    _fields_ = [("flags", C.c_int), ("info", C.c_void_p)]


class GList(C.Structure):
    pass


GList._fields_ = [("data", C.c_void_p), ("next", C.POINTER(GList)),
                  ("prev", C.POINTER(GList))]


class RoiMeta(C.Structure):
    _fields_ = [("meta", GstMeta), ("roi_type", C.c_uint32), ("id", C.c_int),
                ("parent_id", C.c_int), ("x", C.c_uint), ("y", C.c_uint),
                ("w", C.c_uint), ("h", C.c_uint),
                ("params", C.POINTER(GList))]


class TensorMeta(C.Structure):
    _fields_ = [("meta", GstMeta), ("data", C.c_void_p)]


class JsonMeta(C.Structure):
    _fields_ = [("meta", GstMeta), ("message", C.c_void_p)]


class AudioEventMeta(C.Structure):
    """gstgva's AudioEventMeta (gstgva/audio/audio_event_meta.py)."""
    _fields_ = [("meta", GstMeta), ("event_type", C.c_uint32),
                ("id", C.c_int), ("start_timestamp", C.c_ulong),
                ("end_timestamp", C.c_ulong), ("params", C.POINTER(GList))]


class GValue(C.Structure):
    _fields_ = [("g_type", C.c_size_t), ("data", C.c_uint64 * 2)]


def _sig(lib, name, restype, *argtypes):
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


P = C.c_void_p
iterate_meta = _sig(gst, "gst_buffer_iterate_meta_filtered", P, P,
                    C.POINTER(P), C.c_size_t)
add_meta = _sig(gst, "gst_buffer_add_meta", P, P, P, P)
meta_get_info = _sig(gst, "gst_meta_get_info", P, C.c_char_p)
roi_api = _sig(gstvideo, "gst_video_region_of_interest_meta_api_get_type",
               C.c_size_t)
add_roi = _sig(gstvideo, "gst_buffer_add_video_region_of_interest_meta", P,
               P, C.c_char_p, C.c_uint, C.c_uint, C.c_uint, C.c_uint)
add_param = _sig(gstvideo, "gst_video_region_of_interest_meta_add_param",
                 None, P, P)
structure_name = _sig(gst, "gst_structure_get_name", C.c_char_p, P)
structure_n_fields = _sig(gst, "gst_structure_n_fields", C.c_int, P)
structure_nth = _sig(gst, "gst_structure_nth_field_name", C.c_char_p, P,
                     C.c_uint)
structure_value = _sig(gst, "gst_structure_get_value", C.POINTER(GValue), P,
                       C.c_char_p)
structure_from_string = _sig(gst, "gst_structure_from_string", P, C.c_char_p,
                             P)
structure_free = _sig(gst, "gst_structure_free", None, P)
structure_set_value = _sig(gst, "gst_structure_set_value", None, P,
                           C.c_char_p, P)
array_size = _sig(gst, "gst_value_array_get_size", C.c_uint, P)
array_value = _sig(gst, "gst_value_array_get_value", C.POINTER(GValue), P,
                   C.c_uint)
array_type = _sig(gst, "gst_value_array_get_type", C.c_size_t)
type_from_name = _sig(gobject, "g_type_from_name", C.c_size_t, C.c_char_p)
type_name = _sig(gobject, "g_type_name", C.c_char_p, C.c_size_t)
value_init = _sig(gobject, "g_value_init", P, P, C.c_size_t)
value_unset = _sig(gobject, "g_value_unset", None, P)
value_take_variant = _sig(gobject, "g_value_take_variant", None, P, P)
getters = {
    b"gint": _sig(gobject, "g_value_get_int", C.c_int, P),
    b"guint": _sig(gobject, "g_value_get_uint", C.c_uint, P),
    b"gint64": _sig(gobject, "g_value_get_int64", C.c_int64, P),
    b"gdouble": _sig(gobject, "g_value_get_double", C.c_double, P),
    b"gfloat": _sig(gobject, "g_value_get_float", C.c_float, P),
    b"gboolean": _sig(gobject, "g_value_get_boolean", C.c_int, P),
    b"gchararray": _sig(gobject, "g_value_get_string", C.c_char_p, P),
}
value_get_variant = _sig(gobject, "g_value_get_variant", P, P)
variant_type = _sig(glib, "g_variant_get_type_string", C.c_char_p, P)
variant_fixed = _sig(glib, "g_variant_get_fixed_array", P, P,
                     C.POINTER(C.c_size_t), C.c_size_t)
variant_new_fixed = _sig(glib, "g_variant_new_fixed_array", P, C.c_char_p,
                         P, C.c_size_t, C.c_size_t)
quark_to_string = _sig(glib, "g_quark_to_string", C.c_char_p, C.c_uint32)
strdup = _sig(glib, "g_strdup", P, C.c_char_p)
quark_from_string = _sig(glib, "g_quark_from_string", C.c_uint32, C.c_char_p)
list_append = _sig(glib, "g_list_append", C.POINTER(GList), C.POINTER(GList),
                   P)


def value(v):
    """A GValue as {"type": GType name, "value": ...}."""
    name = type_name(v.contents.g_type)
    addr = C.addressof(v.contents)
    if v.contents.g_type == array_type():
        return {"type": "GstValueArray",
                "items": [value(array_value(addr, i))
                          for i in range(array_size(addr))]}
    if name in getters:
        got = getters[name](addr)
        if name == b"gchararray":
            got = got.decode()
        elif name == b"gboolean":
            got = bool(got)
        return {"type": name.decode(), "value": got}
    if name == b"GVariant":
        var = value_get_variant(addr)
        n = C.c_size_t()
        data = variant_fixed(var, C.byref(n), 1)
        return {"type": "GVariant", "variant": variant_type(var).decode(),
                "bytes": C.string_at(data, n.value).hex()}
    return {"type": name.decode()}


def structure(s):
    return {"name": structure_name(s).decode(),
            "fields": {structure_nth(s, i).decode():
                       value(structure_value(s, structure_nth(s, i)))
                       for i in range(structure_n_fields(s))}}


def metas(buf_ptr, api):
    state = P()
    while True:
        meta = iterate_meta(buf_ptr, C.byref(state), api)
        if not meta:
            return
        yield meta


def regions(buf_ptr):
    out = []
    for meta in metas(buf_ptr, roi_api()):
        roi = RoiMeta.from_address(meta)
        params = []
        node = roi.params
        while node:
            params.append(structure(node.contents.data))
            node = node.contents.next
        label = quark_to_string(roi.roi_type) if roi.roi_type else None
        out.append({"label": label.decode() if label else None,
                    "id": roi.id, "parent_id": roi.parent_id,
                    "x": roi.x, "y": roi.y, "w": roi.w, "h": roi.h,
                    "params": params})
    return out


def params_of(node):
    out = []
    while node:
        out.append(structure(node.contents.data))
        node = node.contents.next
    return out


def audio_events(buf_ptr):
    api = type_from_name(b"GstGVAAudioEventMetaAPI")
    if not api:
        return []
    out = []
    for m in metas(buf_ptr, api):
        e = AudioEventMeta.from_address(m)
        label = quark_to_string(e.event_type) if e.event_type else None
        out.append({"label": label.decode() if label else None, "id": e.id,
                    "start": e.start_timestamp, "end": e.end_timestamp,
                    "params": params_of(e.params)})
    return out


def add_audio_event(buf_ptr, label, start, end, *params):
    """As gst_gva_buffer_add_audio_event_meta() and
    gst_gva_audio_event_meta_add_param() do."""
    info = meta_get_info(b"GstGVAAudioEventMeta")
    if not info:
        raise RuntimeError("GstGVAAudioEventMeta is not registered")
    e = AudioEventMeta.from_address(add_meta(buf_ptr, info, None))
    e.event_type = quark_from_string(label.encode())
    e.start_timestamp = start
    e.end_timestamp = end
    for p in params:
        e.params = list_append(e.params, p)
    return e


def frame_tensors(buf_ptr):
    api = type_from_name(b"GstGVATensorMetaAPI")
    if not api:
        return []
    return [structure(TensorMeta.from_address(m).data)
            for m in metas(buf_ptr, api)]


def messages(buf_ptr):
    api = type_from_name(b"GstGVAJSONMetaAPI")
    if not api:
        return []
    out = []
    for m in metas(buf_ptr, api):
        msg = JsonMeta.from_address(m).message
        out.append(C.string_at(msg).decode() if msg else None)
    return out


def read_all(buf_ptr):
    return {"regions": regions(buf_ptr), "tensors": frame_tensors(buf_ptr),
            "messages": messages(buf_ptr)}


def new_structure(text):
    s = structure_from_string(text.encode(), None)
    if not s:
        raise ValueError(f"not a structure: {text}")
    return s


def set_data_buffer(s, data):
    """data_buffer as gvainference writes it: a GVariant "ay"."""
    raw = C.create_string_buffer(bytes(data), len(data))
    gv = GValue()
    value_init(C.byref(gv), type_from_name(b"GVariant"))
    value_take_variant(C.byref(gv),
                       variant_new_fixed(b"y", raw, len(data), 1))
    structure_set_value(s, b"data_buffer", C.byref(gv))
    value_unset(C.byref(gv))


def add_region(buf_ptr, label, x, y, w, h, *params):
    roi = add_roi(buf_ptr, label.encode(), x, y, w, h)
    for p in params:
        add_param(roi, p)
    return RoiMeta.from_address(roi)


def add_frame_tensor(buf_ptr, s):
    info = meta_get_info(b"GstGVATensorMeta")
    if not info:
        raise RuntimeError("GstGVATensorMeta is not registered")
    meta = TensorMeta.from_address(add_meta(buf_ptr, info, None))
    structure_free(meta.data)
    meta.data = s


def add_message(buf_ptr, text):
    info = meta_get_info(b"GstGVAJSONMeta")
    if not info:
        raise RuntimeError("GstGVAJSONMeta is not registered")
    JsonMeta.from_address(add_meta(buf_ptr, info, None)).message = \
        strdup(text.encode())


def register_element(name, transform_ip):
    """A Python BaseTransform element: its buffers are writable there."""
    any_caps = Gst.Caps.new_any()

    class Element(GstBase.BaseTransform):
        __gstmetadata__ = (name, "Filter", "gvajs interop test element",
                           "gvajs tests")
        __gsttemplates__ = (
            Gst.PadTemplate.new("src", Gst.PadDirection.SRC,
                                Gst.PadPresence.ALWAYS, any_caps),
            Gst.PadTemplate.new("sink", Gst.PadDirection.SINK,
                                Gst.PadPresence.ALWAYS, any_caps))

        def do_transform_ip(self, buf):
            transform_ip(hash(buf))
            return Gst.FlowReturn.OK

    Element.__name__ = "PyElement_" + name
    GObject.type_register(Element)
    Gst.Element.register(None, name, Gst.Rank.NONE, Element)


def run(description, probe_element=None, probe=None):
    """Runs @description to EOS; @probe(buf_ptr) sees each buffer reaching
    @probe_element's sink pad. Exits non-zero on an error."""
    pipeline = Gst.parse_launch(description)
    if probe_element:
        pad = pipeline.get_by_name(probe_element).get_static_pad("sink")

        def on_buffer(pad, info):
            probe(hash(info.get_buffer()))
            return Gst.PadProbeReturn.OK
        pad.add_probe(Gst.PadProbeType.BUFFER, on_buffer)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        err, debug = msg.parse_error()
        sys.exit(f"pipeline error: {err.message}\n{debug}")


Gst.init(None)
