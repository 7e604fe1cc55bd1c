/* SPDX-License-Identifier: MIT */
/* Runs first: builds the test registry in-process and checks that it holds
 * this build's gvajs. Building a registry makes GLib/GStreamer one-time
 * allocations (interned names, plugin tables) that LeakSanitizer would
 * report in whichever suite did it, so it is done here, with leak checks
 * off, and the suites then read the cached registry. */
#include <gst/gst.h>

int
main (int argc, char **argv)
{
  GstElementFactory *factory;
  GstPlugin *plugin;

  gst_init (&argc, &argv);
  factory = gst_element_factory_find ("gvajs");
  if (factory == NULL) {
    g_printerr ("the test registry has no gvajs element\n");
    return 1;
  }
  plugin = gst_plugin_feature_get_plugin (GST_PLUGIN_FEATURE (factory));
  g_print ("gvajs from %s\n", gst_plugin_get_filename (plugin));
  gst_object_unref (plugin);
  gst_object_unref (factory);
  return 0;
}
