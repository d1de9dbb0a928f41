#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its system ICU headers clash with Foundation's own ICU module
// ("'UErrorCode' has different definitions in different modules"). Nothing here touches the ICU-only
// fields of xmlCharEncodingHandler, so hide them before any other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/catalog.h>

// `xmlFree` is a mutable C global (a function pointer) that Swift 6 rejects as not concurrency-safe.
static inline void clibxml2_free(void *ptr) { xmlFree(ptr); }

// A double in C's `%.14e` (15 significant digits, correctly rounded) without Swift's variadic-call machinery.
#include <stdio.h>
static inline int clibxml2_format_e14(double x, char *buffer, int size) { return snprintf(buffer, size, "%.14e", x); }

#endif
