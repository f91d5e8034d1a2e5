/* serializer_int.h - creation of serializer and deserializer handles (serializer.c),
 * called by MI_Application_NewSerializer / NewDeserializer (application.c).
 */
#ifndef MI_CLIENT_SERIALIZER_INT_H
#define MI_CLIENT_SERIALIZER_INT_H

#include <mi.h>

/* Format names (case-sensitive, as Windows and OMI spell them). */
#define MI_CLIENT_FORMAT_XML "MI_XML"
#define MI_CLIENT_FORMAT_MOF "MI_MOF_CIMV2_EXTV1"

/* A new serializer / deserializer for `format`. The application handle has been
 * checked by the caller. flags must be 0 and format / the out handle non-NULL
 * (else INVALID_PARAMETER); an unknown format is NOT_SUPPORTED; out of memory
 * SERVER_LIMITS_EXCEEDED. The out handle is zeroed on failure; on success it names a
 * registered object that MI_Serializer_Close / MI_Deserializer_Close frees. */
MI_Result mi_client_new_serializer(MI_Uint32 flags, const MI_Char *format,
                                   MI_Serializer *serializer);
MI_Result mi_client_new_deserializer(MI_Uint32 flags, const MI_Char *format,
                                     MI_Deserializer *deserializer);

#endif
