/* indication_provider.c - an indication provider module for test_subscribe.c, written
 * on the public provider API only (mi.h), schema tables by hand. Classes (MOF in
 * indication_provider.mof):
 *
 *   TSTI_Event  EnableIndications keeps the indications context and starts a poster
 *               thread; once a subscription exists it posts TSTI_Event instances with
 *               Seq = 0, 1, ... (up to the configured limit, a configured interval
 *               apart, Tag = "tag"), then idles, or ends delivery with PostError when
 *               configured to. DisableIndications stops and joins the thread, then posts
 *               OK on the indications context. Subscribe/Unsubscribe count and post OK.
 *   TSTI_Fail   Subscribe fails with ACCESS_DENIED "subscribe refused".
 *
 * Every call is counted (tsti_get_stats); the test also checks the engine's answers to
 * PostInstance on the indications context and PostIndication on Subscribe's context.
 */
#include <mi.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "indication_provider.h"

extern MI_CONST MI_ClassDecl TSTI_Event_rtti;
#define TSTI_Event_rtti_ref TSTI_Event_rtti

typedef struct TSTI_Event {
    MI_Instance __instance;
    MI_ConstUint32Field Seq;
    MI_ConstStringField Tag;
} TSTI_Event;

typedef struct TSTI_Fail {
    MI_Instance __instance;
    MI_ConstUint32Field Seq;
} TSTI_Fail;

#define PROP(var, nm, ty, st, field, org)                                                 \
    static MI_CONST MI_PropertyDecl var = {                                               \
        MI_FLAG_PROPERTY, 0, MI_T(nm), NULL, 0, ty, NULL, 0, offsetof(st, field),         \
        MI_T(org), MI_T(org), NULL}

PROP(ev_seq, "Seq", MI_UINT32, TSTI_Event, Seq, "TSTI_Event");
PROP(ev_tag, "Tag", MI_STRING, TSTI_Event, Tag, "TSTI_Event");
static MI_PropertyDecl MI_CONST *MI_CONST ev_props[] = {&ev_seq, &ev_tag};
PROP(fail_seq, "Seq", MI_UINT32, TSTI_Fail, Seq, "TSTI_Fail");
static MI_PropertyDecl MI_CONST *MI_CONST fail_props[] = {&fail_seq};

/* ---------------------------------------------------------------- state */

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER; /* guards g */
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;
static struct {
    MI_Context *ictx;        /* TSTI_Event's indications context */
    pthread_t th;
    bool running, stop;
    unsigned active;         /* subscriptions between Subscribe and Unsubscribe */
    MI_Uint32 limit;
    unsigned interval_us;
    MI_Result end_code;
    tsti_stats st;
} g = {.limit = UINT32_MAX, .interval_us = 200}; /* the tsti_reset defaults: a module
                                                   * loaded by `mi` posts without set-up */

MI_EXTERN_C MI_EXPORT void tsti_reset(void);
MI_EXTERN_C MI_EXPORT void tsti_configure(MI_Uint32 limit, unsigned interval_us,
                                          MI_Result end_code);
MI_EXTERN_C MI_EXPORT void tsti_get_stats(tsti_stats *out);

void tsti_reset(void)
{
    pthread_mutex_lock(&g_mu);
    memset(&g.st, 0, sizeof g.st);
    g.st.instance_on_ind = (MI_Result)-1;
    g.st.indication_on_req = (MI_Result)-1;
    g.limit = UINT32_MAX;
    g.interval_us = 200;
    g.end_code = MI_RESULT_OK;
    pthread_mutex_unlock(&g_mu);
}

void tsti_configure(MI_Uint32 limit, unsigned interval_us, MI_Result end_code)
{
    pthread_mutex_lock(&g_mu);
    g.limit = limit;
    g.interval_us = interval_us;
    g.end_code = end_code;
    pthread_mutex_unlock(&g_mu);
}

void tsti_get_stats(tsti_stats *out)
{
    pthread_mutex_lock(&g_mu);
    *out = g.st;
    pthread_mutex_unlock(&g_mu);
}

static void nap_us(unsigned us)
{
    struct timespec ts = {(time_t)(us / 1000000u), (long)(us % 1000000u) * 1000L};
    nanosleep(&ts, NULL);
}

/* ---------------------------------------------------------------- TSTI_Event */

