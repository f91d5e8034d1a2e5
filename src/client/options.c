/* options.c - MI_DestinationOptions, MI_OperationOptions and
 * MI_SubscriptionDeliveryOptions (mi-api.md §9.6-9.8, §15-17), and their conversion
 * for the engine (options_int.h).
 *
 * The three kinds share one object: a list of named options (name compared without
 * case; set again = replaced) and a list of credentials (cumulative). Each option owns
 * a small arena holding its name and a deep copy of its value, so replacing or
 * deleting one frees exactly its memory.
 *
 * Values and results:
 * - Strings are MI_STRING, numbers MI_UINT32, intervals and datetimes MI_DATETIME,
 *   custom options (SetCustomOption) any MI_Type. The enabled WriteMessage channels
 *   are one option, __MI_OPERATIONOPTIONS_CHANNEL, of type MI_UINT32A.
 * - A standard option (a name of the tables below) has a fixed type: setting or
 *   getting it with another type gives MI_RESULT_TYPE_MISMATCH, a value outside its
 *   range (a boolean other than 0/1, a callback mode above IGNORE, port 0 ...)
 *   MI_RESULT_INVALID_PARAMETER. Other names are custom options of any type; a later
 *   set replaces value and type.
 * - Getting an option that is not set: MI_RESULT_NO_SUCH_PROPERTY (as for an instance
 *   element); an index past the end: MI_RESULT_NO_SUCH_PROPERTY.
 * - Outputs are written only on success; index and flags outputs are optional, the
 *   value output is required (INVALID_PARAMETER if NULL). The flags output is 0.
 * - Pointers returned by getters point into the object: valid until that option is
 *   set again or the object is deleted.
 * - Setter flags must be 0, except for __MI_OPERATIONOPTIONS_CHANNEL: 0 enables the
 *   channel, 1 disables it.
 * - Credentials are read back with the password masked as "******"; the clear
 *   password only through GetCredentialsPasswordAt. Passwords are wiped from memory
 *   when the object is deleted.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/str.h"
#include "cim/cim.h"
#include "client/client_int.h"
#include "client/options_int.h"

#define MASKED_PASSWORD "******"
/* Chunk of the arena of one option: most hold a short name and a number. */
#define ENTRY_CHUNK 256

typedef enum opt_kind { KIND_DEST, KIND_OPER, KIND_SUBS } opt_kind;

/* The form of a standard option. */
typedef enum std_form {
    F_STRING,
    F_NUMBER,   /* MI_UINT32 within [min, max] */
    F_INTERVAL, /* MI_DATETIME, interval */
    F_DATETIME, /* MI_DATETIME, timestamp or interval */
    F_CREDS,    /* only through AddCredentials */
    F_CHANNEL,  /* MI_UINT32A, through SetNumber with flags 0/1 */
} std_form;

typedef struct std_option {
    const char *name;
    std_form form;
    MI_Uint32 min, max;
} std_option;

#define ANY_NUMBER 0, UINT32_MAX
#define BOOLEAN 0, 1

static const std_option dest_std[] = {
    {"__MI_DESTINATIONOPTIONS_TIMEOUT", F_INTERVAL, 0, 0},
    {"__MI_DESTINATIONOPTIONS_CERT_CA_CHECK", F_NUMBER, BOOLEAN},
    {"__MI_DESTINATIONOPTIONS_CERT_CN_CHECK", F_NUMBER, BOOLEAN},
    {"__MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK", F_NUMBER, BOOLEAN},
    {"__MI_DESTINATIONOPTIONS_PACKET_PRIVACY", F_NUMBER, BOOLEAN},
    {"__MI_DESTINATIONOPTIONS_PACKET_INTEGRITY", F_NUMBER, BOOLEAN},
    {"__MI_DESTINATIONOPTIONS_PACKET_ENCODING", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_DATA_LOCALE", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_UI_LOCALE", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE", F_NUMBER, 1, UINT32_MAX},
    {"__MI_DESTINATIONOPTIONS_MAX_ELEMENTS", F_NUMBER, 1, UINT32_MAX},
    {"__MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN", F_NUMBER, BOOLEAN},
    {"__MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_DESTINATION_PORT", F_NUMBER, 1, 65535},
    {"__MI_DESTINATIONOPTIONS_TRANSPORT", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_PROXY_TYPE", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_PROXY_CREDENTIALS", F_CREDS, 0, 0},
    {"__MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS", F_CREDS, 0, 0},
    {"__MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE", F_NUMBER, 0,
     MI_DestinationOptions_ImpersonationType_Delegate},
    {"__MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_CERT_FILE", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE", F_STRING, 0, 0},
    {"__MI_DESTINATIONOPTIONS_SSL_OPTIONS", F_NUMBER, 0, 0x3f},
};

static const std_option oper_std[] = {
    {"__MI_OPERATIONOPTIONS_WRITEERRORMODE", F_NUMBER, 0, MI_CALLBACKMODE_IGNORE},
    {"__MI_OPERATIONOPTIONS_PROMPTUSERMODE", F_NUMBER, 0, MI_CALLBACKMODE_IGNORE},
    {"__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE", F_NUMBER, BOOLEAN},
    {"__MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE", F_NUMBER, 0,
     MI_PROVIDER_ARCHITECTURE_64BIT},
    {"__MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE", F_NUMBER, BOOLEAN},
    {"__MI_OPERATIONOPTIONS_CHANNEL", F_CHANNEL, 0, 0},
    {"__MI_OPERATIONOPTIONS_TIMEOUT", F_INTERVAL, 0, 0},
    {"__MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX", F_STRING, 0, 0},
    {"__MI_OPERATIONOPTIONS_RESOURCE_URI", F_STRING, 0, 0},
    {"__MI_OPERATIONOPTIONS_USE_MACHINE_ID", F_NUMBER, BOOLEAN},
};

static const std_option subs_std[] = {
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_MAXIMUM_LATENCY", F_INTERVAL, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_HEARTBEAT_INTERVAL", F_INTERVAL, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_EXPIRATION_TIME", F_DATETIME, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_BOOKMARK", F_STRING, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_DESTINATION", F_STRING, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_PORT_NUMBER", F_NUMBER, 1, 65535},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_ADD_DELIVERY_CREDENTIALS", F_CREDS, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_RETRY_INTERVAL", F_INTERVAL, 0, 0},
    {"__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_RETRY_ATTEMPTS", F_NUMBER, ANY_NUMBER},
};

