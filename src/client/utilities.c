/* utilities.c - MI_UtilitiesFT: mapping error codes to MI_ErrorCategory and building
 * error instances.
 *
 * Error instances are dynamic instances of class OMI_Error (OMI's CIM_Error subclass,
 * the form OMI-based clients decode): every CIM_Error property is present, in
 * CIM_Error's order, NULL where nothing is known, followed by OMI_Error's error_Code,
 * error_Type and error_Category.
 *   CIMStatusCode  the MI_Result (error type "MI"), else MI_RESULT_FAILED
 *   CIMStatusCodeDescription  "CIM_ERR_<NAME>" of that status (DSP0200)
 *   Message        the message given
 *   MessageID      "<errorType>:<error>", e.g. "MI:7"
 *   OwningEntity   "libmi"
 *   ErrorType      CIM_Error's ErrorType derived from the category
 *   error_Code / error_Type / error_Category  the code, its type and its category
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim.h"
#include "client/client_int.h"

/* ---------------------------------------------------------------- categories */

static MI_ErrorCategory category_of_mi(MI_Uint32 e)
{
    switch (e) {
    case MI_RESULT_ACCESS_DENIED: return MI_ERRORCATEGORY_ACCESS_DENIED;
    case MI_RESULT_INVALID_NAMESPACE:
    case MI_RESULT_INVALID_CLASS:
    case MI_RESULT_CLASS_HAS_CHILDREN:
    case MI_RESULT_CLASS_HAS_INSTANCES:
    case MI_RESULT_INVALID_SUPERCLASS:
    case MI_RESULT_NO_SUCH_PROPERTY:
    case MI_RESULT_METHOD_NOT_AVAILABLE:
    case MI_RESULT_METHOD_NOT_FOUND: return MI_ERRORCATEGORY_METADATA_ERROR;
    case MI_RESULT_INVALID_PARAMETER:
    case MI_RESULT_INVALID_QUERY:
    case MI_RESULT_INVALID_OPERATION_TIMEOUT: return MI_ERRORCATEGORY_INVALID_ARGUMENT;
    case MI_RESULT_NOT_FOUND: return MI_ERRORCATEGORY_OBJECT_NOT_FOUND;
    case MI_RESULT_NOT_SUPPORTED:
    case MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED:
    case MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED:
    case MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED: return MI_ERRORCATEGORY_NOT_IMPLEMENTED;
    case MI_RESULT_ALREADY_EXISTS: return MI_ERRORCATEGORY_RESOURCE_EXISTS;
    case MI_RESULT_TYPE_MISMATCH: return MI_ERRORCATEGORY_INVALID_TYPE;
    case MI_RESULT_NAMESPACE_NOT_EMPTY: return MI_ERRORCATEGORY_INVALID_OPERATION;
    case MI_RESULT_INVALID_ENUMERATION_CONTEXT: return MI_ERRORCATEGORY_INVALID_OPERATION;
    case MI_RESULT_PULL_HAS_BEEN_ABANDONED: return MI_ERRORCATEGORY_OPERATION_STOPPED;
    case MI_RESULT_PULL_CANNOT_BE_ABANDONED: return MI_ERRORCATEGORY_CLOS_EERROR;
    case MI_RESULT_SERVER_LIMITS_EXCEEDED: return MI_ERRORCATEGORY_LIMITS_EXCEEDED;
    case MI_RESULT_SERVER_IS_SHUTTING_DOWN: return MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE;
    default: return MI_ERRORCATEGORY_NOT_SPECIFIED;
    }
}

