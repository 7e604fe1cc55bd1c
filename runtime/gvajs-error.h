/* SPDX-License-Identifier: MIT */
/* The runtime's error domain, part of its public API (gvajs-runtime.h
 * includes it) and used by every unit that reports a GError; the quark
 * is defined in errors.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GVAJS_RUNTIME_ERROR (gvajs_runtime_error_quark ())

/**
 * GvajsRuntimeError:
 * @GVAJS_RUNTIME_ERROR_CONFIG: a property value is unusable
 * @GVAJS_RUNTIME_ERROR_LOAD: the module could not be read, compiled or run
 * @GVAJS_RUNTIME_ERROR_EXPORT: an export is missing or of the wrong kind
 * @GVAJS_RUNTIME_ERROR_EXCEPTION: JavaScript threw an exception
 * @GVAJS_RUNTIME_ERROR_BUDGET: a call ran past its time budget
 */
typedef enum
{
  GVAJS_RUNTIME_ERROR_CONFIG,
  GVAJS_RUNTIME_ERROR_LOAD,
  GVAJS_RUNTIME_ERROR_EXPORT,
  GVAJS_RUNTIME_ERROR_EXCEPTION,
  GVAJS_RUNTIME_ERROR_BUDGET,
} GvajsRuntimeError;

GQuark gvajs_runtime_error_quark (void);

G_END_DECLS