#define CHANNEL_OPTION "__MI_OPERATIONOPTIONS_CHANNEL"
#define OPER_TIMEOUT_OPTION "__MI_OPERATIONOPTIONS_TIMEOUT"
#define DEST_TIMEOUT_OPTION "__MI_DESTINATIONOPTIONS_TIMEOUT"

typedef struct opt_entry {
    mi_arena *arena; /* owns name and value */
    const char *name;
    MI_Type type;
    MI_Value value;
    MI_Boolean must_comply;
} opt_entry;

typedef struct cred_entry {
    mi_arena *arena;     /* owns name and every field but the password */
    const char *name;
    MI_UserCredentials cred; /* password field NULL: see `password` */
    char *password;      /* mi_malloc'd, wiped before free; NULL if none given */
    size_t password_len;
} cred_entry;

typedef struct optset {
    mi_client_obj hdr;
    opt_kind kind;
    MI_Boolean must_understand;            /* operation options */
    MI_SubscriptionDeliveryType delivery;  /* subscription options */
    opt_entry *opts;
    size_t n_opts, alloc_opts;
    cred_entry *creds;
    size_t n_creds, alloc_creds;
    size_t bytes; /* arena bytes held, against MI_OPTIONS_TOTAL_MAX */
} optset;

static const uint64_t kind_magic[] = {
    [KIND_DEST] = MI_CLIENT_MAGIC_DEST_OPTIONS,
    [KIND_OPER] = MI_CLIENT_MAGIC_OPER_OPTIONS,
    [KIND_SUBS] = MI_CLIENT_MAGIC_SUBS_OPTIONS,
};

/* ---------------------------------------------------------------- helpers */

/* The live object of kind `k` behind a handle's reserved fields, or NULL. */
static optset *lookup(MI_Uint64 reserved1, ptrdiff_t reserved2, opt_kind k)
{
    return (optset *)mi_client_lookup(reserved1, reserved2, kind_magic[k]);
}

#define LOOKUP(h, k) ((h) == NULL ? NULL : lookup((h)->reserved1, (h)->reserved2, (k)))

static const std_option *find_std(opt_kind k, const char *name)
{
    const std_option *table;
    size_t i, n;

    switch (k) {
    case KIND_DEST: table = dest_std; n = sizeof dest_std / sizeof dest_std[0]; break;
    case KIND_OPER: table = oper_std; n = sizeof oper_std / sizeof oper_std[0]; break;
    default: table = subs_std; n = sizeof subs_std / sizeof subs_std[0]; break;
    }
    for (i = 0; i < n; i++) {
        if (mi_name_eq(table[i].name, name))
            return &table[i];
    }
    return NULL;
}

/* A usable option name: non-NULL, non-empty, at most MI_OPTIONS_NAME_MAX bytes of
 * valid UTF-8. */
static bool name_ok(const char *name)
{
    size_t n;

    if (name == NULL)
        return false;
    n = strnlen(name, MI_OPTIONS_NAME_MAX + 1);
    return n > 0 && n <= MI_OPTIONS_NAME_MAX && mi_utf8_valid(name, n, NULL);
}

static bool string_ok(const char *s)
{
    size_t n;

    if (s == NULL)
        return false;
    n = strnlen(s, MI_OPTIONS_STRING_MAX + 1);
    return n <= MI_OPTIONS_STRING_MAX && mi_utf8_valid(s, n, NULL);
}

bool mi_client_interval_us(const MI_Datetime *dt, MI_Uint64 *us)
{
    const MI_Interval *iv = &dt->u.interval;

    if (dt->isTimestamp || iv->hours > 23 || iv->minutes > 59 || iv->seconds > 59 ||
        iv->microseconds > 999999)
        return false;
    /* days < 2^32, so the sum stays below 2^32 * 86400e6 < 2^64. */
    *us = (((MI_Uint64)iv->days * 24 + iv->hours) * 60 + iv->minutes) * 60 * 1000000 +
          (MI_Uint64)iv->seconds * 1000000 + iv->microseconds;
    return true;
}

static bool timestamp_ok(const MI_Timestamp *t)
{
    return t->month >= 1 && t->month <= 12 && t->day >= 1 && t->day <= 31 && t->hour < 24 &&
           t->minute < 60 && t->second < 60 && t->microseconds < 1000000;
}

static bool datetime_ok(const MI_Datetime *dt)
{
    MI_Uint64 us;

    return dt->isTimestamp ? timestamp_ok(&dt->u.timestamp) : mi_client_interval_us(dt, &us);
}

/* Index of the option `name`, or n_opts if absent. */
static size_t find_opt(const optset *s, const char *name)
{
    size_t i;

    for (i = 0; i < s->n_opts; i++) {
        if (mi_name_eq(s->opts[i].name, name))
            break;
    }
    return i;
}

/* Stores (name, type, *value) as a new or replacing option; the value is deep-copied.
 * A replaced option keeps its position and the spelling of its first name. */
