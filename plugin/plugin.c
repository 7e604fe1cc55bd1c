/* SPDX-License-Identifier: MIT */
/**
 * SECTION:plugin-gvajs
 *
 * JavaScript per-frame scripting for video-analytics pipelines.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstgvajs.h"
#include "gstgvajspublish.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  return GST_ELEMENT_REGISTER (gvajs, plugin) &&
      GST_ELEMENT_REGISTER (gvajspublish, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, gvajs,
    "JavaScript (QuickJS) per-frame scripting for video analytics",
    plugin_init, VERSION, "MIT/X11", GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
