/* SPDX-License-Identifier: MIT */
#include "gstgvajsargs.h"

static JsonNode *
parse (const gchar * json, const gchar * property, GError ** error)
{
  JsonParser *parser = json_parser_new_immutable ();
  GError *parse_error = NULL;
  JsonNode *root = NULL;

  if (json_parser_load_from_data (parser, json ? json : "", -1, &parse_error)
      && json_parser_get_root (parser) != NULL) {
    root = json_node_copy (json_parser_get_root (parser));
  } else {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "property '%s': '%s' is not valid JSON (%s)", property,
        json ? json : "", parse_error ? parse_error->message : "empty");
  }
  g_clear_error (&parse_error);
  g_object_unref (parser);
  return root;
}

gboolean
gst_gva_js_args_append (JsonArray * args, const gchar * json, GError ** error)
{
  JsonNode *root = parse (json, "arg", error);
  JsonArray *items;
  guint i;

  if (root == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (root)) {
    items = json_node_get_array (root);
    for (i = 0; i < json_array_get_length (items); i++)
      json_array_add_element (args,
          json_node_copy (json_array_get_element (items, i)));
    json_node_unref (root);
  } else {
    json_array_add_element (args, root);
  }
  return TRUE;
}

gboolean
gst_gva_js_kwargs_update (JsonObject * kwargs, const gchar * json,
    GError ** error)
{
  JsonNode *root = parse (json, "kwarg", error);
  JsonObjectIter iter;
  const gchar *key;
  JsonNode *value;

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "property 'kwarg': '%s' is not a JSON object", json);
    json_node_unref (root);
    return FALSE;
  }
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    json_object_set_member (kwargs, key, json_node_copy (value));
  json_node_unref (root);
  return TRUE;
}

static gchar *
node_to_string (JsonNode * node)
{
  gchar *text = json_to_string (node, FALSE);

  json_node_unref (node);
  return text;
}

gchar *
gst_gva_js_json_array_to_string (JsonArray * array)
{
  return node_to_string (json_node_init_array (json_node_alloc (), array));
}

gchar *
gst_gva_js_json_object_to_string (JsonObject * object)
{
  return node_to_string (json_node_init_object (json_node_alloc (), object));
}
