/* client.c - the `mi` connection over the public MI client API (see client.h). */
#include "client.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void error_text(mi_buf *err, MI_Result r, const MI_Char *msg,
                       const MI_Instance *details)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;

    if (msg != NULL && msg[0] != '\0') {
        mi_buf_puts(err, msg);
        return;
    }
    if (details != NULL &&
        MI_Instance_GetElement(details, "Message", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        t == MI_STRING && !(flags & MI_FLAG_NULL) && v.string != NULL) {
        mi_buf_puts(err, v.string);
        return;
    }
    if (r != MI_RESULT_OK)
        mi_buf_puts(err, "the operation failed without a message");
}

/* Adds the custom option "Name=value" (see mi_cli_connect) to opts. */
static MI_Result add_custom_option(MI_OperationOptions *opts, const char *text, mi_buf *err)
{
    MI_Result r;
    const char *eq = strchr(text, '=');
    char name[257];
    char *end = NULL;
    unsigned long long n;
    size_t len;

    len = eq != NULL ? (size_t)(eq - text) : 0;
    if (eq == NULL || len == 0 || len >= sizeof name) {
        mi_buf_printf(err, "--option '%s' is not of the form Name=value (Name 1-256 bytes)",
                      text);
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    memcpy(name, text, len);
    name[len] = '\0';
    errno = 0;
    n = eq[1] >= '0' && eq[1] <= '9' ? strtoull(eq + 1, &end, 10) : 0;
    if (end != NULL && *end == '\0' && errno == 0 && n <= UINT32_MAX)
        r = MI_OperationOptions_SetNumber(opts, name, (MI_Uint32)n, 0);
    else
        r = MI_OperationOptions_SetString(opts, name, eq + 1, 0);
    if (r != MI_RESULT_OK)
        mi_buf_printf(err, "--option '%s' was refused by MI_OperationOptions (%s)", text,
                      r == MI_RESULT_TYPE_MISMATCH ? "wrong type for a standard option"
                                                   : "invalid name or value");
out:
    return r;
}

MI_Result mi_cli_connect(mi_cli_conn *c, const mi_cli_settings *settings, mi_buf *err)
{
    MI_Result r;
    MI_Instance *details = NULL;
    size_t i;

    memset(c, 0, sizeof *c);
    r = MI_Application_Initialize(0, "libmi/mi", &details, &c->app);
    if (r != MI_RESULT_OK) {
        error_text(err, r, NULL, details);
        goto out;
    }
    c->have_app = true;
    if (settings->repository != NULL) {
        r = MI_Application_NewDestinationOptions(&c->app, &c->destination);
        if (r == MI_RESULT_OK)
            r = MI_DestinationOptions_SetString(&c->destination, "MI_REPOSITORY",
                                                settings->repository);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(err, "cannot pass the repository path '%s' to the session",
                          settings->repository);
            goto out;
        }
    }
    if (settings->timeout_s > 0 || settings->n_options > 0) {
        r = MI_Application_NewOperationOptions(&c->app, MI_FALSE, &c->options);
        if (r != MI_RESULT_OK) {
            mi_buf_puts(err, "cannot make the operation options");
            goto out;
        }
    }
    if (settings->timeout_s > 0) {
        MI_Interval iv;
        double whole = floor(settings->timeout_s);
        MI_Uint64 secs = (MI_Uint64)whole;
        memset(&iv, 0, sizeof iv);
        iv.days = (MI_Uint32)(secs / 86400);
        iv.hours = (MI_Uint32)(secs / 3600 % 24);
        iv.minutes = (MI_Uint32)(secs / 60 % 60);
        iv.seconds = (MI_Uint32)(secs % 60);
        iv.microseconds = (MI_Uint32)((settings->timeout_s - whole) * 1e6);
        r = MI_OperationOptions_SetTimeout(&c->options, &iv);
        if (r != MI_RESULT_OK) {
            mi_buf_puts(err, "cannot set the operation timeout");
            goto out;
        }
    }
    for (i = 0; i < settings->n_options; i++) {
        r = add_custom_option(&c->options, settings->options[i], err);
        if (r != MI_RESULT_OK)
            goto out;
    }
    r = MI_Application_NewSession(&c->app, NULL, NULL,
                                  c->destination.ft != NULL ? &c->destination : NULL, NULL,
                                  &details, &c->session);
    if (r != MI_RESULT_OK) {
        error_text(err, r, NULL, details);
        goto out;
    }
    c->have_session = true;
out:
    if (details != NULL)
        MI_Instance_Delete(details);
    if (r != MI_RESULT_OK)
        mi_cli_disconnect(c);
    return r;
}

void mi_cli_disconnect(mi_cli_conn *c)
{
    if (c->have_session)
        MI_Session_Close(&c->session, NULL, NULL);
    if (c->options.ft != NULL)
        MI_OperationOptions_Delete(&c->options);
    if (c->destination.ft != NULL)
        MI_DestinationOptions_Delete(&c->destination);
    if (c->have_app)
        MI_Application_Close(&c->app);
    memset(c, 0, sizeof *c);
}

MI_OperationOptions *mi_cli_options(mi_cli_conn *c)
{
    return c->options.ft != NULL ? &c->options : NULL;
}

