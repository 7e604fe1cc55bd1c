/* SPDX-License-Identifier: MIT */
/* post() of the "gvajs" module: a value from the script to the
 * application, as an element message on the pipeline's bus. Depends on
 * host.h, names.h and value.h. */
#pragma once

#include "host.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL extern const JSCFunctionListEntry _gvajs_bus_funcs[];
G_GNUC_INTERNAL extern const gint _gvajs_bus_n_funcs;

G_END_DECLS
