/* SPDX-License-Identifier: MIT */
#pragma once

#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

#define GST_TYPE_GVA_JS_PUBLISH (gst_gva_js_publish_get_type ())
G_DECLARE_FINAL_TYPE (GstGvaJsPublish, gst_gva_js_publish, GST,
    GVA_JS_PUBLISH, GstBaseTransform);

GST_ELEMENT_REGISTER_DECLARE (gvajspublish);

G_END_DECLS
