/* SPDX-License-Identifier: MIT */
/* gvajs runtime: the QuickJS host one gvajs element instance owns.
 *
 * The runtime knows GStreamer buffers, video and audio info but nothing of
 * elements: the plugin creates one runtime in start(), hands it each buffer
 * and frees it in stop(). Calls from several threads are serialised (the
 * engine is entered by one at a time); free it when none is in progress.
 */
#pragma once

#include "gvajs-error.h"

#include <gst/gst.h>
#include <gst/audio/audio.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

/**
 * GvajsHook:
 * The optional functions a module (or its class instance) may provide
 * besides the per-frame function.
 */
typedef enum
{
  GVAJS_HOOK_START,
  GVAJS_HOOK_EOS,
  GVAJS_HOOK_STOP,
  GVAJS_N_HOOKS,
} GvajsHook;

/**
 * GvajsRuntimeConfig:
 * @module_path: the ES module to load, absolute or relative to the working
 *   directory
 * @function_name: the function (or method, with @class_name) called per frame
 * @class_name: (nullable): an exported class to construct once
 * @args_json: (nullable): JSON array of positional constructor arguments
 * @kwargs_json: (nullable): JSON object passed as the last constructor
 *   argument
 * @owner: (nullable): the object log lines and console output are tagged
 *   with
 * @time_budget_ms: how long one call into JS (per frame, or a hook) may run
 * @load_budget_ms: how long evaluating the module and constructing the class
 *   may run
 * @memory_limit: bytes the JS heap may use
 * @stack_size: bytes of C stack JS may use
 * @allowed_dirs: (nullable): NULL-terminated folders scripts may read files
 *   from; NULL or empty: no file access
 * @write_dirs: (nullable): NULL-terminated folders scripts may write files
 *   in; NULL or empty: no writing
 *
 * Everything is borrowed for the duration of gvajs_runtime_new().
 */
typedef struct
{
  const gchar *module_path;
  const gchar *function_name;
  const gchar *class_name;
  const gchar *args_json;
  const gchar *kwargs_json;
  GstObject *owner;
  guint time_budget_ms;
  guint load_budget_ms;
  guint64 memory_limit;
  guint64 stack_size;
  const gchar *const *allowed_dirs;
  const gchar *const *write_dirs;
} GvajsRuntimeConfig;

typedef struct _GvajsRuntime GvajsRuntime;

GvajsRuntime *gvajs_runtime_new (const GvajsRuntimeConfig * config,
    GError ** error);

gboolean gvajs_runtime_call_hook (GvajsRuntime * self, GvajsHook hook,
    GError ** error);

gboolean gvajs_runtime_process_frame (GvajsRuntime * self, GstBuffer * buffer,
    const GstVideoInfo * info, const GstCaps * caps, gboolean * keep,
    GError ** error);

gboolean gvajs_runtime_process_audio_frame (GvajsRuntime * self,
    GstBuffer * buffer, const GstAudioInfo * info, const GstCaps * caps,
    gboolean * keep, GError ** error);

void gvajs_runtime_free (GvajsRuntime * self);

const gchar *gvajs_hook_name (GvajsHook hook);

/* The texts of @buffer's GstGVAJSONMeta messages (DL Streamer's wire
 * format, what addMessage() writes), in order: a NULL-terminated array to
 * free with g_strfreev(). For elements that publish them. */
gchar **gvajs_buffer_messages (GstBuffer * buffer);

G_END_DECLS