static MI_ErrorCategory category_of_errno(MI_Uint32 e)
{
    switch (e) {
    case EACCES:
    case EPERM: return MI_ERRORCATEGORY_ACCESS_DENIED;
    case ENOENT:
    case ESRCH:
    case ENXIO:
    case ENODEV: return MI_ERRORCATEGORY_OBJECT_NOT_FOUND;
    case EINVAL:
    case E2BIG:
    case ERANGE:
    case EDOM: return MI_ERRORCATEGORY_INVALID_ARGUMENT;
    case EEXIST: return MI_ERRORCATEGORY_RESOURCE_EXISTS;
    case EBUSY:
    case EAGAIN:
    case ETXTBSY: return MI_ERRORCATEGORY_RESOURCE_BUSY;
    case ETIMEDOUT: return MI_ERRORCATEGORY_OPERATION_TIMEOUT;
    case ENOMEM:
    case EMFILE:
    case ENFILE:
    case ENAMETOOLONG: return MI_ERRORCATEGORY_LIMITS_EXCEEDED;
    case ENOSPC:
    case EDQUOT: return MI_ERRORCATEGORY_QUOTA_EXCEEDED;
    case ENOSYS:
    case ENOTSUP: return MI_ERRORCATEGORY_NOT_IMPLEMENTED;
    case EIO: return MI_ERRORCATEGORY_DEVICE_ERROR;
    case EDEADLK: return MI_ERRORCATEGORY_DEADLOCK_DETECTED;
    case ECONNREFUSED:
    case ECONNRESET:
    case ECONNABORTED:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case ENOTCONN:
    case EPIPE: return MI_ERRORCATEGORY_CONNECTION_ERROR;
    case EPROTO: return MI_ERRORCATEGORY_PROTOCOL_ERROR;
    case EINTR:
    case ECANCELED: return MI_ERRORCATEGORY_OPERATION_STOPPED;
    case EROFS: return MI_ERRORCATEGORY_WRITE_ERROR;
    case EBADF: return MI_ERRORCATEGORY_INVALID_OPERATION;
    default: return MI_ERRORCATEGORY_NOT_SPECIFIED;
    }
}

/* Windows system error codes (winerror.h values). */
static MI_ErrorCategory category_of_win32(MI_Uint32 e)
{
    switch (e) {
    case 2:    /* ERROR_FILE_NOT_FOUND */
    case 3:    /* ERROR_PATH_NOT_FOUND */
    case 1168: /* ERROR_NOT_FOUND */ return MI_ERRORCATEGORY_OBJECT_NOT_FOUND;
    case 5:    /* ERROR_ACCESS_DENIED */ return MI_ERRORCATEGORY_ACCESS_DENIED;
    case 8:    /* ERROR_NOT_ENOUGH_MEMORY */
    case 14:   /* ERROR_OUTOFMEMORY */ return MI_ERRORCATEGORY_LIMITS_EXCEEDED;
    case 13:   /* ERROR_INVALID_DATA */ return MI_ERRORCATEGORY_INVALID_DATA;
    case 50:   /* ERROR_NOT_SUPPORTED */
    case 120:  /* ERROR_CALL_NOT_IMPLEMENTED */ return MI_ERRORCATEGORY_NOT_IMPLEMENTED;
    case 87:   /* ERROR_INVALID_PARAMETER */ return MI_ERRORCATEGORY_INVALID_ARGUMENT;
    case 170:  /* ERROR_BUSY */ return MI_ERRORCATEGORY_RESOURCE_BUSY;
    case 183:  /* ERROR_ALREADY_EXISTS */ return MI_ERRORCATEGORY_RESOURCE_EXISTS;
    case 1223: /* ERROR_CANCELLED */ return MI_ERRORCATEGORY_OPERATION_STOPPED;
    case 1326: /* ERROR_LOGON_FAILURE */ return MI_ERRORCATEGORY_AUTHENTICATION_ERROR;
    case 1460: /* ERROR_TIMEOUT */ return MI_ERRORCATEGORY_OPERATION_TIMEOUT;
    default: return MI_ERRORCATEGORY_NOT_SPECIFIED;
    }
}

/* HRESULTs: a few generic ones, and HRESULT_FROM_WIN32 (0x8007xxxx) via the WIN32 table. */
static MI_ErrorCategory category_of_hresult(MI_Uint32 e)
{
    switch (e) {
    case 0x80004001u: /* E_NOTIMPL */ return MI_ERRORCATEGORY_NOT_IMPLEMENTED;
    case 0x80004004u: /* E_ABORT */ return MI_ERRORCATEGORY_OPERATION_STOPPED;
    case 0x80004005u: /* E_FAIL */ return MI_ERRORCATEGORY_NOT_SPECIFIED;
    default: break;
    }
    if ((e & 0xFFFF0000u) == 0x80070000u)
        return category_of_win32(e & 0xFFFFu);
    return MI_ERRORCATEGORY_NOT_SPECIFIED;
}

