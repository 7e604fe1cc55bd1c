/* SPDX-License-Identifier: MIT */
/* The built-in module "gvajs": `import { Precision, softmax } from "gvajs"`.
 * It carries the version, DL Streamer's tensor enums (gvameta.c's tables, with the same numeric
 * values as gva_tensor_meta.h, so values read from metadata compare equal) and the native functions of the binding files, each documented
 * where it is defined: helpers.c (math over typed arrays), image.c (frame
 * pixels), draw.c (drawing on the frame), motion.c (moving objects),
 * files.c, bus.c; and `blas`, what helpers.c's matMul runs on. */
#include "module.h"
#include "bus.h"
#include "config.h"
#include "draw.h"
#include "files.h"
#include "helpers.h"
#include "image.h"
#include "gvameta.h"
#include "motion.h"

/* A frozen object with NAME → value and value → NAME, like a TypeScript
 * numeric enum: its properties are read-only and it takes no new ones. */
static JSValue
new_enum (JSContext * ctx, const GvajsEnumValue * values)
{
  JSValue obj = JS_NewObject (ctx);
  gchar key[16];

  for (; values->name; values++) {
    JS_DefinePropertyValueStr (ctx, obj, values->name,
        JS_NewInt32 (ctx, values->value), JS_PROP_ENUMERABLE);
    g_snprintf (key, sizeof key, "%d", values->value);
    JS_DefinePropertyValueStr (ctx, obj, key,
        JS_NewString (ctx, values->name), JS_PROP_ENUMERABLE);
  }
  JS_PreventExtensions (ctx, obj);
  return obj;
}

static int
set_exports (JSContext * ctx, JSModuleDef * m)
{
  JS_SetModuleExport (ctx, m, "version", JS_NewString (ctx, VERSION));
  JS_SetModuleExport (ctx, m, "quickjsVersion", JS_NewString (ctx,
          QUICKJS_VERSION));
  JS_SetModuleExport (ctx, m, "Precision", new_enum (ctx, _gvajs_precision_values));
  JS_SetModuleExport (ctx, m, "Layout", new_enum (ctx, _gvajs_layout_values));
  JS_SetModuleExport (ctx, m, "blas", JS_NewString (ctx,
          _gvajs_helpers_blas ()));
  /* Native functions: one table per binding file. */
  JS_SetModuleExportList (ctx, m, _gvajs_files_funcs, _gvajs_files_n_funcs);
  JS_SetModuleExportList (ctx, m, _gvajs_helpers_funcs,
      _gvajs_helpers_n_funcs);
  JS_SetModuleExportList (ctx, m, _gvajs_image_funcs, _gvajs_image_n_funcs);
  JS_SetModuleExportList (ctx, m, _gvajs_bus_funcs, _gvajs_bus_n_funcs);
  JS_SetModuleExportList (ctx, m, _gvajs_draw_funcs, _gvajs_draw_n_funcs);
  JS_SetModuleExportList (ctx, m, _gvajs_motion_funcs,
      _gvajs_motion_n_funcs);
  return 0;
}

JSModuleDef *
_gvajs_module_init (JSContext * ctx)
{
  JSModuleDef *m;

  m = JS_NewCModule (ctx, "gvajs", set_exports);
  if (m == NULL)
    return NULL;
  JS_AddModuleExport (ctx, m, "version");
  JS_AddModuleExport (ctx, m, "quickjsVersion");
  JS_AddModuleExport (ctx, m, "Precision");
  JS_AddModuleExport (ctx, m, "Layout");
  JS_AddModuleExport (ctx, m, "blas");
  JS_AddModuleExportList (ctx, m, _gvajs_files_funcs, _gvajs_files_n_funcs);
  JS_AddModuleExportList (ctx, m, _gvajs_helpers_funcs,
      _gvajs_helpers_n_funcs);
  JS_AddModuleExportList (ctx, m, _gvajs_image_funcs, _gvajs_image_n_funcs);
  JS_AddModuleExportList (ctx, m, _gvajs_bus_funcs, _gvajs_bus_n_funcs);
  JS_AddModuleExportList (ctx, m, _gvajs_draw_funcs, _gvajs_draw_n_funcs);
  JS_AddModuleExportList (ctx, m, _gvajs_motion_funcs,
      _gvajs_motion_n_funcs);
  return m;
}