MI_Result mi_cli_drain_instances(MI_Operation *op, mi_cli_instance_cb fn, void *ctx,
                                 mi_buf *err)
{
    MI_Result final = MI_RESULT_OK, r;
    MI_Boolean more = MI_TRUE;
    bool stopped = false;

    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result res = MI_RESULT_OK;
        r = MI_Operation_GetInstance(op, &inst, &more, &res, &msg, &details);
        if (r != MI_RESULT_OK) {
            final = r;
            mi_buf_puts(err, "MI_Operation_GetInstance failed");
            break;
        }
        if (inst != NULL && !stopped && fn != NULL && !fn(ctx, inst)) {
            stopped = true;
            MI_Operation_Cancel(op, MI_REASON_NONE);
        }
        if (!more && !stopped) {
            final = res;
            if (res != MI_RESULT_OK)
                error_text(err, res, msg, details);
        }
    }
    MI_Operation_Close(op);
    return final;
}

/* The error category of an error instance (error_Category, as the engine writes it),
 * or 0. */
static MI_Uint16 error_category(const MI_Instance *details)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;

    if (details != NULL &&
        MI_Instance_GetElement(details, "error_Category", &v, &t, &flags, NULL) ==
            MI_RESULT_OK &&
        t == MI_UINT16 && !(flags & MI_FLAG_NULL))
        return v.uint16;
    return 0;
}

MI_Result mi_cli_drain_indications(MI_Operation *op, mi_cli_instance_cb fn, void *ctx,
                                   mi_cli_sub_end *how, mi_buf *err)
{
    MI_Result final = MI_RESULT_OK, r;
    MI_Boolean more = MI_TRUE;
    bool stopped = false;

    *how = MI_CLI_SUB_FAILED;
    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL, *bookmark = NULL, *machine = NULL;
        MI_Result res = MI_RESULT_OK;
        r = MI_Operation_GetIndication(op, &inst, &bookmark, &machine, &more, &res, &msg,
                                       &details);
        if (r != MI_RESULT_OK) {
            final = r;
            mi_buf_puts(err, "MI_Operation_GetIndication failed");
            break;
        }
        if (inst != NULL && more && !stopped && fn != NULL && !fn(ctx, inst)) {
            stopped = true;
            MI_Operation_Cancel(op, MI_REASON_NONE);
        }
        if (more)
            continue;
        if (res == MI_RESULT_OK || stopped ||
            error_category(details) == MI_ERRORCATEGORY_OPERATION_STOPPED) {
            *how = MI_CLI_SUB_STOPPED;
        } else if (error_category(details) == MI_ERRORCATEGORY_OPERATION_TIMEOUT) {
            *how = MI_CLI_SUB_TIMEOUT;
        } else {
            final = res;
            error_text(err, res, msg, details);
        }
    }
    MI_Operation_Close(op);
    return final;
}

MI_Result mi_cli_drain_classes(MI_Operation *op, mi_cli_class_cb fn, void *ctx, mi_buf *err)
{
    MI_Result final = MI_RESULT_OK, r;
    MI_Boolean more = MI_TRUE;
    bool stopped = false;

    while (more) {
        const MI_Class *cls = NULL;
        const MI_Instance *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result res = MI_RESULT_OK;
        r = MI_Operation_GetClass(op, &cls, &more, &res, &msg, &details);
        if (r != MI_RESULT_OK) {
            final = r;
            mi_buf_puts(err, "MI_Operation_GetClass failed");
            break;
        }
        if (cls != NULL && !stopped && fn != NULL && !fn(ctx, cls)) {
            stopped = true;
            MI_Operation_Cancel(op, MI_REASON_NONE);
        }
        if (!more && !stopped) {
            final = res;
            if (res != MI_RESULT_OK)
                error_text(err, res, msg, details);
        }
    }
    MI_Operation_Close(op);
    return final;
}

typedef struct clone_ctx {
    MI_Class *cls;
    MI_Result r;
} clone_ctx;

static bool clone_class(void *ctx, const MI_Class *cls)
{
    clone_ctx *cc = ctx;

    if (cc->cls == NULL)
        cc->r = MI_Class_Clone(cls, &cc->cls);
    return true;
}

MI_Result mi_cli_get_class(mi_cli_conn *c, const char *ns, const char *cls, MI_Class **out,
                           mi_buf *err)
{
    MI_Operation op = MI_OPERATION_NULL;
    clone_ctx cc = {NULL, MI_RESULT_OK};
    MI_Result r;

    *out = NULL;
    MI_Session_GetClass(&c->session, 0, mi_cli_options(c), ns, cls, NULL, &op);
    r = mi_cli_drain_classes(&op, clone_class, &cc, err);
    if (r == MI_RESULT_OK && cc.r != MI_RESULT_OK) {
        r = cc.r;
        mi_buf_printf(err, "cannot copy class '%s'", cls);
    }
    if (r == MI_RESULT_OK && cc.cls == NULL) {
        r = MI_RESULT_INVALID_CLASS;
        mi_buf_printf(err, "class '%s' not found in namespace '%s'", cls, ns);
    }
    if (r != MI_RESULT_OK) {
        if (cc.cls != NULL)
            MI_Class_Delete(cc.cls);
        return r;
    }
    *out = cc.cls;
    return r;
}
