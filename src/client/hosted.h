/* hosted.h - hosted providers of the client library (hosted.c) and the application's
 * engine they need (session.c).
 *
 * MI_Application_NewHostedProvider registers a provider module the program contains
 * (its MI_Main) with the application's in-process engine (mi_engine_add_hosted): the
 * application's sessions, and the engine's GetLocalSession, then see the module's
 * classes in the namespace served by it until MI_HostedProvider_Close or
 * MI_Application_Close.
 */
#ifndef MI_CLIENT_HOSTED_H
#define MI_CLIENT_HOSTED_H

#include <mi.h>

#include "base/buf.h"
#include "engine/engine.h"

#define MI_CLIENT_MAGIC_HOSTED UINT64_C(0x4d49486f73746564) /* "MIHosted" */

/* MI_Application_NewHostedProvider (see mi.h): the whole entry, argument checks
 * included. */
MI_Result mi_client_new_hosted_provider(MI_Application *application,
                                        const MI_Char *namespaceName,
                                        const MI_Char *providerName, MI_MainFunction mi_Main,
                                        MI_Instance **extendedError,
                                        MI_HostedProvider *hostedProvider);

/* Closes every hosted provider of the application (MI_Application_Close, after its
 * sessions and before its engine). */
void mi_client_hosted_close_app(const void *app);

/* session.c: the application's engine, opened (as for a first local session without
 * destination options) when it has none yet; borrowed, it lives until the application
 * closes. INVALID_PARAMETER for a bad application; open errors with a message in err. */
MI_Result mi_client_app_engine(const MI_Application *application, mi_engine **out,
                               mi_buf *err);

#endif
