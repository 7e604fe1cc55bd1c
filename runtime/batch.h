/* SPDX-License-Identifier: MIT */
/* The frame's regions in bulk: VideoFrame.addRegions(), addRegionLabels(),
 * regionTensorData(), regionBoxes(), regionConfidences() and
 * regionLabels(). Depends on region.h. */
#pragma once

#include <quickjs.h>
#include <glib.h>

G_BEGIN_DECLS

/* Adds the batch methods to @frame_proto (VideoFrame's). */
G_GNUC_INTERNAL void _gvajs_batch_init (JSContext * ctx,
    JSValueConst frame_proto);

G_END_DECLS
