/* test_options.c - MI_OperationOptions, MI_DestinationOptions,
 * MI_SubscriptionDeliveryOptions (src/client/options.c) through the public API, and
 * their conversion for the engine (options_int.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "client/client_int.h"
#include "client/options_int.h"

static MI_Application app;

static int setup(void **state)
{
    (void)state;
    return MI_Application_Initialize(0, NULL, NULL, &app) == MI_RESULT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return MI_Application_Close(&app) == MI_RESULT_OK ? 0 : -1;
}

static MI_Interval interval(MI_Uint32 d, MI_Uint32 h, MI_Uint32 m, MI_Uint32 s, MI_Uint32 us)
{
    MI_Interval iv;

    memset(&iv, 0, sizeof iv);
    iv.days = d;
    iv.hours = h;
    iv.minutes = m;
    iv.seconds = s;
    iv.microseconds = us;
    return iv;
}

static void test_operation_typed_helpers(void **state)
{
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    MI_Interval iv = interval(1, 2, 3, 4, 5), got;
    MI_CallbackMode mode = MI_CALLBACKMODE_REPORT;
    MI_Boolean ack = MI_FALSE, must = MI_FALSE, mid = MI_FALSE;
    MI_ProviderArchitecture arch = MI_PROVIDER_ARCHITECTURE_32BIT;
    const MI_Char *s = NULL;

    (void)state;
    assert_int_equal(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    assert_non_null(oo.ft);
    /* Nothing set: NO_SUCH_PROPERTY and the output untouched. */
    assert_int_equal(MI_OperationOptions_GetTimeout(&oo, &got), MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_OperationOptions_SetTimeout(&oo, &iv), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetTimeout(&oo, &got), MI_RESULT_OK);
    assert_int_equal(got.days, 1);
    assert_int_equal(got.microseconds, 5);
    assert_int_equal(MI_OperationOptions_SetWriteErrorMode(&oo, MI_CALLBACKMODE_INQUIRE),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetWriteErrorMode(&oo, &mode), MI_RESULT_OK);
    assert_int_equal(mode, MI_CALLBACKMODE_INQUIRE);
    assert_int_equal(MI_OperationOptions_SetWriteErrorMode(&oo, (MI_CallbackMode)7),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetPromptUserRegularMode(&oo, MI_CALLBACKMODE_IGNORE,
                                                                  MI_TRUE),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetPromptUserRegularMode(&oo, &mode, &ack),
                     MI_RESULT_OK);
    assert_int_equal(mode, MI_CALLBACKMODE_IGNORE);
    assert_int_equal(ack, MI_TRUE);
    assert_int_equal(MI_OperationOptions_SetProviderArchitecture(
                         &oo, MI_PROVIDER_ARCHITECTURE_64BIT, MI_TRUE),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetProviderArchitecture(&oo, &arch, &must),
                     MI_RESULT_OK);
    assert_int_equal(arch, MI_PROVIDER_ARCHITECTURE_64BIT);
    assert_int_equal(must, MI_TRUE);
    assert_int_equal(MI_OperationOptions_SetResourceUri(&oo, "http://x/y"), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetResourceUri(&oo, &s), MI_RESULT_OK);
    assert_string_equal(s, "http://x/y");
    assert_int_equal(MI_OperationOptions_SetResourceUriPrefix(&oo, "http://p"), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetResourceUriPrefix(&oo, &s), MI_RESULT_OK);
    assert_string_equal(s, "http://p");
    assert_int_equal(MI_OperationOptions_SetUseMachineID(&oo, MI_TRUE), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetUseMachineID(&oo, &mid), MI_RESULT_OK);
    assert_int_equal(mid, MI_TRUE);
    /* Standard options have fixed types. */
    assert_int_equal(MI_OperationOptions_SetString(&oo, "__MI_OPERATIONOPTIONS_TIMEOUT", "x", 0),
                     MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(MI_OperationOptions_GetNumber(&oo, "__MI_OPERATIONOPTIONS_RESOURCE_URI",
                                                   (MI_Uint32 *)&mode, NULL, NULL),
                     MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(MI_OperationOptions_SetNumber(&oo, "__MI_OPERATIONOPTIONS_USE_MACHINE_ID",
                                                   2, 0),
                     MI_RESULT_INVALID_PARAMETER);
    /* An invalid interval. */
    iv = interval(0, 24, 0, 0, 0);
    assert_int_equal(MI_OperationOptions_SetTimeout(&oo, &iv), MI_RESULT_INVALID_PARAMETER);
    MI_OperationOptions_Delete(&oo);
    assert_null(oo.ft);
    /* The deleted handle (and a copy of it) is rejected, never used. */
    assert_int_equal(MI_OperationOptions_SetUseMachineID(&oo, MI_TRUE),
                     MI_RESULT_INVALID_PARAMETER);
}

static void test_operation_custom_and_generic(void **state)
{
    MI_OperationOptions oo, copy;
    MI_Value v, got;
    MI_Type type;
    MI_Uint32 n = 0, index = 99, flags = 99, num = 0;
    const MI_Char *name = NULL, *str = NULL;
    MI_Sint64 arr[3] = {-1, 0, INT64_MAX};

    (void)state;
    assert_int_equal(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "Mode", "fast", 0), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetNumber(&oo, "Depth", 3, 0), MI_RESULT_OK);
    v.sint64a.data = arr;
    v.sint64a.size = 3;
    assert_int_equal(MI_OperationOptions_SetCustomOption(&oo, "Ids", MI_SINT64A, &v, MI_TRUE),
                     MI_RESULT_OK);
    arr[0] = 42; /* copied: the option keeps -1 */
    assert_int_equal(MI_OperationOptions_GetOptionCount(&oo, &n), MI_RESULT_OK);
    assert_int_equal(n, 3);
    /* Names are case-insensitive; a second set replaces the value in place. */
    assert_int_equal(MI_OperationOptions_GetString(&oo, "MODE", &str, &index, &flags),
                     MI_RESULT_OK);
    assert_string_equal(str, "fast");
    assert_int_equal(index, 0);
    assert_int_equal(flags, 0);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "mode", "slow", 0), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetOptionCount(&oo, &n), MI_RESULT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(MI_OperationOptions_GetOptionAt(&oo, 0, &name, &got, &type, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "Mode");
    assert_int_equal(type, MI_STRING);
    assert_string_equal(got.string, "slow");
    assert_int_equal(MI_OperationOptions_GetOption(&oo, "ids", &got, &type, &index, NULL),
                     MI_RESULT_OK);
    assert_int_equal(type, MI_SINT64A);
    assert_int_equal(index, 2);
    assert_int_equal(got.sint64a.size, 3);
    assert_true(got.sint64a.data[0] == -1);
    assert_true(got.sint64a.data[2] == INT64_MAX);
    assert_int_equal(MI_OperationOptions_GetNumber(&oo, "Depth", &num, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(num, 3);
    /* Wrong type, missing name, bad index, bad arguments. */
    assert_int_equal(MI_OperationOptions_GetNumber(&oo, "Mode", &num, NULL, NULL),
                     MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(MI_OperationOptions_GetString(&oo, "Nope", &str, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_OperationOptions_GetOptionAt(&oo, 3, &name, &got, &type, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "", "x", 0), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetString(&oo, NULL, "x", 0),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "X", NULL, 0),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "X", "\xff", 0),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "X", "y", 5),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetCustomOption(&oo, "X", (MI_Type)99, &v, MI_FALSE),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_SetCustomOption(&oo, "X", MI_UINT8, NULL, MI_FALSE),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_GetString(&oo, "Mode", NULL, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    /* Clone is deep and independent. */
    assert_int_equal(MI_OperationOptions_Clone(&oo, &copy), MI_RESULT_OK);
    MI_OperationOptions_Delete(&oo);
    assert_int_equal(MI_OperationOptions_GetString(&copy, "Mode", &str, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(str, "slow");
    assert_int_equal(MI_OperationOptions_GetOption(&copy, "Ids", &got, &type, NULL, NULL),
                     MI_RESULT_OK);
    assert_true(got.sint64a.data[0] == -1);
    MI_OperationOptions_Delete(&copy);
    /* Clone of a dead handle. */
    assert_int_equal(MI_OperationOptions_Clone(&oo, &copy), MI_RESULT_INVALID_PARAMETER);
    assert_null(copy.ft);
}

static void test_operation_channels(void **state)
{
    MI_OperationOptions oo;
    MI_Uint32 ch[4] = {0}, n = 99;

    (void)state;
    assert_int_equal(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetEnabledChannels(&oo, ch, 4, &n, NULL), MI_RESULT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(MI_OperationOptions_EnableChannel(&oo, MI_WRITEMESSAGE_CHANNEL_WARNING),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_EnableChannel(&oo, MI_WRITEMESSAGE_CHANNEL_DEBUG),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_EnableChannel(&oo, 77), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_EnableChannel(&oo, 77), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_DisableChannel(&oo, MI_WRITEMESSAGE_CHANNEL_DEBUG),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_GetEnabledChannels(&oo, ch, 4, &n, NULL), MI_RESULT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ch[0], MI_WRITEMESSAGE_CHANNEL_WARNING);
    assert_int_equal(ch[1], 77);
    /* Too small a buffer: FAILED, the count still reported. */
    assert_int_equal(MI_OperationOptions_GetEnabledChannels(&oo, ch, 1, &n, NULL),
                     MI_RESULT_FAILED);
    assert_int_equal(n, 2);
    /* The channel list is not a number option. */
    assert_int_equal(MI_OperationOptions_SetNumber(&oo, "__MI_OPERATIONOPTIONS_CHANNEL", 1, 2),
                     MI_RESULT_INVALID_PARAMETER);
    MI_OperationOptions_Delete(&oo);
}

static void test_operation_caps(void **state)
{
    MI_OperationOptions oo;
    char name[MI_OPTIONS_NAME_MAX + 2];
    char *big;
    int i;

    (void)state;
    assert_int_equal(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    for (i = 0; i < MI_OPTIONS_MAX_COUNT; i++) {
        snprintf(name, sizeof name, "opt%d", i);
        assert_int_equal(MI_OperationOptions_SetNumber(&oo, name, (MI_Uint32)i, 0), MI_RESULT_OK);
    }
    assert_int_equal(MI_OperationOptions_SetNumber(&oo, "one_more", 1, 0),
                     MI_RESULT_SERVER_LIMITS_EXCEEDED);
    /* Replacing an existing one is still allowed. */
    assert_int_equal(MI_OperationOptions_SetNumber(&oo, "opt0", 5, 0), MI_RESULT_OK);
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    assert_int_equal(MI_OperationOptions_SetNumber(&oo, name, 1, 0), MI_RESULT_INVALID_PARAMETER);
    big = mi_malloc(MI_OPTIONS_STRING_MAX + 2);
    assert_non_null(big);
    memset(big, 'x', MI_OPTIONS_STRING_MAX + 1);
    big[MI_OPTIONS_STRING_MAX + 1] = '\0';
    assert_int_equal(MI_OperationOptions_SetString(&oo, "opt1", big, 0),
                     MI_RESULT_INVALID_PARAMETER);
    mi_free(big);
    MI_OperationOptions_Delete(&oo);
}

static void test_operation_export(void **state)
{
    MI_OperationOptions oo, dead;
    MI_Interval iv = interval(0, 0, 1, 30, 250);
    MI_Value v;
    mi_arena a;
    mi_client_opts out;
    mi_buf err;
    size_t i;
    bool saw_mode = false, saw_flag = false;

    (void)state;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 1024);
    /* No options at all. */
    assert_int_equal(mi_client_operation_options_export(NULL, &a, &out, &err), MI_RESULT_OK);
    assert_false(out.has_timeout);
    assert_int_equal(out.n_options, 0);
    assert_int_equal(MI_Application_NewOperationOptions(&app, MI_TRUE, &oo), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetTimeout(&oo, &iv), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "Mode", "fast", 0), MI_RESULT_OK);
    v.boolean = MI_TRUE;
    assert_int_equal(MI_OperationOptions_SetCustomOption(&oo, "Flag", MI_BOOLEAN, &v, MI_FALSE),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetUseMachineID(&oo, MI_TRUE), MI_RESULT_OK);
    assert_int_equal(mi_client_operation_options_export(&oo, &a, &out, &err), MI_RESULT_OK);
    MI_OperationOptions_Delete(&oo); /* the export does not depend on the object */
    assert_true(out.has_timeout);
    assert_true(out.timeout_us == 90000250u);
    assert_true(out.must_understand);
    assert_int_equal(out.n_options, 3); /* the timeout is not in the list */
    for (i = 0; i < out.n_options; i++) {
        if (strcmp(out.options[i].name, "Mode") == 0) {
            assert_int_equal(out.options[i].type, MI_STRING);
            assert_string_equal(out.options[i].value.string, "fast");
            /* customOptionsMustUnderstand makes every custom option mandatory */
            assert_true(out.options[i].must_comply);
            saw_mode = true;
        } else if (strcmp(out.options[i].name, "Flag") == 0) {
            assert_int_equal(out.options[i].type, MI_BOOLEAN);
            saw_flag = true;
        } else {
            assert_string_equal(out.options[i].name, "__MI_OPERATIONOPTIONS_USE_MACHINE_ID");
            assert_false(out.options[i].must_comply);
        }
    }
    assert_true(saw_mode && saw_flag);
    /* A dead handle is an error with a message. */
    dead = oo;
    dead.ft = &mi_client_operation_options_ft;
    dead.reserved1 = MI_CLIENT_MAGIC_OPER_OPTIONS;
    dead.reserved2 = 12345;
    assert_int_equal(mi_client_operation_options_export(&dead, &a, &out, &err),
                     MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(mi_buf_str(&err), "MI_OperationOptions"));
    mi_arena_destroy(&a);
    mi_buf_free(&err);
}

static void test_destination_options(void **state)
{
    MI_DestinationOptions d, c;
    MI_UserCredentials cred, got;
    MI_Interval iv = interval(0, 0, 0, 5, 0), giv;
    MI_Boolean b = MI_TRUE;
    MI_Uint32 n = 0, port = 0, len = 0;
    const MI_Char *name = NULL, *s = NULL;
    char pw[16];
    bool has = false;
    MI_Uint64 us = 0;

    (void)state;
    assert_int_equal(MI_Application_NewDestinationOptions(&app, &d), MI_RESULT_OK);
    assert_int_equal(mi_client_destination_options_timeout(&d, &has, &us), MI_RESULT_OK);
    assert_false(has);
    assert_int_equal(MI_DestinationOptions_SetTimeout(&d, &iv), MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_GetTimeout(&d, &giv), MI_RESULT_OK);
    assert_int_equal(giv.seconds, 5);
    assert_int_equal(mi_client_destination_options_timeout(&d, &has, &us), MI_RESULT_OK);
    assert_true(has);
    assert_true(us == 5000000u);
    assert_int_equal(MI_DestinationOptions_SetCertCACheck(&d, MI_FALSE), MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_GetCertCACheck(&d, &b), MI_RESULT_OK);
    assert_false(b);
    assert_int_equal(MI_DestinationOptions_SetDestinationPort(&d, 5986), MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_GetDestinationPort(&d, &port), MI_RESULT_OK);
    assert_int_equal(port, 5986);
    assert_int_equal(MI_DestinationOptions_SetDestinationPort(&d, 0),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_DestinationOptions_SetDestinationPort(&d, 70000),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_DestinationOptions_SetTransport(&d, MI_DESTINATIONOPTIONS_TRANSPORT_HTTPS),
                     MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_GetTransport(&d, &s), MI_RESULT_OK);
    assert_string_equal(s, "HTTPS");
    assert_int_equal(MI_DestinationOptions_SetUILocale(&d, "de-DE"), MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_SetImpersonationType(
                         &d, MI_DestinationOptions_ImpersonationType_Delegate),
                     MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_SetImpersonationType(
                         &d, (MI_DestinationOptions_ImpersonationType)5),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_DestinationOptions_GetOptionCount(&d, &n), MI_RESULT_OK);
    assert_int_equal(n, 6);

    /* Credentials: cumulative, password masked on read-back. */
    memset(&cred, 0, sizeof cred);
    cred.authenticationType = MI_AUTH_TYPE_BASIC;
    cred.credentials.usernamePassword.domain = "WORK";
    cred.credentials.usernamePassword.username = "alice";
    cred.credentials.usernamePassword.password = "s3cret!";
    assert_int_equal(MI_DestinationOptions_AddDestinationCredentials(&d, &cred), MI_RESULT_OK);
    memset(&cred, 0, sizeof cred);
    cred.authenticationType = MI_AUTH_TYPE_CLIENT_CERTS;
    cred.credentials.certificateThumbprint = "ab12";
    assert_int_equal(MI_DestinationOptions_AddProxyCredentials(&d, &cred), MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_GetCredentialsCount(&d, &n), MI_RESULT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(MI_DestinationOptions_GetCredentialsAt(&d, 0, &name, &got, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "__MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS");
    assert_string_equal(got.authenticationType, "Basic");
    assert_string_equal(got.credentials.usernamePassword.username, "alice");
    assert_string_equal(got.credentials.usernamePassword.domain, "WORK");
    assert_string_equal(got.credentials.usernamePassword.password, "******");
    assert_int_equal(MI_DestinationOptions_GetCredentialsPasswordAt(&d, 0, &name, pw, 4, &len,
                                                                    NULL),
                     MI_RESULT_FAILED);
    assert_int_equal(len, 8);
    assert_int_equal(MI_DestinationOptions_GetCredentialsPasswordAt(&d, 0, &name, pw, sizeof pw,
                                                                    &len, NULL),
                     MI_RESULT_OK);
    assert_string_equal(pw, "s3cret!");
    assert_int_equal(MI_DestinationOptions_GetCredentialsAt(&d, 1, &name, &got, NULL),
                     MI_RESULT_OK);
    assert_string_equal(got.credentials.certificateThumbprint, "ab12");
    assert_int_equal(MI_DestinationOptions_GetCredentialsPasswordAt(&d, 1, &name, pw, sizeof pw,
                                                                    &len, NULL),
                     MI_RESULT_NOT_FOUND);
    assert_int_equal(MI_DestinationOptions_GetCredentialsAt(&d, 2, &name, &got, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    /* Bad credentials. */
    cred.authenticationType = "Bogus";
    assert_int_equal(MI_DestinationOptions_AddDestinationCredentials(&d, &cred),
                     MI_RESULT_INVALID_PARAMETER);
    memset(&cred, 0, sizeof cred);
    cred.authenticationType = MI_AUTH_TYPE_BASIC; /* no username */
    assert_int_equal(MI_DestinationOptions_AddDestinationCredentials(&d, &cred),
                     MI_RESULT_INVALID_PARAMETER);
    cred.authenticationType = MI_AUTH_TYPE_CLIENT_CERTS; /* no thumbprint */
    assert_int_equal(MI_DestinationOptions_AddDestinationCredentials(&d, &cred),
                     MI_RESULT_INVALID_PARAMETER);
    cred.credentials.certificateThumbprint = "x";
    assert_int_equal(d.ft->AddCredentials(&d, "__MI_DESTINATIONOPTIONS_UI_LOCALE", &cred, 0),
                     MI_RESULT_TYPE_MISMATCH);

    /* Clone keeps credentials, passwords included. */
    assert_int_equal(MI_DestinationOptions_Clone(&d, &c), MI_RESULT_OK);
    MI_DestinationOptions_Delete(&d);
    assert_int_equal(MI_DestinationOptions_GetCredentialsPasswordAt(&c, 0, &name, pw, sizeof pw,
                                                                    &len, NULL),
                     MI_RESULT_OK);
    assert_string_equal(pw, "s3cret!");
    assert_int_equal(MI_DestinationOptions_GetUILocale(&c, &s), MI_RESULT_OK);
    assert_string_equal(s, "de-DE");
    MI_DestinationOptions_Delete(&c);
    assert_int_equal(mi_client_destination_options_timeout(&c, &has, &us), MI_RESULT_OK);
    c.ft = &mi_client_destination_options_ft;
    assert_int_equal(mi_client_destination_options_timeout(&c, &has, &us),
                     MI_RESULT_INVALID_PARAMETER);
}

static void test_subscription_options(void **state)
{
    MI_SubscriptionDeliveryOptions so, c;
    MI_Datetime dt, got;
    MI_Interval iv = interval(0, 0, 0, 10, 0), giv;
    MI_Uint32 n = 0;
    const MI_Char *s = NULL;

    (void)state;
    assert_int_equal(MI_Application_NewSubscriptionDeliveryOptions(
                         &app, (MI_SubscriptionDeliveryType)9, &so),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewSubscriptionDeliveryOptions(
                         &app, MI_SubscriptionDeliveryType_Push, &so),
                     MI_RESULT_OK);
    memset(&dt, 0, sizeof dt);
    dt.isTimestamp = MI_TRUE;
    dt.u.timestamp.year = 2030;
    dt.u.timestamp.month = 1;
    dt.u.timestamp.day = 2;
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetExpirationTime(&so, &dt), MI_RESULT_OK);
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetExpirationTime(&so, &got), MI_RESULT_OK);
    assert_int_equal(got.u.timestamp.year, 2030);
    dt.u.timestamp.month = 13;
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetExpirationTime(&so, &dt),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetHeartbeatInterval(&so, &iv), MI_RESULT_OK);
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetHeartbeatInterval(&so, &giv),
                     MI_RESULT_OK);
    assert_int_equal(giv.seconds, 10);
    /* An interval option cannot hold a timestamp. */
    dt.u.timestamp.month = 3;
    assert_int_equal(so.ft->SetDateTime(&so,
                                        "__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_HEARTBEAT_INTERVAL",
                                        &dt, 0),
                     MI_RESULT_TYPE_MISMATCH);
    /* ... and reading the timestamp option as an interval is a mismatch. */
    assert_int_equal(so.ft->GetInterval(&so, "__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_EXPIRATION_TIME",
                                        &giv, NULL, NULL),
                     MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetBookmark(&so, MI_SUBSCRIBE_BOOKMARK_NEWEST),
                     MI_RESULT_OK);
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetBookmark(&so, &s), MI_RESULT_OK);
    assert_string_equal(s, MI_SUBSCRIBE_BOOKMARK_NEWEST);
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetDeliveryPortNumber(&so, 0),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetDeliveryRetryAttempts(&so, 7),
                     MI_RESULT_OK);
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetOptionCount(&so, &n), MI_RESULT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(MI_SubscriptionDeliveryOptions_Clone(&so, &c), MI_RESULT_OK);
    assert_int_equal(MI_SubscriptionDeliveryOptions_Delete(&so), MI_RESULT_OK);
    assert_int_equal(MI_SubscriptionDeliveryOptions_Delete(&so), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetOptionCount(&c, &n), MI_RESULT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(MI_SubscriptionDeliveryOptions_Delete(&c), MI_RESULT_OK);
}

static void test_bad_application(void **state)
{
    MI_Application dead = app;
    MI_OperationOptions oo;

    (void)state;
    dead.reserved2 = 1;
    memset(&oo, 0xff, sizeof oo);
    assert_int_equal(MI_Application_NewOperationOptions(&dead, MI_FALSE, &oo),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(oo.ft);
}

/* Every allocation failure of a set, a credential add and a clone leaves a usable
 * object and returns SERVER_LIMITS_EXCEEDED. */
static void test_alloc_failures(void **state)
{
    long i;
    MI_Result r;

    (void)state;
    for (i = 1; i <= 40; i++) {
        MI_DestinationOptions d, c;
        MI_UserCredentials cred;
        MI_Uint32 n = 0;

        assert_int_equal(MI_Application_NewDestinationOptions(&app, &d), MI_RESULT_OK);
        memset(&cred, 0, sizeof cred);
        cred.authenticationType = MI_AUTH_TYPE_BASIC;
        cred.credentials.usernamePassword.username = "u";
        cred.credentials.usernamePassword.password = "p";
        mi_alloc_fail_after(i);
        r = MI_DestinationOptions_SetUILocale(&d, "en-US");
        if (r == MI_RESULT_OK)
            r = MI_DestinationOptions_AddDestinationCredentials(&d, &cred);
        if (r == MI_RESULT_OK) {
            r = MI_DestinationOptions_Clone(&d, &c);
            if (r == MI_RESULT_OK)
                MI_DestinationOptions_Delete(&c);
        }
        mi_alloc_fail_after(0);
        assert_true(r == MI_RESULT_OK || r == MI_RESULT_SERVER_LIMITS_EXCEEDED);
        assert_int_equal(MI_DestinationOptions_GetOptionCount(&d, &n), MI_RESULT_OK);
        assert_true(n <= 1);
        MI_DestinationOptions_Delete(&d);
    }
}

/* The export fails cleanly (SERVER_LIMITS_EXCEEDED, empty result) at every failed
 * allocation. */
static void test_export_alloc_failures(void **state)
{
    MI_OperationOptions oo;
    MI_Value v;
    MI_Uint32 arr[2] = {1, 2};
    long i;

    (void)state;
    assert_int_equal(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetString(&oo, "A", "text", 0), MI_RESULT_OK);
    v.uint32a.data = arr;
    v.uint32a.size = 2;
    assert_int_equal(MI_OperationOptions_SetCustomOption(&oo, "B", MI_UINT32A, &v, MI_FALSE),
                     MI_RESULT_OK);
    for (i = 1; i <= 20; i++) {
        mi_arena a;
        mi_client_opts out;
        mi_buf err;
        MI_Result r;

        mi_arena_init(&a, 64, 0);
        mi_buf_init(&err, 256);
        mi_alloc_fail_after(i);
        r = mi_client_operation_options_export(&oo, &a, &out, &err);
        mi_alloc_fail_after(0);
        if (r == MI_RESULT_OK) {
            assert_int_equal(out.n_options, 2);
        } else {
            assert_int_equal(r, MI_RESULT_SERVER_LIMITS_EXCEEDED);
            assert_int_equal(out.n_options, 0);
            assert_null(out.options);
        }
        mi_arena_destroy(&a);
        mi_buf_free(&err);
    }
    MI_OperationOptions_Delete(&oo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operation_typed_helpers),
        cmocka_unit_test(test_operation_custom_and_generic),
        cmocka_unit_test(test_operation_channels),
        cmocka_unit_test(test_operation_caps),
        cmocka_unit_test(test_operation_export),
        cmocka_unit_test(test_destination_options),
        cmocka_unit_test(test_subscription_options),
        cmocka_unit_test(test_bad_application),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_export_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
