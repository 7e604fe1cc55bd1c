/* SPDX-License-Identifier: MIT */
/* VideoFrame, the object the per-frame function receives, and what the
 * bindings that extend it (region.c, tensor.c, message.c, image.c) need:
 * the frame behind a JS value, its plane layout, the writability rule and
 * meta listing.
 * Depends on scope.h. */
#pragma once

#include "scope.h"

G_BEGIN_DECLS

/* The prototypes (borrowed) the bindings fill: VideoFrame's, AudioFrame's,
 * and the one both inherit from (what every frame has). */
typedef struct
{
  JSValueConst video;
  JSValueConst audio;
  JSValueConst common;
} GvajsFramePrototypes;

/* Registers VideoFrame and AudioFrame. */
G_GNUC_INTERNAL void _gvajs_frame_init (JSContext * ctx,
    GvajsFramePrototypes * protos);
/* A frame object for the frame of @generation (owned): an AudioFrame when
 * the current frame is raw audio, else a VideoFrame. */
G_GNUC_INTERNAL JSValue _gvajs_frame_new (JSContext * ctx,
    guint64 generation);
/* "AudioFrame" when the current frame is raw audio, else "VideoFrame":
 * for messages of methods both classes have. */
G_GNUC_INTERNAL const gchar *_gvajs_frame_class_name (JSContext * ctx);
/* data()'s mode argument, "read" (the default) or "write", as map flags;
 * throws a RangeError naming the frame's class on anything else. */
G_GNUC_INTERNAL gboolean _gvajs_frame_parse_map_mode (JSContext * ctx,
    int argc, JSValueConst * argv, GstMapFlags * flags);
/* The scope when @value is the frame (either class) of the current call;
 * otherwise
 * throws a TypeError and returns NULL. */
G_GNUC_INTERNAL GvajsScope *_gvajs_frame_get (JSContext * ctx,
    JSValueConst value);
/* _gvajs_frame_get() for argument @value of helper @fn: the TypeError
 * starts with "@fn(): frame: ". */
G_GNUC_INTERNAL GvajsScope *_gvajs_frame_get_arg (JSContext * ctx,
    const gchar * fn, JSValueConst value);
/* Metadata can only be added to or removed from a writable buffer;
 * throws unless it is. */
G_GNUC_INTERNAL gboolean _gvajs_frame_check_writable (JSContext * ctx,
    GvajsScope * scope, const gchar * fn);

/* The formats whose components are all 8-bit and located by
 * GstVideoFormatInfo (plane, byte offset, pixel stride, subsampling), so
 * one code path reads or writes them all: the pixel helpers' formats.
 * Throws a TypeError naming @fn and listing them unless @scope's frame is
 * raw video in one of them. */
G_GNUC_INTERNAL gboolean _gvajs_frame_check_format (JSContext * ctx,
    const gchar * fn, GvajsScope * scope);

/* One 8-bit component (R, G, B, A; Y, U, V) of the mapped frame. */
typedef struct
{
  guint8 *base;                 /* the component of pixel (0, 0) */
  gint stride;                  /* bytes from one row to the next */
  gint pstride;                 /* bytes from one pixel to the next */
  gint w_sub, h_sub;            /* subsampling, as shifts */
} GvajsComponent;

/* Locates the first @n components of @scope's frame in its mapping (the
 * caller mapped it; format checked), with the strides and offsets of
 * _gvajs_frame_layout(). Throws a RangeError naming @fn and returns FALSE
 * when the layout puts any byte of them outside the mapping (a truncated
 * or mislabelled buffer, or a lying meta: sums are overflow-checked), or
 * the meta describes too few planes. */
G_GNUC_INTERNAL gboolean _gvajs_frame_components (JSContext * ctx,
    const gchar * fn, GvajsScope * scope, guint n, GvajsComponent * comps);

/* The plane strides and offsets of @scope's frame (raw video), one per
 * plane of its format: its GstVideoMeta's when it has one, else the caps'.
 * Returns how many planes the meta describes (the format's count without
 * a meta); the values are the meta's, unchecked. */
G_GNUC_INTERNAL guint _gvajs_frame_layout (GvajsScope * scope,
    gint * strides, gsize * offsets);

typedef JSValue (*GvajsMetaToJs) (JSContext * ctx, GstMeta * meta);
/* Adds @convert(meta) to @array for each meta of @api on the frame, in
 * buffer order; none when @api is 0 (not registered, so no such meta can
 * exist). */
G_GNUC_INTERNAL void _gvajs_frame_add_metas (JSContext * ctx,
    GvajsScope * scope, GType api, GvajsMetaToJs convert, GvajsArray * array);
/* The array of just those. */
G_GNUC_INTERNAL JSValue _gvajs_frame_metas_to_array (JSContext * ctx,
    GvajsScope * scope, GType api, GvajsMetaToJs convert);

G_END_DECLS
