/* SPDX-License-Identifier: MIT */
/* The Tensor class, and VideoFrame.tensors()/addTensor(). Depends on
 * frame.h, analytics.h and gvameta.h. */
#pragma once

#include "frame.h"

G_BEGIN_DECLS

/* Registers Tensor and adds the frame's tensor methods to @frame_proto. */
G_GNUC_INTERNAL void _gvajs_tensor_init (JSContext * ctx,
    JSValueConst frame_proto);
/* A Tensor (owned) over @s: a param of @region or, with @region NULL, the
 * structure of a frame tensor meta. */
G_GNUC_INTERNAL JSValue _gvajs_tensor_wrap (JSContext * ctx,
    GstStructure * s, GstVideoRegionOfInterestMeta * region);

/* The bytes of @s's data_buffer (borrowed: valid while @s is unchanged;
 * no alignment), their number in *@n and the tensor's precision code in
 * *@precision; NULL with *@n 0 when it has none. */
G_GNUC_INTERNAL gconstpointer _gvajs_tensor_bytes (const GstStructure * s,
    gsize * n, gint * precision);

G_END_DECLS