static MI_Result store(optset *s, const char *name, MI_Type type, const MI_Value *value,
                       MI_Boolean must_comply)
{
    MI_Result r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    size_t i = find_opt(s, name);
    size_t old_bytes = i < s->n_opts ? mi_arena_size(s->opts[i].arena) : 0;
    opt_entry e = {0};

    if (i == s->n_opts && s->n_opts >= MI_OPTIONS_MAX_COUNT)
        goto out;
    e.arena = mi_arena_new(ENTRY_CHUNK, MI_OPTIONS_TOTAL_MAX);
    if (e.arena == NULL)
        goto out;
    e.name = i < s->n_opts ? mi_arena_strdup(e.arena, s->opts[i].name)
                           : mi_arena_strdup(e.arena, name);
    if (e.name == NULL)
        goto out_free_arena;
    e.type = type;
    e.must_comply = must_comply;
    r = mi_value_copy(e.arena, type, value, &e.value);
    if (r != MI_RESULT_OK)
        goto out_free_arena;
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (s->bytes - old_bytes + mi_arena_size(e.arena) > MI_OPTIONS_TOTAL_MAX)
        goto out_free_arena;
    if (i == s->n_opts && s->n_opts == s->alloc_opts) {
        size_t n = s->alloc_opts ? s->alloc_opts * 2 : 8;
        opt_entry *grown = mi_realloc(s->opts, n * sizeof *grown);
        if (grown == NULL)
            goto out_free_arena;
        s->opts = grown;
        s->alloc_opts = n;
    }
    if (i < s->n_opts)
        mi_arena_free(s->opts[i].arena);
    else
        s->n_opts++;
    s->bytes = s->bytes - old_bytes + mi_arena_size(e.arena);
    s->opts[i] = e;
    r = MI_RESULT_OK;
    goto out;

out_free_arena:
    mi_arena_free(e.arena);
out:
    return r;
}

/* Checks a value for option `name` of object s against its standard form, if any. */
static MI_Result check_std(const optset *s, const char *name, MI_Type type,
                           const MI_Value *value)
{
    const std_option *so = find_std(s->kind, name);

    if (so == NULL)
        return MI_RESULT_OK;
    switch (so->form) {
    case F_STRING:
        return type == MI_STRING ? MI_RESULT_OK : MI_RESULT_TYPE_MISMATCH;
    case F_NUMBER:
        if (type != MI_UINT32)
            return MI_RESULT_TYPE_MISMATCH;
        return value->uint32 >= so->min && value->uint32 <= so->max
                   ? MI_RESULT_OK
                   : MI_RESULT_INVALID_PARAMETER;
    case F_INTERVAL:
        if (type != MI_DATETIME || value->datetime.isTimestamp)
            return MI_RESULT_TYPE_MISMATCH;
        return MI_RESULT_OK;
    case F_DATETIME:
        return type == MI_DATETIME ? MI_RESULT_OK : MI_RESULT_TYPE_MISMATCH;
    case F_CREDS:
    case F_CHANNEL:
    default:
        return MI_RESULT_TYPE_MISMATCH;
    }
}

/* Validates and stores a value given through a typed setter or SetCustomOption. */
static MI_Result set_value(optset *s, const char *name, MI_Type type, const MI_Value *value,
                           MI_Boolean must_comply, MI_Uint32 flags)
{
    MI_Result r;

    if (s == NULL || !name_ok(name) || value == NULL || flags != 0)
        return MI_RESULT_INVALID_PARAMETER;
    if (type == MI_STRING && !string_ok(value->string))
        return MI_RESULT_INVALID_PARAMETER;
    if (type == MI_DATETIME && !datetime_ok(&value->datetime))
        return MI_RESULT_INVALID_PARAMETER;
    if (mi_type_size(type) == 0)
        return MI_RESULT_INVALID_PARAMETER;
    r = check_std(s, name, type, value);
    if (r != MI_RESULT_OK)
        return r;
    return store(s, name, type, value, must_comply);
}

/* Enables (flags 0) or disables (flags 1) WriteMessage channel `channel`. */
static MI_Result set_channel(optset *s, MI_Uint32 channel, MI_Uint32 flags)
{
    MI_Result r = MI_RESULT_OK;
    size_t i = find_opt(s, CHANNEL_OPTION);
    MI_Uint32 list[MI_OPTIONS_MAX_CHANNELS];
    MI_Uint32 n = 0, j;
    MI_Value v;
    bool present = false;

    if (flags > 1)
        return MI_RESULT_INVALID_PARAMETER;
    if (i < s->n_opts) {
        const MI_Uint32A *cur = &s->opts[i].value.uint32a;
        for (j = 0; j < cur->size; j++) {
            if (cur->data[j] == channel)
                present = true;
            else
                list[n++] = cur->data[j];
        }
    }
    if (flags == 0 && present)
        return MI_RESULT_OK; /* already enabled */
    if (flags == 1 && !present)
        return MI_RESULT_OK; /* not enabled */
    if (flags == 0) {
        if (n >= MI_OPTIONS_MAX_CHANNELS)
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        list[n++] = channel;
    }
    v.uint32a.data = list;
    v.uint32a.size = n;
    r = store(s, CHANNEL_OPTION, MI_UINT32A, &v, MI_FALSE);
    return r;
}

/* The option `name` of s if it has type `type` (for MI_DATETIME with interval_only:
 * an interval). NO_SUCH_PROPERTY if absent, TYPE_MISMATCH if of another type. */
static MI_Result get_typed(const optset *s, const char *name, MI_Type type, bool interval_only,
                           const opt_entry **e, MI_Uint32 *index)
{
    size_t i;

    if (s == NULL || !name_ok(name))
        return MI_RESULT_INVALID_PARAMETER;
    i = find_opt(s, name);
    if (i == s->n_opts)
        return MI_RESULT_NO_SUCH_PROPERTY;
    if (s->opts[i].type != type ||
        (interval_only && s->opts[i].value.datetime.isTimestamp))
        return MI_RESULT_TYPE_MISMATCH;
    *e = &s->opts[i];
    *index = (MI_Uint32)i;
    return MI_RESULT_OK;
}

static void put_index_flags(MI_Uint32 i, MI_Uint32 *index, MI_Uint32 *flags)
{
    if (index != NULL)
        *index = i;
    if (flags != NULL)
        *flags = 0;
}

/* The value of the option name of the given type (interval_only: MI_DATETIME intervals
 * only, as get_typed) copied to *value, which points to a const MI_Char * for
 * MI_STRING, an MI_Uint32 for MI_UINT32 or an MI_Datetime for MI_DATETIME; its index
 * and flags (0) to the optional index and flags. INVALID_PARAMETER for a NULL value,
 * else get_typed's result. */