static void *poster(void *arg)
{
    MI_Context *ictx = arg;
    MI_Uint32 seq = 0;

    for (;;) {
        MI_Instance *inst = NULL;
        MI_Value v;
        MI_Result r;
        unsigned interval;

        pthread_mutex_lock(&g_mu);
        while (!g.stop && (g.active == 0 || seq >= g.limit) &&
               !(seq >= g.limit && g.end_code != MI_RESULT_OK))
            pthread_cond_wait(&g_cv, &g_mu);
        if (g.stop) {
            pthread_mutex_unlock(&g_mu);
            break;
        }
        if (seq >= g.limit) {
            /* Configured to end delivery here. */
            MI_Result code = g.end_code;
            pthread_mutex_unlock(&g_mu);
            MI_Context_PostError(ictx, code, MI_RESULT_TYPE_MI, MI_T("provider ended delivery"));
            break;
        }
        interval = g.interval_us;
        pthread_mutex_unlock(&g_mu);
        r = MI_Context_NewInstance(ictx, &TSTI_Event_rtti_ref, &inst);
        if (r == MI_RESULT_OK) {
            v.uint32 = seq;
            MI_Instance_SetElement(inst, MI_T("Seq"), &v, MI_UINT32, 0);
            v.string = (MI_Char *)MI_T("tag");
            MI_Instance_SetElement(inst, MI_T("Tag"), &v, MI_STRING, 0);
            r = MI_Context_PostIndication(ictx, inst, 0, NULL);
            MI_Instance_Delete(inst);
        }
        pthread_mutex_lock(&g_mu);
        if (r == MI_RESULT_OK)
            g.st.posted++;
        else
            g.st.post_failed++;
        pthread_mutex_unlock(&g_mu);
        seq++;
        if (interval != 0)
            nap_us(interval);
    }
    return NULL;
}

static void join_poster(void)
{
    bool join;

    pthread_mutex_lock(&g_mu);
    g.stop = true;
    join = g.running;
    g.running = false;
    pthread_cond_broadcast(&g_cv);
    pthread_mutex_unlock(&g_mu);
    if (join)
        pthread_join(g.th, NULL);
}

