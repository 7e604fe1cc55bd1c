/* SPDX-License-Identifier: MIT */
/* Font: text laid out and rendered with FreeType, for draw.text().
 *
 * One font file for the process (GVAJS_FONT, else the build's default:
 * DejaVu Sans from Debian's fonts-dejavu-core), read once and shared;
 * each context has its own FreeType library and face over those bytes
 * and its own glyph cache, so elements never share a lock while drawing.
 * Text is UTF-8 drawn glyph by glyph from the font's character map: no
 * kerning and no complex-script shaping. Depends on readfile.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GvajsFont GvajsFont;

/* A glyph's bitmap placed in a layout. */
typedef struct
{
  guint32 key;                  /* its cache key (size and character) */
  gint x, y;                    /* its top-left, in text-box pixels */
  gint width, rows;
} GvajsPlacedGlyph;

/* Text laid out at one pixel size. The text box is the lines' advance
 * widths (the widest) by the lines' height: what a label's background
 * covers. Ink may reach a pixel or two past it (a "j" at the left). */
typedef struct
{
  gint width, height;           /* the text box */
  gint baseline;                /* the first line's baseline, from the top */
  gint line_height;
  gint ink_x0, ink_y0, ink_x1, ink_y1;  /* the glyphs' bitmaps, half-open;
                                         * empty when x0 >= x1 */
  GArray *glyphs;               /* GvajsPlacedGlyph */
} GvajsTextLayout;

/* The context's font (owned), or NULL with @error saying why: the file
 * cannot be read or is not a font FreeType opens. */
G_GNUC_INTERNAL GvajsFont *_gvajs_font_new (GError ** error);
G_GNUC_INTERNAL void _gvajs_font_free (GvajsFont * font);

/* Lays out @len bytes of UTF-8 @text at @size pixels per em: "\n" starts
 * a line, other control characters are skipped, a byte that is not UTF-8
 * is drawn as U+FFFD and a character the font lacks as its missing-glyph
 * box. FALSE with @error when the font has no such size (a bitmap font).
 * Clear @layout with _gvajs_text_layout_clear(). */
G_GNUC_INTERNAL gboolean _gvajs_font_layout (GvajsFont * font,
    const gchar * text, gsize len, guint size, GvajsTextLayout * layout,
    GError ** error);
G_GNUC_INTERNAL void _gvajs_text_layout_clear (GvajsTextLayout * layout);
/* Renders @layout's glyph coverage into @mask (@width × @rows bytes,
 * rows @stride apart, zeroed by the caller), whose pixel (0, 0) is pixel
 * (@x, @y) of the text box; overlapping glyphs keep the larger value. */
G_GNUC_INTERNAL void _gvajs_font_render (GvajsFont * font,
    const GvajsTextLayout * layout, guint8 * mask, gint stride, gint x,
    gint y, gint width, gint rows);

G_END_DECLS