static MI_Result get_scalar(const optset *s, const char *name, MI_Type type,
                            bool interval_only, void *value, MI_Uint32 *index,
                            MI_Uint32 *flags)
{
    const opt_entry *e;
    MI_Uint32 i;
    MI_Result r = MI_RESULT_INVALID_PARAMETER;

    if (value == NULL)
        goto out;
    r = get_typed(s, name, type, interval_only, &e, &i);
    if (r != MI_RESULT_OK)
        goto out;
    switch (type) {
    case MI_STRING: *(const MI_Char **)value = e->value.string; break;
    case MI_UINT32: *(MI_Uint32 *)value = e->value.uint32; break;
    default: *(MI_Datetime *)value = e->value.datetime; break;
    }
    put_index_flags(i, index, flags);
out:
    return r;
}

static MI_Result get_string(const optset *s, const char *name, const MI_Char **value,
                            MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_scalar(s, name, MI_STRING, false, value, index, flags);
}

static MI_Result get_number(const optset *s, const char *name, MI_Uint32 *value,
                            MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_scalar(s, name, MI_UINT32, false, value, index, flags);
}

static MI_Result get_datetime(const optset *s, const char *name, bool interval_only,
                              MI_Datetime *value, MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_scalar(s, name, MI_DATETIME, interval_only, value, index, flags);
}

static MI_Result get_option_at(const optset *s, MI_Uint32 index, const MI_Char **name,
                               MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
    if (s == NULL || name == NULL || value == NULL || type == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= s->n_opts)
        return MI_RESULT_NO_SUCH_PROPERTY;
    *name = s->opts[index].name;
    *value = s->opts[index].value;
    *type = s->opts[index].type;
    if (flags != NULL)
        *flags = 0;
    return MI_RESULT_OK;
}

static MI_Result get_option(const optset *s, const char *name, MI_Value *value, MI_Type *type,
                            MI_Uint32 *index, MI_Uint32 *flags)
{
    size_t i;

    if (s == NULL || !name_ok(name) || value == NULL || type == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    i = find_opt(s, name);
    if (i == s->n_opts)
        return MI_RESULT_NO_SUCH_PROPERTY;
    *value = s->opts[i].value;
    *type = s->opts[i].type;
    put_index_flags((MI_Uint32)i, index, flags);
    return MI_RESULT_OK;
}

static MI_Result get_count(const optset *s, size_t n, MI_Uint32 *count)
{
    if (s == NULL || count == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *count = (MI_Uint32)n;
    return MI_RESULT_OK;
}

/* ---------------------------------------------------------------- credentials */

/* How an authentication type carries its secret. */
typedef enum auth_form { AUTH_NONE, AUTH_USER, AUTH_CERT } auth_form;

static bool auth_form_of(const char *type, auth_form *form)
{
    static const struct {
        const char *name;
        auth_form form;
    } types[] = {
        {MI_AUTH_TYPE_DEFAULT, AUTH_NONE},        {MI_AUTH_TYPE_NONE, AUTH_NONE},
        {MI_AUTH_TYPE_NEGO_NO_CREDS, AUTH_NONE},  {MI_AUTH_TYPE_DIGEST, AUTH_USER},
        {MI_AUTH_TYPE_NEGO_WITH_CREDS, AUTH_USER}, {MI_AUTH_TYPE_BASIC, AUTH_USER},
        {MI_AUTH_TYPE_KERBEROS, AUTH_USER},       {MI_AUTH_TYPE_NTLM, AUTH_USER},
        {MI_AUTH_TYPE_CREDSSP, AUTH_USER},        {MI_AUTH_TYPE_CLIENT_CERTS, AUTH_CERT},
        {MI_AUTH_TYPE_ISSUER_CERT, AUTH_CERT},
    };
    size_t i;

    if (type == NULL)
        return false;
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (mi_name_eq(types[i].name, type)) {
            *form = types[i].form;
            return true;
        }
    }
    return false;
}

static bool opt_string_ok(const char *s)
{
    return s == NULL || string_ok(s);
}

/* Frees a credential entry, wiping the password. */
static void cred_free(cred_entry *c)
{
    if (c->password != NULL) {
        volatile char *p = c->password;
        size_t i;
        for (i = 0; i < c->password_len; i++)
            p[i] = 0;
        mi_free(c->password);
    }
    mi_arena_free(c->arena);
}

/* Adds a copy of (name, cred). Validation: name as for options and not a standard
 * option of another form; a known authenticationType; for user/password types a
 * username; for certificate types a thumbprint; all strings valid UTF-8 within
 * MI_OPTIONS_STRING_MAX. */
static MI_Result add_credentials(optset *s, const char *name, const MI_UserCredentials *cred,
                                 MI_Uint32 flags)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    const std_option *so;
    auth_form form;
    cred_entry c = {0};
    const MI_UsernamePasswordCreds *up;

    if (s == NULL || !name_ok(name) || cred == NULL || flags != 0)
        goto out;
    so = find_std(s->kind, name);
    if (so != NULL && so->form != F_CREDS) {
        r = MI_RESULT_TYPE_MISMATCH;
        goto out;
    }
    if (!auth_form_of(cred->authenticationType, &form))
        goto out;
    up = &cred->credentials.usernamePassword;
    if (form == AUTH_CERT && !string_ok(cred->credentials.certificateThumbprint))
        goto out;
    if (form == AUTH_USER && !string_ok(up->username))
        goto out;
    if (form != AUTH_CERT && (!opt_string_ok(up->username) || !opt_string_ok(up->domain) ||
                              !opt_string_ok(up->password)))
        goto out;
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (s->n_creds >= MI_OPTIONS_MAX_CREDENTIALS)
        goto out;
    c.arena = mi_arena_new(ENTRY_CHUNK, MI_OPTIONS_TOTAL_MAX);
    if (c.arena == NULL)
        goto out;
    c.name = mi_arena_strdup(c.arena, so != NULL ? so->name : name);
    c.cred.authenticationType = mi_arena_strdup(c.arena, cred->authenticationType);
    if (c.name == NULL || c.cred.authenticationType == NULL)
        goto out_free_cred;
    if (form == AUTH_CERT) {
        c.cred.credentials.certificateThumbprint =
            mi_arena_strdup(c.arena, cred->credentials.certificateThumbprint);
        if (c.cred.credentials.certificateThumbprint == NULL)
            goto out_free_cred;
    } else {
        if ((up->domain != NULL &&
             (c.cred.credentials.usernamePassword.domain =
                  mi_arena_strdup(c.arena, up->domain)) == NULL) ||
            (up->username != NULL &&
             (c.cred.credentials.usernamePassword.username =
                  mi_arena_strdup(c.arena, up->username)) == NULL))
            goto out_free_cred;
        if (up->password != NULL) {
            c.password_len = strlen(up->password);
            c.password = mi_strdup(up->password);
            if (c.password == NULL)
                goto out_free_cred;
        }
    }
    if (s->bytes + mi_arena_size(c.arena) + c.password_len > MI_OPTIONS_TOTAL_MAX)
        goto out_free_cred;
    if (s->n_creds == s->alloc_creds) {
        size_t n = s->alloc_creds ? s->alloc_creds * 2 : 4;
        cred_entry *grown = mi_realloc(s->creds, n * sizeof *grown);
        if (grown == NULL)
            goto out_free_cred;
        s->creds = grown;
        s->alloc_creds = n;
    }
    s->bytes += mi_arena_size(c.arena) + c.password_len;
    s->creds[s->n_creds++] = c;
    r = MI_RESULT_OK;
    goto out;

out_free_cred:
    cred_free(&c);
out:
    return r;
}

