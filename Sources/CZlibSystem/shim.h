#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

#include <zlib.h>

// `deflateInit2` is a macro (it passes the library version and the stream size), which Swift does not import.
static inline int czlib_deflate_init_raw(z_streamp stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

// `inflateInit2` is a macro too.
static inline int czlib_inflate_init_raw(z_streamp stream) {
  return inflateInit2(stream, -15);
}

#endif
