/* SPDX-License-Identifier: MIT */
/* The built-in module "gvajs": the version, DL Streamer's enums and the
 * native functions of helpers.c, image.c and files.c, on which it
 * depends. */
#pragma once

#include <glib.h>
#include <quickjs.h>

G_BEGIN_DECLS

G_GNUC_INTERNAL JSModuleDef *_gvajs_module_init (JSContext * ctx);

G_END_DECLS