static MI_Result get_credentials_at(const optset *s, MI_Uint32 index, const MI_Char **name,
                                    MI_UserCredentials *cred, MI_Uint32 *flags)
{
    const cred_entry *c;

    if (s == NULL || name == NULL || cred == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= s->n_creds)
        return MI_RESULT_NO_SUCH_PROPERTY;
    c = &s->creds[index];
    *name = c->name;
    *cred = c->cred;
    if (c->password != NULL)
        cred->credentials.usernamePassword.password = MASKED_PASSWORD;
    if (flags != NULL)
        *flags = 0;
    return MI_RESULT_OK;
}

/* *passwordLength receives the length in MI_Char including the terminating NUL, also
 * when the buffer is too small (then MI_RESULT_FAILED and nothing else is written).
 * Credentials without a password (certificates, or none given):
 * MI_RESULT_NOT_FOUND. */
static MI_Result get_credentials_password_at(const optset *s, MI_Uint32 index,
                                             const MI_Char **name, MI_Char *password,
                                             MI_Uint32 bufferLength,
                                             MI_Uint32 *passwordLength, MI_Uint32 *flags)
{
    const cred_entry *c;

    if (s == NULL || name == NULL || passwordLength == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= s->n_creds)
        return MI_RESULT_NO_SUCH_PROPERTY;
    c = &s->creds[index];
    if (c->password == NULL)
        return MI_RESULT_NOT_FOUND;
    *passwordLength = (MI_Uint32)c->password_len + 1;
    if (password == NULL || bufferLength < c->password_len + 1)
        return MI_RESULT_FAILED;
    memcpy(password, c->password, c->password_len + 1);
    *name = c->name;
    if (flags != NULL)
        *flags = 0;
    return MI_RESULT_OK;
}

/* ---------------------------------------------------------------- objects */

static void optset_free(optset *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->n_opts; i++)
        mi_arena_free(s->opts[i].arena);
    for (i = 0; i < s->n_creds; i++)
        cred_free(&s->creds[i]);
    mi_free(s->opts);
    mi_free(s->creds);
    mi_free(s);
}

static optset *optset_new(opt_kind k)
{
    optset *s = mi_calloc(1, sizeof *s);

    if (s != NULL)
        s->kind = k;
    return s;
}

/* Registers s and fills a handle's reserved fields. */
static void publish(optset *s, MI_Uint64 *reserved1, ptrdiff_t *reserved2)
{
    s->hdr.magic = kind_magic[s->kind];
    mi_client_register(&s->hdr);
    *reserved1 = kind_magic[s->kind];
    *reserved2 = (ptrdiff_t)s;
}

static void destroy(optset *s)
{
    if (s == NULL)
        return;
    mi_client_unregister(&s->hdr);
    optset_free(s);
}

/* A deep copy of s (not yet registered), or NULL when out of memory. */
static optset *copy(const optset *s)
{
    optset *c = optset_new(s->kind);
    size_t i;

    if (c == NULL)
        goto out;
    c->must_understand = s->must_understand;
    c->delivery = s->delivery;
    for (i = 0; i < s->n_opts; i++) {
        const opt_entry *e = &s->opts[i];
        if (store(c, e->name, e->type, &e->value, e->must_comply) != MI_RESULT_OK)
            goto out_free_copy;
    }
    for (i = 0; i < s->n_creds; i++) {
        MI_UserCredentials cred = s->creds[i].cred;
        if (s->creds[i].password != NULL)
            cred.credentials.usernamePassword.password = s->creds[i].password;
        if (add_credentials(c, s->creds[i].name, &cred, 0) != MI_RESULT_OK)
            goto out_free_copy;
    }
    goto out;

out_free_copy:
    optset_free(c);
    c = NULL;
out:
    return c;
}

/* ---------------------------------------------------------------- shared entry points */

/* The entry points that MI_DestinationOptionsFT and MI_SubscriptionDeliveryOptionsFT
 * have in common, defined once for both handle types: P##_set_string, _set_number,
 * _add_credentials, _get_string, _get_number, _get_option_count, _get_option_at,
 * _get_option, _get_credentials_count, _get_credentials_at,
 * _get_credentials_password_at, _clone (a new handle with table FT), _set_interval and
 * _get_interval, for handles of type H whose store is LK(handle) (NULL when the handle
 * is not live). Each checks its arguments and applies the option-store operation. */
