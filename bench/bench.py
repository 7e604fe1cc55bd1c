#!/usr/bin/python3
"""Per-frame cost of gvajs against identity and a Python (PyGObject) pad
probe doing the same work, in one process, interleaved, median of rounds.

Each case runs a pipeline twice per round, with N frames and with 1 frame:
(T(N) - T(1)) / (N - 1) is the per-frame cost without start-up, and T(1)
minus identity's T(1) is the start-up cost. Results print as a table of
µs/frame and ratios and are written to bench/results.json. Never an
assertion: numbers depend on the machine and on what else runs on it.

Run through bench/run.sh (it points GStreamer at the build's plugin).
"""
import argparse
import ctypes
import json
import os
import platform
import statistics
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstVideo", "1.0")
from gi.repository import GLib, Gst, GstVideo  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CAPS = "video/x-raw,format=RGB,width=64,height=48,framerate=30/1"
SRC = "videotestsrc pattern=black num-buffers={n} ! " + CAPS

# The gallery: the same shapes as gallery-common.mjs (values differ; the
# work does not depend on them).
IDENTITIES, DIM, REGIONS = 100, 256, 50


def unit_rows(rng, rows):
    m = rng.uniform(-1, 1, (rows, DIM)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def blas_library():
    """The BLAS numpy loaded (Debian's default is the reference netlib
    BLAS, not OpenBLAS): it decides numpy's speed here."""
    np.ones((2, 2), np.float32) @ np.ones((2, 2), np.float32)
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower()}
    return sorted(os.path.realpath(lib) for lib in libs if lib.startswith("/"))


_rng = np.random.default_rng(1234)
GALLERY = unit_rows(_rng, IDENTITIES)
EMBEDDINGS = unit_rows(_rng, REGIONS)
GALLERY_T = np.ascontiguousarray(GALLERY.T)


class Floor:
    """A probe of bench/floor.c, in C: the work of a gvajs case with no
    script, on the same wire format (bench/run.sh names the library)."""
    _lib = None

    def __init__(self, kind):
        self.kind = kind

    @classmethod
    def library(cls):
        if cls._lib is None:
            cls._lib = ctypes.CDLL(os.environ["GVAJS_BENCH_FLOOR"])
            cls._lib.gvajs_bench_floor_attach.argtypes = [ctypes.c_void_p,
                                                          ctypes.c_char_p]
            cls._lib.gvajs_bench_floor_blas.restype = ctypes.c_char_p
        return cls._lib

    @classmethod
    def blas(cls):
        name = cls.library().gvajs_bench_floor_blas()
        return name.decode() if name else None

    def attach(self, pad):
        if not self.library().gvajs_bench_floor_attach(hash(pad),
                                                       self.kind.encode()):
            raise RuntimeError("floor %s: not built (no BLAS?)" % self.kind)


def probe_noop(pad, info):
    return Gst.PadProbeReturn.OK


def probe_regions(pad, info):
    """10 regions added and read back, as regions.mjs does."""
    buf = info.get_buffer()
    # PyGObject holds extra references on a probed buffer, so it is not
    # writable and gst_buffer_add_meta() refuses. Python scripts work around
    # it by lowering GstMiniObject.refcount (offset 8 on 64-bit) for the
    # writes; gvapython makes the buffer writable in C before calling them.
    refcount = ctypes.c_int.from_address(hash(buf) + 8)
    saved, refcount.value = refcount.value, 1
    try:
        for i in range(10):
            meta = GstVideo.buffer_add_video_region_of_interest_meta(
                buf, "face", i * 4, i * 3, 10, 8)
            meta.id = i + 1
            detection = Gst.Structure.new_empty("detection")
            detection.set_value("confidence", 0.9)
            meta.add_param(detection)
    finally:
        refcount.value = saved
    total = 0.0
    for i in range(10):
        meta = GstVideo.buffer_get_video_region_of_interest_meta_id(buf, i + 1)
        confidence = meta.get_param("detection").get_value("confidence")
        total += meta.x + meta.w + confidence + len(
            GLib.quark_to_string(meta.roi_type))
    return Gst.PadProbeReturn.OK


def probe_gallery(pad, info):
    # Per region, as a script labelling regions one by one would.
    matches = 0
    for r in range(REGIONS):
        sims = GALLERY @ EMBEDDINGS[r]
        best = int(np.argmax(sims))
        if sims[best] > 0.5:
            matches += 1
    return Gst.PadProbeReturn.OK


