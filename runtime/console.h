/* SPDX-License-Identifier: MIT */
/* The global `console`. Depends on host.h, errors.h and sourcemap.h. */
#pragma once

#include "host.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL void _gvajs_console_init (JSContext * ctx);

G_END_DECLS
