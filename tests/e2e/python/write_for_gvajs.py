"""Python writes metadata as DL Streamer does and a gvajs after it prints
what it reads. DL Streamer's meta types are registered by whoever writes
first; here a gvajs before the Python element does.

usage: write_for_gvajs.py MODULE FRAMES"""
import struct
import sys

import gstmeta


def write(buf):
    gstmeta.add_region(buf, "face", 5, 6, 7, 8)  # as facedetect: no params
    raw = gstmeta.new_structure(
        "inference_layer_name:feat, layer_name=(string)feat, "
        "model_name=(string)net, precision=(int)10, layout=(int)193, "
        "dims=(uint)< 1, 3 >")
    gstmeta.set_data_buffer(raw, struct.pack("<3f", 0.5, 1.5, -2.0))
    roi = gstmeta.add_region(
        buf, "cat", 10, 20, 30, 15,
        gstmeta.new_structure(
            "detection, x_min=(double)0.1, y_min=(double)0.4, "
            "x_max=(double)0.4, y_max=(double)0.7, confidence=(double)0.8, "
            "label_id=(int)4"),
        gstmeta.new_structure("object_id, id=(int)9"),
        gstmeta.new_structure(
            "species, label=(string)tabby, confidence=(double)0.6, "
            "label_id=(int)2, type=(string)classification_result"),
        raw)
    roi.id = 1234
    roi.parent_id = 77
    frame = gstmeta.new_structure(
        "detection_output, precision=(int)40, dims=(uint)< 1, 4 >, "
        "element_id=(string)py0")
    gstmeta.set_data_buffer(frame, bytes([1, 2, 3, 250]))
    gstmeta.add_frame_tensor(buf, frame)
    gstmeta.add_message(buf, '{"from":"python"}')


module, frames = sys.argv[1:3]
gstmeta.register_element("pywriter", write)
gstmeta.run(
    f"videotestsrc num-buffers={frames} ! "
    "video/x-raw,format=GRAY8,width=100,height=50 ! "
    f'gvajs module="{module}" function=register ! pywriter ! '
    f'gvajs module="{module}" function=read_python ! fakesink')
