/* hosted.c - MI_Application_NewHostedProvider and the MI_HostedProviderFT table.
 *
 * A hosted provider handle names a state object (registered like every client
 * handle, client_int.h) holding the engine's registration (mi_engine_add_hosted) and
 * a copy of the application handle. The application's engine is opened if it has none
 * yet (session.c mi_client_app_engine). Close removes the registration
 * (mi_engine_remove_hosted: running requests of the provider are cancelled and waited
 * for, then the module is unloaded) and invalidates the handle; MI_Application_Close
 * closes the application's remaining hosted providers after its sessions.
 *
 * Threading: any thread. hosted_mu guards the list of live hosted providers; a handle
 * is taken off it (and unregistered) by exactly one closer.
 */
#include <pthread.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "client/client_int.h"
#include "client/hosted.h"

/* Longest message built for an extended error. */
#define MSG_CAP 1024

typedef struct client_hosted {
    mi_client_obj hdr;
    MI_Application app;         /* copy of the application handle */
    const void *app_state;      /* the application's state object (identity only) */
    mi_engine_hosted *h;
    struct client_hosted *next; /* hosted_list */
} client_hosted;

static pthread_mutex_t hosted_mu = PTHREAD_MUTEX_INITIALIZER;
static client_hosted *hosted_list;

/* Takes hp off the list and the registry (hosted_mu held). */
static void hosted_unlink(client_hosted *hp)
{
    client_hosted **pp;

    for (pp = &hosted_list; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == hp) {
            *pp = hp->next;
            break;
        }
    }
    mi_client_unregister(&hp->hdr);
}

/* Removes the engine registration and frees hp (already unlinked). */
static MI_Result hosted_free(client_hosted *hp, mi_buf *err)
{
    MI_Result r = mi_engine_remove_hosted(hp->h, err);

    mi_free(hp);
    return r;
}

MI_Result mi_client_new_hosted_provider(MI_Application *application,
                                        const MI_Char *namespaceName,
                                        const MI_Char *providerName, MI_MainFunction mi_Main,
                                        MI_Instance **extendedError,
                                        MI_HostedProvider *hostedProvider)
{
    const void *app = mi_client_app_get(application);
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    client_hosted *hp = NULL;
    mi_engine *e = NULL;
    mi_buf err;

    mi_buf_init(&err, MSG_CAP);
    if (extendedError != NULL)
        *extendedError = NULL;
    if (hostedProvider != NULL)
        memset(hostedProvider, 0, sizeof *hostedProvider);
    if (app == NULL || hostedProvider == NULL || namespaceName == NULL ||
        providerName == NULL || mi_Main == NULL) {
        mi_buf_puts(&err, app == NULL ? "MI_Application_NewHostedProvider: invalid application"
                          : "MI_Application_NewHostedProvider: namespaceName, providerName, "
                            "mi_Main and hostedProvider are required");
        goto out;
    }
    hp = mi_calloc(1, sizeof *hp);
    if (hp == NULL) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mi_buf_puts(&err, "MI_Application_NewHostedProvider: out of memory");
        goto out;
    }
    r = mi_client_app_engine(application, &e, &err);
    if (r == MI_RESULT_OK)
        r = mi_engine_add_hosted(e, namespaceName, providerName, mi_Main, &hp->h, &err);
    if (r != MI_RESULT_OK)
        goto out_free;
    hp->app = *application;
    hp->app_state = app;
    hp->hdr.magic = MI_CLIENT_MAGIC_HOSTED;
    pthread_mutex_lock(&hosted_mu);
    mi_client_register(&hp->hdr);
    hp->next = hosted_list;
    hosted_list = hp;
    pthread_mutex_unlock(&hosted_mu);
    hostedProvider->reserved1 = MI_CLIENT_MAGIC_HOSTED;
    hostedProvider->reserved2 = (ptrdiff_t)hp;
    hostedProvider->ft = &mi_client_hosted_provider_ft;
    goto out;

out_free:
    mi_free(hp);
out:
    if (r != MI_RESULT_OK)
        mi_client_set_extended_error(extendedError, r, mi_buf_str(&err));
    mi_buf_free(&err);
    return r;
}

void mi_client_hosted_close_app(const void *app)
{
    client_hosted *hp;
    mi_buf err;

    mi_buf_init(&err, MSG_CAP);
    for (;;) {
        pthread_mutex_lock(&hosted_mu);
        for (hp = hosted_list; hp != NULL; hp = hp->next)
            if (hp->app_state == app)
                break;
        if (hp != NULL)
            hosted_unlink(hp);
        pthread_mutex_unlock(&hosted_mu);
        if (hp == NULL)
            break;
        mi_buf_reset(&err);
        (void)hosted_free(hp, &err); /* a provider that never ends stays until engine close */
    }
    mi_buf_free(&err);
}

/* Unregisters the provider: see mi_engine_remove_hosted. The handle is invalid
 * afterwards whatever the result (FAILED: requests of the provider did not end). */
static MI_Result MI_CALL hp_close(MI_HostedProvider *hostedProvider)
{
    client_hosted *hp = NULL;
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    mi_buf err;

    if (hostedProvider == NULL)
        return r;
    pthread_mutex_lock(&hosted_mu);
    hp = (client_hosted *)mi_client_lookup(hostedProvider->reserved1,
                                           hostedProvider->reserved2, MI_CLIENT_MAGIC_HOSTED);
    if (hp != NULL)
        hosted_unlink(hp);
    pthread_mutex_unlock(&hosted_mu);
    if (hp == NULL)
        return r;
    memset(hostedProvider, 0, sizeof *hostedProvider);
    mi_buf_init(&err, MSG_CAP);
    r = hosted_free(hp, &err);
    mi_buf_free(&err);
    return r;
}

/* A copy of the application handle the provider was created with. */
static MI_Result MI_CALL hp_get_application(MI_HostedProvider *hostedProvider,
                                            MI_Application *application)
{
    client_hosted *hp = NULL;
    MI_Result r = MI_RESULT_INVALID_PARAMETER;

    if (application == NULL)
        return r;
    memset(application, 0, sizeof *application);
    if (hostedProvider == NULL)
        return r;
    pthread_mutex_lock(&hosted_mu);
    hp = (client_hosted *)mi_client_lookup(hostedProvider->reserved1,
                                           hostedProvider->reserved2, MI_CLIENT_MAGIC_HOSTED);
    if (hp != NULL) {
        *application = hp->app;
        r = MI_RESULT_OK;
    }
    pthread_mutex_unlock(&hosted_mu);
    return r;
}

const MI_HostedProviderFT mi_client_hosted_provider_ft = {
    hp_close,
    hp_get_application,
};
