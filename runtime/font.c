/* SPDX-License-Identifier: MIT */
/* See font.h.
 *
 * The glyph cache holds each (size, character)'s metrics and 8-bit
 * coverage bitmap. It is bounded: past CACHE_BYTES of bitmaps or
 * CACHE_GLYPHS entries it is emptied before the next glyph goes in.
 * Layouts keep copies of the metrics and rendering looks each bitmap up
 * again (making it anew if it went), so emptying never leaves a dangling
 * pointer. */
#include "font.h"
#include "config.h"
#include "readfile.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <string.h>

#define CACHE_BYTES (4 * 1024 * 1024)
#define CACHE_GLYPHS 4096
#define MAX_FONT_BYTES (64 * 1024 * 1024)
/* The key: the pixel size above the 21 bits of a Unicode character. */
#define KEY(size, ch) (((guint32) (size) << 21) | (ch))
#define KEY_SIZE(key) ((key) >> 21)
#define KEY_CHAR(key) ((key) & 0x1fffff)

typedef struct
{
  gint left, top;               /* the bitmap's offset from the pen */
  gint width, rows;
  FT_Pos advance;               /* 26.6 */
  guint8 *bitmap;               /* width × rows, owned */
} Glyph;

struct _GvajsFont
{
  GBytes *bytes;                /* the file, shared by the process */
  FT_Library library;
  FT_Face face;
  guint size;                   /* the face's current pixel size */
  GHashTable *glyphs;           /* key -> Glyph */
  gsize cached_bytes;
};

/* The font file, read once for the process: faces of every context are
 * made over these bytes. A failure is not kept: a later start may find
 * the file installed. */
static GBytes *font_bytes;
G_LOCK_DEFINE_STATIC (font_bytes);

/* The file the process's font comes from. */
static const gchar *
font_path (void)
{
  const gchar *path = g_getenv ("GVAJS_FONT");

  return path && *path ? path : GVAJS_DEFAULT_FONT;
}

static GBytes *
read_font (GError ** error)
{
  GBytes *bytes = NULL;
  GError *read_error = NULL;
  gchar *contents;
  gsize length;

  G_LOCK (font_bytes);
  if (font_bytes == NULL && _gvajs_read_file (font_path (),
          MAX_FONT_BYTES, &contents, &length, &read_error))
    font_bytes = g_bytes_new_take (contents, length);
  if (font_bytes)
    bytes = g_bytes_ref (font_bytes);
  G_UNLOCK (font_bytes);
  if (read_error) {
    g_set_error (error, read_error->domain, read_error->code, "cannot read "
        "the font '%s' (%s): install Debian's fonts-dejavu-core, or point "
        "GVAJS_FONT at a TrueType or OpenType file", font_path (),
        read_error->message);
    g_error_free (read_error);
  }
  return bytes;
}

static void
glyph_free (gpointer data)
{
  Glyph *glyph = data;

  g_free (glyph->bitmap);
  g_free (glyph);
}

GvajsFont *
_gvajs_font_new (GError ** error)
{
  GvajsFont *font = g_new0 (GvajsFont, 1);
  FT_Error err;
  gsize size;
  const guint8 *data;

  if ((font->bytes = read_font (error)) == NULL)
    goto failed;
  data = g_bytes_get_data (font->bytes, &size);
  if ((err = FT_Init_FreeType (&font->library)) != 0 ||
      (err = FT_New_Memory_Face (font->library, data, size, 0,
              &font->face)) != 0) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "the font '%s' "
        "is not one FreeType can open (FreeType error %d): point GVAJS_FONT "
        "at a TrueType or OpenType file", font_path (), err);
    goto failed;
  }
  font->glyphs = g_hash_table_new_full (NULL, NULL, NULL, glyph_free);
  return font;

failed:
  _gvajs_font_free (font);
  return NULL;
}