#define OPTSTORE_ENTRIES(P, H, LK, FT)                                                        \
static MI_Result MI_CALL P##_set_string(H *options,                                           \
                                       const MI_Char *optionName, const MI_Char *value,       \
                                       MI_Uint32 flags)                                       \
{                                                                                             \
    MI_Value v;                                                                               \
                                                                                              \
    v.string = (MI_Char *)value;                                                              \
    if (value == NULL)                                                                        \
        return MI_RESULT_INVALID_PARAMETER;                                                   \
    return set_value(LK(options), optionName, MI_STRING, &v, MI_FALSE, flags);                \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_set_number(H *options,                                           \
                                       const MI_Char *optionName, MI_Uint32 value,            \
                                       MI_Uint32 flags)                                       \
{                                                                                             \
    MI_Value v;                                                                               \
                                                                                              \
    v.uint32 = value;                                                                         \
    return set_value(LK(options), optionName, MI_UINT32, &v, MI_FALSE, flags);                \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_add_credentials(H *options,                                      \
                                            const MI_Char *optionName,                        \
                                            const MI_UserCredentials *credentials,            \
                                            MI_Uint32 flags)                                  \
{                                                                                             \
    return add_credentials(LK(options), optionName, credentials, flags);                      \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_string(const H *options,                                     \
                                       const MI_Char *optionName, const MI_Char **value,      \
                                       MI_Uint32 *index, MI_Uint32 *flags)                    \
{                                                                                             \
    return get_string(LK(options), optionName, value, index, flags);                          \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_number(const H *options,                                     \
                                       const MI_Char *optionName, MI_Uint32 *value,           \
                                       MI_Uint32 *index, MI_Uint32 *flags)                    \
{                                                                                             \
    return get_number(LK(options), optionName, value, index, flags);                          \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_option_count(const H *options,                               \
                                             MI_Uint32 *count)                                \
{                                                                                             \
    const optset *s = LK(options);                                                            \
                                                                                              \
    return get_count(s, s != NULL ? s->n_opts : 0, count);                                    \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_option_at(const H *options,                                  \
                                          MI_Uint32 index, const MI_Char **optionName,        \
                                          MI_Value *value, MI_Type *type, MI_Uint32 *flags)   \
{                                                                                             \
    return get_option_at(LK(options), index, optionName, value, type, flags);                 \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_option(const H *options,                                     \
                                       const MI_Char *optionName, MI_Value *value,            \
                                       MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)     \
{                                                                                             \
    return get_option(LK(options), optionName, value, type, index, flags);                    \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_credentials_count(const H *options,                          \
                                                  MI_Uint32 *count)                           \
{                                                                                             \
    const optset *s = LK(options);                                                            \
                                                                                              \
    return get_count(s, s != NULL ? s->n_creds : 0, count);                                   \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_credentials_at(const H *options,                             \
                                               MI_Uint32 index, const MI_Char **optionName,   \
                                               MI_UserCredentials *credentials,               \
                                               MI_Uint32 *flags)                              \
{                                                                                             \
    return get_credentials_at(LK(options), index, optionName, credentials, flags);            \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_credentials_password_at(                                     \
    const H *options, MI_Uint32 index, const MI_Char **optionName,                            \
    MI_Char *password, MI_Uint32 bufferLength, MI_Uint32 *passwordLength, MI_Uint32 *flags)   \
{                                                                                             \
    return get_credentials_password_at(LK(options), index, optionName, password,              \
                                       bufferLength, passwordLength, flags);                  \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_clone(const H *self,                                             \
                                  H *out)                                                     \
{                                                                                             \
    const optset *s = LK(self);                                                               \
    optset *c;                                                                                \
                                                                                              \
    if (out == NULL)                                                                          \
        return MI_RESULT_INVALID_PARAMETER;                                                   \
    memset(out, 0, sizeof *out);                                                              \
    if (s == NULL)                                                                            \
        return MI_RESULT_INVALID_PARAMETER;                                                   \
    c = copy(s);                                                                              \
    if (c == NULL)                                                                            \
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;                                              \
    publish(c, &out->reserved1, &out->reserved2);                                             \
    out->ft = &FT;                                                                            \
    return MI_RESULT_OK;                                                                      \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_set_interval(H *options,                                         \
                                         const MI_Char *optionName, const MI_Interval *value, \
                                         MI_Uint32 flags)                                     \
{                                                                                             \
    MI_Value v;                                                                               \
                                                                                              \
    if (value == NULL)                                                                        \
        return MI_RESULT_INVALID_PARAMETER;                                                   \
    memset(&v, 0, sizeof v);                                                                  \
    v.datetime.isTimestamp = MI_FALSE;                                                        \
    v.datetime.u.interval = *value;                                                           \
    return set_value(LK(options), optionName, MI_DATETIME, &v, MI_FALSE, flags);              \
}                                                                                             \
                                                                                              \
static MI_Result MI_CALL P##_get_interval(const H *options,                                   \
                                         const MI_Char *optionName, MI_Interval *value,       \
                                         MI_Uint32 *index, MI_Uint32 *flags)                  \
{                                                                                             \
    MI_Datetime dt;                                                                           \
    MI_Result r;                                                                              \
                                                                                              \
    if (value == NULL)                                                                        \
        return MI_RESULT_INVALID_PARAMETER;                                                   \
    r = get_datetime(LK(options), optionName, true, &dt, index, flags);                       \
    if (r == MI_RESULT_OK)                                                                    \
        *value = dt.u.interval;                                                               \
    return r;                                                                                 \
}

/* ---------------------------------------------------------------- destination options */

#define DOPT(h) LOOKUP(h, KIND_DEST)

static void MI_CALL do_delete(MI_DestinationOptions *options)
{
    optset *s = DOPT(options);

    if (s == NULL)
        return;
    destroy(s);
    memset(options, 0, sizeof *options);
}


OPTSTORE_ENTRIES(do, MI_DestinationOptions, DOPT, mi_client_destination_options_ft)

const MI_DestinationOptionsFT mi_client_destination_options_ft = {
    do_delete,
    do_set_string,
    do_set_number,
    do_add_credentials,
    do_get_string,
    do_get_number,
    do_get_option_count,
    do_get_option_at,
    do_get_option,
    do_get_credentials_count,
    do_get_credentials_at,
    do_get_credentials_password_at,
    do_clone,
    do_set_interval,
    do_get_interval,
};

/* ---------------------------------------------------------------- operation options */

#define OOPT(h) LOOKUP(h, KIND_OPER)

static void MI_CALL oo_delete(MI_OperationOptions *options)
{
    optset *s = OOPT(options);

    if (s == NULL)
        return;
    destroy(s);
    memset(options, 0, sizeof *options);
}

static MI_Result MI_CALL oo_set_string(MI_OperationOptions *options, const MI_Char *optionName,
                                       const MI_Char *value, MI_Uint32 flags)
{
    MI_Value v;

    v.string = (MI_Char *)value;
    if (value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return set_value(OOPT(options), optionName, MI_STRING, &v, MI_FALSE, flags);
}

static MI_Result MI_CALL oo_set_number(MI_OperationOptions *options, const MI_Char *optionName,
                                       MI_Uint32 value, MI_Uint32 flags)
{
    optset *s = OOPT(options);
    MI_Value v;

    if (s != NULL && name_ok(optionName) && mi_name_eq(optionName, CHANNEL_OPTION))
        return set_channel(s, value, flags);
    v.uint32 = value;
    return set_value(s, optionName, MI_UINT32, &v, MI_FALSE, flags);
}

static MI_Result MI_CALL oo_set_custom_option(MI_OperationOptions *options,
                                              const MI_Char *optionName, MI_Type valueType,
                                              const MI_Value *value, MI_Boolean mustComply,
                                              MI_Uint32 flags)
{
    optset *s = OOPT(options);

    if (s != NULL && name_ok(optionName) && mi_name_eq(optionName, CHANNEL_OPTION))
        return MI_RESULT_TYPE_MISMATCH; /* channels: EnableChannel/DisableChannel */
    if (mustComply > 1)
        return MI_RESULT_INVALID_PARAMETER;
    return set_value(s, optionName, valueType, value, mustComply, flags);
}

static MI_Result MI_CALL oo_get_string(const MI_OperationOptions *options,
                                       const MI_Char *optionName, const MI_Char **value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_string(OOPT(options), optionName, value, index, flags);
}

static MI_Result MI_CALL oo_get_number(const MI_OperationOptions *options,
                                       const MI_Char *optionName, MI_Uint32 *value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_number(OOPT(options), optionName, value, index, flags);
}

static MI_Result MI_CALL oo_get_option_count(const MI_OperationOptions *options,
                                             MI_Uint32 *count)
{
    const optset *s = OOPT(options);

    return get_count(s, s != NULL ? s->n_opts : 0, count);
}

static MI_Result MI_CALL oo_get_option_at(const MI_OperationOptions *options, MI_Uint32 index,
                                          const MI_Char **optionName, MI_Value *value,
                                          MI_Type *type, MI_Uint32 *flags)
{
    return get_option_at(OOPT(options), index, optionName, value, type, flags);
}

static MI_Result MI_CALL oo_get_option(const MI_OperationOptions *options,
                                       const MI_Char *optionName, MI_Value *value,
                                       MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_option(OOPT(options), optionName, value, type, index, flags);
}

/* optionName must be __MI_OPERATIONOPTIONS_CHANNEL. *channelCount receives the number
 * of enabled channels (0 when none was enabled); channels[0..bufferLength) receive
 * them in the order enabled. A buffer too small for all: MI_RESULT_FAILED, with
 * *channelCount still set and the buffer filled as far as it goes. */
static MI_Result MI_CALL oo_get_enabled_channels(const MI_OperationOptions *options,
                                                 const MI_Char *optionName,
                                                 MI_Uint32 *channels, MI_Uint32 bufferLength,
                                                 MI_Uint32 *channelCount, MI_Uint32 *flags)
{
    const optset *s = OOPT(options);
    size_t i;
    MI_Uint32 n = 0, j;
    const MI_Uint32 *data = NULL;

    if (s == NULL || !name_ok(optionName) || !mi_name_eq(optionName, CHANNEL_OPTION) ||
        channelCount == NULL || (channels == NULL && bufferLength > 0))
        return MI_RESULT_INVALID_PARAMETER;
    i = find_opt(s, CHANNEL_OPTION);
    if (i < s->n_opts) {
        n = s->opts[i].value.uint32a.size;
        data = s->opts[i].value.uint32a.data;
    }
    for (j = 0; j < n && j < bufferLength; j++)
        channels[j] = data[j];
    *channelCount = n;
    if (flags != NULL)
        *flags = 0;
    return n <= bufferLength ? MI_RESULT_OK : MI_RESULT_FAILED;
}

static MI_Result MI_CALL oo_clone(const MI_OperationOptions *self,
                                  MI_OperationOptions *newOperationOptions)
{
    const optset *s = OOPT(self);
    optset *c;

    if (newOperationOptions == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(newOperationOptions, 0, sizeof *newOperationOptions);
    if (s == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    c = copy(s);
    if (c == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    publish(c, &newOperationOptions->reserved1, &newOperationOptions->reserved2);
    newOperationOptions->ft = &mi_client_operation_options_ft;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL oo_set_interval(MI_OperationOptions *options,
                                         const MI_Char *optionName, const MI_Interval *value,
                                         MI_Uint32 flags)
{
    MI_Value v;

    if (value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(&v, 0, sizeof v);
    v.datetime.isTimestamp = MI_FALSE;
    v.datetime.u.interval = *value;
    return set_value(OOPT(options), optionName, MI_DATETIME, &v, MI_FALSE, flags);
}

static MI_Result MI_CALL oo_get_interval(const MI_OperationOptions *options,
                                         const MI_Char *optionName, MI_Interval *value,
                                         MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_Datetime dt;
    MI_Result r;

    if (value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    r = get_datetime(OOPT(options), optionName, true, &dt, index, flags);
    if (r == MI_RESULT_OK)
        *value = dt.u.interval;
    return r;
}

const MI_OperationOptionsFT mi_client_operation_options_ft = {
    oo_delete,
    oo_set_string,
    oo_set_number,
    oo_set_custom_option,
    oo_get_string,
    oo_get_number,
    oo_get_option_count,
    oo_get_option_at,
    oo_get_option,
    oo_get_enabled_channels,
    oo_clone,
    oo_set_interval,
    oo_get_interval,
};

/* ---------------------------------------------------------------- subscription options */

#define SOPT(h) LOOKUP(h, KIND_SUBS)

OPTSTORE_ENTRIES(so, MI_SubscriptionDeliveryOptions, SOPT, mi_client_subscription_options_ft)

static MI_Result MI_CALL so_set_datetime(MI_SubscriptionDeliveryOptions *options,
                                         const MI_Char *optionName, const MI_Datetime *value,
                                         MI_Uint32 flags)
{
    MI_Value v;

    if (value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(&v, 0, sizeof v);
    v.datetime = *value;
    return set_value(SOPT(options), optionName, MI_DATETIME, &v, MI_FALSE, flags);
}

static MI_Result MI_CALL so_delete(MI_SubscriptionDeliveryOptions *self)
{
    optset *s = SOPT(self);

    if (s == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    destroy(s);
    memset(self, 0, sizeof *self);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL so_get_datetime(const MI_SubscriptionDeliveryOptions *options,
                                         const MI_Char *optionName, MI_Datetime *value,
                                         MI_Uint32 *index, MI_Uint32 *flags)
{
    return get_datetime(SOPT(options), optionName, false, value, index, flags);
}

const MI_SubscriptionDeliveryOptionsFT mi_client_subscription_options_ft = {
    so_set_string,
    so_set_number,
    so_set_datetime,
    so_set_interval,
    so_add_credentials,
    so_delete,
    so_get_string,
    so_get_number,
    so_get_datetime,
    so_get_interval,
    so_get_option_count,
    so_get_option_at,
    so_get_option,
    so_get_credentials_count,
    so_get_credentials_at,
    so_get_credentials_password_at,
    so_clone,
};

/* ---------------------------------------------------------------- creation */

MI_Result mi_client_new_destination_options(MI_DestinationOptions *out)
{
    optset *s;

    if (out == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    s = optset_new(KIND_DEST);
    if (s == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    publish(s, &out->reserved1, &out->reserved2);
    out->ft = &mi_client_destination_options_ft;
    return MI_RESULT_OK;
}

MI_Result mi_client_new_operation_options(MI_Boolean mustUnderstand, MI_OperationOptions *out)
{
    optset *s;

    if (out == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    if (mustUnderstand > 1)
        return MI_RESULT_INVALID_PARAMETER;
    s = optset_new(KIND_OPER);
    if (s == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    s->must_understand = mustUnderstand;
    publish(s, &out->reserved1, &out->reserved2);
    out->ft = &mi_client_operation_options_ft;
    return MI_RESULT_OK;
}

MI_Result mi_client_new_subscription_options(MI_SubscriptionDeliveryType deliveryType,
                                             MI_SubscriptionDeliveryOptions *out)
{
    optset *s;

    if (out == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    if (deliveryType != MI_SubscriptionDeliveryType_Pull &&
        deliveryType != MI_SubscriptionDeliveryType_Push)
        return MI_RESULT_INVALID_PARAMETER;
    s = optset_new(KIND_SUBS);
    if (s == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    s->delivery = deliveryType;
    publish(s, &out->reserved1, &out->reserved2);
    out->ft = &mi_client_subscription_options_ft;
    return MI_RESULT_OK;
}

/* ---------------------------------------------------------------- export */

MI_Result mi_client_operation_options_export(const MI_OperationOptions *options, mi_arena *a,
                                             mi_client_opts *out, mi_buf *err)
{
    MI_Result r = MI_RESULT_OK;
    const optset *s;
    size_t i, n = 0;

    memset(out, 0, sizeof *out);
    if (options == NULL || options->ft == NULL)
        goto out;
    s = OOPT(options);
    if (s == NULL) {
        r = MI_RESULT_INVALID_PARAMETER;
        mi_buf_puts(err, "the operation options handle is not a live MI_OperationOptions "
                         "(deleted, or never made by MI_Application_NewOperationOptions)");
        goto out;
    }
    out->must_understand = s->must_understand;
    if (s->n_opts > 0) {
        out->options = mi_arena_calloc(a, s->n_opts * sizeof *out->options);
        if (out->options == NULL)
            goto out_nomem;
    }
    for (i = 0; i < s->n_opts; i++) {
        const opt_entry *e = &s->opts[i];
        mi_option *o;
        if (mi_name_eq(e->name, OPER_TIMEOUT_OPTION)) {
            out->has_timeout = mi_client_interval_us(&e->value.datetime, &out->timeout_us);
            continue;
        }
        o = &out->options[n];
        o->name = mi_arena_strdup(a, e->name);
        if (o->name == NULL)
            goto out_nomem;
        o->type = e->type;
        r = mi_value_copy(a, e->type, &e->value, &o->value);
        if (r != MI_RESULT_OK)
            goto out_nomem;
        o->must_comply = e->must_comply ||
                         (s->must_understand && find_std(KIND_OPER, e->name) == NULL);
        n++;
    }
    out->n_options = n;
    goto out;

out_nomem:
    memset(out, 0, sizeof *out);
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    mi_buf_puts(err, "out of memory copying the operation options");
out:
    return r;
}

MI_Result mi_client_destination_options_timeout(const MI_DestinationOptions *options,
                                                bool *has, MI_Uint64 *timeout_us)
{
    const optset *s;
    size_t i;

    *has = false;
    *timeout_us = 0;
    if (options == NULL || options->ft == NULL)
        return MI_RESULT_OK;
    s = DOPT(options);
    if (s == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    i = find_opt(s, DEST_TIMEOUT_OPTION);
    if (i < s->n_opts)
        *has = mi_client_interval_us(&s->opts[i].value.datetime, timeout_us);
    return MI_RESULT_OK;
}
