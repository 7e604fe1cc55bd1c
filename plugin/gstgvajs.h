/* SPDX-License-Identifier: MIT */
#pragma once

#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

#define GST_TYPE_GVA_JS (gst_gva_js_get_type ())
G_DECLARE_FINAL_TYPE (GstGvaJs, gst_gva_js, GST, GVA_JS, GstBaseTransform);

GST_ELEMENT_REGISTER_DECLARE (gvajs);

G_END_DECLS