void
_gvajs_font_free (GvajsFont * font)
{
  if (font == NULL)
    return;
  g_clear_pointer (&font->glyphs, g_hash_table_unref);
  if (font->face)
    FT_Done_Face (font->face);
  if (font->library)
    FT_Done_FreeType (font->library);
  g_clear_pointer (&font->bytes, g_bytes_unref);
  g_free (font);
}

static gboolean
set_size (GvajsFont * font, guint size, GError ** error)
{
  FT_Error err;

  if (font->size == size)
    return TRUE;
  if ((err = FT_Set_Pixel_Sizes (font->face, 0, size)) != 0) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "the font '%s' "
        "has no size of %u pixels (FreeType error %d)", font_path (),
        size, err);
    font->size = 0;
    return FALSE;
  }
  font->size = size;
  return TRUE;
}

/* The rendered glyph's coverage as 0..255 bytes; other pixel modes (colour
 * bitmaps) are left empty. */
static void
copy_bitmap (const FT_Bitmap * src, Glyph * glyph)
{
  guint x, y;

  glyph->width = src->width;
  glyph->rows = src->rows;
  glyph->bitmap = g_malloc0 ((gsize) src->width * src->rows + 1);
  for (y = 0; y < src->rows; y++) {
    const guint8 *row = src->buffer + (gssize) y * src->pitch;
    guint8 *out = glyph->bitmap + (gsize) y * src->width;
    if (src->pixel_mode == FT_PIXEL_MODE_GRAY)
      memcpy (out, row, src->width);
    else if (src->pixel_mode == FT_PIXEL_MODE_MONO)
      for (x = 0; x < src->width; x++)
        out[x] = (row[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0;
  }
}

/* The glyph of @key from the cache, made when missing (empty when the
 * font fails to load or render it). NULL with @error only when the size
 * cannot be set. The pointer lives until the next call. */
static const Glyph *
get_glyph (GvajsFont * font, guint32 key, GError ** error)
{
  Glyph *glyph = g_hash_table_lookup (font->glyphs, GUINT_TO_POINTER (key));
  FT_GlyphSlot slot = font->face->glyph;
  FT_UInt index;

  if (glyph)
    return glyph;
  if (!set_size (font, KEY_SIZE (key), error))
    return NULL;
  glyph = g_new0 (Glyph, 1);
  index = FT_Get_Char_Index (font->face, KEY_CHAR (key));
  if (FT_Load_Glyph (font->face, index, FT_LOAD_DEFAULT) == 0 &&
      FT_Render_Glyph (slot, FT_RENDER_MODE_NORMAL) == 0) {
    glyph->left = slot->bitmap_left;
    glyph->top = slot->bitmap_top;
    glyph->advance = slot->advance.x;
    copy_bitmap (&slot->bitmap, glyph);
  }
  if (font->cached_bytes > CACHE_BYTES ||
      g_hash_table_size (font->glyphs) >= CACHE_GLYPHS) {
    g_hash_table_remove_all (font->glyphs);
    font->cached_bytes = 0;
  }
  font->cached_bytes += (gsize) glyph->width * glyph->rows;
  g_hash_table_insert (font->glyphs, GUINT_TO_POINTER (key), glyph);
  return glyph;
}

/* The next character of [*p, end), moving *p past it; U+FFFD for a
 * sequence that is not UTF-8 (a lone surrogate, as QuickJS writes it,
 * is one such sequence). */
static gunichar
next_char (const gchar ** p, const gchar * end)
{
  gunichar ch = g_utf8_get_char_validated (*p, end - *p);
  gint rest = 3;

  if (ch == (gunichar) - 1 || ch == (gunichar) - 2) {
    for ((*p)++; *p < end && rest-- > 0 && (**p & 0xc0) == 0x80; (*p)++);
    return 0xfffd;
  }
  *p = g_utf8_next_char (*p);
  return ch;
}

static void
place (GvajsTextLayout * layout, guint32 key, const Glyph * glyph, gint x,
    gint baseline)
{
  GvajsPlacedGlyph placed = { key, x + glyph->left, baseline - glyph->top,
    glyph->width, glyph->rows
  };

  if (placed.width == 0 || placed.rows == 0)
    return;
  g_array_append_val (layout->glyphs, placed);
  layout->ink_x0 = MIN (layout->ink_x0, placed.x);
  layout->ink_y0 = MIN (layout->ink_y0, placed.y);
  layout->ink_x1 = MAX (layout->ink_x1, placed.x + placed.width);
  layout->ink_y1 = MAX (layout->ink_y1, placed.y + placed.rows);
}

gboolean
_gvajs_font_layout (GvajsFont * font, const gchar * text, gsize len,
    guint size, GvajsTextLayout * layout, GError ** error)
{
  const gchar *p = text, *end = text + len;
  const FT_Size_Metrics *metrics;
  FT_Pos pen = 0;
  gint line = 0, baseline;
  const Glyph *glyph;
  gunichar ch;

  memset (layout, 0, sizeof *layout);
  layout->ink_x0 = layout->ink_y0 = G_MAXINT;
  layout->ink_x1 = layout->ink_y1 = G_MININT;
  layout->glyphs = g_array_new (FALSE, FALSE, sizeof (GvajsPlacedGlyph));
  if (!set_size (font, size, error))
    return FALSE;
  metrics = &font->face->size->metrics;
  layout->baseline = (metrics->ascender + 63) >> 6;
  layout->line_height = layout->baseline + ((-metrics->descender + 63) >> 6);
  while (p < end) {
    ch = next_char (&p, end);
    if (ch == '\n') {
      layout->width = MAX (layout->width, (pen + 63) >> 6);
      pen = 0;
      line++;
      continue;
    }
    if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0))
      continue;
    if ((glyph = get_glyph (font, KEY (size, ch), error)) == NULL)
      return FALSE;
    baseline = layout->baseline + line * layout->line_height;
    place (layout, KEY (size, ch), glyph, (gint) ((pen + 32) >> 6),
        baseline);
    pen += glyph->advance;
  }
  layout->width = MAX (layout->width, (pen + 63) >> 6);
  layout->height = (line + 1) * layout->line_height;
  return TRUE;
}