static void MI_CALL load_ok(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    (void)selfModule;
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL unload_ok(void *self, MI_Context *context)
{
    (void)self;
    join_poster(); /* delivery ended by the provider: nobody called Disable */
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Event_Enable(void *self, MI_Context *indicationsContext,
                                 const MI_Char *nameSpace, const MI_Char *className)
{
    MI_Instance *inst = NULL;
    MI_Result r = (MI_Result)-1;

    (void)self, (void)nameSpace, (void)className;
    join_poster(); /* a previous delivery that the provider ended itself */
    if (MI_Context_NewInstance(indicationsContext, &TSTI_Event_rtti_ref, &inst) == MI_RESULT_OK) {
        r = MI_Context_PostInstance(indicationsContext, inst);
        MI_Instance_Delete(inst);
    }
    pthread_mutex_lock(&g_mu);
    g.st.enable++;
    g.st.instance_on_ind = r;
    g.ictx = indicationsContext;
    g.stop = false;
    g.running = pthread_create(&g.th, NULL, poster, indicationsContext) == 0;
    pthread_mutex_unlock(&g_mu);
}

static void MI_CALL Event_Disable(void *self, MI_Context *indicationsContext,
                                  const MI_Char *nameSpace, const MI_Char *className)
{
    (void)self, (void)nameSpace, (void)className;
    join_poster();
    pthread_mutex_lock(&g_mu);
    g.st.disable++;
    g.ictx = NULL;
    pthread_mutex_unlock(&g_mu);
    MI_Context_PostResult(indicationsContext, MI_RESULT_OK);
}

static void MI_CALL Event_Subscribe(void *self, MI_Context *context, const MI_Char *nameSpace,
                                    const MI_Char *className, const MI_Filter *filter,
                                    const MI_Char *bookmark, MI_Uint64 subscriptionID,
                                    void **subscriptionSelf)
{
    MI_Instance *inst = NULL;
    MI_Result r = (MI_Result)-1;

    (void)self, (void)nameSpace, (void)className, (void)bookmark, (void)subscriptionID;
    *subscriptionSelf = NULL;
    if (MI_Context_NewInstance(context, &TSTI_Event_rtti_ref, &inst) == MI_RESULT_OK) {
        r = MI_Context_PostIndication(context, inst, 0, NULL);
        MI_Instance_Delete(inst);
    }
    pthread_mutex_lock(&g_mu);
    g.st.subscribe++;
    g.st.indication_on_req = r;
    if (filter != NULL)
        g.st.filter_given++;
    g.active++;
    pthread_cond_broadcast(&g_cv);
    pthread_mutex_unlock(&g_mu);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Event_Unsubscribe(void *self, MI_Context *context, const MI_Char *nameSpace,
                                      const MI_Char *className, MI_Uint64 subscriptionID,
                                      void *subscriptionSelf)
{
    (void)self, (void)nameSpace, (void)className, (void)subscriptionID, (void)subscriptionSelf;
    pthread_mutex_lock(&g_mu);
    g.st.unsubscribe++;
    g.active--;
    pthread_mutex_unlock(&g_mu);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_CONST MI_ProviderFT event_ft = {load_ok, unload_ok, NULL, NULL, NULL, NULL, NULL,
                                          NULL, NULL, Event_Enable, Event_Disable,
                                          Event_Subscribe, Event_Unsubscribe, NULL};
MI_CONST MI_ClassDecl TSTI_Event_rtti = {MI_FLAG_CLASS | MI_FLAG_INDICATION, 0,
                                         MI_T("TSTI_Event"), NULL, 0, ev_props, 2,
                                         sizeof(TSTI_Event), NULL, NULL, NULL, 0, NULL,
                                         &event_ft, NULL};

/* ---------------------------------------------------------------- TSTI_Fail */

static void MI_CALL Fail_Enable(void *self, MI_Context *indicationsContext,
                                const MI_Char *nameSpace, const MI_Char *className)
{
    (void)self, (void)indicationsContext, (void)nameSpace, (void)className;
    pthread_mutex_lock(&g_mu);
    g.st.fail_enable++;
    pthread_mutex_unlock(&g_mu);
}

static void MI_CALL Fail_Disable(void *self, MI_Context *indicationsContext,
                                 const MI_Char *nameSpace, const MI_Char *className)
{
    (void)self, (void)nameSpace, (void)className;
    pthread_mutex_lock(&g_mu);
    g.st.fail_disable++;
    pthread_mutex_unlock(&g_mu);
    MI_Context_PostResult(indicationsContext, MI_RESULT_OK);
}

static void MI_CALL Fail_Subscribe(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_Filter *filter,
                                   const MI_Char *bookmark, MI_Uint64 subscriptionID,
                                   void **subscriptionSelf)
{
    (void)self, (void)nameSpace, (void)className, (void)filter, (void)bookmark;
    (void)subscriptionID, (void)subscriptionSelf;
    pthread_mutex_lock(&g_mu);
    g.st.fail_subscribe++;
    pthread_mutex_unlock(&g_mu);
    MI_Context_PostError(context, MI_RESULT_ACCESS_DENIED, MI_RESULT_TYPE_MI,
                         MI_T("subscribe refused"));
}

static void MI_CALL Fail_Unsubscribe(void *self, MI_Context *context, const MI_Char *nameSpace,
                                     const MI_Char *className, MI_Uint64 subscriptionID,
                                     void *subscriptionSelf)
{
    (void)self, (void)nameSpace, (void)className, (void)subscriptionID, (void)subscriptionSelf;
    pthread_mutex_lock(&g_mu);
    g.st.fail_unsubscribe++;
    pthread_mutex_unlock(&g_mu);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_CONST MI_ProviderFT fail_ft = {load_ok, unload_ok, NULL, NULL, NULL, NULL, NULL,
                                         NULL, NULL, Fail_Enable, Fail_Disable,
                                         Fail_Subscribe, Fail_Unsubscribe, NULL};
MI_CONST MI_ClassDecl TSTI_Fail_rtti = {MI_FLAG_CLASS | MI_FLAG_INDICATION, 0,
                                        MI_T("TSTI_Fail"), NULL, 0, fail_props, 1,
                                        sizeof(TSTI_Fail), NULL, NULL, NULL, 0, NULL,
                                        &fail_ft, NULL};

/* ---------------------------------------------------------------- module */

static MI_ClassDecl MI_CONST *MI_CONST classes[] = {&TSTI_Event_rtti, &TSTI_Fail_rtti};
static MI_SchemaDecl schema = {NULL, 0, classes, sizeof classes / sizeof classes[0]};

static void MI_CALL module_load(MI_Module_Self **self, MI_Context *context)
{
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL module_unload(MI_Module_Self *self, MI_Context *context)
{
    (void)self;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_Module module = {MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &schema,
                           module_load, module_unload, NULL};

MI_EXTERN_C MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