/* errorType is an MI_RESULT_TYPE_* string (any case); unknown types and codes give
 * MI_ERRORCATEGORY_NOT_SPECIFIED. "WINRM" codes are WIN32 codes. */
static MI_ErrorCategory MI_CALL map_error_to_category(const MI_Char *errorType,
                                                      MI_Uint32 error)
{
    if (errorType == NULL)
        return MI_ERRORCATEGORY_NOT_SPECIFIED;
    if (mi_name_eq(errorType, MI_RESULT_TYPE_MI))
        return category_of_mi(error);
    if (mi_name_eq(errorType, MI_RESULT_TYPE_ERRNO))
        return category_of_errno(error);
    if (mi_name_eq(errorType, MI_RESULT_TYPE_WIN32) ||
        mi_name_eq(errorType, MI_RESULT_TYPE_WINRM))
        return category_of_win32(error);
    if (mi_name_eq(errorType, MI_RESULT_TYPE_HRESULT))
        return category_of_hresult(error);
    return MI_ERRORCATEGORY_NOT_SPECIFIED;
}

/* ---------------------------------------------------------------- error instances */

/* DSP0200 names of CIM status codes 1..29 (index = code). */
static const char *const cim_status_names[] = {
    NULL,
    "CIM_ERR_FAILED",
    "CIM_ERR_ACCESS_DENIED",
    "CIM_ERR_INVALID_NAMESPACE",
    "CIM_ERR_INVALID_PARAMETER",
    "CIM_ERR_INVALID_CLASS",
    "CIM_ERR_NOT_FOUND",
    "CIM_ERR_NOT_SUPPORTED",
    "CIM_ERR_CLASS_HAS_CHILDREN",
    "CIM_ERR_CLASS_HAS_INSTANCES",
    "CIM_ERR_INVALID_SUPERCLASS",
    "CIM_ERR_ALREADY_EXISTS",
    "CIM_ERR_NO_SUCH_PROPERTY",
    "CIM_ERR_TYPE_MISMATCH",
    "CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED",
    "CIM_ERR_INVALID_QUERY",
    "CIM_ERR_METHOD_NOT_AVAILABLE",
    "CIM_ERR_METHOD_NOT_FOUND",
    "CIM_ERR_UNEXPECTED_RESPONSE",
    "CIM_ERR_INVALID_RESPONSE_DESTINATION",
    "CIM_ERR_NAMESPACE_NOT_EMPTY",
    "CIM_ERR_INVALID_ENUMERATION_CONTEXT",
    "CIM_ERR_INVALID_OPERATION_TIMEOUT",
    "CIM_ERR_PULL_HAS_BEEN_ABANDONED",
    "CIM_ERR_PULL_CANNOT_BE_ABANDONED",
    "CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED",
    "CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED",
    "CIM_ERR_SERVER_LIMITS_EXCEEDED",
    "CIM_ERR_SERVER_IS_SHUTTING_DOWN",
    "CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED",
};

/* CIM_Error.ErrorType (its ValueMap) for a category. */
static MI_Uint16 cim_error_type(MI_ErrorCategory c)
{
    switch (c) {
    case MI_ERRORCATEGORY_NOT_SPECIFIED: return 0;             /* Unknown */
    case MI_ERRORCATEGORY_CONNECTION_ERROR:
    case MI_ERRORCATEGORY_PROTOCOL_ERROR: return 2;            /* Communications Error */
    case MI_ERRORCATEGORY_OPERATION_TIMEOUT: return 3;         /* Quality of Service Error */
    case MI_ERRORCATEGORY_DEVICE_ERROR: return 5;              /* Hardware Error */
    case MI_ERRORCATEGORY_ACCESS_DENIED:
    case MI_ERRORCATEGORY_SECURITY_ERROR:
    case MI_ERRORCATEGORY_AUTHENTICATION_ERROR: return 7;      /* Security Error */
    case MI_ERRORCATEGORY_LIMITS_EXCEEDED:
    case MI_ERRORCATEGORY_QUOTA_EXCEEDED: return 8;            /* Oversubscription Error */
    case MI_ERRORCATEGORY_RESOURCE_BUSY:
    case MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE:
    case MI_ERRORCATEGORY_NOT_INSTALLED:
    case MI_ERRORCATEGORY_NOT_ENABLED: return 9;               /* Unavailable Resource Error */
    case MI_ERRORCATEGORY_NOT_IMPLEMENTED: return 10;          /* Unsupported Operation Error */
    default: return 4;                                         /* Software Error */
    }
}