void
_gvajs_text_layout_clear (GvajsTextLayout * layout)
{
  g_clear_pointer (&layout->glyphs, g_array_unref);
}

/* Copies the part of @glyph at (@gx, @gy) that falls in the mask, keeping
 * the larger coverage where glyphs overlap. */
static void
blit (const Glyph * glyph, gint gx, gint gy, guint8 * mask, gint stride,
    gint width, gint rows)
{
  gint x0 = MAX (gx, 0), x1 = MIN (gx + glyph->width, width);
  gint y0 = MAX (gy, 0), y1 = MIN (gy + glyph->rows, rows);
  gint x, y;

  for (y = y0; y < y1; y++) {
    const guint8 *src = glyph->bitmap + (gsize) (y - gy) * glyph->width;
    guint8 *dst = mask + (gsize) y * stride;
    for (x = x0; x < x1; x++)
      dst[x] = MAX (dst[x], src[x - gx]);
  }
}

void
_gvajs_font_render (GvajsFont * font, const GvajsTextLayout * layout,
    guint8 * mask, gint stride, gint x, gint y, gint width, gint rows)
{
  const Glyph *glyph;
  guint i;

  for (i = 0; i < layout->glyphs->len; i++) {
    const GvajsPlacedGlyph *placed = &g_array_index (layout->glyphs,
        GvajsPlacedGlyph, i);
    /* The size was set when the layout was made: no error here. */
    glyph = get_glyph (font, placed->key, NULL);
    if (glyph && glyph->width == placed->width && glyph->rows == placed->rows)
      blit (glyph, placed->x - x, placed->y - y, mask, stride, width, rows);
  }
}