def probe_gallery_batched(pad, info):
    # numpy at its best: all regions in one matrix product.
    sims = EMBEDDINGS @ GALLERY_T
    best = sims.argmax(axis=1)
    int((sims[np.arange(REGIONS), best] > 0.5).sum())
    return Gst.PadProbeReturn.OK


# ---- drawing: 50 boxes and 50 labels on 1080p, as bench/draw.mjs ----

HD = "width=1920,height=1080,framerate=30/1"
DRAW_COLOURS = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200),
                (245, 130, 48)]
DRAW_BOXES = [(30 + (k % 10) * 190, 60 + (k // 10) * 200, 150, 170, k + 1,
               0.5 + (k % 50) / 100) for k in range(50)]


class MapInfo(ctypes.Structure):
    _fields_ = [("memory", ctypes.c_void_p), ("flags", ctypes.c_int),
                ("data", ctypes.c_void_p), ("size", ctypes.c_size_t),
                ("maxsize", ctypes.c_size_t),
                ("user_data", ctypes.c_void_p * 4),
                ("_gst_reserved", ctypes.c_void_p * 4)]


_libgst = ctypes.CDLL("libgstreamer-1.0.so.0")
_libgst.gst_buffer_map.argtypes = [ctypes.c_void_p, ctypes.POINTER(MapInfo),
                                   ctypes.c_int]
_libgst.gst_buffer_unmap.argtypes = [ctypes.c_void_p, ctypes.POINTER(MapInfo)]
GST_MAP_READWRITE = 3


def bt709(r, g, b):
    """(Y, U, V) of an RGB colour in BT.709 limited range: the colorimetry
    videotestsrc gives 1080p NV12, which gvajs's draw converts to."""
    y = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
    return (round(16 + 219 * y), round(128 + 224 * (b / 255 - y) / 1.8556),
            round(128 + 224 * (r / 255 - y) / 1.5748))


def draw_probe(layout, line_type):
    """A probe drawing the boxes and labels with OpenCV on the buffer mapped
    for writing, as gvapython's frame.data() gives it: BGRx as one
    H x W x 4 array; NV12 as its Y plane (luma) and its interleaved UV
    plane at half size (chroma), so the colours are right, not only the
    luma."""
    import cv2
    font = cv2.FONT_HERSHEY_SIMPLEX
    yuv = [bt709(r, g, b) for r, g, b in DRAW_COLOURS]

    def probe(pad, info):
        buf = info.get_buffer()
        # As probe_regions: a probed buffer has PyGObject's extra reference.
        refcount = ctypes.c_int.from_address(hash(buf) + 8)
        saved, refcount.value = refcount.value, 1
        mapping = MapInfo()
        try:
            if not _libgst.gst_buffer_map(hash(buf), ctypes.byref(mapping),
                                          GST_MAP_READWRITE):
                raise RuntimeError("cannot map the buffer for writing")
            data = np.ctypeslib.as_array(
                ctypes.cast(mapping.data, ctypes.POINTER(ctypes.c_uint8)),
                shape=(mapping.size,))
            if layout == "BGRx":
                img = data[:1920 * 1080 * 4].reshape(1080, 1920, 4)
                for x, y, w, h, i, score in DRAW_BOXES:
                    r, g, b = DRAW_COLOURS[i % 5]
                    cv2.rectangle(img, (x, y), (x + w - 1, y + h - 1),
                                  (b, g, r, 255), 2)
                    cv2.putText(img, "person %d %.2f" % (i, score),
                                (x, y - 6), font, 0.55, (b, g, r, 255), 1,
                                line_type)
            else:
                luma = data[:1920 * 1080].reshape(1080, 1920)
                chroma = data[1920 * 1080:1920 * 1620].reshape(540, 960, 2)
                for x, y, w, h, i, score in DRAW_BOXES:
                    yv, u, v = yuv[i % 5]
                    label = "person %d %.2f" % (i, score)
                    cv2.rectangle(luma, (x, y), (x + w - 1, y + h - 1), yv, 2)
                    cv2.rectangle(chroma, (x // 2, y // 2),
                                  ((x + w - 1) // 2, (y + h - 1) // 2),
                                  (u, v), 1)
                    cv2.putText(luma, label, (x, y - 6), font, 0.55, yv, 1,
                                line_type)
                    cv2.putText(chroma, label, (x // 2, (y - 6) // 2), font,
                                0.275, (u, v), 1, line_type)
        finally:
            if mapping.memory:
                _libgst.gst_buffer_unmap(hash(buf), ctypes.byref(mapping))
            refcount.value = saved
        return Gst.PadProbeReturn.OK
    return probe


def gvajs(script):
    return 'gvajs module="%s"' % os.path.join(HERE, script)


def faces_pair(reader):
    """gvajs writing 50 faces with embeddings, then @reader."""
    return "%s ! %s" % (gvajs("faces-source.mjs"), gvajs(reader))


def tensor_pair(size, reader):
    """gvajs writing a frame tensor of @size ("scores" or "mask"), then
    @reader: the tensor.data() cases and their baselines."""
    return '%s function=%s ! %s' % (gvajs("tensor-source.mjs"), size,
                                     gvajs(reader))


# name -> (element description, python probe or None, frames, branches[,
# source caps]): branches 0 is a straight pipeline, k > 0 a tee with k
# queued branches, -k k independent streams (a source, the element and a
# sink each, no tee); the caps default to CAPS.
CASES = {
    "identity": ("identity", None, 20000, 0),
    "gvajs no-op": (gvajs("noop.mjs"), None, 20000, 0),
    "python no-op probe": ("identity", probe_noop, 20000, 0),
    "gvajs 10 regions": (gvajs("regions.mjs"), None, 5000, 0),
    "C floor metadata": ("identity", Floor("metadata"), 5000, 0),
    "gvajs metadata": (gvajs("metadata.mjs"), None, 5000, 0),
    "gvajs metadata, batch form": (gvajs("metadata-batch.mjs"), None, 5000, 0),
    "python 10 regions probe": ("identity", probe_regions, 5000, 0),
    "gvajs gallery (helpers)": (gvajs("gallery.mjs"), None, 1000, 0),
    "gvajs gallery (plain JS)": (gvajs("gallery-plain.mjs"), None, 20, 0),
    "python gallery (numpy, per region)": ("identity", probe_gallery, 1000, 0),
    "python gallery (numpy, batched)":
        ("identity", probe_gallery_batched, 1000, 0),
    "gvajs gallery, 1 branch": (gvajs("gallery.mjs"), None, 1000, 1),
    "gvajs gallery, 2 branches": (gvajs("gallery.mjs"), None, 1000, 2),
    "python gallery, 1 branch": ("identity", probe_gallery, 1000, 1),
    "python gallery, 2 branches": ("identity", probe_gallery, 1000, 2),
    "C floor sgemm (50×256 by 256×100)": ("identity", Floor("sgemm"), 2000, 0),
    "gvajs gallery (matMul)": (gvajs("gallery-matmul.mjs"), None, 2000, 0),
    "C floor match kernel (same shapes)":
        ("identity", Floor("match"), 2000, 0),
    "gvajs gallery (bestMatch)": (gvajs("gallery-match.mjs"), None, 2000, 0),
    "gvajs 50 faces, no reader": (faces_pair("noop.mjs"), None, 5000, 0),
    # The sgemm floor where the gallery step runs: after the same source
    # (its 50 tensors written a frame share the core's caches), paired
    # with the source followed by a bare identity.
    "gvajs 50 faces, identity":
        ("%s ! identity" % gvajs("faces-source.mjs"), None, 5000, 0),
    "gvajs 50 faces, C floor sgemm":
        ("%s ! identity" % gvajs("faces-source.mjs"), Floor("sgemm"), 5000, 0),
    # The whole step in C on the same wire format (floor.c's
    # "gallery-step": the same reads, products in bestMatch's kernel where
    # it runs, best match and labels).
    "gvajs 50 faces, C floor gallery step":
        ("%s ! identity" % gvajs("faces-source.mjs"), Floor("gallery-step"),
         5000, 0),
    "gvajs 50 faces, gallery step": (faces_pair("gallery-batched.mjs"), None,
                                     5000, 0),
    "gvajs 50 faces, gallery step, matMul + rowArgmax":
        (faces_pair("gallery-step-matmul.mjs"), None, 5000, 0),
    "gvajs 50 faces, gallery step, labels one by one":
        (faces_pair("gallery-labels.mjs"), None, 5000, 0),
    "gvajs tensor 4 KiB, no reader":
        (tensor_pair("scores", "noop.mjs"), None, 5000, 0),
    "gvajs tensor 4 KiB, tensor.data()":
        (tensor_pair("scores", "tensor-data.mjs"), None, 5000, 0),
    "gvajs tensor 1 MiB, no reader":
        (tensor_pair("mask", "noop.mjs"), None, 500, 0),
    "gvajs tensor 1 MiB, tensor.data()":
        (tensor_pair("mask", "tensor-data.mjs"), None, 500, 0),
}
# Streams: 1, 2, 4, … up to the machine's CPUs, and the CPU count itself.
STREAMS = sorted({n for n in (1, 2, 4, 8, 16, 32, 64)
                  if n <= max(2, os.cpu_count())} | {max(2, os.cpu_count())})
for _n in STREAMS:
    CASES["gvajs gallery (matMul), %d streams" % _n] = (
        gvajs("gallery-matmul.mjs"), None, 1000, -_n)
    CASES["C floor sgemm, %d streams" % _n] = (
        "identity", Floor("sgemm"), 1000, -_n)
    CASES["python gallery (numpy, batched), %d streams" % _n] = (
        "identity", probe_gallery_batched, 1000, -_n)
for _fmt in ("BGRx", "NV12"):
    _caps = "video/x-raw,format=%s,%s" % (_fmt, HD)
    CASES.update({
        "identity 1080p %s" % _fmt: ("identity", None, 300, 0, _caps),
        "gvajs draw 1080p %s" % _fmt: (gvajs("draw.mjs"), None, 300, 0, _caps),
        "python cv2 draw 1080p %s (LINE_8)" % _fmt:
            ("identity", draw_probe(_fmt, 8), 300, 0, _caps),
        "python cv2 draw 1080p %s (LINE_AA)" % _fmt:
            ("identity", draw_probe(_fmt, 16), 300, 0, _caps),
    })


def describe(element, frames, branches, caps=CAPS):
    src = "videotestsrc pattern=black num-buffers=%d ! %s" % (frames, caps)
    if branches < 0:
        return " ".join("%s ! %s name=e%d ! fakesink sync=false"
                        % (src, element, b) for b in range(-branches))
    if branches == 0:
        return "%s ! %s name=e0 ! fakesink sync=false" % (src, element)
    # A tee and a queue per branch: each branch gets its own thread.
    desc = "%s ! tee name=t" % src
    for b in range(branches):
        desc += " t. ! queue ! %s name=e%d ! fakesink sync=false" % (element, b)
    return desc


def cpu_seconds():
    """CPU time of this process, all its threads (GStreamer's streaming
    threads included): unlike the wall clock, it does not count time spent
    waiting for a CPU that other work holds."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_once(element, probe, frames, branches, caps=CAPS):
    """Seconds from PLAYING to EOS, and the CPU seconds meanwhile."""
    pipeline = Gst.parse_launch(describe(element, frames, branches, caps))
    if probe is not None:
        for b in range(max(abs(branches), 1)):
            pad = pipeline.get_by_name("e%d" % b).get_static_pad("src")
            if isinstance(probe, Floor):
                probe.attach(pad)
            else:
                pad.add_probe(Gst.PadProbeType.BUFFER, probe)
    bus = pipeline.get_bus()
    start, cpu = time.perf_counter(), cpu_seconds()
    pipeline.set_state(Gst.State.PLAYING)
    msg = bus.timed_pop_filtered(600 * Gst.SECOND,
                                 Gst.MessageType.EOS | Gst.MessageType.ERROR)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    pipeline.set_state(Gst.State.NULL)
    if msg is None or msg.type == Gst.MessageType.ERROR:
        err = msg.parse_error()[0].message if msg else "timeout"
        raise RuntimeError("%s: %s" % (element, err))
    return elapsed, cpu


def rss_per_instance(element, count=20):
    """RSS growth, in bytes, per started instance of @element, measured in a
    fresh process: one that ran pipelines before reuses freed heap pages
    and would under-count."""
    import subprocess
    out = subprocess.run([sys.executable, os.path.abspath(__file__),
                          "--rss-of", element, "--rss-count", str(count)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def measure_rss(element, count):
    def rss():
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    desc = "%s ! tee name=t" % SRC.format(n=1)
    for i in range(count):
        desc += " t. ! queue ! %s ! fakesink sync=false" % element
    pipeline = Gst.parse_launch(desc)
    pipeline.set_state(Gst.State.READY)
    pipeline.get_state(10 * Gst.SECOND)
    before = rss()
    # gvajs creates its runtime and loads the module in start (READY to
    # PAUSED); PAUSED also prerolls one frame through every branch.
    pipeline.set_state(Gst.State.PAUSED)
    pipeline.get_state(10 * Gst.SECOND)
    after = rss()
    pipeline.set_state(Gst.State.NULL)
    return (after - before) / count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every frame count (e.g. 0.1 to try)")
    parser.add_argument("--only", action="append",
                        help="a case name (repeat for several)")
    parser.add_argument("--output", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--rss-of", help=argparse.SUPPRESS)
    parser.add_argument("--rss-count", type=int, default=20,
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    Gst.init(None)
    if args.rss_of:
        print(measure_rss(args.rss_of, args.rss_count))
        return
    if Gst.ElementFactory.find("gvajs") is None:
        sys.exit("gvajs element not found: build first, run via bench/run.sh")

    cases = {k: v for k, v in CASES.items()
             if not args.only or k in args.only}
    samples = {name: {"n": [], "1": [], "cpu n": [], "cpu 1": []}
               for name in cases}
    load_before = os.getloadavg()
    # Interleaved: every case once per round, so drift hits all alike.
    for rnd in range(args.rounds):
        for name, (element, probe, frames, branches, *caps) in cases.items():
            n = max(2, int(frames * args.scale))
            for frames_, key in ((n, "n"), (1, "1")):
                wall, cpu = run_once(element, probe, frames_, branches, *caps)
                samples[name][key].append(wall)
                samples[name]["cpu " + key].append(cpu)
        print("round %d/%d done" % (rnd + 1, args.rounds), file=sys.stderr)

    results = {}
    for name, (element, probe, frames, branches, *_) in cases.items():
        n = max(2, int(frames * args.scale))
        tn = statistics.median(samples[name]["n"])
        t1 = statistics.median(samples[name]["1"])
        cn = statistics.median(samples[name]["cpu n"])
        c1 = statistics.median(samples[name]["cpu 1"])
        results[name] = {
            "frames": n, "branches": branches,
            "us_per_frame": (tn - t1) / (n - 1) * 1e6,
            "cpu_us_per_frame": (cn - c1) / (n - 1) * 1e6,
            "startup_ms": t1 * 1e3,
            "runs_s": samples[name]["n"],
            # Per round, for differences of two cases taken round by
            # round (paired: drift between rounds cancels).
            "rounds_us": [(tn_ - t1_) / (n - 1) * 1e6 for tn_, t1_ in
                          zip(samples[name]["n"], samples[name]["1"])],
        }
    report(results)
    print("\ngvajs's BLAS (matMul): %s" % (Floor.blas() or
                                         "none (gvajs kernel)"))
    print("numpy's BLAS: %s; load average %.1f before, %.1f after, on %d "
          "CPUs" % (", ".join(blas_library()) or "?", load_before[0],
                    os.getloadavg()[0], os.cpu_count()))
    extra = {}
    if not args.only:
        extra["rss_per_instance_bytes"] = {
            "identity": rss_per_instance("identity"),
            "gvajs no-op": rss_per_instance(gvajs("noop.mjs")),
        }
        rss = extra["rss_per_instance_bytes"]
        print("\nRSS per started instance (with its queue and fakesink): "
              "identity %.0f KiB, gvajs no-op %.0f KiB, so gvajs's own %.0f "
              "KiB" % (rss["identity"] / 1024, rss["gvajs no-op"] / 1024,
                       (rss["gvajs no-op"] - rss["identity"]) / 1024))
    with open(args.output, "w") as f:
        json.dump({
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                        "gstreamer": Gst.version_string(),
                        "numpy": np.__version__, "blas": blas_library(),
                        "gvajs_blas": Floor.blas(),
                        "loadavg_before": load_before,
                        "loadavg_after": os.getloadavg()},
            "rounds": args.rounds,
            "cases": results, **extra,
        }, f, indent=2)
    svg = os.path.splitext(args.output)[0] + ".svg"
    write_svg(results, svg)
    print("\nwritten to %s and %s" % (args.output, svg))


def write_svg(results, path):
    """A bar per case: µs/frame over identity, on a log scale, so a no-op
    and a gallery fit one chart."""
    import math
    base = results.get("identity", {}).get("us_per_frame", 0.0)
    rows = [(name, max(r["us_per_frame"] - base, 0.01))
            for name, r in results.items() if name != "identity"]
    if not rows:
        return
    top = math.ceil(math.log10(max(v for _, v in rows)))
    bottom = min(-1, math.floor(math.log10(min(v for _, v in rows))))
    label_w, bar_w, row_h = 250, 420, 22
    height = 40 + row_h * len(rows) + 30

    def x(v):
        return label_w + bar_w * (math.log10(v) - bottom) / (top - bottom)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">'
           % (label_w + bar_w + 90, height),
           '<text x="10" y="20" font-weight="bold">µs per frame over '
           'identity (log scale, median)</text>']
    for i, (name, v) in enumerate(rows):
        y = 34 + i * row_h
        colour = "#3b7dd8" if name.startswith("gvajs") else "#d8843b"
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                   % (label_w - 6, y + 14, name.replace("&", "&amp;")))
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                   % (label_w, y + 2, x(v) - label_w, row_h - 6, colour))
        out.append('<text x="%.1f" y="%d">%.3g</text>' % (x(v) + 4, y + 14, v))
    for p in range(bottom, top + 1):
        out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#666">'
                   '%g</text>' % (x(10 ** p), height - 8, 10 ** p))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def report(results):
    def us(name):
        return results[name]["us_per_frame"] if name in results else None

    base = us("identity") or 0.0
    width = max([36] + [len(name) for name in results])
    print("\n%-*s %12s %12s %10s" % (width, "case", "µs/frame",
                                      "over ident.", "start ms"))
    for name, r in results.items():
        print("%-*s %12.2f %12.2f %10.2f" % (width,
            name, r["us_per_frame"], r["us_per_frame"] - base,
            r["startup_ms"]))

    def paired(a, b):
        """Median over rounds of case a's µs/frame minus case b's."""
        if a not in results or b not in results:
            return None
        return statistics.median(x - y for x, y in zip(
            results[a]["rounds_us"], results[b]["rounds_us"]))

    def ratio(label, slow, fast, sub=True):
        if us(slow) is None or us(fast) is None:
            return
        s, f = us(slow) - (base if sub else 0), us(fast) - (base if sub else 0)
        if f > 0:
            print("%-58s %8.*f×" % (label, 2 if s / f < 10 else 1, s / f))

    print("\nratios (per-frame cost over identity)")
    ratio("python no-op probe / gvajs no-op",
          "python no-op probe", "gvajs no-op")
    ratio("gvajs / C floor, metadata (10 regions + classification)",
          "gvajs metadata", "C floor metadata")
    ratio("gvajs batch form / C floor, metadata (the same work)",
          "gvajs metadata, batch form", "C floor metadata")
    ratio("python / gvajs, 10 regions added and read",
          "python 10 regions probe", "gvajs 10 regions")
    ratio("numpy per region / gvajs helpers (gallery 50×100×256)",
          "python gallery (numpy, per region)", "gvajs gallery (helpers)")
    ratio("numpy batched / gvajs helpers (gallery 50×100×256)",
          "python gallery (numpy, batched)", "gvajs gallery (helpers)")
    ratio("plain JS / gvajs helpers (gallery)",
          "gvajs gallery (plain JS)", "gvajs gallery (helpers)")
    # The gallery step: reading 50 embeddings from metadata, matching,
    # labelling, against sgemm alone (the floor), the match kernel alone,
    # sgemm where the step runs, the step in C, and numpy (math only, no
    # metadata read or written); every time over identity, or paired.
    def over_base(name):
        return us(name) - base if us(name) is not None else None

    def show(label, cost, against=None):
        if cost is None:
            return
        if against is None:
            print("%-58s %8.1f µs" % (label, cost))
        elif against > 0:
            print("%-58s %8.2f×" % (label, cost / against))

    floor = over_base("C floor sgemm (50×256 by 256×100)")
    faces = "gvajs 50 faces, "
    for variant in ("labels one by one", "matMul + rowArgmax"):
        cost = paired(faces + "gallery step, " + variant, faces + "no reader")
        show("gvajs gallery step, " + variant, cost)
        show("gvajs gallery step, %s / sgemm floor" % variant, cost, floor)
    step = paired(faces + "gallery step", faces + "no reader")
    if step is not None:
        # The same floor measured after the source that writes the 50
        # faces: what the caches' sharing costs sgemm.
        situ = paired(faces + "C floor sgemm", faces + "identity")
        whole = paired(faces + "C floor gallery step", faces + "identity")
        show("gvajs gallery step (read, match, label)", step)
        show("gvajs gallery step / sgemm floor", step, floor)
        show("gvajs gallery step / match kernel floor", step,
             over_base("C floor match kernel (same shapes)"))
        show("sgemm floor after the faces' source", situ)
        show("gvajs gallery step / sgemm floor there", step, situ)
        show("the whole step in C (floor.c)", whole)
        show("gvajs gallery step / the step in C", step, whole)
        for numpy_case in ("python gallery (numpy, batched)",
                           "python gallery (numpy, per region)"):
            show("%s / gvajs gallery step" % numpy_case[16:-1],
                 over_base(numpy_case), step)
    ratio("gvajs matMul + rowArgmax / sgemm floor",
          "gvajs gallery (matMul)", "C floor sgemm (50×256 by 256×100)")
    ratio("gvajs bestMatch / sgemm floor",
          "gvajs gallery (bestMatch)", "C floor sgemm (50×256 by 256×100)")
    ratio("gvajs bestMatch / match kernel floor",
          "gvajs gallery (bestMatch)", "C floor match kernel (same shapes)")
    ratio("sgemm floor / match kernel floor",
          "C floor sgemm (50×256 by 256×100)",
          "C floor match kernel (same shapes)")
    # What one Tensor.data() costs a reader: the pair with it minus the
    # pair with a no-op reader (the writer's own cost cancels).
    for size in ("4 KiB", "1 MiB"):
        cost = paired("gvajs tensor %s, tensor.data()" % size,
                      "gvajs tensor %s, no reader" % size)
        if cost is not None:
            print("%-58s %8.2f µs" % ("tensor.data() of a %s tensor, per frame"
                                      % size, cost))
    # Drawing: each case's cost over identity on the same 1080p caps,
    # against cv2's fastest (LINE_8, not antialiased) and its like for
    # like (LINE_AA, antialiased as gvajs's text is); by the wall clock
    # and by CPU time, which a loaded machine disturbs less.
    def cpu(name):
        return results[name]["cpu_us_per_frame"] if name in results else None

    for clock, get in (("wall", us), ("CPU", cpu)):
        for fmt in ("BGRx", "NV12"):
            floor = get("identity 1080p %s" % fmt)
            mine = get("gvajs draw 1080p %s" % fmt)
            if floor is None or mine is None or mine - floor <= 0:
                continue
            print("%-58s %8.1f µs" % ("gvajs: 50 boxes + 50 labels, 1080p "
                                      "%s (%s)" % (fmt, clock), mine - floor))
            for line in ("LINE_8", "LINE_AA"):
                theirs = get("python cv2 draw 1080p %s (%s)" % (fmt, line))
                if theirs is not None:
                    print("%-58s %8.1f µs %6.1f×" % (
                        "python cv2 (%s) / gvajs, 1080p %s (%s)"
                        % (line, fmt, clock), theirs - floor,
                        (theirs - floor) / (mine - floor)))
    # Throughput of N independent streams relative to one (frames per
    # second, all streams counted).
    for who, case in (("C floor", "C floor sgemm, %d streams"),
                      ("gvajs", "gvajs gallery (matMul), %d streams"),
                      ("python", "python gallery (numpy, batched), %d streams")):
        one = results.get(case % 1)
        for n in STREAMS[1:]:
            many = results.get(case % n)
            if one and many:
                print("%-58s %8.2f×" % (
                    "%s: throughput of %d streams / 1 stream" % (who, n),
                    n * one["us_per_frame"] / many["us_per_frame"]))
    # Throughput of 2 branches relative to 1 (frames per second, both
    # branches counted), each behind the same tee and queue.
    for who in ("gvajs", "python"):
        one = results.get("%s gallery, 1 branch" % who)
        two = results.get("%s gallery, 2 branches" % who)
        if one and two:
            print("%-58s %8.2f×" % (
                "%s: throughput of 2 branches / 1 branch" % who,
                2 * one["us_per_frame"] / two["us_per_frame"]))


if __name__ == "__main__":
    main()