typedef struct error_builder {
    MI_Instance *inst;
    MI_Result r;
} error_builder;

/* Adds one element; after the first failure does nothing (r keeps that failure). */
static void add(error_builder *b, const char *name, MI_Type type, const void *value)
{
    if (b->r != MI_RESULT_OK)
        return;
    b->r = MI_Instance_AddElement(b->inst, name, (const MI_Value *)value, type,
                                  value == NULL ? MI_FLAG_NULL : 0);
}

static void add_string(error_builder *b, const char *name, const char *s)
{
    add(b, name, MI_STRING, s == NULL ? NULL : &s);
}

static MI_Result MI_CALL cim_error_from_code(MI_Uint32 error, const MI_Char *errorType,
                                             const MI_Char *errorMessage,
                                             MI_Instance **cimError)
{
    error_builder b = {NULL, MI_RESULT_OK};
    MI_ErrorCategory cat;
    MI_Uint16 etype, category, source_format = 0;
    MI_Uint32 status;
    char message_id[96];
    const char *status_name;

    if (cimError == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *cimError = NULL;
    if (errorType == NULL || errorType[0] == '\0' || strlen(errorType) > 64 ||
        (errorMessage != NULL && !mi_utf8_valid(errorMessage, strlen(errorMessage), NULL)))
        return MI_RESULT_INVALID_PARAMETER;
    cat = map_error_to_category(errorType, error);
    category = (MI_Uint16)cat;
    etype = cim_error_type(cat);
    status = mi_name_eq(errorType, MI_RESULT_TYPE_MI) ? error : (MI_Uint32)MI_RESULT_FAILED;
    status_name = status < sizeof cim_status_names / sizeof cim_status_names[0]
                      ? cim_status_names[status]
                      : NULL;
    snprintf(message_id, sizeof message_id, "%s:%u", errorType, (unsigned)error);

    b.r = mi_instance_new_dynamic("OMI_Error", MI_FLAG_CLASS | MI_FLAG_INDICATION, &b.inst);
    if (b.r != MI_RESULT_OK)
        goto out;
    /* CIM_Error, in its declaration order. */
    add(&b, "ErrorType", MI_UINT16, &etype);
    add_string(&b, "OtherErrorType", NULL);
    add_string(&b, "OwningEntity", "libmi");
    add_string(&b, "MessageID", message_id);
    add_string(&b, "Message", errorMessage);
    add(&b, "MessageArguments", MI_STRINGA, NULL);
    add(&b, "PerceivedSeverity", MI_UINT16, NULL);
    add(&b, "ProbableCause", MI_UINT16, NULL);
    add_string(&b, "ProbableCauseDescription", NULL);
    add(&b, "RecommendedActions", MI_STRINGA, NULL);
    add_string(&b, "ErrorSource", NULL);
    add(&b, "ErrorSourceFormat", MI_UINT16, &source_format);
    add_string(&b, "OtherErrorSourceFormat", NULL);
    add(&b, "CIMStatusCode", MI_UINT32, &status);
    add_string(&b, "CIMStatusCodeDescription", status_name);
    /* OMI_Error. */
    add(&b, "error_Code", MI_UINT32, &error);
    add_string(&b, "error_Type", errorType);
    add(&b, "error_Category", MI_UINT16, &category);
    if (b.r != MI_RESULT_OK)
        goto out_delete;
    *cimError = b.inst;
    goto out;

out_delete:
    MI_Instance_Delete(b.inst);
out:
    return b.r;
}

MI_Result mi_client_error_instance(MI_Result code, const char *message, MI_Instance **out)
{
    return cim_error_from_code((MI_Uint32)code, MI_RESULT_TYPE_MI, message, out);
}

void mi_client_set_extended_error(MI_Instance **extendedError, MI_Result code,
                                  const char *message)
{
    if (extendedError == NULL)
        return;
    if (mi_client_error_instance(code, message, extendedError) != MI_RESULT_OK)
        *extendedError = NULL;
}

const MI_UtilitiesFT mi_client_utilities_ft = {
    map_error_to_category,
    cim_error_from_code,
};
