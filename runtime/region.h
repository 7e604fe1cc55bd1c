/* SPDX-License-Identifier: MIT */
/* The RegionOfInterest class, and VideoFrame.regions()/addRegion()/
 * removeRegion(). Depends on tensor.h, analytics.h and gvameta.h. */
#pragma once

#include "tensor.h"

G_BEGIN_DECLS

/* Registers RegionOfInterest and adds the frame's region methods to
 * @frame_proto. */
G_GNUC_INTERNAL void _gvajs_region_init (JSContext * ctx,
    JSValueConst frame_proto);

G_END_DECLS
