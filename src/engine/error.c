/* error.c - the engine's error instances: OMI_Error-shaped (a CIM_Error subclass),
 * the same shape the client library builds (src/client/utilities.c), made here from
 * cim.h alone so the engine does not depend on the client.
 */
#include <stdio.h>
#include <string.h>

#include "engine/engine_int.h"
#include "cim/cim.h"

MI_ErrorCategory eng_error_category(MI_Result code)
{
    switch (code) {
    case MI_RESULT_OK: return MI_ERRORCATEGORY_NOT_SPECIFIED;
    case MI_RESULT_ACCESS_DENIED: return MI_ERRORCATEGORY_ACCESS_DENIED;
    case MI_RESULT_INVALID_NAMESPACE:
    case MI_RESULT_INVALID_CLASS:
    case MI_RESULT_INVALID_SUPERCLASS:
    case MI_RESULT_NO_SUCH_PROPERTY:
    case MI_RESULT_INVALID_PARAMETER:
    case MI_RESULT_INVALID_QUERY:
    case MI_RESULT_INVALID_ENUMERATION_CONTEXT:
    case MI_RESULT_INVALID_OPERATION_TIMEOUT:
        return MI_ERRORCATEGORY_INVALID_ARGUMENT;
    case MI_RESULT_TYPE_MISMATCH: return MI_ERRORCATEGORY_INVALID_TYPE;
    case MI_RESULT_NOT_FOUND: return MI_ERRORCATEGORY_OBJECT_NOT_FOUND;
    case MI_RESULT_ALREADY_EXISTS: return MI_ERRORCATEGORY_RESOURCE_EXISTS;
    case MI_RESULT_NOT_SUPPORTED:
    case MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED:
    case MI_RESULT_METHOD_NOT_AVAILABLE:
    case MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED:
    case MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED:
        return MI_ERRORCATEGORY_NOT_IMPLEMENTED;
    case MI_RESULT_METHOD_NOT_FOUND: return MI_ERRORCATEGORY_METADATA_ERROR;
    case MI_RESULT_SERVER_LIMITS_EXCEEDED: return MI_ERRORCATEGORY_LIMITS_EXCEEDED;
    case MI_RESULT_SERVER_IS_SHUTTING_DOWN: return MI_ERRORCATEGORY_NOT_ENABLED;
    case MI_RESULT_CLASS_HAS_CHILDREN:
    case MI_RESULT_CLASS_HAS_INSTANCES:
    case MI_RESULT_NAMESPACE_NOT_EMPTY:
        return MI_ERRORCATEGORY_INVALID_OPERATION;
    default: return MI_ERRORCATEGORY_NOT_SPECIFIED;
    }
}

/* Adds one element; the first failure sticks in *r. */
static void add(MI_Instance *inst, const char *name, MI_Type t, const void *v, MI_Result *r)
{
    MI_Value val;

    if (*r != MI_RESULT_OK)
        return;
    if (v != NULL)
        memcpy(&val, v, t == MI_STRING ? sizeof(char *) : t == MI_UINT32 ? 4 : 2);
    *r = inst->ft->AddElement(inst, name, v != NULL ? &val : NULL, t,
                              v != NULL ? 0 : MI_FLAG_NULL);
}

MI_Instance *eng_error_instance(mi_arena *a, MI_Uint32 code, const char *type,
                                MI_ErrorCategory category, const char *message)
{
    MI_Instance *inst = NULL;
    MI_Result r;
    MI_Uint32 status;
    MI_Uint16 etype = 0, cat16, source_format = 0;
    char message_id[96];
    const char *owning = "libmi";

    if (type == NULL)
        type = MI_RESULT_TYPE_MI;
    status = strcmp(type, MI_RESULT_TYPE_MI) == 0 ? code : (MI_Uint32)MI_RESULT_FAILED;
    if (category == MI_ERRORCATEGORY_NOT_SPECIFIED)
        category = eng_error_category((MI_Result)status);
    cat16 = (MI_Uint16)category;
    snprintf(message_id, sizeof message_id, "%.64s:%u", type, (unsigned)code);
    r = mi_instance_new_dynamic_in(a, "OMI_Error", MI_FLAG_CLASS | MI_FLAG_INDICATION, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    const char *mid = message_id;
    add(inst, "ErrorType", MI_UINT16, &etype, &r);
    add(inst, "OwningEntity", MI_STRING, &owning, &r);
    add(inst, "MessageID", MI_STRING, &mid, &r);
    add(inst, "Message", MI_STRING, message != NULL ? &message : NULL, &r);
    add(inst, "ErrorSourceFormat", MI_UINT16, &source_format, &r);
    add(inst, "CIMStatusCode", MI_UINT32, &status, &r);
    add(inst, "error_Code", MI_UINT32, &code, &r);
    add(inst, "error_Type", MI_STRING, &type, &r);
    add(inst, "error_Category", MI_UINT16, &cat16, &r);
    if (r != MI_RESULT_OK)
        inst = NULL; /* its memory goes with the arena */
out:
    return inst;
}
