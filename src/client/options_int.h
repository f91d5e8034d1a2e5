/* options_int.h - the option objects of the client API (MI_DestinationOptions,
 * MI_OperationOptions, MI_SubscriptionDeliveryOptions) as the rest of src/client sees
 * them: creation (for the MI_Application_New*Options entries) and conversion into
 * what the engine takes (timeout in microseconds, an array of mi_option).
 *
 * An option object is an independent handle: it may be deleted at any time after it
 * was passed to a session or operation, because whoever uses it copies what it needs
 * (mi_client_operation_options_export copies into the caller's arena). Option objects
 * are not thread-safe: one object is used by one thread at a time.
 *
 * Layer: client; uses engine.h for mi_option only.
 */
#ifndef MI_CLIENT_OPTIONS_INT_H
#define MI_CLIENT_OPTIONS_INT_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "engine/engine.h"

#define MI_CLIENT_MAGIC_DEST_OPTIONS UINT64_C(0x4d49446573744f70) /* "MIDestOp" */
#define MI_CLIENT_MAGIC_OPER_OPTIONS UINT64_C(0x4d494f7065724f70) /* "MIOperOp" */
#define MI_CLIENT_MAGIC_SUBS_OPTIONS UINT64_C(0x4d49537562734f70) /* "MISubsOp" */

/* Limits of one option object. Setting past them fails with
 * MI_RESULT_SERVER_LIMITS_EXCEEDED and leaves the object unchanged. */
#define MI_OPTIONS_MAX_COUNT       256      /* options (credentials not counted) */
#define MI_OPTIONS_MAX_CREDENTIALS 32
#define MI_OPTIONS_MAX_CHANNELS    64       /* enabled WriteMessage channels */
#define MI_OPTIONS_NAME_MAX        256      /* bytes of an option name */
#define MI_OPTIONS_STRING_MAX      65536    /* bytes of a string value or credential field */
#define MI_OPTIONS_TOTAL_MAX       ((size_t)4 << 20) /* bytes held by one object */

/* Make a new, empty option object of each kind into *out. INVALID_PARAMETER for a
 * NULL out or an invalid deliveryType (Pull or Push), SERVER_LIMITS_EXCEEDED when
 * out of memory; *out is zeroed on failure. */
MI_Result mi_client_new_destination_options(MI_DestinationOptions *out);
MI_Result mi_client_new_operation_options(MI_Boolean mustUnderstand, MI_OperationOptions *out);
MI_Result mi_client_new_subscription_options(MI_SubscriptionDeliveryType deliveryType,
                                             MI_SubscriptionDeliveryOptions *out);

/* What an operation takes from an options object. */
typedef struct mi_client_opts {
    bool has_timeout;          /* __MI_OPERATIONOPTIONS_TIMEOUT was set */
    MI_Uint64 timeout_us;      /* its value in microseconds (0 if not set) */
    MI_Boolean must_understand;/* customOptionsMustUnderstand of NewOperationOptions */
    mi_option *options;        /* every other option, in the order first set */
    size_t n_options;
} mi_client_opts;

/* Copies the options of `options` into `out`, allocating names and values (strings,
 * the channel list as MI_UINT32A, custom values of any type) from arena `a`; the
 * result does not refer to the options object, which may then be deleted.
 * options NULL (or a handle whose ft is NULL, i.e. MI_OPERATIONOPTIONS_NULL) gives an
 * empty result. Standard options keep their __MI_OPERATIONOPTIONS_* names; a custom
 * option's must_comply is what SetCustomOption was given (TRUE also for any custom
 * option when the object was made with customOptionsMustUnderstand).
 * INVALID_PARAMETER (message in err) for a handle that is not a live operation
 * options object; SERVER_LIMITS_EXCEEDED when the arena is full. */
MI_Result mi_client_operation_options_export(const MI_OperationOptions *options, mi_arena *a,
                                             mi_client_opts *out, mi_buf *err);

/* The session default timeout of destination options (__MI_DESTINATIONOPTIONS_TIMEOUT)
 * in microseconds: *has = false when options is NULL/MI_DESTINATIONOPTIONS_NULL or the
 * option is not set. INVALID_PARAMETER for a handle that is not a live destination
 * options object. */
MI_Result mi_client_destination_options_timeout(const MI_DestinationOptions *options,
                                                bool *has, MI_Uint64 *timeout_us);

/* An interval in microseconds; false if it is a timestamp or a field is out of range
 * (hours > 23, minutes or seconds > 59, microseconds > 999999). */
bool mi_client_interval_us(const MI_Datetime *dt, MI_Uint64 *us);

#endif
