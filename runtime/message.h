/* SPDX-License-Identifier: MIT */
/* frame.messages()/addMessage()/removeMessage(), on both frame classes:
 * GstGVAJSONMeta. Depends on frame.h and gvameta.h. */
#pragma once

#include "frame.h"

G_BEGIN_DECLS

/* Adds the frame's message methods to @frame_proto. */
G_GNUC_INTERNAL void _gvajs_message_init (JSContext * ctx,
    JSValueConst frame_proto);

G_END_DECLS
