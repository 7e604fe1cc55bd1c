/* SPDX-License-Identifier: MIT */
/* AudioFrame's own methods (audioInfo(), data(), sampleCount, events(),
 * addEvent(), removeEvent()) and the AudioEvent class over DL Streamer's
 * GstGVAAudioEventMeta. Depends on tensor.h, audiometa.h and names.h. */
#pragma once

#include "tensor.h"

G_BEGIN_DECLS

/* Registers AudioEvent and adds the audio frame methods to
 * @audio_proto. */
G_GNUC_INTERNAL void _gvajs_audio_init (JSContext * ctx,
    JSValueConst audio_proto);

G_END_DECLS
