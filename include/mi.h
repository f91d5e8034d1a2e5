/*
 * mi.h -- the public contract of libmi, a Linux implementation of the
 * Management Infrastructure C API ("WMI v2").
 *
 * This single header is all a client program or a provider module needs:
 * the value types and constants, the layouts of the handles and objects that
 * the library shares with its callers, every function table in ABI order, and
 * the inline wrappers that dispatch through those tables. Programs written
 * against Microsoft's documented mi.h compile unchanged, with one deliberate
 * difference: MI_Char is a UTF-8 `char` (MI_CHAR_TYPE 1). String literals must
 * be written MI_T("..."), which expands to the plain literal here.
 *
 * What is linked
 *   Only two symbols come from the library: MI_Application_InitializeV1()
 *   (reached through the MI_Application_Initialize macro) and the data pointer
 *   mi_clientFT_V1 (reached through the mi_clientFT macro). Every other call is
 *   an inline wrapper that follows the `ft` pointer stored in a handle or
 *   object. Provider modules define MI_Main, MI_Server_GetVersion and
 *   MI_Server_GetSystemName themselves (normally in generated code).
 *
 * Rules shared by all wrappers (exceptions are noted where they occur)
 *   - A NULL handle/object, or one whose `ft` is NULL, is rejected with
 *     MI_RESULT_INVALID_PARAMETER. Wrappers that create or copy a handle
 *     (MI_Application_New*, *_GetApplication, MI_Operation_GetSession,
 *     MI_Context_GetLocalSession, Clone of option objects) zero it on that
 *     path, and MI_Application_New* also set their object out pointers
 *     (MI_Instance**, MI_Class**, extendedError) to NULL, so closing or
 *     deleting them later is harmless.
 *   - Strings are NUL-terminated UTF-8. Class, property, method, parameter and
 *     qualifier names compare case-insensitively.
 *   - A pointer returned through a `const` out parameter is borrowed: it stays
 *     owned by the object it came from and lives as long as that object (or as
 *     long as the comment at the call says). Objects returned through
 *     non-const out parameters (MI_Instance**, MI_Class**, extendedError)
 *     belong to the caller, who releases them with the matching Delete.
 *   - Values passed in are copied unless a flag says otherwise
 *     (MI_FLAG_BORROW keeps the caller's memory, MI_FLAG_ADOPT hands it over).
 */

#ifndef _MI_h
#define _MI_h

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/*
 * ===========================================================================
 * Compiler and calling-convention macros
 * ===========================================================================
 */

/* Provider managers may predefine MI_CONST as empty to get writable tables. */
#ifndef MI_CONST
# define MI_CONST const
#endif

/* Calling conventions are empty on Linux; they exist for source compatibility. */
#define MI_CALL
#define MI_MAIN_CALL
#define MI_INLINE static inline
#define MI_INLINE_CALL

#if defined(__GNUC__) || defined(__clang__)
# define MI_EXPORT __attribute__((visibility("default")))
#else
# define MI_EXPORT
#endif
#define MI_IMPORT

#ifdef __cplusplus
# define MI_EXTERN_C extern "C"
#else
# define MI_EXTERN_C extern
#endif

/* Byte offset of FIELD in STRUCT; usable in static initialisers (schema.c). */
#define MI_OFFSETOF(STRUCT, FIELD) (((ptrdiff_t)&(((STRUCT*)1)->FIELD))-1)

/* Number of elements of a true array (not of a pointer). */
#define MI_COUNT(X) (sizeof(X)/sizeof(X[0]))

/* 64-bit integer literals. */
#define MI_LL(X) X##LL
#define MI_ULL(X) X##ULL

#define MI_UNREFERENCED_PARAMETER(P) (void)(P)

/*
 * ===========================================================================
 * Source-annotation (SAL) macros
 *
 * Windows code annotates parameters with SAL. They carry no meaning here and
 * are defined empty unless the including program already has definitions.
 * ===========================================================================
 */

#ifndef _In_
# define _In_
#endif
#ifndef _In_opt_
# define _In_opt_
#endif
#ifndef _In_z_
# define _In_z_
#endif
#ifndef _In_opt_z_
# define _In_opt_z_
#endif
#ifndef _In_reads_
# define _In_reads_(n)
#endif
#ifndef _In_reads_opt_
# define _In_reads_opt_(e)
#endif
#ifndef _In_reads_bytes_
# define _In_reads_bytes_(n)
#endif
#ifndef _Out_
# define _Out_
#endif
#ifndef _Out_opt_
# define _Out_opt_
#endif
#ifndef _Out_writes_
# define _Out_writes_(n)
#endif
#ifndef _Out_writes_z_
# define _Out_writes_z_(n)
#endif
#ifndef _Out_writes_opt_
# define _Out_writes_opt_(n)
#endif
#ifndef _Out_writes_bytes_
# define _Out_writes_bytes_(n)
#endif
#ifndef _Out_writes_to_opt_
# define _Out_writes_to_opt_(a, b)
#endif
#ifndef _Outptr_
# define _Outptr_
#endif
#ifndef _Outptr_opt_
# define _Outptr_opt_
#endif
#ifndef _Outptr_result_z_
# define _Outptr_result_z_
#endif
#ifndef _Outptr_result_maybenull_
# define _Outptr_result_maybenull_
#endif
#ifndef _Outptr_opt_result_maybenull_
# define _Outptr_opt_result_maybenull_
#endif
#ifndef _Outptr_result_maybenull_z_
# define _Outptr_result_maybenull_z_
#endif
#ifndef _Outptr_opt_result_z_
# define _Outptr_opt_result_z_
#endif
#ifndef _Outptr_opt_result_maybenull_z_
# define _Outptr_opt_result_maybenull_z_
#endif
#ifndef _Inout_
# define _Inout_
#endif
#ifndef _Inout_opt_
# define _Inout_opt_
#endif
#ifndef _Pre_writable_size_
# define _Pre_writable_size_(n)
#endif
#ifndef _Return_type_success_
# define _Return_type_success_(e)
#endif
#ifndef _Success_
# define _Success_(e)
#endif
#ifndef _Always_
# define _Always_(a)
#endif
#ifndef _Null_terminated_
# define _Null_terminated_
#endif
#ifndef _Const_
# define _Const_
#endif
#ifndef __in_z_opt
# define __in_z_opt
#endif
#ifndef _Inexpressible_
# define _Inexpressible_(x)
#endif
#ifndef _Check_return_
# define _Check_return_
#endif

/*
 * ===========================================================================
 * Character type
 *
 * MI_CHAR_TYPE 1: MI_Char is char holding UTF-8 (the only form libmi builds).
 * MI_CHAR_TYPE 2 (wchar_t, the Windows default) is refused at compile time.
 * ===========================================================================
 */

#ifndef MI_CHAR_TYPE
# define MI_CHAR_TYPE 1
#endif

#if MI_CHAR_TYPE == 1
# ifdef MI_USE_WCHAR
#  error "libmi: MI_USE_WCHAR is not supported; MI_Char is UTF-8 char"
# endif
typedef char MI_Char;
# define MI_T(STR) STR
#elif MI_CHAR_TYPE == 2
# error "libmi: MI_CHAR_TYPE 2 (wchar_t) is not supported; MI_Char is UTF-8 char (MI_CHAR_TYPE 1)"
#else
# error "libmi: MI_CHAR_TYPE must be 1"
#endif

/*
 * ===========================================================================
 * Versions
 *
 * MI_API_VERSION selects the provider-side API level: 1 (MI 1.0.0) or 2
 * (MI 1.1.0, the default, which adds the lifecycle-indication API). Client
 * programs may set MI_CALL_VERSION, which only 1 is defined for.
 * MI_REVISON is the spelling some Windows code uses for MI_REVISION.
 * ===========================================================================
 */

#ifndef MI_API_VERSION
# define MI_API_VERSION 2
#endif
#if MI_API_VERSION == 1
# define MI_MINOR 0U
#elif MI_API_VERSION == 2
# define MI_MINOR 1U
#else
# error "libmi: unsupported MI_API_VERSION (must be 1 or 2)"
#endif
#define MI_MAJOR 1U
#define MI_REVISION 0U
#define MI_REVISON MI_REVISION

#define MI_MAKE_VERSION(MAJ, MIN, REV) (((MAJ) << 16) | ((MIN) << 8) | (REV))
#define MI_VERSION MI_MAKE_VERSION(MI_MAJOR, MI_MINOR, MI_REVISION)

#ifndef MI_CALL_VERSION
# define MI_CALL_VERSION 1
#endif
#if MI_CALL_VERSION != 1
# error "libmi: unsupported MI_CALL_VERSION (must be 1)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ===========================================================================
 * Scalar types
 * ===========================================================================
 */

typedef unsigned char MI_Boolean;
typedef unsigned char MI_Uint8;
typedef signed char MI_Sint8;
typedef unsigned short MI_Uint16;
typedef signed short MI_Sint16;
typedef unsigned int MI_Uint32;
typedef signed int MI_Sint32;
typedef unsigned long long MI_Uint64;
typedef signed long long MI_Sint64;
typedef float MI_Real32;
typedef double MI_Real64;
typedef unsigned short MI_Char16;   /* one UTF-16 code unit, whatever MI_Char is */
typedef const MI_Char* MI_ConstStringPtr;
typedef MI_Char* MI_StringPtr;

#define MI_TRUE ((MI_Boolean)1)
#define MI_FALSE ((MI_Boolean)0)

/*
 * Datetime. A CIM datetime is either a point in time (timestamp) or a
 * duration (interval); isTimestamp selects the union member.
 */

/* Point in time. utc is the offset from UTC in minutes (may be negative). */
typedef struct _MI_Timestamp
{
    MI_Uint32 year;
    MI_Uint32 month;
    MI_Uint32 day;
    MI_Uint32 hour;
    MI_Uint32 minute;
    MI_Uint32 second;
    MI_Uint32 microseconds;
    MI_Sint32 utc;
}
MI_Timestamp;

/* Duration. The padding members keep the size equal to MI_Timestamp. */
typedef struct _MI_Interval
{
    MI_Uint32 days;
    MI_Uint32 hours;
    MI_Uint32 minutes;
    MI_Uint32 seconds;
    MI_Uint32 microseconds;
    MI_Uint32 __padding1;
    MI_Uint32 __padding2;
    MI_Uint32 __padding3;
}
MI_Interval;

typedef struct _MI_Datetime
{
    MI_Uint32 isTimestamp;
    union
    {
        MI_Timestamp timestamp;
        MI_Interval interval;
    }
    u;
}
MI_Datetime;

/*
 * ===========================================================================
 * Forward declarations of the objects the API passes around
 * ===========================================================================
 */

typedef struct _MI_Server MI_Server;
typedef struct _MI_Context MI_Context;
typedef struct _MI_ClassDecl MI_ClassDecl;
typedef struct _MI_Instance MI_Instance;
typedef struct _MI_Filter MI_Filter;
typedef struct _MI_PropertySet MI_PropertySet;
typedef struct _MI_Qualifier MI_Qualifier;
typedef struct _MI_Session MI_Session;
typedef struct _MI_ServerFT MI_ServerFT;
typedef struct _MI_ProviderFT MI_ProviderFT;
typedef struct _MI_PropertySetFT MI_PropertySetFT;
typedef struct _MI_InstanceFT MI_InstanceFT;
typedef struct _MI_InstanceExFT MI_InstanceExFT;
typedef struct _MI_ContextFT MI_ContextFT;
typedef struct _MI_FilterFT MI_FilterFT;
typedef struct _MI_Class MI_Class;
typedef struct _MI_ClassFT MI_ClassFT;
typedef struct _MI_MethodDecl MI_MethodDecl;
typedef struct _MI_Module MI_Module;
typedef struct _MI_Application MI_Application;
typedef struct _MI_Operation MI_Operation;

/*
 * ===========================================================================
 * Arrays
 *
 * An array value is a pointer to `size` consecutive elements. The Const forms
 * are the same layouts for read-only data (generated tables, field structs).
 * MI_Array is the element-type-neutral view of all of them.
 * ===========================================================================
 */

typedef struct _MI_BooleanA { MI_Boolean* data; MI_Uint32 size; } MI_BooleanA;
typedef struct _MI_Uint8A { MI_Uint8* data; MI_Uint32 size; } MI_Uint8A;
typedef struct _MI_Sint8A { MI_Sint8* data; MI_Uint32 size; } MI_Sint8A;
typedef struct _MI_Uint16A { MI_Uint16* data; MI_Uint32 size; } MI_Uint16A;
typedef struct _MI_Sint16A { MI_Sint16* data; MI_Uint32 size; } MI_Sint16A;
typedef struct _MI_Uint32A { MI_Uint32* data; MI_Uint32 size; } MI_Uint32A;
typedef struct _MI_Sint32A { MI_Sint32* data; MI_Uint32 size; } MI_Sint32A;
typedef struct _MI_Uint64A { MI_Uint64* data; MI_Uint32 size; } MI_Uint64A;
typedef struct _MI_Sint64A { MI_Sint64* data; MI_Uint32 size; } MI_Sint64A;
typedef struct _MI_Real32A { MI_Real32* data; MI_Uint32 size; } MI_Real32A;
typedef struct _MI_Real64A { MI_Real64* data; MI_Uint32 size; } MI_Real64A;
typedef struct _MI_Char16A { MI_Char16* data; MI_Uint32 size; } MI_Char16A;
typedef struct _MI_DatetimeA { MI_Datetime* data; MI_Uint32 size; } MI_DatetimeA;
typedef struct _MI_StringA { MI_Char** data; MI_Uint32 size; } MI_StringA;
typedef struct _MI_ReferenceA { struct _MI_Instance** data; MI_Uint32 size; } MI_ReferenceA;
typedef struct _MI_InstanceA { MI_Instance** data; MI_Uint32 size; } MI_InstanceA;
typedef struct _MI_Array { void* data; MI_Uint32 size; } MI_Array;

typedef struct _MI_ConstBooleanA { MI_CONST MI_Boolean* data; MI_Uint32 size; } MI_ConstBooleanA;
typedef struct _MI_ConstUint8A { MI_CONST MI_Uint8* data; MI_Uint32 size; } MI_ConstUint8A;
typedef struct _MI_ConstSint8A { MI_CONST MI_Sint8* data; MI_Uint32 size; } MI_ConstSint8A;
typedef struct _MI_ConstUint16A { MI_CONST MI_Uint16* data; MI_Uint32 size; } MI_ConstUint16A;
typedef struct _MI_ConstSint16A { MI_CONST MI_Sint16* data; MI_Uint32 size; } MI_ConstSint16A;
typedef struct _MI_ConstUint32A { MI_CONST MI_Uint32* data; MI_Uint32 size; } MI_ConstUint32A;
typedef struct _MI_ConstSint32A { MI_CONST MI_Sint32* data; MI_Uint32 size; } MI_ConstSint32A;
typedef struct _MI_ConstUint64A { MI_CONST MI_Uint64* data; MI_Uint32 size; } MI_ConstUint64A;
typedef struct _MI_ConstSint64A { MI_CONST MI_Sint64* data; MI_Uint32 size; } MI_ConstSint64A;
typedef struct _MI_ConstReal32A { MI_CONST MI_Real32* data; MI_Uint32 size; } MI_ConstReal32A;
typedef struct _MI_ConstReal64A { MI_CONST MI_Real64* data; MI_Uint32 size; } MI_ConstReal64A;
typedef struct _MI_ConstChar16A { MI_CONST MI_Char16* data; MI_Uint32 size; } MI_ConstChar16A;
typedef struct _MI_ConstDatetimeA { MI_CONST MI_Datetime* data; MI_Uint32 size; } MI_ConstDatetimeA;
typedef struct _MI_ConstStringA { MI_CONST MI_Char* MI_CONST* data; MI_Uint32 size; } MI_ConstStringA;
typedef struct _MI_ConstReferenceA { MI_CONST struct _MI_Instance* MI_CONST* data; MI_Uint32 size; } MI_ConstReferenceA;
typedef struct _MI_ConstInstanceA { MI_CONST MI_Instance* MI_CONST* data; MI_Uint32 size; } MI_ConstInstanceA;
/*
 * ===========================================================================
 * MI_Value: one element value of any MI_Type
 *
 * Only the member that matches the element's MI_Type is meaningful. Callers
 * often pass the address of a single member (for example (MI_Value*)&str or
 * (MI_Value*)&someArray) where an MI_Value* is expected; implementations must
 * therefore read no more than the member selected by the type.
 * ===========================================================================
 */

typedef union _MI_Value
{
    MI_Boolean boolean;
    MI_Uint8 uint8;
    MI_Sint8 sint8;
    MI_Uint16 uint16;
    MI_Sint16 sint16;
    MI_Uint32 uint32;
    MI_Sint32 sint32;
    MI_Uint64 uint64;
    MI_Sint64 sint64;
    MI_Real32 real32;
    MI_Real64 real64;
    MI_Char16 char16;
    MI_Datetime datetime;
    MI_Char* string;
    MI_Instance* instance;
    MI_Instance* reference;
    MI_BooleanA booleana;
    MI_Uint8A uint8a;
    MI_Sint8A sint8a;
    MI_Uint16A uint16a;
    MI_Sint16A sint16a;
    MI_Uint32A uint32a;
    MI_Sint32A sint32a;
    MI_Uint64A uint64a;
    MI_Sint64A sint64a;
    MI_Real32A real32a;
    MI_Real64A real64a;
    MI_Char16A char16a;
    MI_DatetimeA datetimea;
    MI_StringA stringa;
    MI_ReferenceA referencea;
    MI_InstanceA instancea;
    MI_Array array;
}
MI_Value;

/*
 * ===========================================================================
 * Field structs
 *
 * The members of generated provider structs (see MI_PropertyDecl.offset).
 * `exists` is non-zero when the property or parameter has a value (is not
 * NULL); `flags` belongs to the runtime and is zero in generated code.
 * The runtime reads and writes schema-bound instances through these layouts.
 * ===========================================================================
 */

typedef struct _MI_BooleanField { MI_Boolean value; MI_Boolean exists; MI_Uint8 flags; } MI_BooleanField;
typedef struct _MI_Sint8Field { MI_Sint8 value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint8Field;
typedef struct _MI_Uint8Field { MI_Uint8 value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint8Field;
typedef struct _MI_Sint16Field { MI_Sint16 value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint16Field;
typedef struct _MI_Uint16Field { MI_Uint16 value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint16Field;
typedef struct _MI_Sint32Field { MI_Sint32 value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint32Field;
typedef struct _MI_Uint32Field { MI_Uint32 value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint32Field;
typedef struct _MI_Sint64Field { MI_Sint64 value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint64Field;
typedef struct _MI_Uint64Field { MI_Uint64 value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint64Field;
typedef struct _MI_Real32Field { MI_Real32 value; MI_Boolean exists; MI_Uint8 flags; } MI_Real32Field;
typedef struct _MI_Real64Field { MI_Real64 value; MI_Boolean exists; MI_Uint8 flags; } MI_Real64Field;
typedef struct _MI_Char16Field { MI_Char16 value; MI_Boolean exists; MI_Uint8 flags; } MI_Char16Field;
typedef struct _MI_DatetimeField { MI_Datetime value; MI_Boolean exists; MI_Uint8 flags; } MI_DatetimeField;
typedef struct _MI_StringField { MI_Char* value; MI_Boolean exists; MI_Uint8 flags; } MI_StringField;
typedef struct _MI_ReferenceField { struct _MI_Instance* value; MI_Boolean exists; MI_Uint8 flags; } MI_ReferenceField;
typedef struct _MI_InstanceField { MI_Instance* value; MI_Boolean exists; MI_Uint8 flags; } MI_InstanceField;
typedef struct _MI_BooleanAField { MI_BooleanA value; MI_Boolean exists; MI_Uint8 flags; } MI_BooleanAField;
typedef struct _MI_Uint8AField { MI_Uint8A value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint8AField;
typedef struct _MI_Sint8AField { MI_Sint8A value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint8AField;
typedef struct _MI_Uint16AField { MI_Uint16A value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint16AField;
typedef struct _MI_Sint16AField { MI_Sint16A value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint16AField;
typedef struct _MI_Uint32AField { MI_Uint32A value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint32AField;
typedef struct _MI_Sint32AField { MI_Sint32A value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint32AField;
typedef struct _MI_Uint64AField { MI_Uint64A value; MI_Boolean exists; MI_Uint8 flags; } MI_Uint64AField;
typedef struct _MI_Sint64AField { MI_Sint64A value; MI_Boolean exists; MI_Uint8 flags; } MI_Sint64AField;
typedef struct _MI_Real32AField { MI_Real32A value; MI_Boolean exists; MI_Uint8 flags; } MI_Real32AField;
typedef struct _MI_Real64AField { MI_Real64A value; MI_Boolean exists; MI_Uint8 flags; } MI_Real64AField;
typedef struct _MI_Char16AField { MI_Char16A value; MI_Boolean exists; MI_Uint8 flags; } MI_Char16AField;
typedef struct _MI_DatetimeAField { MI_DatetimeA value; MI_Boolean exists; MI_Uint8 flags; } MI_DatetimeAField;
typedef struct _MI_StringAField { MI_StringA value; MI_Boolean exists; MI_Uint8 flags; } MI_StringAField;
typedef struct _MI_ReferenceAField { MI_ReferenceA value; MI_Boolean exists; MI_Uint8 flags; } MI_ReferenceAField;
typedef struct _MI_InstanceAField { MI_InstanceA value; MI_Boolean exists; MI_Uint8 flags; } MI_InstanceAField;
typedef struct _MI_ArrayField { MI_Array value; MI_Boolean exists; MI_Uint8 flags; } MI_ArrayField;

typedef struct _MI_ConstBooleanField { MI_CONST MI_Boolean value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstBooleanField;
typedef struct _MI_ConstSint8Field { MI_CONST MI_Sint8 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint8Field;
typedef struct _MI_ConstUint8Field { MI_CONST MI_Uint8 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint8Field;
typedef struct _MI_ConstSint16Field { MI_CONST MI_Sint16 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint16Field;
typedef struct _MI_ConstUint16Field { MI_CONST MI_Uint16 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint16Field;
typedef struct _MI_ConstSint32Field { MI_CONST MI_Sint32 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint32Field;
typedef struct _MI_ConstUint32Field { MI_CONST MI_Uint32 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint32Field;
typedef struct _MI_ConstSint64Field { MI_CONST MI_Sint64 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint64Field;
typedef struct _MI_ConstUint64Field { MI_CONST MI_Uint64 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint64Field;
typedef struct _MI_ConstReal32Field { MI_CONST MI_Real32 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstReal32Field;
typedef struct _MI_ConstReal64Field { MI_CONST MI_Real64 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstReal64Field;
typedef struct _MI_ConstChar16Field { MI_CONST MI_Char16 value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstChar16Field;
typedef struct _MI_ConstDatetimeField { MI_CONST MI_Datetime value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstDatetimeField;
typedef struct _MI_ConstStringField { MI_CONST MI_Char* value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstStringField;
typedef struct _MI_ConstReferenceField { MI_CONST struct _MI_Instance* value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstReferenceField;
typedef struct _MI_ConstInstanceField { MI_CONST MI_Instance* value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstInstanceField;
typedef struct _MI_ConstBooleanAField { MI_ConstBooleanA value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstBooleanAField;
typedef struct _MI_ConstUint8AField { MI_ConstUint8A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint8AField;
typedef struct _MI_ConstSint8AField { MI_ConstSint8A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint8AField;
typedef struct _MI_ConstUint16AField { MI_ConstUint16A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint16AField;
typedef struct _MI_ConstSint16AField { MI_ConstSint16A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint16AField;
typedef struct _MI_ConstUint32AField { MI_ConstUint32A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint32AField;
typedef struct _MI_ConstSint32AField { MI_ConstSint32A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint32AField;
typedef struct _MI_ConstUint64AField { MI_ConstUint64A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstUint64AField;
typedef struct _MI_ConstSint64AField { MI_ConstSint64A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstSint64AField;
typedef struct _MI_ConstReal32AField { MI_ConstReal32A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstReal32AField;
typedef struct _MI_ConstReal64AField { MI_ConstReal64A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstReal64AField;
typedef struct _MI_ConstChar16AField { MI_ConstChar16A value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstChar16AField;
typedef struct _MI_ConstDatetimeAField { MI_ConstDatetimeA value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstDatetimeAField;
typedef struct _MI_ConstStringAField { MI_ConstStringA value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstStringAField;
typedef struct _MI_ConstReferenceAField { MI_ConstReferenceA value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstReferenceAField;
typedef struct _MI_ConstInstanceAField { MI_ConstInstanceA value; MI_Boolean exists; MI_Uint8 flags; } MI_ConstInstanceAField;

/*
 * ===========================================================================
 * MI_Result
 *
 * Status of an API call or outcome of an operation. The values are the DMTF
 * CIM status codes (DSP0200); 18 and 19 are unassigned.
 * ===========================================================================
 */

typedef enum _MI_Result
{
    MI_RESULT_OK = 0,
    MI_RESULT_FAILED = 1,
    MI_RESULT_ACCESS_DENIED = 2,
    MI_RESULT_INVALID_NAMESPACE = 3,
    MI_RESULT_INVALID_PARAMETER = 4,
    MI_RESULT_INVALID_CLASS = 5,
    MI_RESULT_NOT_FOUND = 6,
    MI_RESULT_NOT_SUPPORTED = 7,
    MI_RESULT_CLASS_HAS_CHILDREN = 8,
    MI_RESULT_CLASS_HAS_INSTANCES = 9,
    MI_RESULT_INVALID_SUPERCLASS = 10,
    MI_RESULT_ALREADY_EXISTS = 11,
    MI_RESULT_NO_SUCH_PROPERTY = 12,
    MI_RESULT_TYPE_MISMATCH = 13,
    MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED = 14,
    MI_RESULT_INVALID_QUERY = 15,
    MI_RESULT_METHOD_NOT_AVAILABLE = 16,
    MI_RESULT_METHOD_NOT_FOUND = 17,
    MI_RESULT_NAMESPACE_NOT_EMPTY = 20,
    MI_RESULT_INVALID_ENUMERATION_CONTEXT = 21,
    MI_RESULT_INVALID_OPERATION_TIMEOUT = 22,
    MI_RESULT_PULL_HAS_BEEN_ABANDONED = 23,
    MI_RESULT_PULL_CANNOT_BE_ABANDONED = 24,
    MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED = 25,
    MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED = 26,
    MI_RESULT_SERVER_LIMITS_EXCEEDED = 27,
    MI_RESULT_SERVER_IS_SHUTTING_DOWN = 28
}
MI_Result;

/* Families of error codes, named by the resultType/errorType parameters of
 * MI_Context_PostError, MI_Context_WriteError and the MI_Utilities_* calls. */
#define MI_RESULT_TYPE_MI MI_T("MI")
#define MI_RESULT_TYPE_HRESULT MI_T("HRESULT")
#define MI_RESULT_TYPE_WIN32 MI_T("WIN32")
#define MI_RESULT_TYPE_ERRNO MI_T("ERRNO")
#define MI_RESULT_TYPE_WINRM MI_T("WINRM")

/*
 * ===========================================================================
 * MI_ErrorCategory (the category carried by error instances)
 * MI_ERRORCATEGORY_CLOS_EERROR is the real, historically misspelled name.
 * ===========================================================================
 */

typedef enum _MI_ErrorCategory
{
    MI_ERRORCATEGORY_NOT_SPECIFIED = 0,
    MI_ERRORCATEGORY_OPEN_ERROR = 1,
    MI_ERRORCATEGORY_CLOS_EERROR = 2,
    MI_ERRORCATEGORY_DEVICE_ERROR = 3,
    MI_ERRORCATEGORY_DEADLOCK_DETECTED = 4,
    MI_ERRORCATEGORY_INVALID_ARGUMENT = 5,
    MI_ERRORCATEGORY_INVALID_DATA = 6,
    MI_ERRORCATEGORY_INVALID_OPERATION = 7,
    MI_ERRORCATEGORY_INVALID_RESULT = 8,
    MI_ERRORCATEGORY_INVALID_TYPE = 9,
    MI_ERRORCATEGORY_METADATA_ERROR = 10,
    MI_ERRORCATEGORY_NOT_IMPLEMENTED = 11,
    MI_ERRORCATEGORY_NOT_INSTALLED = 12,
    MI_ERRORCATEGORY_OBJECT_NOT_FOUND = 13,
    MI_ERRORCATEGORY_OPERATION_STOPPED = 14,
    MI_ERRORCATEGORY_OPERATION_TIMEOUT = 15,
    MI_ERRORCATEGORY_SYNTAX_ERROR = 16,
    MI_ERRORCATEGORY_PARSER_ERROR = 17,
    MI_ERRORCATEGORY_ACCESS_DENIED = 18,
    MI_ERRORCATEGORY_RESOURCE_BUSY = 19,
    MI_ERRORCATEGORY_RESOURCE_EXISTS = 20,
    MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE = 21,
    MI_ERRORCATEGORY_READ_ERROR = 22,
    MI_ERRORCATEGORY_WRITE_ERROR = 23,
    MI_ERRORCATEGORY_FROM_STDERR = 24,
    MI_ERRORCATEGORY_SECURITY_ERROR = 25,
    MI_ERRORCATEGORY_PROTOCOL_ERROR = 26,
    MI_ERRORCATEGORY_CONNECTION_ERROR = 27,
    MI_ERRORCATEGORY_AUTHENTICATION_ERROR = 28,
    MI_ERRORCATEGORY_LIMITS_EXCEEDED = 29,
    MI_ERRORCATEGORY_QUOTA_EXCEEDED = 30,
    MI_ERRORCATEGORY_NOT_ENABLED = 31
}
MI_ErrorCategory;

/*
 * ===========================================================================
 * MI_Type: the type tag of an element value
 *
 * Bit 0x10 (MI_ARRAY) marks arrays: the element type of an array tag is
 * (t & ~MI_ARRAY) and the array of a scalar tag is (t | MI_ARRAY).
 * MI_REFERENCE is an instance used as an object path (class name + keys);
 * MI_INSTANCE is an embedded instance (a complete object value).
 * ===========================================================================
 */

typedef enum _MI_Type
{
    MI_BOOLEAN = 0,
    MI_UINT8 = 1,
    MI_SINT8 = 2,
    MI_UINT16 = 3,
    MI_SINT16 = 4,
    MI_UINT32 = 5,
    MI_SINT32 = 6,
    MI_UINT64 = 7,
    MI_SINT64 = 8,
    MI_REAL32 = 9,
    MI_REAL64 = 10,
    MI_CHAR16 = 11,
    MI_DATETIME = 12,
    MI_STRING = 13,
    MI_REFERENCE = 14,
    MI_INSTANCE = 15,
    MI_BOOLEANA = 16,
    MI_UINT8A = 17,
    MI_SINT8A = 18,
    MI_UINT16A = 19,
    MI_SINT16A = 20,
    MI_UINT32A = 21,
    MI_SINT32A = 22,
    MI_UINT64A = 23,
    MI_SINT64A = 24,
    MI_REAL32A = 25,
    MI_REAL64A = 26,
    MI_CHAR16A = 27,
    MI_DATETIMEA = 28,
    MI_STRINGA = 29,
    MI_REFERENCEA = 30,
    MI_INSTANCEA = 31,
    MI_ARRAY = 16
}
MI_Type;

/*
 * ===========================================================================
 * MI_FLAG_*: bits used by schema declarations, qualifiers and element flags
 * ===========================================================================
 */

/* Meta type of a feature; also the scope of a qualifier declaration. */
#define MI_FLAG_CLASS (1 << 0)
#define MI_FLAG_METHOD (1 << 1)
#define MI_FLAG_PROPERTY (1 << 2)
#define MI_FLAG_PARAMETER (1 << 3)
#define MI_FLAG_ASSOCIATION (1 << 4)
#define MI_FLAG_INDICATION (1 << 5)
#define MI_FLAG_REFERENCE (1 << 6)
#define MI_FLAG_ANY (1|2|4|8|16|32|64)

/* Qualifier flavors. MI_FLAG_TOINSTANCE is accepted and ignored. */
#define MI_FLAG_ENABLEOVERRIDE (1 << 7)
#define MI_FLAG_DISABLEOVERRIDE (1 << 8)
#define MI_FLAG_RESTRICTED (1 << 9)
#define MI_FLAG_TOSUBCLASS (1 << 10)
#define MI_FLAG_TRANSLATABLE (1 << 11)
#define MI_FLAG_TOINSTANCE (1 << 22)

/* Shortcuts for the boolean qualifiers of the same names. */
#define MI_FLAG_KEY (1 << 12)
#define MI_FLAG_IN (1 << 13)
#define MI_FLAG_OUT (1 << 14)
#define MI_FLAG_REQUIRED (1 << 15)
#define MI_FLAG_STATIC (1 << 16)
#define MI_FLAG_ABSTRACT (1 << 17)
#define MI_FLAG_TERMINAL (1 << 18)
#define MI_FLAG_EXPENSIVE (1 << 19)
#define MI_FLAG_STREAM (1 << 20)
#define MI_FLAG_READONLY (1 << 21)

/* Class declarations only: the instance table is an MI_InstanceExFT.
 * (Shares its bit with MI_FLAG_KEY, which never appears on a class.) */
#define MI_FLAG_EXTENDED (1 << 12)

/* Element state and memory policy of instance element values. */
#define MI_FLAG_NOT_MODIFIED (1 << 25)
#define MI_FLAG_VERSION (1<<26 | 1<<27 | 1<<28)
#define MI_FLAG_NULL (1 << 29)
#define MI_FLAG_BORROW (1 << 30)
#define MI_FLAG_ADOPT ((MI_Uint32)1 << 31)

/*
 * ===========================================================================
 * Small enumerations
 * ===========================================================================
 */

typedef enum _MI_PromptType
{
    MI_PROMPTTYPE_NORMAL = 0,
    MI_PROMPTTYPE_CRITICAL = 1
}
MI_PromptType;

/* How the client handles WriteError and PromptUser requests of an operation:
 * REPORT = callback is informational, INQUIRE = the client must answer,
 * IGNORE = no callback, answered automatically. */
typedef enum _MI_CallbackMode
{
    MI_CALLBACKMODE_REPORT = 0,
    MI_CALLBACKMODE_INQUIRE = 1,
    MI_CALLBACKMODE_IGNORE = 2
}
MI_CallbackMode;

typedef enum _MI_ProviderArchitecture
{
    MI_PROVIDER_ARCHITECTURE_32BIT = 0,
    MI_PROVIDER_ARCHITECTURE_64BIT = 1
}
MI_ProviderArchitecture;

typedef enum _MI_LocaleType
{
    MI_LOCALE_TYPE_REQUESTED_UI = 0,
    MI_LOCALE_TYPE_REQUESTED_DATA = 1,
    MI_LOCALE_TYPE_CLOSEST_UI = 2,
    MI_LOCALE_TYPE_CLOSEST_DATA = 3
}
MI_LocaleType;

/* Size of a locale buffer, terminating NUL included (MI_Context_GetLocale). */
#define MI_MAX_LOCALE_SIZE 128

typedef enum _MI_CancellationReason
{
    MI_REASON_NONE = 0,
    MI_REASON_TIMEOUT = 1,
    MI_REASON_SHUTDOWN = 2,
    MI_REASON_SERVICESTOP = 3
}
MI_CancellationReason;

#define MI_CancelationReason MI_CancellationReason
#define _MI_CancelationReason _MI_CancellationReason

/* Answers to PromptUser and WriteError requests. */
typedef enum _MI_OperationCallback_ResponseType
{
    MI_OperationCallback_ResponseType_No = 0,
    MI_OperationCallback_ResponseType_Yes = 1,
    MI_OperationCallback_ResponseType_NoToAll = 2,
    MI_OperationCallback_ResponseType_YesToAll = 3
}
MI_OperationCallback_ResponseType;

typedef enum _MI_SubscriptionDeliveryType
{
    MI_SubscriptionDeliveryType_Pull = 1,
    MI_SubscriptionDeliveryType_Push = 2
}
MI_SubscriptionDeliveryType;

typedef enum _MI_DestinationOptions_ImpersonationType
{
    MI_DestinationOptions_ImpersonationType_Default = 0,
    MI_DestinationOptions_ImpersonationType_None = 1,
    MI_DestinationOptions_ImpersonationType_Identify = 2,
    MI_DestinationOptions_ImpersonationType_Impersonate = 3,
    MI_DestinationOptions_ImpersonationType_Delegate = 4
}
MI_DestinationOptions_ImpersonationType;

/* Channels of WriteMessage; other values are custom channels. */
#define MI_WRITEMESSAGE_CHANNEL_WARNING 0
#define MI_WRITEMESSAGE_CHANNEL_VERBOSE 1
#define MI_WRITEMESSAGE_CHANNEL_DEBUG 2

/*
 * ===========================================================================
 * String constants
 * ===========================================================================
 */

/* Query languages (MI_Session_QueryInstances, MI_Session_Subscribe). */
#define MI_QUERY_DIALECT_WQL MI_T("WQL")
#define MI_QUERY_DIALECT_CQL MI_T("CQL")
#define MI_QUERY_DIALECT_SELECTOR MI_T("selectorFilter")

/* MI_UserCredentials.authenticationType values. */
#define MI_AUTH_TYPE_DEFAULT MI_T("Default")
#define MI_AUTH_TYPE_NONE MI_T("None")
#define MI_AUTH_TYPE_DIGEST MI_T("Digest")
#define MI_AUTH_TYPE_NEGO_WITH_CREDS MI_T("NegoWithCreds")
#define MI_AUTH_TYPE_NEGO_NO_CREDS MI_T("NegoNoCreds")
#define MI_AUTH_TYPE_BASIC MI_T("Basic")
#define MI_AUTH_TYPE_KERBEROS MI_T("Kerberos")
#define MI_AUTH_TYPE_CLIENT_CERTS MI_T("ClientCerts")
#define MI_AUTH_TYPE_NTLM MI_T("Ntlmdomain")
#define MI_AUTH_TYPE_CREDSSP MI_T("CredSSP")
#define MI_AUTH_TYPE_ISSUER_CERT MI_T("IssuerCert")

/* Destination option values. TRANPSORT is a historical spelling of TRANSPORT. */
#define MI_DESTINATIONOPTIONS_TRANSPORT_HTTP MI_T("HTTP")
#define MI_DESTINATIONOPTIONS_TRANSPORT_HTTPS MI_T("HTTPS")
#define MI_DESTINATIONOPTIONS_TRANPSORT_HTTPS MI_T("HTTPS")

#define MI_DESTINATIONOPTIONS_PROXY_TYPE_IE MI_T("IE")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_WINHTTP MI_T("WinHTTP")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_AUTO MI_T("Auto")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_NONE MI_T("None")

#define MI_DESTINATIONOPTIONS_PACKET_ENCODING_DEFAULT MI_T("default")
#define MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF8 MI_T("UTF8")
#define MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF16 MI_T("UTF16")

/* Special bookmarks for MI_SubscriptionDeliveryOptions_SetBookmark. */
#define MI_SUBSCRIBE_BOOKMARK_OLDEST MI_T("MI_SUBSCRIBE_BOOKMARK_OLDEST")
#define MI_SUBSCRIBE_BOOKMARK_NEWEST MI_T("MI_SUBSCRIBE_BOOKMARK_NEWEST")

/* Flags of MI_Serializer_SerializeClass / _SerializeInstance. */
#define MI_SERIALIZER_FLAGS_CLASS_DEEP 1
#define MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS 1

/*
 * ===========================================================================
 * MI_OPERATIONFLAGS_*: the `flags` argument of the MI_Session_* operations
 *
 * Choose at most one value from each group and OR the groups together.
 * The names with value 0 spell out each group's default.
 * ===========================================================================
 */

/* Acknowledgement of results. With MANUAL_ACK the result callback receives a
 * resultAcknowledgement function; the data stays valid and no further result
 * is delivered until it is called. Otherwise data lives only for the call. */
#define MI_OPERATIONFLAGS_AUTOMATIC_ACK_RESULTS 0x0000
#define MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS 0x0001

/* Type information of returned element values. */
#define MI_OPERATIONFLAGS_DEFAULT_RTTI 0
#define MI_OPERATIONFLAGS_BASIC_RTTI 0x0002
#define MI_OPERATIONFLAGS_FULL_RTTI 0x0004
#define MI_OPERATIONFLAGS_NO_RTTI 0x0400
#define MI_OPERATIONFLAGS_STANDARD_RTTI 0x0800

/* Localized (amended) qualifiers; not for Delete and Invoke. */
#define MI_OPERATIONFLAGS_NON_LOCALIZED_QUALIFIERS 0
#define MI_OPERATIONFLAGS_LOCALIZED_QUALIFIERS 0x0008

/* Properties marked Expensive. */
#define MI_OPERATIONFLAGS_NON_EXPENSIVE_PROPERTIES_ONLY 0
#define MI_OPERATIONFLAGS_EXPENSIVE_PROPERTIES 0x0040

/* Polymorphism. DEEP (default): the class and all subclasses, each with all
 * its properties. SHALLOW: the exact class only. DEEP_BASE_PROPS_ONLY:
 * subclasses too, trimmed to the requested class's properties. Note that
 * 0x0180 contains the SHALLOW bit: test for it before testing SHALLOW. */
#define MI_OPERATIONFLAGS_POLYMORPHISM_DEEP 0
#define MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW 0x0080
#define MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY 0x0180

/* Ask for an early empty result (NULL object, moreResults TRUE) once the
 * operation has started. Best effort. */
#define MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED 0x0200

/*
 * ===========================================================================
 * Module flags (MI_Module.flags): what the provider's generator emitted
 * ===========================================================================
 */

#define MI_MODULE_FLAG_STANDARD_QUALIFIERS (1 << 0)
#define MI_MODULE_FLAG_DESCRIPTIONS (1 << 1)
#define MI_MODULE_FLAG_VALUES (1 << 2)
#define MI_MODULE_FLAG_MAPPING_STRINGS (1 << 3)
#define MI_MODULE_FLAG_BOOLEANS (1 << 4)
#define MI_MODULE_FLAG_CPLUSPLUS (1 << 5)
#define MI_MODULE_FLAG_LOCALIZED (1 << 6)
/* The module's providers accept a non-NULL MI_Filter. */
#define MI_MODULE_FLAG_FILTER_SUPPORT (1 << 7)

#if MI_API_VERSION >= 2
/* Kinds of lifecycle indication (MI_LifecycleIndicationContext). */
#define MI_LIFECYCLE_INDICATION_NONE 0
#define MI_LIFECYCLE_INDICATION_CREATE 1
#define MI_LIFECYCLE_INDICATION_MODIFY 2
#define MI_LIFECYCLE_INDICATION_DELETE 4
#define MI_LIFECYCLE_INDICATION_READ 8
#define MI_LIFECYCLE_INDICATION_METHODCALL 16
#define MI_LIFECYCLE_INDICATION_ALL 31
#endif

/*
 * ===========================================================================
 * Schema declarations (run-time type information)
 *
 * Static, usually generated, descriptions of classes, properties, methods,
 * parameters and qualifiers. Every feature declaration starts with the same
 * members as MI_FeatureDecl:
 *   flags          MI_FLAG_* (meta type plus boolean-qualifier bits)
 *   code           hash of the name: (tolower(name[0]) << 16) |
 *                  (tolower(name[len-1]) << 8) | len, 0 for an empty name
 *                  (len is not masked, so names of 256+ characters spill into
 *                  the middle byte). Lookups compare code first, then the
 *                  name case-insensitively.
 *   name           the name as declared
 *   qualifiers     numQualifiers pointers to MI_Qualifier
 *
 * `value` members (qualifier values, property defaults) point to a constant
 * of the element's C type: MI_Uint32, MI_Boolean, ...; for MI_STRING to a
 * `const MI_Char*` variable; for arrays to an MI_Const<T>A; NULL = no value.
 * ===========================================================================
 */

typedef struct _MI_FeatureDecl
{
    MI_Uint32 flags;
    MI_Uint32 code;
    MI_CONST MI_Char* name;
    MI_Qualifier MI_CONST* MI_CONST* qualifiers;
    MI_Uint32 numQualifiers;
}
MI_FeatureDecl;

/* Common base of MI_ClassDecl and MI_MethodDecl. */
typedef struct _MI_ObjectDecl
{
    MI_Uint32 flags;
    MI_Uint32 code;
    MI_CONST MI_Char* name;
    MI_Qualifier MI_CONST* MI_CONST* qualifiers;
    MI_Uint32 numQualifiers;
    struct _MI_PropertyDecl MI_CONST* MI_CONST* properties;
    MI_Uint32 numProperties;
    MI_Uint32 size;
}
MI_ObjectDecl;

/* A method parameter. MIReturn, the return value, is the first parameter
 * of a method that returns something. */
typedef struct _MI_ParameterDecl
{
    MI_Uint32 flags;
    MI_Uint32 code;
    MI_CONST MI_Char* name;
    MI_Qualifier MI_CONST* MI_CONST* qualifiers;
    MI_Uint32 numQualifiers;
    MI_Uint32 type;                 /* MI_Type */
    MI_CONST MI_Char* className;    /* class of a reference/embedded instance, else NULL */
    MI_Uint32 subscript;            /* fixed array size, else 0 */
    MI_Uint32 offset;               /* offset of the field in the parameter struct */
}
MI_ParameterDecl;

/* A property. A class declaration lists all its properties, inherited ones
 * first (root class to leaf), each class with its own MI_PropertyDecl. */
typedef struct _MI_PropertyDecl
{
    MI_Uint32 flags;
    MI_Uint32 code;
    MI_CONST MI_Char* name;
    MI_Qualifier MI_CONST* MI_CONST* qualifiers;
    MI_Uint32 numQualifiers;
    MI_Uint32 type;                 /* MI_Type */
    MI_CONST MI_Char* className;    /* class of a reference/embedded instance, else NULL */
    MI_Uint32 subscript;            /* fixed array size, else 0 */
    MI_Uint32 offset;               /* offset of the field in the instance struct */
    MI_CONST MI_Char* origin;       /* class that first declared the property */
    MI_CONST MI_Char* propagator;   /* class whose declaration is in effect */
    MI_CONST void* value;           /* default value, or NULL */
}
MI_PropertyDecl;

/* Per-method provider entry point (generated <Class>_Invoke_<Method>). */
typedef void (MI_CALL *MI_MethodDecl_Invoke)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Char* methodName,
    const MI_Instance* instanceName,
    const MI_Instance* parameters);

struct _MI_MethodDecl
{
    MI_Uint32 flags;
    MI_Uint32 code;
    MI_CONST MI_Char* name;
    MI_Qualifier MI_CONST* MI_CONST* qualifiers;
    MI_Uint32 numQualifiers;
    struct _MI_ParameterDecl MI_CONST* MI_CONST* parameters;
    MI_Uint32 numParameters;
    MI_Uint32 size;                 /* size of the generated parameter struct */
    MI_Uint32 returnType;           /* MI_Type of the return value */
    MI_CONST MI_Char* origin;
    MI_CONST MI_Char* propagator;
    struct _MI_SchemaDecl MI_CONST* schema;
    MI_MethodDecl_Invoke function;
};

struct _MI_ClassDecl
{
    MI_Uint32 flags;
    MI_Uint32 code;
    MI_CONST MI_Char* name;
    MI_Qualifier MI_CONST* MI_CONST* qualifiers;
    MI_Uint32 numQualifiers;
    struct _MI_PropertyDecl MI_CONST* MI_CONST* properties;
    MI_Uint32 numProperties;
    MI_Uint32 size;                 /* size of the generated instance struct */
    MI_CONST MI_Char* superClass;   /* NULL for a root class */
    MI_ClassDecl MI_CONST* superClassDecl;
    struct _MI_MethodDecl MI_CONST* MI_CONST* methods;
    MI_Uint32 numMethods;
    struct _MI_SchemaDecl MI_CONST* schema;
    MI_CONST MI_ProviderFT* providerFT; /* NULL when no provider serves the class */
    /* NULL for static declarations; (MI_Class*)-1 marks a declaration that
     * the library synthesised for a dynamic instance. Generated initialisers
     * stop before this member. */
    MI_Class* owningClass;
};

typedef struct _MI_QualifierDecl
{
    MI_CONST MI_Char* name;
    MI_Uint32 type;                 /* MI_Type */
    MI_Uint32 scope;                /* meta-type bits where it may appear (MI_FLAG_ANY = all) */
    MI_Uint32 flavor;               /* flavor bits */
    MI_Uint32 subscript;
    MI_CONST void* value;           /* default value, or NULL */
}
MI_QualifierDecl;

struct _MI_Qualifier
{
    MI_CONST MI_Char* name;
    MI_Uint32 type;                 /* MI_Type */
    MI_Uint32 flavor;
    MI_CONST void* value;
};

typedef struct _MI_SchemaDecl
{
    MI_QualifierDecl MI_CONST* MI_CONST* qualifierDecls;
    MI_Uint32 numQualifierDecls;
    MI_ClassDecl MI_CONST* MI_CONST* classDecls;
    MI_Uint32 numClassDecls;
}
MI_SchemaDecl;

/*
 * ===========================================================================
 * MI_Instance
 *
 * An instance (or an object path when used as a reference, or a parameter
 * set). classDecl always points to a valid declaration; serverName and
 * nameSpace may be NULL. A schema-bound instance built by a provider is a
 * generated struct whose first member is an MI_Instance (see MI_InstanceOf).
 * ===========================================================================
 */

struct _MI_Instance
{
    const MI_InstanceFT* ft;
    const MI_ClassDecl* classDecl;
    const MI_Char* serverName;
    const MI_Char* nameSpace;
    ptrdiff_t reserved[4];
};

/* Turn a pointer to a generated instance struct into an MI_Instance*. */
#define MI_InstanceOf(inst) (&(inst)->__instance)

/* windows.h may define GetClassName as a macro; it would rename the member. */
#ifdef GetClassName
# undef GetClassName
#endif

struct _MI_InstanceFT
{
    MI_Result (MI_CALL *Clone)(const MI_Instance* self, MI_Instance** newInstance);
    MI_Result (MI_CALL *Destruct)(MI_Instance* self);
    MI_Result (MI_CALL *Delete)(MI_Instance* self);
    MI_Result (MI_CALL *IsA)(const MI_Instance* self, const MI_ClassDecl* classDecl, MI_Boolean* flag);
    MI_Result (MI_CALL *GetClassName)(const MI_Instance* self, const MI_Char** className);
    MI_Result (MI_CALL *SetNameSpace)(MI_Instance* self, const MI_Char* nameSpace);
    MI_Result (MI_CALL *GetNameSpace)(const MI_Instance* self, const MI_Char** nameSpace);
    MI_Result (MI_CALL *GetElementCount)(const MI_Instance* self, MI_Uint32* count);
    MI_Result (MI_CALL *AddElement)(MI_Instance* self, const MI_Char* name,
        const MI_Value* value, MI_Type type, MI_Uint32 flags);
    MI_Result (MI_CALL *SetElement)(MI_Instance* self, const MI_Char* name,
        const MI_Value* value, MI_Type type, MI_Uint32 flags);
    MI_Result (MI_CALL *SetElementAt)(MI_Instance* self, MI_Uint32 index,
        const MI_Value* value, MI_Type type, MI_Uint32 flags);
    MI_Result (MI_CALL *GetElement)(const MI_Instance* self, const MI_Char* name,
        MI_Value* value, MI_Type* type, MI_Uint32* flags, MI_Uint32* index);
    MI_Result (MI_CALL *GetElementAt)(const MI_Instance* self, MI_Uint32 index,
        const MI_Char** name, MI_Value* value, MI_Type* type, MI_Uint32* flags);
    MI_Result (MI_CALL *ClearElement)(MI_Instance* self, const MI_Char* name);
    MI_Result (MI_CALL *ClearElementAt)(MI_Instance* self, MI_Uint32 index);
    MI_Result (MI_CALL *GetServerName)(const MI_Instance* self, const MI_Char** name);
    MI_Result (MI_CALL *SetServerName)(MI_Instance* self, const MI_Char* name);
    MI_Result (MI_CALL *GetClass)(const MI_Instance* self, MI_Class** instanceClass);
};

/* Instance table of classes flagged MI_FLAG_EXTENDED (libmi never sets it). */
struct _MI_InstanceExFT
{
    MI_InstanceFT parent;
    MI_Result (MI_CALL *Normalize)(MI_Instance** self);
};

/*
 * ===========================================================================
 * MI_Class, MI_QualifierSet, MI_ParameterSet (client view of a class)
 *
 * A class delivered by an operation belongs to the operation; one returned
 * by MI_Class_Clone, MI_Instance_GetClass, MI_Class_GetParentClass or
 * MI_Application_NewClass belongs to the caller (MI_Class_Delete).
 * Qualifier and parameter sets are filled into caller storage and stay
 * valid as long as the class they came from.
 * ===========================================================================
 */

typedef struct _MI_QualifierSetFT MI_QualifierSetFT;
typedef struct _MI_ParameterSetFT MI_ParameterSetFT;

typedef struct _MI_QualifierSet
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_QualifierSetFT* ft;
}
MI_QualifierSet;

typedef struct _MI_ParameterSet
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_ParameterSetFT* ft;
}
MI_ParameterSet;

struct _MI_QualifierSetFT
{
    MI_Result (MI_CALL *GetQualifierCount)(const MI_QualifierSet* self, MI_Uint32* count);
    MI_Result (MI_CALL *GetQualifierAt)(const MI_QualifierSet* self, MI_Uint32 index,
        const MI_Char** name, MI_Type* qualifierType, MI_Uint32* qualifierFlags,
        MI_Value* qualifierValue);
    MI_Result (MI_CALL *GetQualifier)(const MI_QualifierSet* self, const MI_Char* name,
        MI_Type* qualifierType, MI_Uint32* qualifierFlags, MI_Value* qualifierValue,
        MI_Uint32* index);
};

struct _MI_ParameterSetFT
{
    MI_Result (MI_CALL *GetMethodReturnType)(const MI_ParameterSet* self,
        MI_Type* returnType, MI_QualifierSet* qualifierSet);
    MI_Result (MI_CALL *GetParameterCount)(const MI_ParameterSet* self, MI_Uint32* count);
    MI_Result (MI_CALL *GetParameterAt)(const MI_ParameterSet* self, MI_Uint32 index,
        const MI_Char** name, MI_Type* parameterType, MI_Char** referenceClass,
        MI_QualifierSet* qualifierSet);
    MI_Result (MI_CALL *GetParameter)(const MI_ParameterSet* self, const MI_Char* name,
        MI_Type* parameterType, MI_Char** referenceClass, MI_QualifierSet* qualifierSet,
        MI_Uint32* index);
};

struct _MI_Class
{
    const MI_ClassFT* ft;
    MI_CONST MI_ClassDecl* classDecl;
    MI_CONST MI_Char* namespaceName;
    MI_CONST MI_Char* serverName;
    ptrdiff_t reserved[4];
};

struct _MI_ClassFT
{
    MI_Result (MI_CALL *GetClassName)(const MI_Class* self, const MI_Char** className);
    MI_Result (MI_CALL *GetNameSpace)(const MI_Class* self, const MI_Char** nameSpace);
    MI_Result (MI_CALL *GetServerName)(const MI_Class* self, const MI_Char** serverName);
    MI_Result (MI_CALL *GetElementCount)(const MI_Class* self, MI_Uint32* count);
    MI_Result (MI_CALL *GetElement)(const MI_Class* self, const MI_Char* name,
        MI_Value* value, MI_Boolean* valueExists, MI_Type* type, MI_Char** referenceClass,
        MI_QualifierSet* qualifierSet, MI_Uint32* flags, MI_Uint32* index);
    MI_Result (MI_CALL *GetElementAt)(const MI_Class* self, MI_Uint32 index,
        const MI_Char** name, MI_Value* value, MI_Boolean* valueExists, MI_Type* type,
        MI_Char** referenceClass, MI_QualifierSet* qualifierSet, MI_Uint32* flags);
    MI_Result (MI_CALL *GetClassQualifierSet)(const MI_Class* self, MI_QualifierSet* qualifierSet);
    MI_Result (MI_CALL *GetMethodCount)(const MI_Class* self, MI_Uint32* count);
    MI_Result (MI_CALL *GetMethodAt)(const MI_Class* self, MI_Uint32 index,
        const MI_Char** name, MI_QualifierSet* qualifierSet, MI_ParameterSet* parameterSet);
    MI_Result (MI_CALL *GetMethod)(const MI_Class* self, const MI_Char* name,
        MI_QualifierSet* qualifierSet, MI_ParameterSet* parameterSet, MI_Uint32* index);
    MI_Result (MI_CALL *GetParentClassName)(const MI_Class* self, const MI_Char** name);
    MI_Result (MI_CALL *GetParentClass)(const MI_Class* self, MI_Class** parentClass);
    MI_Result (MI_CALL *Delete)(MI_Class* self);
    MI_Result (MI_CALL *Clone)(const MI_Class* self, MI_Class** newClass);
};

/*
 * ===========================================================================
 * MI_PropertySet and MI_Filter (provider side)
 *
 * A property set lists the properties a client asked for (NULL set = all,
 * empty set = none). A filter is the query a provider may pre-apply when its
 * module sets MI_MODULE_FLAG_FILTER_SUPPORT.
 * ===========================================================================
 */

struct _MI_PropertySetFT
{
    MI_Result (MI_CALL *GetElementCount)(const MI_PropertySet* self, MI_Uint32* count);
    MI_Result (MI_CALL *ContainsElement)(const MI_PropertySet* self, const MI_Char* name,
        MI_Boolean* flag);
    MI_Result (MI_CALL *AddElement)(MI_PropertySet* self, const MI_Char* name);
    MI_Result (MI_CALL *GetElementAt)(const MI_PropertySet* self, MI_Uint32 index,
        const MI_Char** name);
    MI_Result (MI_CALL *Clear)(MI_PropertySet* self);
    MI_Result (MI_CALL *Destruct)(MI_PropertySet* self);
    MI_Result (MI_CALL *Delete)(MI_PropertySet* self);
    MI_Result (MI_CALL *Clone)(const MI_PropertySet* self, MI_PropertySet** newPropertySet);
};

struct _MI_PropertySet
{
    const MI_PropertySetFT* ft;
    ptrdiff_t reserved[3];
};

struct _MI_FilterFT
{
    MI_Result (MI_CALL *Evaluate)(const MI_Filter* self, const MI_Instance* instance,
        MI_Boolean* result);
    MI_Result (MI_CALL *GetExpression)(const MI_Filter* self, const MI_Char** queryLang,
        const MI_Char** queryExpr);
};

struct _MI_Filter
{
    const MI_FilterFT* ft;
    ptrdiff_t reserved[3];
};

/*
 * ===========================================================================
 * MI_Context: the server's services for one provider request
 *
 * Request contract: for every call it receives (except EnableIndications,
 * whose context stays open until DisableIndications), a provider posts zero
 * or more objects (PostInstance, PostIndication) and then exactly one
 * terminal status: PostResult, PostError or PostCimError. After the terminal
 * post the context is dead. Posts may come after the provider function has
 * returned and from any thread. Posted instances are copied by the server;
 * instances handed to the provider stay valid until its terminal post.
 * ===========================================================================
 */

typedef void (MI_CALL *MI_CancelCallback)(MI_CancellationReason reason, void* callbackData);

#if MI_API_VERSION >= 2
typedef struct _MI_LifecycleIndicationContext MI_LifecycleIndicationContext;
#endif

struct _MI_ContextFT
{
    MI_Result (MI_CALL *PostResult)(MI_Context* context, MI_Result result);
    MI_Result (MI_CALL *PostInstance)(MI_Context* context, const MI_Instance* instance);
    MI_Result (MI_CALL *PostIndication)(MI_Context* context, const MI_Instance* indication,
        MI_Uint32 subscriptionIDCount, const MI_Char* bookmark);
    MI_Result (MI_CALL *ConstructInstance)(MI_Context* context, const MI_ClassDecl* classDecl,
        MI_Instance* instance);
    MI_Result (MI_CALL *ConstructParameters)(MI_Context* context, const MI_MethodDecl* methodDecl,
        MI_Instance* instance);
    MI_Result (MI_CALL *NewInstance)(MI_Context* context, const MI_ClassDecl* classDecl,
        MI_Instance** instance);
    MI_Result (MI_CALL *NewDynamicInstance)(MI_Context* context, const MI_Char* className,
        MI_Uint32 flags, MI_Instance** instance);
    MI_Result (MI_CALL *NewParameters)(MI_Context* context, const MI_MethodDecl* methodDecl,
        MI_Instance** instance);
    MI_Result (MI_CALL *Canceled)(const MI_Context* context, MI_Boolean* flag);
    MI_Result (MI_CALL *GetLocale)(const MI_Context* context, MI_LocaleType localeType,
        MI_Char locale[MI_MAX_LOCALE_SIZE]);
    MI_Result (MI_CALL *RegisterCancel)(MI_Context* context, MI_CancelCallback callback,
        void* callbackData);
    MI_Result (MI_CALL *RequestUnload)(MI_Context* context);
    MI_Result (MI_CALL *RefuseUnload)(MI_Context* context);
    MI_Result (MI_CALL *GetLocalSession)(const MI_Context* context, MI_Session* session);
    MI_Result (MI_CALL *SetStringOption)(MI_Context* context, const MI_Char* name,
        const MI_Char* value);
    MI_Result (MI_CALL *GetStringOption)(MI_Context* context, const MI_Char* name,
        const MI_Char** value);
    MI_Result (MI_CALL *GetNumberOption)(MI_Context* context, const MI_Char* name,
        MI_Uint32* value);
    MI_Result (MI_CALL *GetCustomOption)(MI_Context* context, const MI_Char* name,
        MI_Type* valueType, MI_Value* value);
    MI_Result (MI_CALL *GetCustomOptionCount)(MI_Context* context, MI_Uint32* count);
    MI_Result (MI_CALL *GetCustomOptionAt)(MI_Context* context, MI_Uint32 index,
        const MI_Char** name, MI_Type* valueType, MI_Value* value);
    MI_Result (MI_CALL *WriteMessage)(MI_Context* context, MI_Uint32 channel,
        const MI_Char* message);
    MI_Result (MI_CALL *WriteProgress)(MI_Context* context, const MI_Char* activity,
        const MI_Char* currentOperation, const MI_Char* statusDescription,
        MI_Uint32 percentComplete, MI_Uint32 secondsRemaining);
    MI_Result (MI_CALL *WriteStreamParameter)(MI_Context* context, const MI_Char* name,
        const MI_Value* value, MI_Type type, MI_Uint32 flags);
    MI_Result (MI_CALL *WriteCimError)(MI_Context* context, const MI_Instance* error,
        MI_Boolean* flag);
    MI_Result (MI_CALL *PromptUser)(MI_Context* context, const MI_Char* message,
        MI_PromptType promptType, MI_Boolean* result);
    MI_Result (MI_CALL *ShouldProcess)(MI_Context* context, const MI_Char* target,
        const MI_Char* action, MI_Boolean* result);
    MI_Result (MI_CALL *ShouldContinue)(MI_Context* context, const MI_Char* message,
        MI_Boolean* result);
    MI_Result (MI_CALL *PostError)(MI_Context* context, MI_Uint32 resultCode,
        const MI_Char* resultType, const MI_Char* errorMessage);
    MI_Result (MI_CALL *PostCimError)(MI_Context* context, const MI_Instance* error);
    MI_Result (MI_CALL *WriteError)(MI_Context* context, MI_Uint32 resultCode,
        const MI_Char* resultType, const MI_Char* errorMessage, MI_Boolean* flag);
#if MI_API_VERSION >= 2
    /* Appended after the 30 original slots; valid only inside a class
     * provider's Load. */
    MI_Result (MI_CALL *GetLifecycleIndicationContext)(const MI_Context* context,
        MI_LifecycleIndicationContext** lifecycleContext);
#endif
};

struct _MI_Context
{
    const MI_ContextFT* ft;
    ptrdiff_t reserved[3];
};

#if MI_API_VERSION >= 2
/*
 * Lifecycle indications. A class provider obtains this context in its Load
 * and posts what happens to its instances; the server turns the posts into
 * CIM_InstCreation / InstModification / InstDeletion / InstRead /
 * InstMethodCall indications for the current subscribers. PostResult here
 * ends the current lifecycle subscriptions; it is not a terminal post.
 */
typedef struct _MI_LifecycleIndicationContextFT MI_LifecycleIndicationContextFT;

/* Called when the set of subscribed kinds (MI_LIFECYCLE_INDICATION_*) changes. */
typedef void (MI_CALL *MI_LifecycleIndicationCallback)(MI_Uint32 types, void* callbackData);

struct _MI_LifecycleIndicationContextFT
{
    MI_Result (MI_CALL *PostCreate)(MI_LifecycleIndicationContext* context,
        const MI_Instance* instance);
    MI_Result (MI_CALL *PostModify)(MI_LifecycleIndicationContext* context,
        const MI_Instance* originalInstance, const MI_Instance* instance);
    MI_Result (MI_CALL *PostDelete)(MI_LifecycleIndicationContext* context,
        const MI_Instance* originalInstance);
    MI_Result (MI_CALL *PostRead)(MI_LifecycleIndicationContext* context,
        const MI_Instance* instance);
    MI_Result (MI_CALL *PostMethodCall)(MI_LifecycleIndicationContext* context,
        const MI_Instance* instance, const MI_Char* methodName, MI_Boolean precall,
        const MI_Instance* parameter, const MI_Char* returnvalue);
    MI_Result (MI_CALL *PostResult)(MI_LifecycleIndicationContext* context, MI_Result result);
    MI_Result (MI_CALL *ConstructInstance)(MI_LifecycleIndicationContext* context,
        const MI_ClassDecl* classDecl, MI_Instance* instance);
    MI_Result (MI_CALL *ConstructParameters)(MI_LifecycleIndicationContext* context,
        const MI_MethodDecl* methodDecl, MI_Instance* instance);
    MI_Result (MI_CALL *NewInstance)(MI_LifecycleIndicationContext* context,
        const MI_ClassDecl* classDecl, MI_Instance** instance);
    MI_Result (MI_CALL *NewDynamicInstance)(MI_LifecycleIndicationContext* context,
        const MI_Char* className, MI_Uint32 flags, MI_Instance** instance);
    MI_Result (MI_CALL *NewParameters)(MI_LifecycleIndicationContext* context,
        const MI_MethodDecl* methodDecl, MI_Instance** instance);
    MI_Result (MI_CALL *SetSupportedTypes)(MI_LifecycleIndicationContext* context,
        MI_Uint32 types);
    MI_Result (MI_CALL *GetTypes)(const MI_LifecycleIndicationContext* context,
        MI_Uint32* types);
    MI_Result (MI_CALL *RegisterCallback)(MI_LifecycleIndicationContext* context,
        MI_LifecycleIndicationCallback callback, void* callbackData);
};

struct _MI_LifecycleIndicationContext
{
    const MI_LifecycleIndicationContextFT* ft;
    ptrdiff_t reserved[3];
};
#endif /* MI_API_VERSION >= 2 */

/*
 * ===========================================================================
 * Provider entry points (MI_ProviderFT)
 *
 * One table per class. A NULL slot means "not supported": the server answers
 * MI_RESULT_NOT_SUPPORTED, except that it may emulate GetInstance,
 * AssociatorInstances and ReferenceInstances through EnumerateInstances.
 * EnumerateInstances is never polymorphic: post only instances of exactly
 * className. propertySet NULL = all properties wanted. filter is non-NULL
 * only for modules with MI_MODULE_FLAG_FILTER_SUPPORT. Generated code casts
 * its typed functions to these types (same ABI).
 * ===========================================================================
 */

typedef struct _MI_Module_Self MI_Module_Self;

/* Called once before the class's first request; sets *self (or NULL) and
 * posts a result on context. */
typedef void (MI_CALL *MI_ProviderFT_Load)(
    void** self,
    MI_Module_Self* selfModule,
    MI_Context* context);

/* Called after the last request; releases self and posts a result. */
typedef void (MI_CALL *MI_ProviderFT_Unload)(
    void* self,
    MI_Context* context);

typedef void (MI_CALL *MI_ProviderFT_GetInstance)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Instance* instanceName,
    const MI_PropertySet* propertySet);

typedef void (MI_CALL *MI_ProviderFT_EnumerateInstances)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_PropertySet* propertySet,
    MI_Boolean keysOnly,
    const MI_Filter* filter);

typedef void (MI_CALL *MI_ProviderFT_CreateInstance)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Instance* newInstance);

typedef void (MI_CALL *MI_ProviderFT_ModifyInstance)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Instance* modifiedInstance,
    const MI_PropertySet* propertySet);

typedef void (MI_CALL *MI_ProviderFT_DeleteInstance)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Instance* instanceName);

typedef void (MI_CALL *MI_ProviderFT_AssociatorInstances)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Instance* instanceName,
    const MI_Char* resultClass,
    const MI_Char* role,
    const MI_Char* resultRole,
    const MI_PropertySet* propertySet,
    MI_Boolean keysOnly,
    const MI_Filter* filter);

typedef void (MI_CALL *MI_ProviderFT_ReferenceInstances)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Instance* instanceName,
    const MI_Char* role,
    const MI_PropertySet* propertySet,
    MI_Boolean keysOnly,
    const MI_Filter* filter);

/* Indications are posted on indicationsContext from Enable until Disable;
 * Enable posts no result, Disable closes the context with PostResult. */
typedef void (MI_CALL *MI_ProviderFT_EnableIndications)(
    void* self,
    MI_Context* indicationsContext,
    const MI_Char* nameSpace,
    const MI_Char* className);

typedef void (MI_CALL *MI_ProviderFT_DisableIndications)(
    void* self,
    MI_Context* indicationsContext,
    const MI_Char* nameSpace,
    const MI_Char* className);

typedef void (MI_CALL *MI_ProviderFT_Subscribe)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Filter* filter,
    const MI_Char* bookmark,
    MI_Uint64 subscriptionID,
    void** subscriptionSelf);

typedef void (MI_CALL *MI_ProviderFT_Unsubscribe)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    MI_Uint64 subscriptionID,
    void* subscriptionSelf);

typedef void (MI_CALL *MI_ProviderFT_Invoke)(
    void* self,
    MI_Context* context,
    const MI_Char* nameSpace,
    const MI_Char* className,
    const MI_Char* methodName,
    const MI_Instance* instanceName,
    const MI_Instance* inputParameters);

struct _MI_ProviderFT
{
    MI_ProviderFT_Load Load;
    MI_ProviderFT_Unload Unload;
    MI_ProviderFT_GetInstance GetInstance;
    MI_ProviderFT_EnumerateInstances EnumerateInstances;
    MI_ProviderFT_CreateInstance CreateInstance;
    MI_ProviderFT_ModifyInstance ModifyInstance;
    MI_ProviderFT_DeleteInstance DeleteInstance;
    MI_ProviderFT_AssociatorInstances AssociatorInstances;
    MI_ProviderFT_ReferenceInstances ReferenceInstances;
    MI_ProviderFT_EnableIndications EnableIndications;
    MI_ProviderFT_DisableIndications DisableIndications;
    MI_ProviderFT_Subscribe Subscribe;
    MI_ProviderFT_Unsubscribe Unsubscribe;
    MI_ProviderFT_Invoke Invoke;
};

/*
 * ===========================================================================
 * Provider modules: MI_Module, MI_Server, MI_Main
 * ===========================================================================
 */

/* Module initialisation; completes when the module posts a result on
 * context (possibly later, from another thread). */
typedef void (MI_CALL *MI_Module_Load)(MI_Module_Self** self, MI_Context* context);

/* Module cleanup, after every class provider has been unloaded. */
typedef void (MI_CALL *MI_Module_Unload)(MI_Module_Self* self, MI_Context* context);

struct _MI_Module
{
    MI_Uint32 version;              /* MI_VERSION the module was built with */
    MI_Uint32 generatorVersion;     /* version of the code generator */
    MI_Uint32 flags;                /* MI_MODULE_FLAG_* */
    MI_Uint32 charSize;             /* sizeof(MI_Char); must be 1 for libmi */
    MI_SchemaDecl* schemaDecl;      /* the module's classes, or NULL */
    MI_Module_Load Load;
    MI_Module_Unload Unload;
    const MI_ProviderFT* dynamicProviderFT; /* catch-all provider, or NULL */
};

struct _MI_ServerFT
{
    MI_Result (MI_CALL *GetVersion)(MI_Uint32* version);
    MI_Result (MI_CALL *GetSystemName)(const MI_Char** systemName);
};

/* What the server hands to MI_Main: its own tables. */
struct _MI_Server
{
    const MI_ServerFT* serverFT;
    const MI_ContextFT* contextFT;
    const MI_InstanceFT* instanceFT;
    const MI_PropertySetFT* propertySetFT;
    const MI_FilterFT* filterFT;
};

/* Entry point of a provider module. It keeps `server`, fills a static
 * MI_Module and returns it; it does no other work (that belongs in Load). */
typedef MI_Module* (MI_MAIN_CALL *MI_MainFunction)(MI_Server* server);

MI_EXTERN_C MI_EXPORT MI_Module* MI_MAIN_CALL MI_Main(MI_Server* server);

/* Defined by each provider module (generated schema.c), forwarding to the
 * MI_Server it received. GetVersion yields the server's MI_VERSION;
 * GetSystemName the host name to use in key properties (lives for the whole
 * process). Both fail with MI_RESULT_INVALID_PARAMETER on a NULL pointer. */
MI_EXTERN_C MI_Result MI_CALL MI_Server_GetVersion(MI_Uint32* version);
MI_EXTERN_C MI_Result MI_CALL MI_Server_GetSystemName(const MI_Char** systemName);

/*
 * ===========================================================================
 * Client handles
 *
 * Handles are small value structs owned by the program (declare them on the
 * stack, initialised with the matching *_NULL macro) and copied by value;
 * the library's state hangs off the reserved members. Every handle that was
 * opened must be closed (or deleted) exactly once. Closing order:
 * operations, then sessions, then the application; option objects and
 * instances are independent and may be deleted any time after use.
 * ===========================================================================
 */

typedef struct _MI_ApplicationFT MI_ApplicationFT;
typedef struct _MI_SessionFT MI_SessionFT;
typedef struct _MI_OperationFT MI_OperationFT;
typedef struct _MI_HostedProviderFT MI_HostedProviderFT;
typedef struct _MI_DestinationOptionsFT MI_DestinationOptionsFT;
typedef struct _MI_OperationOptionsFT MI_OperationOptionsFT;
typedef struct _MI_SubscriptionDeliveryOptionsFT MI_SubscriptionDeliveryOptionsFT;
typedef struct _MI_SerializerFT MI_SerializerFT;
typedef struct _MI_DeserializerFT MI_DeserializerFT;
typedef struct _MI_UtilitiesFT MI_UtilitiesFT;

struct _MI_Application
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_ApplicationFT* ft;
};

struct _MI_Session
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_SessionFT* ft;
};

struct _MI_Operation
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_OperationFT* ft;
};

typedef struct _MI_HostedProvider
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_HostedProviderFT* ft;
}
MI_HostedProvider;

typedef struct _MI_DestinationOptions
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_DestinationOptionsFT* ft;
}
MI_DestinationOptions;

typedef struct _MI_OperationOptions
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_OperationOptionsFT* ft;
}
MI_OperationOptions;

typedef struct _MI_SubscriptionDeliveryOptions
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_SubscriptionDeliveryOptionsFT* ft;
}
MI_SubscriptionDeliveryOptions;

/* Serializers have no ft: their calls go through mi_clientFT. */
typedef struct _MI_Serializer
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
}
MI_Serializer;

typedef struct _MI_Deserializer
{
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
}
MI_Deserializer;

#define MI_APPLICATION_NULL { 0, 0, NULL }
#define MI_SESSION_NULL { 0, 0, NULL }
#define MI_OPERATION_NULL { 0, 0, NULL }
#define MI_HOSTEDPROVIDER_NULL { 0, 0, NULL }
#define MI_DESTINATIONOPTIONS_NULL { 0, 0, NULL }
#define MI_OPERATIONOPTIONS_NULL { 0, 0, NULL }
#define MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL { 0, 0, NULL }

/*
 * ===========================================================================
 * Credentials
 * ===========================================================================
 */

typedef struct _MI_UsernamePasswordCreds
{
    const MI_Char* domain;
    const MI_Char* username;
    const MI_Char* password;
}
MI_UsernamePasswordCreds;

/* authenticationType is an MI_AUTH_TYPE_* string. ClientCerts uses
 * certificateThumbprint; the password-based types use usernamePassword;
 * NegoNoCreds and Default use the process identity. */
typedef struct _MI_UserCredentials
{
    const MI_Char* authenticationType;
    union
    {
        MI_UsernamePasswordCreds usernamePassword;
        const MI_Char* certificateThumbprint;
    }
    credentials;
}
MI_UserCredentials;

/*
 * ===========================================================================
 * Operation callbacks and the result-delivery contract
 *
 * An operation started by an MI_Session_* call is asynchronous when the
 * result callback matching its kind is set (instanceResult for instance
 * operations and TestConnection, indicationResult for Subscribe, classResult
 * for GetClass/EnumerateClasses); otherwise it is synchronous and its
 * results are pulled with MI_Operation_GetInstance / GetIndication /
 * GetClass. The other callbacks may be used in either mode.
 *
 *  - An operation yields zero or more results, then exactly one final
 *    result (moreResults == MI_FALSE) that carries the outcome: resultCode,
 *    plus errorString and an error-details instance on failure. A final
 *    result may also carry an object. Nothing is delivered after it.
 *  - MI_Session_* never fails silently: even an invalid call produces its
 *    final result through the result path, and *operation is always
 *    initialised. Every operation must then be closed exactly once with
 *    MI_Operation_Close (an async one may be closed from its final callback).
 *  - Functions that return an MI_Result and take a callback fire no callback
 *    when they fail; when they return MI_RESULT_OK the callback fires once.
 *  - Data handed to a result callback (object, errorString, errorDetails,
 *    bookmark, machineID) is valid until the callback returns; in that mode
 *    resultAcknowledgement is NULL. With MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS
 *    it stays valid until the program calls resultAcknowledgement(operation)
 *    (from any thread), and no further result arrives before that. Clone
 *    what must outlive it.
 *  - Results of a synchronous operation stay valid until the next
 *    MI_Operation_Get* call on it or MI_Operation_Close.
 *  - Callbacks run on library threads. Callbacks of one operation never run
 *    concurrently; callbacks of different operations may. Inside a callback
 *    the program may close or cancel operations, acknowledge, answer
 *    prompts, read and clone objects, start asynchronous operations and call
 *    MI_Session_Close with a completion callback; it must not call
 *    MI_Application_Close, a blocking MI_Session_Close, or a blocking
 *    MI_Operation_Get*.
 * ===========================================================================
 */

/* Asks the user a question. The operation waits until the program answers
 * with promptUserResult (from any thread); promptUserResult is NULL when
 * the prompt mode is REPORT (informational only). */
typedef void (MI_CALL *MI_OperationCallback_PromptUser)(
    MI_Operation* operation,
    void* callbackContext,
    const MI_Char* message,
    MI_PromptType promptType,
    MI_Result (MI_CALL *promptUserResult)(MI_Operation* operation,
        MI_OperationCallback_ResponseType response));

/* Reports a non-terminating error. The program answers with
 * writeErrorResult (Yes/YesToAll = continue, No/NoToAll = stop); the
 * operation waits until it does. instance is valid until the answer. */
typedef void (MI_CALL *MI_OperationCallback_WriteError)(
    MI_Operation* operation,
    void* callbackContext,
    MI_Instance* instance,
    MI_Result (MI_CALL *writeErrorResult)(MI_Operation* operation,
        MI_OperationCallback_ResponseType response));

/* Informational message on a channel (MI_WRITEMESSAGE_CHANNEL_*); valid
 * during the call only. */
typedef void (MI_CALL *MI_OperationCallback_WriteMessage)(
    MI_Operation* operation,
    void* callbackContext,
    MI_Uint32 channel,
    const MI_Char* message);

/* Progress report; valid during the call only. */
typedef void (MI_CALL *MI_OperationCallback_WriteProgress)(
    MI_Operation* operation,
    void* callbackContext,
    const MI_Char* activity,
    const MI_Char* currentOperation,
    const MI_Char* statusDescription,
    MI_Uint32 percentageComplete,
    MI_Uint32 secondsRemaining);

/* One result of an instance operation (see the contract above). */
typedef void (MI_CALL *MI_OperationCallback_Instance)(
    MI_Operation* operation,
    void* callbackContext,
    const MI_Instance* instance,
    MI_Boolean moreResults,
    MI_Result resultCode,
    const MI_Char* errorString,
    const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation));

/* A chunk of a streamed method output parameter, delivered before the
 * final result of an Invoke. Valid until acknowledged (same rules). */
typedef void (MI_CALL *MI_OperationCallback_StreamedParameter)(
    MI_Operation* operation,
    void* callbackContext,
    const MI_Char* parameterName,
    MI_Type resultType,
    const MI_Value* result,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation));

/* One result of a Subscribe operation. */
typedef void (MI_CALL *MI_OperationCallback_Indication)(
    MI_Operation* operation,
    void* callbackContext,
    const MI_Instance* instance,
    const MI_Char* bookmark,
    const MI_Char* machineID,
    MI_Boolean moreResults,
    MI_Result resultCode,
    const MI_Char* errorString,
    const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation));

/* One result of a GetClass or EnumerateClasses operation. */
typedef void (MI_CALL *MI_OperationCallback_Class)(
    MI_Operation* operation,
    void* callbackContext,
    const MI_Class* classResult,
    MI_Boolean moreResults,
    MI_Result resultCode,
    const MI_Char* errorString,
    const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation));

typedef struct _MI_OperationCallbacks
{
    void* callbackContext;          /* passed back to every callback */
    MI_OperationCallback_PromptUser promptUser;
    MI_OperationCallback_WriteError writeError;
    MI_OperationCallback_WriteMessage writeMessage;
    MI_OperationCallback_WriteProgress writeProgress;
    MI_OperationCallback_Instance instanceResult;
    MI_OperationCallback_Indication indicationResult;
    MI_OperationCallback_Class classResult;
    MI_OperationCallback_StreamedParameter streamedParameterResult;
}
MI_OperationCallbacks;

/* All members NULL (every operation synchronous). */
#define MI_OPERATIONCALLBACKS_NULL { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/* Informational output while a session is being created; data is valid
 * during the call only. A writeError alone does not fail the session. */
typedef struct _MI_SessionCallbacks
{
    void* callbackContext;
    void (MI_CALL *writeMessage)(MI_Application* application, void* callbackContext,
        MI_Uint32 channel, const MI_Char* message);
    void (MI_CALL *writeError)(MI_Application* application, void* callbackContext,
        MI_Instance* instance);
}
MI_SessionCallbacks;

#define MI_SESSIONCALLBACKS_NULL { NULL, NULL, NULL }

/*
 * ===========================================================================
 * Client function tables (member order is ABI)
 * ===========================================================================
 */

struct _MI_ApplicationFT
{
    MI_Result (MI_CALL *Close)(MI_Application* application);
    MI_Result (MI_CALL *NewSession)(MI_Application* application, const MI_Char* protocol,
        const MI_Char* destination, MI_DestinationOptions* options,
        MI_SessionCallbacks* callbacks, MI_Instance** extendedError, MI_Session* session);
    MI_Result (MI_CALL *NewHostedProvider)(MI_Application* application,
        const MI_Char* namespaceName, const MI_Char* providerName, MI_MainFunction mi_Main,
        MI_Instance** extendedError, MI_HostedProvider* provider);
    MI_Result (MI_CALL *NewInstance)(MI_Application* application, const MI_Char* className,
        const MI_ClassDecl* classRTTI, MI_Instance** instance);
    MI_Result (MI_CALL *NewDestinationOptions)(MI_Application* application,
        MI_DestinationOptions* options);
    MI_Result (MI_CALL *NewOperationOptions)(MI_Application* application,
        MI_Boolean customOptionsMustUnderstand, MI_OperationOptions* options);
    MI_Result (MI_CALL *NewSubscriptionDeliveryOptions)(MI_Application* application,
        MI_SubscriptionDeliveryType deliveryType,
        MI_SubscriptionDeliveryOptions* deliveryOptions);
    MI_Result (MI_CALL *NewSerializer)(MI_Application* application, MI_Uint32 flags,
        MI_Char* format, MI_Serializer* serializer);
    MI_Result (MI_CALL *NewDeserializer)(MI_Application* application, MI_Uint32 flags,
        MI_Char* format, MI_Deserializer* deserializer);
    MI_Result (MI_CALL *NewInstanceFromClass)(MI_Application* application,
        const MI_Char* className, const MI_Class* classObject, MI_Instance** instance);
    MI_Result (MI_CALL *NewClass)(MI_Application* application, const MI_ClassDecl* classDecl,
        const MI_Char* namespaceName, const MI_Char* serverName, MI_Class** classObject);
};

struct _MI_SessionFT
{
    MI_Result (MI_CALL *Close)(MI_Session* session, void* completionContext,
        void (MI_CALL *completionCallback)(void* completionContext));
    MI_Result (MI_CALL *GetApplication)(MI_Session* session, MI_Application* application);
    void (MI_CALL *GetInstance)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
        MI_Operation* operation);
    void (MI_CALL *ModifyInstance)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
        MI_Operation* operation);
    void (MI_CALL *CreateInstance)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
        MI_Operation* operation);
    void (MI_CALL *DeleteInstance)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
        MI_Operation* operation);
    void (MI_CALL *Invoke)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Char* className, const MI_Char* methodName,
        const MI_Instance* inboundInstance, const MI_Instance* inboundProperties,
        MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *EnumerateInstances)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Char* className, MI_Boolean keysOnly, MI_OperationCallbacks* callbacks,
        MI_Operation* operation);
    void (MI_CALL *QueryInstances)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Char* queryDialect, const MI_Char* queryExpression,
        MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *AssociatorInstances)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Instance* instanceKeys, const MI_Char* assocClass,
        const MI_Char* resultClass, const MI_Char* role, const MI_Char* resultRole,
        MI_Boolean keysOnly, MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *ReferenceInstances)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Instance* instanceKeys, const MI_Char* resultClass, const MI_Char* role,
        MI_Boolean keysOnly, MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *Subscribe)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Char* queryDialect, const MI_Char* queryExpression,
        const MI_SubscriptionDeliveryOptions* deliverOptions,
        MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *GetClass)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Char* className, MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *EnumerateClasses)(MI_Session* session, MI_Uint32 flags,
        MI_OperationOptions* options, const MI_Char* namespaceName,
        const MI_Char* className, MI_Boolean classNamesOnly,
        MI_OperationCallbacks* callbacks, MI_Operation* operation);
    void (MI_CALL *TestConnection)(MI_Session* session, MI_Uint32 flags,
        MI_OperationCallbacks* callbacks, MI_Operation* operation);
};

struct _MI_OperationFT
{
    MI_Result (MI_CALL *Close)(MI_Operation* operation);
    MI_Result (MI_CALL *Cancel)(MI_Operation* operation, MI_CancellationReason reason);
    MI_Result (MI_CALL *GetSession)(MI_Operation* operation, MI_Session* session);
    MI_Result (MI_CALL *GetInstance)(MI_Operation* operation, const MI_Instance** instance,
        MI_Boolean* moreResults, MI_Result* result, const MI_Char** errorMessage,
        const MI_Instance** completionDetails);
    MI_Result (MI_CALL *GetIndication)(MI_Operation* operation, const MI_Instance** instance,
        const MI_Char** bookmark, const MI_Char** machineID, MI_Boolean* moreResults,
        MI_Result* result, const MI_Char** errorMessage,
        const MI_Instance** completionDetails);
    MI_Result (MI_CALL *GetClass)(MI_Operation* operation, const MI_Class** classResult,
        MI_Boolean* moreResults, MI_Result* result, const MI_Char** errorMessage,
        const MI_Instance** completionDetails);
};

struct _MI_HostedProviderFT
{
    MI_Result (MI_CALL *Close)(MI_HostedProvider* hostedProvider);
    MI_Result (MI_CALL *GetApplication)(MI_HostedProvider* hostedProvider,
        MI_Application* application);
};

struct _MI_DestinationOptionsFT
{
    void (MI_CALL *Delete)(MI_DestinationOptions* options);
    MI_Result (MI_CALL *SetString)(MI_DestinationOptions* options, const MI_Char* optionName,
        const MI_Char* value, MI_Uint32 flags);
    MI_Result (MI_CALL *SetNumber)(MI_DestinationOptions* options, const MI_Char* optionName,
        MI_Uint32 value, MI_Uint32 flags);
    MI_Result (MI_CALL *AddCredentials)(MI_DestinationOptions* options,
        const MI_Char* optionName, const MI_UserCredentials* credentials, MI_Uint32 flags);
    MI_Result (MI_CALL *GetString)(const MI_DestinationOptions* options,
        const MI_Char* optionName, const MI_Char** value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetNumber)(const MI_DestinationOptions* options,
        const MI_Char* optionName, MI_Uint32* value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetOptionCount)(const MI_DestinationOptions* options, MI_Uint32* count);
    MI_Result (MI_CALL *GetOptionAt)(const MI_DestinationOptions* options, MI_Uint32 index,
        const MI_Char** optionName, MI_Value* value, MI_Type* type, MI_Uint32* flags);
    MI_Result (MI_CALL *GetOption)(const MI_DestinationOptions* options,
        const MI_Char* optionName, MI_Value* value, MI_Type* type, MI_Uint32* index,
        MI_Uint32* flags);
    MI_Result (MI_CALL *GetCredentialsCount)(const MI_DestinationOptions* options,
        MI_Uint32* count);
    MI_Result (MI_CALL *GetCredentialsAt)(const MI_DestinationOptions* options,
        MI_Uint32 index, const MI_Char** optionName, MI_UserCredentials* credentials,
        MI_Uint32* flags);
    MI_Result (MI_CALL *GetCredentialsPasswordAt)(const MI_DestinationOptions* options,
        MI_Uint32 index, const MI_Char** optionName, MI_Char* password,
        MI_Uint32 bufferLength, MI_Uint32* passwordLength, MI_Uint32* flags);
    MI_Result (MI_CALL *Clone)(const MI_DestinationOptions* self,
        MI_DestinationOptions* newDestinationOptions);
    MI_Result (MI_CALL *SetInterval)(MI_DestinationOptions* options, const MI_Char* optionName,
        const MI_Interval* value, MI_Uint32 flags);
    MI_Result (MI_CALL *GetInterval)(const MI_DestinationOptions* options,
        const MI_Char* optionName, MI_Interval* value, MI_Uint32* index, MI_Uint32* flags);
};

struct _MI_OperationOptionsFT
{
    void (MI_CALL *Delete)(MI_OperationOptions* options);
    MI_Result (MI_CALL *SetString)(MI_OperationOptions* options, const MI_Char* optionName,
        const MI_Char* value, MI_Uint32 flags);
    MI_Result (MI_CALL *SetNumber)(MI_OperationOptions* options, const MI_Char* optionName,
        MI_Uint32 value, MI_Uint32 flags);
    MI_Result (MI_CALL *SetCustomOption)(MI_OperationOptions* options,
        const MI_Char* optionName, MI_Type valueType, const MI_Value* value,
        MI_Boolean mustComply, MI_Uint32 flags);
    MI_Result (MI_CALL *GetString)(const MI_OperationOptions* options,
        const MI_Char* optionName, const MI_Char** value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetNumber)(const MI_OperationOptions* options,
        const MI_Char* optionName, MI_Uint32* value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetOptionCount)(const MI_OperationOptions* options, MI_Uint32* count);
    MI_Result (MI_CALL *GetOptionAt)(const MI_OperationOptions* options, MI_Uint32 index,
        const MI_Char** optionName, MI_Value* value, MI_Type* type, MI_Uint32* flags);
    MI_Result (MI_CALL *GetOption)(const MI_OperationOptions* options,
        const MI_Char* optionName, MI_Value* value, MI_Type* type, MI_Uint32* index,
        MI_Uint32* flags);
    MI_Result (MI_CALL *GetEnabledChannels)(const MI_OperationOptions* options,
        const MI_Char* optionName, MI_Uint32* channels, MI_Uint32 bufferLength,
        MI_Uint32* channelCount, MI_Uint32* flags);
    MI_Result (MI_CALL *Clone)(const MI_OperationOptions* self,
        MI_OperationOptions* newOperationOptions);
    MI_Result (MI_CALL *SetInterval)(MI_OperationOptions* options, const MI_Char* optionName,
        const MI_Interval* value, MI_Uint32 flags);
    MI_Result (MI_CALL *GetInterval)(const MI_OperationOptions* options,
        const MI_Char* optionName, MI_Interval* value, MI_Uint32* index, MI_Uint32* flags);
};

/* Note: Delete is the sixth slot here, unlike the other option tables. */
struct _MI_SubscriptionDeliveryOptionsFT
{
    MI_Result (MI_CALL *SetString)(MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, const MI_Char* value, MI_Uint32 flags);
    MI_Result (MI_CALL *SetNumber)(MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, MI_Uint32 value, MI_Uint32 flags);
    MI_Result (MI_CALL *SetDateTime)(MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, const MI_Datetime* value, MI_Uint32 flags);
    MI_Result (MI_CALL *SetInterval)(MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, const MI_Interval* value, MI_Uint32 flags);
    MI_Result (MI_CALL *AddCredentials)(MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, const MI_UserCredentials* credentials, MI_Uint32 flags);
    MI_Result (MI_CALL *Delete)(MI_SubscriptionDeliveryOptions* self);
    MI_Result (MI_CALL *GetString)(const MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, const MI_Char** value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetNumber)(const MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, MI_Uint32* value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetDateTime)(const MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, MI_Datetime* value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetInterval)(const MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, MI_Interval* value, MI_Uint32* index, MI_Uint32* flags);
    MI_Result (MI_CALL *GetOptionCount)(const MI_SubscriptionDeliveryOptions* options,
        MI_Uint32* count);
    MI_Result (MI_CALL *GetOptionAt)(const MI_SubscriptionDeliveryOptions* options,
        MI_Uint32 index, const MI_Char** optionName, MI_Value* value, MI_Type* type,
        MI_Uint32* flags);
    MI_Result (MI_CALL *GetOption)(const MI_SubscriptionDeliveryOptions* options,
        const MI_Char* optionName, MI_Value* value, MI_Type* type, MI_Uint32* index,
        MI_Uint32* flags);
    MI_Result (MI_CALL *GetCredentialsCount)(const MI_SubscriptionDeliveryOptions* options,
        MI_Uint32* count);
    MI_Result (MI_CALL *GetCredentialsAt)(const MI_SubscriptionDeliveryOptions* options,
        MI_Uint32 index, const MI_Char** optionName, MI_UserCredentials* credentials,
        MI_Uint32* flags);
    MI_Result (MI_CALL *GetCredentialsPasswordAt)(const MI_SubscriptionDeliveryOptions* options,
        MI_Uint32 index, const MI_Char** optionName, MI_Char* password,
        MI_Uint32 bufferLength, MI_Uint32* passwordLength, MI_Uint32* flags);
    MI_Result (MI_CALL *Clone)(const MI_SubscriptionDeliveryOptions* self,
        MI_SubscriptionDeliveryOptions* newSubscriptionDeliveryOptions);
};

struct _MI_SerializerFT
{
    MI_Result (MI_CALL *Close)(MI_Serializer* serializer);
    MI_Result (MI_CALL *SerializeClass)(MI_Serializer* serializer, MI_Uint32 flags,
        const MI_Class* classObject, MI_Uint8* clientBuffer, MI_Uint32 clientBufferLength,
        MI_Uint32* clientBufferNeeded);
    MI_Result (MI_CALL *SerializeInstance)(MI_Serializer* serializer, MI_Uint32 flags,
        const MI_Instance* instanceObject, MI_Uint8* clientBuffer,
        MI_Uint32 clientBufferLength, MI_Uint32* clientBufferNeeded);
};

/* Supplies a class that serialized data refers to but does not contain. */
typedef MI_Result (MI_CALL *MI_Deserializer_ClassObjectNeeded)(
    void* context,
    const MI_Char* serverName,
    const MI_Char* namespaceName,
    const MI_Char* className,
    MI_Class** requestedClassObject);

struct _MI_DeserializerFT
{
    MI_Result (MI_CALL *Close)(MI_Deserializer* deserializer);
    MI_Result (MI_CALL *DeserializeClass)(MI_Deserializer* deserializer, MI_Uint32 flags,
        MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength, MI_Class* parentClass,
        const MI_Char* serverName, const MI_Char* namespaceName,
        MI_Deserializer_ClassObjectNeeded classObjectNeeded, void* classObjectNeededContext,
        MI_Uint32* serializedBufferRead, MI_Class** classObject,
        MI_Instance** cimErrorDetails);
    MI_Result (MI_CALL *Class_GetClassName)(MI_Deserializer* deserializer,
        MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength, MI_Char* className,
        MI_Uint32* classNameLength, MI_Instance** cimErrorDetails);
    MI_Result (MI_CALL *Class_GetParentClassName)(MI_Deserializer* deserializer,
        MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength,
        MI_Char* parentClassName, MI_Uint32* parentClassNameLength,
        MI_Instance** cimErrorDetails);
    MI_Result (MI_CALL *DeserializeInstance)(MI_Deserializer* deserializer, MI_Uint32 flags,
        MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength,
        MI_Class** classObjects, MI_Uint32 numberClassObjects,
        MI_Deserializer_ClassObjectNeeded classObjectNeeded, void* classObjectNeededContext,
        MI_Uint32* serializedBufferRead, MI_Instance** instanceObject,
        MI_Instance** cimErrorDetails);
    MI_Result (MI_CALL *Instance_GetClassName)(MI_Deserializer* deserializer,
        MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength, MI_Char* className,
        MI_Uint32* classNameLength, MI_Instance** cimErrorDetails);
};

struct _MI_UtilitiesFT
{
    MI_ErrorCategory (MI_CALL *MapErrorToMiErrorCategory)(const MI_Char* errorType,
        MI_Uint32 error);
    MI_Result (MI_CALL *CimErrorFromErrorCode)(MI_Uint32 error, const MI_Char* errorType,
        const MI_Char* errorMessage, MI_Instance** cimError);
};

/* The library's entry table; the target of mi_clientFT. */
typedef struct _MI_ClientFT_V1
{
    const MI_ApplicationFT* applicationFT;
    const MI_SessionFT* sessionFT;
    const MI_OperationFT* operationFT;
    const MI_HostedProviderFT* hostedProviderFT;
    const MI_SerializerFT* serializerFT;
    const MI_DeserializerFT* deserializerFT;
    const MI_SubscriptionDeliveryOptionsFT* subscribeDeliveryOptionsFT;
    const MI_DestinationOptionsFT* destinationOptionsFT;
    const MI_OperationOptionsFT* operationOptionsFT;
    const MI_UtilitiesFT* utilitiesFT;
}
MI_ClientFT_V1;

/*
 * ===========================================================================
 * The two symbols exported by the library
 * ===========================================================================
 */

/*
 * Creates an application handle: the root of all client work. flags must be
 * 0. applicationID is optional (a GUID or "company/product/version" string).
 * May be called more than once; every handle obtained must be closed with
 * MI_Application_Close. On failure *application is zeroed and, when
 * extendedError is not NULL, *extendedError may receive an error instance
 * that the caller releases with MI_Instance_Delete (NULL otherwise).
 */
MI_EXTERN_C MI_EXPORT MI_Result MI_MAIN_CALL MI_Application_InitializeV1(
    MI_Uint32 flags,
    const MI_Char* applicationID,
    MI_Instance** extendedError,
    MI_Application* application);

/*
 * The library's table of client function tables. It is statically
 * initialised: valid before any MI_Application_Initialize, never NULL, and
 * never changed by the library. The Serializer, Deserializer and Utilities
 * wrappers call through it without further checks.
 */
MI_EXTERN_C MI_EXPORT const MI_ClientFT_V1* mi_clientFT_V1;

#define MI_Application_Initialize MI_Application_InitializeV1
#define mi_clientFT mi_clientFT_V1

/*
 * ===========================================================================
 * Inline wrappers: MI_Instance
 *
 * Element access by name or by index. For schema-bound instances the index
 * is the position in classDecl->properties (inherited properties first);
 * for dynamic instances it is the insertion order. Values returned by
 * GetElement/GetElementAt point into the instance (no copy). Flags reported
 * for an element include MI_FLAG_NULL when it has no value, plus KEY, IN,
 * OUT and similar qualifier bits.
 * ===========================================================================
 */

/* Deep copy (class, namespace and server name included) on the heap;
 * release with MI_Instance_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_Clone(
    const MI_Instance* self,
    MI_Instance** newInstance)
{
    if (self && self->ft)
        return self->ft->Clone(self, newInstance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Releases an instance that was constructed in caller storage
 * (MI_Context_ConstructInstance, generated <Class>_Construct). */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_Destruct(
    MI_Instance* self)
{
    if (self && self->ft)
        return self->ft->Destruct(self);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Frees a heap instance the caller owns (from Clone, New*, extendedError...). */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_Delete(
    MI_Instance* self)
{
    if (self && self->ft)
        return self->ft->Delete(self);
    return MI_RESULT_INVALID_PARAMETER;
}

/* *flag = MI_TRUE when the instance's class is classDecl or derives from it. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_IsA(
    const MI_Instance* self,
    const MI_ClassDecl* classDecl,
    MI_Boolean* flag)
{
    if (self && self->ft)
        return self->ft->IsA(self, classDecl, flag);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetClassName(
    const MI_Instance* self,
    const MI_Char** className)
{
    if (self && self->ft)
        return self->ft->GetClassName(self, className);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The namespace is copied. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_SetNameSpace(
    MI_Instance* self,
    const MI_Char* nameSpace)
{
    if (self && self->ft)
        return self->ft->SetNameSpace(self, nameSpace);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetNameSpace(
    const MI_Instance* self,
    const MI_Char** nameSpace)
{
    if (self && self->ft)
        return self->ft->GetNameSpace(self, nameSpace);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetElementCount(
    const MI_Instance* self,
    MI_Uint32* count)
{
    if (self && self->ft)
        return self->ft->GetElementCount(self, count);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Adds an element to a dynamic instance (schema-bound instances refuse).
 * value NULL or MI_FLAG_NULL adds a NULL element. Fails with
 * MI_RESULT_ALREADY_EXISTS for a duplicate name and
 * MI_RESULT_INVALID_PARAMETER for a name that is not a CIM identifier. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_AddElement(
    MI_Instance* self,
    const MI_Char* name,
    const MI_Value* value,
    MI_Type type,
    MI_Uint32 flags)
{
    if (self && self->ft)
        return self->ft->AddElement(self, name, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Replaces an existing element's value. type must be the element's type
 * (MI_RESULT_TYPE_MISMATCH otherwise); unknown names give
 * MI_RESULT_NO_SUCH_PROPERTY. flags: MI_FLAG_NULL, MI_FLAG_BORROW or
 * MI_FLAG_ADOPT; by default the value is deep-copied. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_SetElement(
    MI_Instance* self,
    const MI_Char* name,
    const MI_Value* value,
    MI_Type type,
    MI_Uint32 flags)
{
    if (self && self->ft)
        return self->ft->SetElement(self, name, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_SetElementAt(
    MI_Instance* self,
    MI_Uint32 index,
    const MI_Value* value,
    MI_Type type,
    MI_Uint32 flags)
{
    if (self && self->ft)
        return self->ft->SetElementAt(self, index, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* All out parameters are optional. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetElement(
    const MI_Instance* self,
    const MI_Char* name,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* flags,
    MI_Uint32* index)
{
    if (self && self->ft)
        return self->ft->GetElement(self, name, value, type, flags, index);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetElementAt(
    const MI_Instance* self,
    MI_Uint32 index,
    const MI_Char** name,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* flags)
{
    if (self && self->ft)
        return self->ft->GetElementAt(self, index, name, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Sets the element to NULL; the element itself stays. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_ClearElement(
    MI_Instance* self,
    const MI_Char* name)
{
    if (self && self->ft)
        return self->ft->ClearElement(self, name);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_ClearElementAt(
    MI_Instance* self,
    MI_Uint32 index)
{
    if (self && self->ft)
        return self->ft->ClearElementAt(self, index);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetServerName(
    const MI_Instance* self,
    const MI_Char** name)
{
    if (self && self->ft)
        return self->ft->GetServerName(self, name);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The server name is copied. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_SetServerName(
    MI_Instance* self,
    const MI_Char* name)
{
    if (self && self->ft)
        return self->ft->SetServerName(self, name);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Returns a new MI_Class the caller releases with MI_Class_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_GetClass(
    const MI_Instance* self,
    MI_Class** instanceClass)
{
    if (self && self->ft)
        return self->ft->GetClass(self, instanceClass);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Calls MI_InstanceExFT.Normalize for classes flagged MI_FLAG_EXTENDED;
 * for any other instance it does nothing and returns MI_RESULT_OK. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Instance_Normalize(
    MI_Instance** self)
{
    if (self && *self && (*self)->ft && (*self)->classDecl)
    {
        if ((*self)->classDecl->flags & MI_FLAG_EXTENDED)
            return ((const MI_InstanceExFT*)(*self)->ft)->Normalize(self);
        return MI_RESULT_OK;
    }
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_Class, MI_QualifierSet, MI_ParameterSet
 *
 * GetElement/GetElementAt report a property's default value (valueExists
 * says whether there is one), type, reference class (REFERENCE/INSTANCE
 * types), qualifiers and flags; strings returned here, including the
 * non-const referenceClass, point into the class and must not be freed.
 * GetParentClassName yields NULL for a root class; GetParentClass fails with
 * MI_RESULT_NOT_FOUND there.
 * ===========================================================================
 */

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetClassName(
    const MI_Class* self,
    const MI_Char** className)
{
    if (self && self->ft)
        return self->ft->GetClassName(self, className);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetNameSpace(
    const MI_Class* self,
    const MI_Char** nameSpace)
{
    if (self && self->ft)
        return self->ft->GetNameSpace(self, nameSpace);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetServerName(
    const MI_Class* self,
    const MI_Char** serverName)
{
    if (self && self->ft)
        return self->ft->GetServerName(self, serverName);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetElementCount(
    const MI_Class* self,
    MI_Uint32* count)
{
    if (self && self->ft)
        return self->ft->GetElementCount(self, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetElement(
    const MI_Class* self,
    const MI_Char* name,
    MI_Value* value,
    MI_Boolean* valueExists,
    MI_Type* type,
    MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet,
    MI_Uint32* flags,
    MI_Uint32* index)
{
    if (self && self->ft)
        return self->ft->GetElement(self, name, value, valueExists, type, referenceClass,
            qualifierSet, flags, index);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetElementAt(
    const MI_Class* self,
    MI_Uint32 index,
    const MI_Char** name,
    MI_Value* value,
    MI_Boolean* valueExists,
    MI_Type* type,
    MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet,
    MI_Uint32* flags)
{
    if (self && self->ft)
        return self->ft->GetElementAt(self, index, name, value, valueExists, type,
            referenceClass, qualifierSet, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetClassQualifierSet(
    const MI_Class* self,
    MI_QualifierSet* qualifierSet)
{
    if (self && self->ft)
        return self->ft->GetClassQualifierSet(self, qualifierSet);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetMethodCount(
    const MI_Class* self,
    MI_Uint32* count)
{
    if (self && self->ft)
        return self->ft->GetMethodCount(self, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetMethodAt(
    const MI_Class* self,
    MI_Uint32 index,
    const MI_Char** name,
    MI_QualifierSet* qualifierSet,
    MI_ParameterSet* parameterSet)
{
    if (self && self->ft)
        return self->ft->GetMethodAt(self, index, name, qualifierSet, parameterSet);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetMethod(
    const MI_Class* self,
    const MI_Char* name,
    MI_QualifierSet* qualifierSet,
    MI_ParameterSet* parameterSet,
    MI_Uint32* index)
{
    if (self && self->ft)
        return self->ft->GetMethod(self, name, qualifierSet, parameterSet, index);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetParentClassName(
    const MI_Class* self,
    const MI_Char** name)
{
    if (self && self->ft)
        return self->ft->GetParentClassName(self, name);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The parent class belongs to the caller (MI_Class_Delete). */
MI_INLINE MI_Result MI_INLINE_CALL MI_Class_GetParentClass(
    const MI_Class* self,
    MI_Class** parentClass)
{
    if (self && self->ft)
        return self->ft->GetParentClass(self, parentClass);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Class_Delete(
    MI_Class* self)
{
    if (self && self->ft)
        return self->ft->Delete(self);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The copy belongs to the caller (MI_Class_Delete). */
MI_INLINE MI_Result MI_INLINE_CALL MI_Class_Clone(
    const MI_Class* self,
    MI_Class** newClass)
{
    if (self && self->ft)
        return self->ft->Clone(self, newClass);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_QualifierSet_GetQualifierCount(
    const MI_QualifierSet* self,
    MI_Uint32* count)
{
    if (self && self->ft)
        return self->ft->GetQualifierCount(self, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_QualifierSet_GetQualifierAt(
    const MI_QualifierSet* self,
    MI_Uint32 index,
    const MI_Char** name,
    MI_Type* qualifierType,
    MI_Uint32* qualifierFlags,
    MI_Value* qualifierValue)
{
    if (self && self->ft)
        return self->ft->GetQualifierAt(self, index, name, qualifierType, qualifierFlags,
            qualifierValue);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_QualifierSet_GetQualifier(
    const MI_QualifierSet* self,
    const MI_Char* name,
    MI_Type* qualifierType,
    MI_Uint32* qualifierFlags,
    MI_Value* qualifierValue,
    MI_Uint32* index)
{
    if (self && self->ft)
        return self->ft->GetQualifier(self, name, qualifierType, qualifierFlags,
            qualifierValue, index);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_ParameterSet_GetMethodReturnType(
    const MI_ParameterSet* self,
    MI_Type* returnType,
    MI_QualifierSet* qualifierSet)
{
    if (self && self->ft)
        return self->ft->GetMethodReturnType(self, returnType, qualifierSet);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_ParameterSet_GetParameterCount(
    const MI_ParameterSet* self,
    MI_Uint32* count)
{
    if (self && self->ft)
        return self->ft->GetParameterCount(self, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_ParameterSet_GetParameterAt(
    const MI_ParameterSet* self,
    MI_Uint32 index,
    const MI_Char** name,
    MI_Type* parameterType,
    MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet)
{
    if (self && self->ft)
        return self->ft->GetParameterAt(self, index, name, parameterType, referenceClass,
            qualifierSet);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_ParameterSet_GetParameter(
    const MI_ParameterSet* self,
    const MI_Char* name,
    MI_Type* parameterType,
    MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet,
    MI_Uint32* index)
{
    if (self && self->ft)
        return self->ft->GetParameter(self, name, parameterType, referenceClass,
            qualifierSet, index);
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_PropertySet and MI_Filter
 * ===========================================================================
 */

MI_INLINE MI_Result MI_CALL MI_PropertySet_GetElementCount(
    const MI_PropertySet* self,
    MI_Uint32* count)
{
    if (self && self->ft)
        return self->ft->GetElementCount(self, count);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Case-insensitive membership test. */
MI_INLINE MI_Result MI_CALL MI_PropertySet_ContainsElement(
    const MI_PropertySet* self,
    const MI_Char* name,
    MI_Boolean* flag)
{
    if (self && self->ft)
        return self->ft->ContainsElement(self, name, flag);
    return MI_RESULT_INVALID_PARAMETER;
}

/* A duplicate name fails with MI_RESULT_ALREADY_EXISTS. */
MI_INLINE MI_Result MI_CALL MI_PropertySet_AddElement(
    MI_PropertySet* self,
    const MI_Char* name)
{
    if (self && self->ft)
        return self->ft->AddElement(self, name);
    return MI_RESULT_INVALID_PARAMETER;
}

/* *name lives as long as the set. */
MI_INLINE MI_Result MI_CALL MI_PropertySet_GetElementAt(
    const MI_PropertySet* self,
    MI_Uint32 index,
    const MI_Char** name)
{
    if (self && self->ft)
        return self->ft->GetElementAt(self, index, name);
    return MI_RESULT_INVALID_PARAMETER;
}

#define MI_PropertySet_GetElement MI_PropertySet_GetElementAt

MI_INLINE MI_Result MI_CALL MI_PropertySet_Clear(
    MI_PropertySet* self)
{
    if (self && self->ft)
        return self->ft->Clear(self);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_PropertySet_Destruct(
    MI_PropertySet* self)
{
    if (self && self->ft)
        return self->ft->Destruct(self);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_PropertySet_Delete(
    MI_PropertySet* self)
{
    if (self && self->ft)
        return self->ft->Delete(self);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_PropertySet_Clone(
    const MI_PropertySet* self,
    MI_PropertySet** newPropertySet)
{
    if (self && self->ft)
        return self->ft->Clone(self, newPropertySet);
    return MI_RESULT_INVALID_PARAMETER;
}

/* *result = MI_TRUE when the instance matches the filter's query. */
MI_INLINE MI_Result MI_CALL MI_Filter_Evaluate(
    const MI_Filter* self,
    const MI_Instance* instance,
    MI_Boolean* result)
{
    if (self && self->ft)
        return self->ft->Evaluate(self, instance, result);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Yields the query language ("WQL", "CQL") and the query text. */
MI_INLINE MI_Result MI_CALL MI_Filter_GetExpression(
    const MI_Filter* self,
    const MI_Char** queryLang,
    const MI_Char** queryExpr)
{
    if (self && self->ft)
        return self->ft->GetExpression(self, queryLang, queryExpr);
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_Context (provider side)
 * ===========================================================================
 */

/* Terminal: ends the request with `result`. Finish all posts first. */
MI_INLINE MI_Result MI_CALL MI_Context_PostResult(
    MI_Context* context,
    MI_Result result)
{
    if (context && context->ft)
        return context->ft->PostResult(context, result);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Terminal: ends the request with a CIM_Error (or subclass) instance whose
 * CIMStatusCode gives the result. */
MI_INLINE MI_Result MI_CALL MI_Context_PostCimError(
    MI_Context* context,
    const MI_Instance* error)
{
    if (context && context->ft)
        return context->ft->PostCimError(context, error);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Terminal: ends the request with an error code of family resultType
 * (MI_RESULT_TYPE_*) and a message; the server builds the error instance. */
MI_INLINE MI_Result MI_CALL MI_Context_PostError(
    MI_Context* context,
    MI_Uint32 resultCode,
    const MI_Char* resultType,
    const MI_Char* errorMessage)
{
    if (context && context->ft)
        return context->ft->PostError(context, resultCode, resultType, errorMessage);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Posts a result object; the server copies it. */
MI_INLINE MI_Result MI_CALL MI_Context_PostInstance(
    MI_Context* context,
    const MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->PostInstance(context, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Posts an indication on an indications context. Pass 0 for
 * subscriptionIDCount (the server matches every subscription); bookmark is
 * an optional resume token. */
MI_INLINE MI_Result MI_CALL MI_Context_PostIndication(
    MI_Context* context,
    const MI_Instance* indication,
    MI_Uint32 subscriptionIDCount,
    const MI_Char* bookmark)
{
    if (context && context->ft)
        return context->ft->PostIndication(context, indication, subscriptionIDCount,
            bookmark);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Initialises caller storage of at least classDecl->size bytes as an
 * instance of the class with every property NULL. Release it with
 * MI_Instance_Destruct. */
MI_INLINE MI_Result MI_CALL MI_Context_ConstructInstance(
    MI_Context* context,
    const MI_ClassDecl* classDecl,
    MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->ConstructInstance(context, classDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Same for a method's parameter struct (methodDecl->size bytes). */
MI_INLINE MI_Result MI_CALL MI_Context_ConstructParameters(
    MI_Context* context,
    const MI_MethodDecl* methodDecl,
    MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->ConstructParameters(context, methodDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Heap instance of a class; release with MI_Instance_Delete. */
MI_INLINE MI_Result MI_CALL MI_Context_NewInstance(
    MI_Context* context,
    const MI_ClassDecl* classDecl,
    MI_Instance** instance)
{
    if (context && context->ft)
        return context->ft->NewInstance(context, classDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Heap instance without schema; flags give its meta type (MI_FLAG_CLASS,
 * MI_FLAG_ASSOCIATION, MI_FLAG_INDICATION, ...). Release with
 * MI_Instance_Delete. */
MI_INLINE MI_Result MI_CALL MI_Context_NewDynamicInstance(
    MI_Context* context,
    const MI_Char* className,
    MI_Uint32 flags,
    MI_Instance** instance)
{
    if (context && context->ft)
        return context->ft->NewDynamicInstance(context, className, flags, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_NewParameters(
    MI_Context* context,
    const MI_MethodDecl* methodDecl,
    MI_Instance** instance)
{
    if (context && context->ft)
        return context->ft->NewParameters(context, methodDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* *flag = MI_TRUE once the request has been cancelled. */
MI_INLINE MI_Result MI_CALL MI_Context_Canceled(
    const MI_Context* context,
    MI_Boolean* flag)
{
    if (context && context->ft)
        return context->ft->Canceled(context, flag);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Copies the requested locale (e.g. "en-US") into locale; locale[0] is
 * cleared first, so it holds an empty string on any failure. */
MI_INLINE MI_Result MI_CALL MI_Context_GetLocale(
    const MI_Context* context,
    MI_LocaleType localeType,
    MI_Char locale[MI_MAX_LOCALE_SIZE])
{
    if (locale)
        locale[0] = 0;
    if (context && context->ft)
        return context->ft->GetLocale(context, localeType, locale);
    return MI_RESULT_INVALID_PARAMETER;
}

/* callback(reason, callbackData) runs once, on any thread, when the request
 * is cancelled; the provider should then post its terminal result soon. */
MI_INLINE MI_Result MI_CALL MI_Context_RegisterCancel(
    MI_Context* context,
    MI_CancelCallback callback,
    void* callbackData)
{
    if (context && context->ft)
        return context->ft->RegisterCancel(context, callback, callbackData);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Asks the server to unload this provider soon. */
MI_INLINE MI_Result MI_CALL MI_Context_RequestUnload(
    MI_Context* context)
{
    if (context && context->ft)
        return context->ft->RequestUnload(context);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Opts out of idle unloading (the provider is still unloaded at shutdown). */
MI_INLINE MI_Result MI_CALL MI_Context_RefuseUnload(
    MI_Context* context)
{
    if (context && context->ft)
        return context->ft->RefuseUnload(context);
    return MI_RESULT_INVALID_PARAMETER;
}

/* A session bound to the local server for nested operations during this
 * request. It must not be closed nor kept beyond the request. *session is
 * zeroed on an invalid context. */
MI_INLINE MI_Result MI_CALL MI_Context_GetLocalSession(
    const MI_Context* context,
    MI_Session* session)
{
    if (context && context->ft)
        return context->ft->GetLocalSession(context, session);
    if (session)
        memset(session, 0, sizeof(*session));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Provider-to-server settings (server specific, e.g. "__FilterByProvider"). */
MI_INLINE MI_Result MI_CALL MI_Context_SetStringOption(
    MI_Context* context,
    const MI_Char* name,
    const MI_Char* value)
{
    if (context && context->ft)
        return context->ft->SetStringOption(context, name, value);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Read operation options sent by the client (standard and custom names). */
MI_INLINE MI_Result MI_CALL MI_Context_GetStringOption(
    MI_Context* context,
    const MI_Char* name,
    const MI_Char** value)
{
    if (context && context->ft)
        return context->ft->GetStringOption(context, name, value);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_GetNumberOption(
    MI_Context* context,
    const MI_Char* name,
    MI_Uint32* value)
{
    if (context && context->ft)
        return context->ft->GetNumberOption(context, name, value);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_GetCustomOption(
    MI_Context* context,
    const MI_Char* name,
    MI_Type* valueType,
    MI_Value* value)
{
    if (context && context->ft)
        return context->ft->GetCustomOption(context, name, valueType, value);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_GetCustomOptionCount(
    MI_Context* context,
    MI_Uint32* count)
{
    if (context && context->ft)
        return context->ft->GetCustomOptionCount(context, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_GetCustomOptionAt(
    MI_Context* context,
    MI_Uint32 index,
    const MI_Char** name,
    MI_Type* valueType,
    MI_Value* value)
{
    if (context && context->ft)
        return context->ft->GetCustomOptionAt(context, index, name, valueType, value);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Informational output; delivered only when the client enabled the channel. */
MI_INLINE MI_Result MI_CALL MI_Context_WriteMessage(
    MI_Context* context,
    MI_Uint32 channel,
    const MI_Char* message)
{
    if (context && context->ft)
        return context->ft->WriteMessage(context, channel, message);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_WriteProgress(
    MI_Context* context,
    const MI_Char* activity,
    const MI_Char* currentOperation,
    const MI_Char* statusDescription,
    MI_Uint32 percentComplete,
    MI_Uint32 secondsRemaining)
{
    if (context && context->ft)
        return context->ft->WriteProgress(context, activity, currentOperation,
            statusDescription, percentComplete, secondsRemaining);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Sends a chunk of an MI_FLAG_STREAM output parameter before the final post. */
MI_INLINE MI_Result MI_CALL MI_Context_WriteStreamParameter(
    MI_Context* context,
    const MI_Char* name,
    const MI_Value* value,
    MI_Type type,
    MI_Uint32 flags)
{
    if (context && context->ft)
        return context->ft->WriteStreamParameter(context, name, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Non-terminating error; *flag = MI_TRUE when the provider should go on. */
MI_INLINE MI_Result MI_CALL MI_Context_WriteCimError(
    MI_Context* context,
    const MI_Instance* error,
    MI_Boolean* flag)
{
    if (context && context->ft)
        return context->ft->WriteCimError(context, error, flag);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Asks the client and blocks until answered; *result = MI_TRUE to proceed. */
MI_INLINE MI_Result MI_CALL MI_Context_PromptUser(
    MI_Context* context,
    const MI_Char* message,
    MI_PromptType promptType,
    MI_Boolean* result)
{
    if (context && context->ft)
        return context->ft->PromptUser(context, message, promptType, result);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_ShouldProcess(
    MI_Context* context,
    const MI_Char* target,
    const MI_Char* action,
    MI_Boolean* result)
{
    if (context && context->ft)
        return context->ft->ShouldProcess(context, target, action, result);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_ShouldContinue(
    MI_Context* context,
    const MI_Char* message,
    MI_Boolean* result)
{
    if (context && context->ft)
        return context->ft->ShouldContinue(context, message, result);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Non-terminating error given as code + family + message; *flag = MI_TRUE
 * when the provider should go on. */
MI_INLINE MI_Result MI_CALL MI_Context_WriteError(
    MI_Context* context,
    MI_Uint32 resultCode,
    const MI_Char* resultType,
    const MI_Char* errorMessage,
    MI_Boolean* flag)
{
    if (context && context->ft)
        return context->ft->WriteError(context, resultCode, resultType, errorMessage, flag);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_Context_WriteWarning(
    MI_Context* context,
    const MI_Char* message)
{
    return MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_WARNING, message);
}

MI_INLINE MI_Result MI_CALL MI_Context_WriteVerbose(
    MI_Context* context,
    const MI_Char* message)
{
    return MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_VERBOSE, message);
}

MI_INLINE MI_Result MI_CALL MI_Context_WriteDebug(
    MI_Context* context,
    const MI_Char* message)
{
    return MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_DEBUG, message);
}

#if MI_API_VERSION >= 2
/* Only valid inside a class provider's Load. *lifecycleContext is set to
 * NULL on an invalid context. */
MI_INLINE MI_Result MI_CALL MI_Context_GetLifecycleIndicationContext(
    const MI_Context* context,
    MI_LifecycleIndicationContext** lifecycleContext)
{
    if (context && context->ft)
        return context->ft->GetLifecycleIndicationContext(context, lifecycleContext);
    if (lifecycleContext)
        *lifecycleContext = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/* Tells the server whether the provider applied the request's filter itself
 * (valid for EnumerateInstances, EnableIndications and Subscribe contexts). */
MI_INLINE MI_Result MI_CALL MI_Context_SetFilterOption(
    MI_Context* context,
    MI_Boolean filterByProvider)
{
    return MI_Context_SetStringOption(context, MI_T("__FilterByProvider"),
        filterByProvider ? MI_T("TRUE") : MI_T("FALSE"));
}
#endif

/* Older names of the context functions, used by generated code. */
#define MI_PostResult MI_Context_PostResult
#define MI_PostCimError MI_Context_PostCimError
#define MI_PostError MI_Context_PostError
#define MI_PostInstance MI_Context_PostInstance
#define MI_PostIndication MI_Context_PostIndication
#define MI_ConstructInstance MI_Context_ConstructInstance
#define MI_ConstructParameters MI_Context_ConstructParameters
#define MI_NewInstance MI_Context_NewInstance
#define MI_NewDynamicInstance MI_Context_NewDynamicInstance
#define MI_NewParameters MI_Context_NewParameters
#define MI_Canceled MI_Context_Canceled
#define MI_GetLocale MI_Context_GetLocale
#define MI_RegisterCancel MI_Context_RegisterCancel
#define MI_RequestUnload MI_Context_RequestUnload
#define MI_RefuseUnload MI_Context_RefuseUnload
#define MI_GetLocalSession MI_Context_GetLocalSession
#define MI_SetStringOption MI_Context_SetStringOption
#define MI_GetStringOption MI_Context_GetStringOption
#define MI_GetNumberOption MI_Context_GetNumberOption
#define MI_GetCustomOption MI_Context_GetCustomOption
#define MI_GetCustomOptionCount MI_Context_GetCustomOptionCount
#define MI_GetCustomOptionAt MI_Context_GetCustomOptionAt
#define MI_ShouldProcess MI_Context_ShouldProcess
#define MI_ShouldContinue MI_Context_ShouldContinue
#define MI_PromptUser MI_Context_PromptUser
#define MI_WriteError MI_Context_WriteError
#define MI_WriteCimError MI_Context_WriteCimError
#define MI_WriteMessage MI_Context_WriteMessage
#define MI_WriteProgress MI_Context_WriteProgress
#define MI_WriteStreamParameter MI_Context_WriteStreamParameter
#define MI_WriteWarning MI_Context_WriteWarning
#define MI_WriteVerbose MI_Context_WriteVerbose
#define MI_WriteDebug MI_Context_WriteDebug

#if MI_API_VERSION >= 2
/*
 * ===========================================================================
 * Inline wrappers: MI_LifecycleIndicationContext
 * ===========================================================================
 */

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostCreate(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->PostCreate(context, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostModify(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* originalInstance,
    const MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->PostModify(context, originalInstance, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostDelete(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* originalInstance)
{
    if (context && context->ft)
        return context->ft->PostDelete(context, originalInstance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostRead(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->PostRead(context, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* precall MI_TRUE: reported before the method runs; MI_FALSE: after, with
 * its returnvalue. */
MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostMethodCall(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* instance,
    const MI_Char* methodName,
    MI_Boolean precall,
    const MI_Instance* parameter,
    const MI_Char* returnvalue)
{
    if (context && context->ft)
        return context->ft->PostMethodCall(context, instance, methodName, precall,
            parameter, returnvalue);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostMethodCall_Before(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* instance,
    const MI_Char* methodName,
    const MI_Instance* parameter)
{
    return MI_LifecycleIndicationContext_PostMethodCall(context, instance, methodName,
        MI_TRUE, parameter, NULL);
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostMethodCall_After(
    MI_LifecycleIndicationContext* context,
    const MI_Instance* instance,
    const MI_Char* methodName,
    const MI_Instance* parameter,
    const MI_Char* returnvalue)
{
    return MI_LifecycleIndicationContext_PostMethodCall(context, instance, methodName,
        MI_FALSE, parameter, returnvalue);
}

/* Ends the current lifecycle subscriptions (not a terminal post). */
MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_PostResult(
    MI_LifecycleIndicationContext* context,
    MI_Result result)
{
    if (context && context->ft)
        return context->ft->PostResult(context, result);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_ConstructInstance(
    MI_LifecycleIndicationContext* context,
    const MI_ClassDecl* classDecl,
    MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->ConstructInstance(context, classDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_ConstructParameters(
    MI_LifecycleIndicationContext* context,
    const MI_MethodDecl* methodDecl,
    MI_Instance* instance)
{
    if (context && context->ft)
        return context->ft->ConstructParameters(context, methodDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_NewInstance(
    MI_LifecycleIndicationContext* context,
    const MI_ClassDecl* classDecl,
    MI_Instance** instance)
{
    if (context && context->ft)
        return context->ft->NewInstance(context, classDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_NewDynamicInstance(
    MI_LifecycleIndicationContext* context,
    const MI_Char* className,
    MI_Uint32 flags,
    MI_Instance** instance)
{
    if (context && context->ft)
        return context->ft->NewDynamicInstance(context, className, flags, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_NewParameters(
    MI_LifecycleIndicationContext* context,
    const MI_MethodDecl* methodDecl,
    MI_Instance** instance)
{
    if (context && context->ft)
        return context->ft->NewParameters(context, methodDecl, instance);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Which kinds (MI_LIFECYCLE_INDICATION_*) the provider can report; Load only.
 * The default is MI_LIFECYCLE_INDICATION_ALL. */
MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_SetSupportedTypes(
    MI_LifecycleIndicationContext* context,
    MI_Uint32 types)
{
    if (context && context->ft)
        return context->ft->SetSupportedTypes(context, types);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Which kinds are currently subscribed. */
MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_GetTypes(
    const MI_LifecycleIndicationContext* context,
    MI_Uint32* types)
{
    if (context && context->ft)
        return context->ft->GetTypes(context, types);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_CALL MI_LifecycleIndicationContext_RegisterCallback(
    MI_LifecycleIndicationContext* context,
    MI_LifecycleIndicationCallback callback,
    void* callbackData)
{
    if (context && context->ft)
        return context->ft->RegisterCallback(context, callback, callbackData);
    return MI_RESULT_INVALID_PARAMETER;
}
#endif /* MI_API_VERSION >= 2 */

/*
 * ===========================================================================
 * Inline wrappers: MI_Application
 * ===========================================================================
 */

/* Synchronous: cancels every session and operation of the application and
 * returns once all of them have been closed and the library's threads for
 * it are gone. Never call it from a callback. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_Close(
    MI_Application* application)
{
    if (application && application->ft)
        return application->ft->Close(application);
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * Opens a session to `destination` (NULL = this machine) over `protocol`
 * (NULL = default for the destination; "WMIDCOM"/"OMI_SOCKETS" = local
 * server, "WINRM"/"MI_REMOTE_WSMAN" = WS-Management). options and callbacks
 * may be NULL; the options are copied. Creating a session need not contact
 * the destination: connection and credential errors surface on the first
 * operation. On failure *session is zeroed and *extendedError (when
 * requested) may receive an error instance the caller deletes.
 */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewSession(
    MI_Application* application,
    const MI_Char* protocol,
    const MI_Char* destination,
    MI_DestinationOptions* options,
    MI_SessionCallbacks* callbacks,
    MI_Instance** extendedError,
    MI_Session* session)
{
    if (application && application->ft)
        return application->ft->NewSession(application, protocol, destination, options,
            callbacks, extendedError, session);
    if (extendedError)
        *extendedError = NULL;
    if (session)
        memset(session, 0, sizeof(*session));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Registers an in-process provider module (its MI_Main) with the local
 * server; unregister with MI_HostedProvider_Close. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewHostedProvider(
    MI_Application* application,
    const MI_Char* namespaceName,
    const MI_Char* providerName,
    MI_MainFunction mi_Main,
    MI_Instance** extendedError,
    MI_HostedProvider* hostedProvider)
{
    if (application && application->ft)
        return application->ft->NewHostedProvider(application, namespaceName, providerName,
            mi_Main, extendedError, hostedProvider);
    if (extendedError)
        *extendedError = NULL;
    if (hostedProvider)
        memset(hostedProvider, 0, sizeof(*hostedProvider));
    return MI_RESULT_INVALID_PARAMETER;
}

/* New heap instance: dynamic (elements added with MI_Instance_AddElement)
 * when classRTTI is NULL, shaped by the declaration otherwise. Release with
 * MI_Instance_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewInstance(
    MI_Application* application,
    const MI_Char* className,
    const MI_ClassDecl* classRTTI,
    MI_Instance** instance)
{
    if (application && application->ft)
        return application->ft->NewInstance(application, className, classRTTI, instance);
    if (instance)
        *instance = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/* Instance to hold the input parameters of MI_Session_Invoke. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewParameterSet(
    MI_Application* application,
    const MI_ClassDecl* classRTTI,
    MI_Instance** instance)
{
    return MI_Application_NewInstance(application, MI_T("Parameters"), classRTTI, instance);
}

/* New heap instance typed by a class object: every property exists (NULL)
 * and carries the class's flags. Release with MI_Instance_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewInstanceFromClass(
    MI_Application* application,
    const MI_Char* className,
    const MI_Class* classObject,
    MI_Instance** instance)
{
    if (application && application->ft)
        return application->ft->NewInstanceFromClass(application, className, classObject,
            instance);
    if (instance)
        *instance = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/* New class object from a declaration; release with MI_Class_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewClass(
    MI_Application* application,
    const MI_ClassDecl* classDecl,
    const MI_Char* namespaceName,
    const MI_Char* serverName,
    MI_Class** classObject)
{
    if (application && application->ft)
        return application->ft->NewClass(application, classDecl, namespaceName, serverName,
            classObject);
    if (classObject)
        *classObject = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/* Release with MI_DestinationOptions_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewDestinationOptions(
    MI_Application* application,
    MI_DestinationOptions* options)
{
    if (application && application->ft)
        return application->ft->NewDestinationOptions(application, options);
    if (options)
        memset(options, 0, sizeof(*options));
    return MI_RESULT_INVALID_PARAMETER;
}

/* mustUnderstand MI_TRUE: the server must fail an operation whose custom
 * options it cannot honour. Release with MI_OperationOptions_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewOperationOptions(
    MI_Application* application,
    MI_Boolean mustUnderstand,
    MI_OperationOptions* options)
{
    if (application && application->ft)
        return application->ft->NewOperationOptions(application, mustUnderstand, options);
    if (options)
        memset(options, 0, sizeof(*options));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Release with MI_SubscriptionDeliveryOptions_Delete. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewSubscriptionDeliveryOptions(
    MI_Application* application,
    MI_SubscriptionDeliveryType deliveryType,
    MI_SubscriptionDeliveryOptions* deliveryOptions)
{
    if (application && application->ft)
        return application->ft->NewSubscriptionDeliveryOptions(application, deliveryType,
            deliveryOptions);
    if (deliveryOptions)
        memset(deliveryOptions, 0, sizeof(*deliveryOptions));
    return MI_RESULT_INVALID_PARAMETER;
}

/* format: "MI_XML" (CIM-XML); flags must be 0. Unknown formats fail with
 * MI_RESULT_NOT_SUPPORTED. Release with MI_Serializer_Close. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewSerializer(
    MI_Application* application,
    MI_Uint32 flags,
    MI_Char* format,
    MI_Serializer* serializer)
{
    if (application && application->ft)
        return application->ft->NewSerializer(application, flags, format, serializer);
    if (serializer)
        memset(serializer, 0, sizeof(*serializer));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Release with MI_Deserializer_Close. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Application_NewDeserializer(
    MI_Application* application,
    MI_Uint32 flags,
    MI_Char* format,
    MI_Deserializer* deserializer)
{
    if (application && application->ft)
        return application->ft->NewDeserializer(application, flags, format, deserializer);
    if (deserializer)
        memset(deserializer, 0, sizeof(*deserializer));
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_Session
 *
 * Common parameters of the operations: flags = MI_OPERATIONFLAGS_*;
 * options = MI_OperationOptions or NULL (copied when the operation starts);
 * namespaceName e.g. "root/cimv2" (NULL = server default); callbacks NULL or
 * partly NULL selects synchronous retrieval (see the contract above);
 * operation receives the new operation handle, always.
 *
 * On an invalid session these wrappers zero *operation and, when the
 * matching result callback is set, call it once with operation NULL,
 * moreResults MI_FALSE and MI_RESULT_INVALID_PARAMETER. (Without a callback
 * the zeroed handle makes MI_Operation_Get* report the same code.)
 * ===========================================================================
 */

/*
 * Cancels every operation of the session, then finishes closing once all of
 * its operation handles have been closed. With completionCallback NULL the
 * call blocks until then (never do that inside a callback); otherwise it
 * returns at once and completionCallback(completionContext) runs once when
 * the close completes. On an invalid session with a completionCallback,
 * the callback is called at once and MI_RESULT_OK is returned.
 */
MI_INLINE MI_Result MI_INLINE_CALL MI_Session_Close(
    MI_Session* session,
    void* completionContext,
    void (MI_CALL *completionCallback)(void*))
{
    if (session && session->ft)
        return session->ft->Close(session, completionContext, completionCallback);
    if (completionCallback)
    {
        completionCallback(completionContext);
        return MI_RESULT_OK;
    }
    return MI_RESULT_INVALID_PARAMETER;
}

/* Copies the handle of the session's application; the copy must not be
 * closed. *application is zeroed on failure. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Session_GetApplication(
    MI_Session* session,
    MI_Application* application)
{
    if (session && session->ft)
        return session->ft->GetApplication(session, application);
    if (application)
        memset(application, 0, sizeof(*application));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Fetches the full instance named by inboundInstance (class + keys).
 * A missing object ends with MI_RESULT_NOT_FOUND. */
MI_INLINE void MI_INLINE_CALL MI_Session_GetInstance(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Instance* inboundInstance,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->GetInstance(session, flags, options, namespaceName, inboundInstance,
            callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Updates the object named by the keys of inboundInstance with its
 * non-NULL properties; MI_RESULT_NOT_FOUND when it does not exist. */
MI_INLINE void MI_INLINE_CALL MI_Session_ModifyInstance(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Instance* inboundInstance,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->ModifyInstance(session, flags, options, namespaceName, inboundInstance,
            callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Creates inboundInstance; the result is the new instance (at least its
 * keys). An existing object ends with MI_RESULT_ALREADY_EXISTS. */
MI_INLINE void MI_INLINE_CALL MI_Session_CreateInstance(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Instance* inboundInstance,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->CreateInstance(session, flags, options, namespaceName, inboundInstance,
            callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Deletes the object named by inboundInstance; yields only a final result. */
MI_INLINE void MI_INLINE_CALL MI_Session_DeleteInstance(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Instance* inboundInstance,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->DeleteInstance(session, flags, options, namespaceName, inboundInstance,
            callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Invokes a method: an instance method when inboundInstance (keys) is given
 * (className may then be NULL), a static method of className otherwise.
 * inboundProperties holds the IN parameters (or NULL). The result instance
 * holds the OUT parameters and the return value as "ReturnValue". */
MI_INLINE void MI_INLINE_CALL MI_Session_Invoke(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Char* className,
    const MI_Char* methodName,
    const MI_Instance* inboundInstance,
    const MI_Instance* inboundProperties,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->Invoke(session, flags, options, namespaceName, className, methodName,
            inboundInstance, inboundProperties, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* All instances of className (and, deep by default, of its subclasses).
 * keysOnly MI_TRUE returns key properties only. */
MI_INLINE void MI_INLINE_CALL MI_Session_EnumerateInstances(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Char* className,
    MI_Boolean keysOnly,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->EnumerateInstances(session, flags, options, namespaceName, className,
            keysOnly, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Instances selected by a query (queryDialect MI_QUERY_DIALECT_WQL/CQL). */
MI_INLINE void MI_INLINE_CALL MI_Session_QueryInstances(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Char* queryDialect,
    const MI_Char* queryExpression,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->QueryInstances(session, flags, options, namespaceName, queryDialect,
            queryExpression, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* The objects at the other end of the associations that reference
 * instanceKey. Optional filters (NULL = none): assocClass (association class
 * or subclass), resultClass (class of the returned objects), role (property
 * of the association pointing at the source), resultRole (property pointing
 * at the result). */
MI_INLINE void MI_INLINE_CALL MI_Session_AssociatorInstances(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Instance* instanceKey,
    const MI_Char* assocClass,
    const MI_Char* resultClass,
    const MI_Char* role,
    const MI_Char* resultRole,
    MI_Boolean keysOnly,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->AssociatorInstances(session, flags, options, namespaceName, instanceKey,
            assocClass, resultClass, role, resultRole, keysOnly, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* The association instances that reference instanceKey, optionally limited
 * to association class resultClass and to the referencing property role. */
MI_INLINE void MI_INLINE_CALL MI_Session_ReferenceInstances(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Instance* instanceKey,
    const MI_Char* resultClass,
    const MI_Char* role,
    MI_Boolean keysOnly,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->ReferenceInstances(session, flags, options, namespaceName, instanceKey,
            resultClass, role, keysOnly, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Long-running: every indication matching the query arrives as a
 * non-final result; the stream ends only on error, cancel or close.
 * deliverOptions NULL = pull delivery with defaults. */
MI_INLINE void MI_INLINE_CALL MI_Session_Subscribe(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Char* queryDialect,
    const MI_Char* queryExpression,
    const MI_SubscriptionDeliveryOptions* deliverOptions,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->Subscribe(session, flags, options, namespaceName, queryDialect,
            queryExpression, deliverOptions, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->indicationResult)
        callbacks->indicationResult(NULL, callbacks->callbackContext, NULL, NULL, NULL,
            MI_FALSE, MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* One class, then the final result. */
MI_INLINE void MI_INLINE_CALL MI_Session_GetClass(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Char* className,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->GetClass(session, flags, options, namespaceName, className, callbacks,
            operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->classResult)
        callbacks->classResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Subclasses of className (root classes when NULL), deep unless
 * MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW; classNamesOnly returns names only. */
MI_INLINE void MI_INLINE_CALL MI_Session_EnumerateClasses(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationOptions* options,
    const MI_Char* namespaceName,
    const MI_Char* className,
    MI_Boolean classNamesOnly,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->EnumerateClasses(session, flags, options, namespaceName, className,
            classNamesOnly, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->classResult)
        callbacks->classResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* Checks that the destination is reachable and accepts the credentials;
 * success is a final MI_RESULT_OK (an instance may or may not come with it).
 * flags must be 0. */
MI_INLINE void MI_INLINE_CALL MI_Session_TestConnection(
    MI_Session* session,
    MI_Uint32 flags,
    MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{
    if (session && session->ft)
    {
        session->ft->TestConnection(session, flags, callbacks, operation);
        return;
    }
    if (operation)
        memset(operation, 0, sizeof(*operation));
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
            MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/*
 * ===========================================================================
 * Inline wrappers: MI_Operation
 * ===========================================================================
 */

/* Every operation is closed exactly once, also one that failed at once.
 * Asynchronous operations: does not block; cancels the operation if it is
 * still running; the handle is released after the final callback (and any
 * pending manual acknowledgement). Synchronous operations: cancels and then
 * waits until the final result has been retrieved with MI_Operation_Get*. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Operation_Close(
    MI_Operation* operation)
{
    if (operation && operation->ft)
        return operation->ft->Close(operation);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Asks the operation to end as soon as possible. Results in flight may
 * still arrive, then exactly one final (failed) result; the operation must
 * still be closed. Cancelling a finished operation is a no-op returning
 * MI_RESULT_OK. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Operation_Cancel(
    MI_Operation* operation,
    MI_CancellationReason reason)
{
    if (operation && operation->ft)
        return operation->ft->Cancel(operation, reason);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Copies the handle of the operation's session; the copy must not be
 * closed. *session is zeroed first. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Operation_GetSession(
    MI_Operation* operation,
    MI_Session* session)
{
    if (session)
        memset(session, 0, sizeof(*session));
    if (operation && operation->ft)
        return operation->ft->GetSession(operation, session);
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * Synchronous retrieval for instance operations: blocks until the next
 * result. instance is required; the other out parameters are optional and
 * zeroed first (*instance may be NULL even on success). The return value
 * reports API misuse (invalid handle, asynchronous operation, wrong getter);
 * the operation's outcome is *result once *moreResults is MI_FALSE. Call it
 * until *moreResults is MI_FALSE, also after MI_Operation_Cancel, before
 * MI_Operation_Close. Further calls after the final result repeat it.
 * On an invalid handle *result = MI_RESULT_INVALID_PARAMETER and
 * *moreResults = MI_FALSE.
 */
MI_INLINE MI_Result MI_INLINE_CALL MI_Operation_GetInstance(
    MI_Operation* operation,
    const MI_Instance** instance,
    MI_Boolean* moreResults,
    MI_Result* result,
    const MI_Char** errorMessage,
    const MI_Instance** completionDetails)
{
    if (operation && operation->ft)
        return operation->ft->GetInstance(operation, instance, moreResults, result,
            errorMessage, completionDetails);
    if (instance)
        *instance = NULL;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (errorMessage)
        *errorMessage = NULL;
    if (completionDetails)
        *completionDetails = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/* Same as MI_Operation_GetInstance for Subscribe operations; also yields
 * the indication's bookmark and machineID. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Operation_GetIndication(
    MI_Operation* operation,
    const MI_Instance** instance,
    const MI_Char** bookmark,
    const MI_Char** machineID,
    MI_Boolean* moreResults,
    MI_Result* result,
    const MI_Char** errorMessage,
    const MI_Instance** completionDetails)
{
    if (operation && operation->ft)
        return operation->ft->GetIndication(operation, instance, bookmark, machineID,
            moreResults, result, errorMessage, completionDetails);
    if (instance)
        *instance = NULL;
    if (bookmark)
        *bookmark = NULL;
    if (machineID)
        *machineID = NULL;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (errorMessage)
        *errorMessage = NULL;
    if (completionDetails)
        *completionDetails = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/* Same as MI_Operation_GetInstance for GetClass/EnumerateClasses. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Operation_GetClass(
    MI_Operation* operation,
    const MI_Class** classResult,
    MI_Boolean* moreResults,
    MI_Result* result,
    const MI_Char** errorMessage,
    const MI_Instance** completionDetails)
{
    if (operation && operation->ft)
        return operation->ft->GetClass(operation, classResult, moreResults, result,
            errorMessage, completionDetails);
    if (classResult)
        *classResult = NULL;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (errorMessage)
        *errorMessage = NULL;
    if (completionDetails)
        *completionDetails = NULL;
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_HostedProvider
 * ===========================================================================
 */

MI_INLINE MI_Result MI_INLINE_CALL MI_HostedProvider_Close(
    MI_HostedProvider* hostedProvider)
{
    if (hostedProvider && hostedProvider->ft)
        return hostedProvider->ft->Close(hostedProvider);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Copies the application handle (not to be closed); zeroed on failure. */
MI_INLINE MI_Result MI_INLINE_CALL MI_HostedProvider_GetApplication(
    MI_HostedProvider* hostedProvider,
    MI_Application* application)
{
    if (hostedProvider && hostedProvider->ft)
        return hostedProvider->ft->GetApplication(hostedProvider, application);
    if (application)
        memset(application, 0, sizeof(*application));
    return MI_RESULT_INVALID_PARAMETER;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_DestinationOptions
 *
 * Settings of a session, created with MI_Application_NewDestinationOptions
 * and passed to MI_Application_NewSession (which copies them). The generic
 * wrappers take no flags (0 is passed). Typed getters write their output
 * only on success and reject a NULL output pointer. Credentials read back
 * always show the password as "******"; the clear text is only available
 * through GetCredentialsPasswordAt (a buffer too small fails and still
 * reports the needed length).
 * ===========================================================================
 */

/* Releases the options object; does nothing for an invalid handle. */
MI_INLINE void MI_INLINE_CALL MI_DestinationOptions_Delete(
    MI_DestinationOptions* options)
{
    if (options && options->ft)
        options->ft->Delete(options);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetString(
    MI_DestinationOptions* options,
    const MI_Char* optionName,
    const MI_Char* optionValue)
{
    if (options && options->ft)
        return options->ft->SetString(options, optionName, optionValue, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetString(
    const MI_DestinationOptions* options,
    const MI_Char* optionName,
    const MI_Char** optionValue,
    MI_Uint32* index)
{
    if (options && options->ft)
        return options->ft->GetString(options, optionName, optionValue, index, NULL);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetNumber(
    MI_DestinationOptions* options,
    const MI_Char* optionName,
    MI_Uint32 optionValue)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, optionName, optionValue, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetNumber(
    const MI_DestinationOptions* options,
    const MI_Char* optionName,
    MI_Uint32* optionValue,
    MI_Uint32* index)
{
    if (options && options->ft)
        return options->ft->GetNumber(options, optionName, optionValue, index, NULL);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetInterval(
    MI_DestinationOptions* options,
    const MI_Char* optionName,
    const MI_Interval* optionValue)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, optionName, optionValue, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetInterval(
    const MI_DestinationOptions* options,
    const MI_Char* optionName,
    MI_Interval* optionValue,
    MI_Uint32* index)
{
    if (options && options->ft)
        return options->ft->GetInterval(options, optionName, optionValue, index, NULL);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Credentials are cumulative: each call adds one set under optionName. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_AddCredentials(
    MI_DestinationOptions* options,
    const MI_Char* optionName,
    const MI_UserCredentials* credentials)
{
    if (options && options->ft)
        return options->ft->AddCredentials(options, optionName, credentials, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetOptionCount(
    const MI_DestinationOptions* options,
    MI_Uint32* count)
{
    if (options && options->ft)
        return options->ft->GetOptionCount(options, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetOptionAt(
    const MI_DestinationOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetOptionAt(options, index, optionName, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetOption(
    const MI_DestinationOptions* options,
    const MI_Char* optionName,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetOption(options, optionName, value, type, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCredentialsCount(
    const MI_DestinationOptions* options,
    MI_Uint32* count)
{
    if (options && options->ft)
        return options->ft->GetCredentialsCount(options, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCredentialsAt(
    const MI_DestinationOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_UserCredentials* credentials,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetCredentialsAt(options, index, optionName, credentials, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCredentialsPasswordAt(
    const MI_DestinationOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_Char* password,
    MI_Uint32 bufferLength,
    MI_Uint32* passwordLength,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetCredentialsPasswordAt(options, index, optionName, password,
            bufferLength, passwordLength, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The copy is independent (delete both). *newDestinationOptions is zeroed
 * for an invalid handle. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_Clone(
    const MI_DestinationOptions* self,
    MI_DestinationOptions* newDestinationOptions)
{
    if (self && self->ft)
        return self->ft->Clone(self, newDestinationOptions);
    if (newDestinationOptions)
        memset(newDestinationOptions, 0, sizeof(*newDestinationOptions));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Default timeout of the session's operations. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetTimeout(
    MI_DestinationOptions* options,
    const MI_Interval* timeout)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, MI_T("__MI_DESTINATIONOPTIONS_TIMEOUT"),
            timeout, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetTimeout(
    const MI_DestinationOptions* options,
    MI_Interval* timeout)
{
    MI_Interval current = { 0, 0, 0, 0, 0, 0, 0, 0 };
    MI_Result miResult;
    if (!options || !options->ft || !timeout)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetInterval(options, MI_T("__MI_DESTINATIONOPTIONS_TIMEOUT"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *timeout = current;
    return miResult;
}

/* Verify the server certificate's CA (default MI_TRUE). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetCertCACheck(
    MI_DestinationOptions* options,
    MI_Boolean check)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_CA_CHECK"),
            check, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCertCACheck(
    const MI_DestinationOptions* options,
    MI_Boolean* check)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !check)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_CA_CHECK"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *check = (MI_Boolean)current;
    return miResult;
}

/* Verify the server certificate's common name (default MI_TRUE). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetCertCNCheck(
    MI_DestinationOptions* options,
    MI_Boolean check)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_CN_CHECK"),
            check, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCertCNCheck(
    const MI_DestinationOptions* options,
    MI_Boolean* check)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !check)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_CN_CHECK"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *check = (MI_Boolean)current;
    return miResult;
}

/* Check the server certificate for revocation (default MI_TRUE). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetCertRevocationCheck(
    MI_DestinationOptions* options,
    MI_Boolean check)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK"),
            check, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCertRevocationCheck(
    const MI_DestinationOptions* options,
    MI_Boolean* check)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !check)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *check = (MI_Boolean)current;
    return miResult;
}

/* Encrypt messages (default MI_TRUE). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetPacketPrivacy(
    MI_DestinationOptions* options,
    MI_Boolean privacy)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_PACKET_PRIVACY"),
            privacy, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetPacketPrivacy(
    const MI_DestinationOptions* options,
    MI_Boolean* privacy)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !privacy)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_PACKET_PRIVACY"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *privacy = (MI_Boolean)current;
    return miResult;
}

/* Sign messages (default MI_TRUE). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetPacketIntegrity(
    MI_DestinationOptions* options,
    MI_Boolean integrity)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_PACKET_INTEGRITY"),
            integrity, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetPacketIntegrity(
    const MI_DestinationOptions* options,
    MI_Boolean* integrity)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !integrity)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_PACKET_INTEGRITY"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *integrity = (MI_Boolean)current;
    return miResult;
}

/* MI_DESTINATIONOPTIONS_PACKET_ENCODING_*. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetPacketEncoding(
    MI_DestinationOptions* options,
    const MI_Char* encoding)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_PACKET_ENCODING"),
            encoding, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetPacketEncoding(
    const MI_DestinationOptions* options,
    const MI_Char** encoding)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !encoding)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_PACKET_ENCODING"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *encoding = current;
    return miResult;
}

/* Locale for number and date formatting, e.g. "en-US". */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetDataLocale(
    MI_DestinationOptions* options,
    const MI_Char* locale)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_DATA_LOCALE"),
            locale, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetDataLocale(
    const MI_DestinationOptions* options,
    const MI_Char** locale)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !locale)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_DATA_LOCALE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *locale = current;
    return miResult;
}

/* Language of messages. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetUILocale(
    MI_DestinationOptions* options,
    const MI_Char* locale)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_UI_LOCALE"),
            locale, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetUILocale(
    const MI_DestinationOptions* options,
    const MI_Char** locale)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !locale)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_UI_LOCALE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *locale = current;
    return miResult;
}

/* Largest WS-Management envelope, in KB. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetMaxEnvelopeSize(
    MI_DestinationOptions* options,
    MI_Uint32 sizeInKB)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE"),
            sizeInKB, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetMaxEnvelopeSize(
    const MI_DestinationOptions* options,
    MI_Uint32* sizeInKB)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !sizeInKB)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *sizeInKB = current;
    return miResult;
}

/* Most items per WS-Management pull. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetMaxElements(
    MI_DestinationOptions* options,
    MI_Uint32 maxElements)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_MAX_ELEMENTS"),
            maxElements, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetMaxElements(
    const MI_DestinationOptions* options,
    MI_Uint32* maxElements)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !maxElements)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_MAX_ELEMENTS"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *maxElements = current;
    return miResult;
}

/* Put the port in the Kerberos SPN (default MI_FALSE). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetEncodePortInSPN(
    MI_DestinationOptions* options,
    MI_Boolean encodePort)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN"),
            encodePort, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetEncodePortInSPN(
    const MI_DestinationOptions* options,
    MI_Boolean* encodePort)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !encodePort)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *encodePort = (MI_Boolean)current;
    return miResult;
}

/* HTTP path of the service (WinRM default "/wsman"). */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetHttpUrlPrefix(
    MI_DestinationOptions* options,
    const MI_Char* prefix)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX"),
            prefix, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetHttpUrlPrefix(
    const MI_DestinationOptions* options,
    const MI_Char** prefix)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !prefix)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *prefix = current;
    return miResult;
}

/* Transport port; the default depends on the transport. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetDestinationPort(
    MI_DestinationOptions* options,
    MI_Uint32 port)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_DESTINATION_PORT"),
            port, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetDestinationPort(
    const MI_DestinationOptions* options,
    MI_Uint32* port)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !port)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_DESTINATION_PORT"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *port = current;
    return miResult;
}

/* MI_DESTINATIONOPTIONS_TRANSPORT_HTTP or _HTTPS. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetTransport(
    MI_DestinationOptions* options,
    const MI_Char* transport)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_TRANSPORT"),
            transport, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetTransport(
    const MI_DestinationOptions* options,
    const MI_Char** transport)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !transport)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_TRANSPORT"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *transport = current;
    return miResult;
}

/* MI_DESTINATIONOPTIONS_PROXY_TYPE_*. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetProxyType(
    MI_DestinationOptions* options,
    const MI_Char* proxyType)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_PROXY_TYPE"),
            proxyType, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetProxyType(
    const MI_DestinationOptions* options,
    const MI_Char** proxyType)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !proxyType)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_PROXY_TYPE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *proxyType = current;
    return miResult;
}

/* Credentials for the proxy; may be called more than once. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_AddProxyCredentials(
    MI_DestinationOptions* options,
    const MI_UserCredentials* credentials)
{
    if (options && options->ft)
        return options->ft->AddCredentials(options, MI_T("__MI_DESTINATIONOPTIONS_PROXY_CREDENTIALS"),
            credentials, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Credentials for the destination; may be called more than once. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_AddDestinationCredentials(
    MI_DestinationOptions* options,
    const MI_UserCredentials* credentials)
{
    if (options && options->ft)
        return options->ft->AddCredentials(options, MI_T("__MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS"),
            credentials, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

/* DCOM impersonation level. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetImpersonationType(
    MI_DestinationOptions* options,
    MI_DestinationOptions_ImpersonationType impersonationType)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE"),
            (MI_Uint32)impersonationType, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetImpersonationType(
    const MI_DestinationOptions* options,
    MI_DestinationOptions_ImpersonationType* impersonationType)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !impersonationType)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *impersonationType = (MI_DestinationOptions_ImpersonationType)current;
    return miResult;
}

/* Directory of trusted CA certificates. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetTrustedCertsDir(
    MI_DestinationOptions* options,
    const MI_Char* path)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR"),
            path, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetTrustedCertsDir(
    const MI_DestinationOptions* options,
    const MI_Char** path)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !path)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *path = current;
    return miResult;
}

/* Client certificate file. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetCertFile(
    MI_DestinationOptions* options,
    const MI_Char* path)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_FILE"),
            path, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetCertFile(
    const MI_DestinationOptions* options,
    const MI_Char** path)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !path)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_CERT_FILE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *path = current;
    return miResult;
}

/* Private key file of the client certificate. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetPrivateKeyFile(
    MI_DestinationOptions* options,
    const MI_Char* path)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE"),
            path, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetPrivateKeyFile(
    const MI_DestinationOptions* options,
    const MI_Char** path)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !path)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *path = current;
    return miResult;
}

/* TLS restriction bits: 0x01 no SSLv2, 0x02 no SSLv3, 0x04 no TLS 1.0, 0x08 no
 * TLS 1.1, 0x10 no TLS 1.2, 0x20 no compression. */
MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_SetSslOptions(
    MI_DestinationOptions* options,
    MI_Uint32 sslOptions)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_SSL_OPTIONS"),
            sslOptions, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_DestinationOptions_GetSslOptions(
    const MI_DestinationOptions* options,
    MI_Uint32* sslOptions)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !sslOptions)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_DESTINATIONOPTIONS_SSL_OPTIONS"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *sslOptions = current;
    return miResult;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_OperationOptions
 *
 * Settings of one operation, created with MI_Application_NewOperationOptions
 * and copied when an operation starts (one object may serve many). Options
 * with other names than the standard ones below travel to the provider
 * (MI_Context_GetStringOption / GetNumberOption / GetCustomOption*).
 * Typed getters write their output only on success and reject a NULL output
 * pointer.
 * ===========================================================================
 */

/* Releases the options object; does nothing for an invalid handle. */
MI_INLINE void MI_INLINE_CALL MI_OperationOptions_Delete(
    MI_OperationOptions* options)
{
    if (options && options->ft)
        options->ft->Delete(options);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetString(
    MI_OperationOptions* options,
    const MI_Char* optionName,
    const MI_Char* value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetString(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetString(
    const MI_OperationOptions* options,
    const MI_Char* optionName,
    const MI_Char** value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetString(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetNumber(
    MI_OperationOptions* options,
    const MI_Char* optionName,
    MI_Uint32 value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetNumber(
    const MI_OperationOptions* options,
    const MI_Char* optionName,
    MI_Uint32* value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetNumber(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetInterval(
    MI_OperationOptions* options,
    const MI_Char* optionName,
    const MI_Interval* value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetInterval(
    const MI_OperationOptions* options,
    const MI_Char* optionName,
    MI_Interval* value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetInterval(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* A typed option for the provider. mustComply MI_TRUE: the operation fails
 * when the server cannot honour it. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetCustomOption(
    MI_OperationOptions* options,
    const MI_Char* optionName,
    MI_Type optionValueType,
    const MI_Value* optionValue,
    MI_Boolean mustComply)
{
    if (options && options->ft)
        return options->ft->SetCustomOption(options, optionName, optionValueType,
            optionValue, mustComply, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetOptionCount(
    const MI_OperationOptions* options,
    MI_Uint32* count)
{
    if (options && options->ft)
        return options->ft->GetOptionCount(options, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetOptionAt(
    const MI_OperationOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetOptionAt(options, index, optionName, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetOption(
    const MI_OperationOptions* options,
    const MI_Char* optionName,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetOption(options, optionName, value, type, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The copy is independent (delete both). *newOperationOptions is zeroed
 * for an invalid handle. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_Clone(
    const MI_OperationOptions* self,
    MI_OperationOptions* newOperationOptions)
{
    if (self && self->ft)
        return self->ft->Clone(self, newOperationOptions);
    if (newOperationOptions)
        memset(newOperationOptions, 0, sizeof(*newOperationOptions));
    return MI_RESULT_INVALID_PARAMETER;
}

/* How WriteError requests reach the client (MI_CallbackMode). */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetWriteErrorMode(
    MI_OperationOptions* options,
    MI_CallbackMode mode)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_WRITEERRORMODE"),
            (MI_Uint32)mode, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetWriteErrorMode(
    const MI_OperationOptions* options,
    MI_CallbackMode* mode)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !mode)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_OPERATIONOPTIONS_WRITEERRORMODE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *mode = (MI_CallbackMode)current;
    return miResult;
}

/* How PromptUser requests reach the client (MI_CallbackMode). */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetPromptUserMode(
    MI_OperationOptions* options,
    MI_CallbackMode mode)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODE"),
            (MI_Uint32)mode, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetPromptUserMode(
    const MI_OperationOptions* options,
    MI_CallbackMode* mode)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !mode)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODE"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *mode = (MI_CallbackMode)current;
    return miResult;
}

/* PromptUser mode plus the automatic answer (ackValue) given to normal,
 * non-critical prompts. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetPromptUserRegularMode(
    MI_OperationOptions* options,
    MI_CallbackMode mode,
    MI_Boolean ackValue)
{
    MI_Result miResult;
    if (!options || !options->ft)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODE"),
        (MI_Uint32)mode, 0);
    if (miResult != MI_RESULT_OK)
        return miResult;
    return options->ft->SetNumber(options,
        MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE"), ackValue, 0);
}

/* ackValue may be NULL. Outputs are written only when every read succeeds. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetPromptUserRegularMode(
    const MI_OperationOptions* options,
    MI_CallbackMode* mode,
    MI_Boolean* ackValue)
{
    MI_Uint32 currentMode = 0;
    MI_Uint32 currentAck = 0;
    MI_Result miResult;
    if (!options || !options->ft || !mode)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODE"),
        &currentMode, NULL, NULL);
    if (miResult == MI_RESULT_OK && ackValue)
        miResult = options->ft->GetNumber(options,
            MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE"), &currentAck,
            NULL, NULL);
    if (miResult != MI_RESULT_OK)
        return miResult;
    *mode = (MI_CallbackMode)currentMode;
    if (ackValue)
        *ackValue = (MI_Boolean)currentAck;
    return MI_RESULT_OK;
}

/* Provider bitness to use; with mustComply the operation fails when it
 * cannot be honoured. Accepted and ignored on Linux otherwise. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetProviderArchitecture(
    MI_OperationOptions* options,
    MI_ProviderArchitecture architecture,
    MI_Boolean mustComply)
{
    MI_Result miResult;
    if (!options || !options->ft)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->SetNumber(options,
        MI_T("__MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE"), (MI_Uint32)architecture, 0);
    if (miResult != MI_RESULT_OK)
        return miResult;
    return options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE"),
        mustComply, 0);
}

/* mustComply may be NULL. Outputs are written only when every read succeeds. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetProviderArchitecture(
    const MI_OperationOptions* options,
    MI_ProviderArchitecture* architecture,
    MI_Boolean* mustComply)
{
    MI_Uint32 currentArchitecture = 0;
    MI_Uint32 currentRequired = 0;
    MI_Result miResult;
    if (!options || !options->ft || !architecture)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options,
        MI_T("__MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE"), &currentArchitecture, NULL, NULL);
    if (miResult == MI_RESULT_OK && mustComply)
        miResult = options->ft->GetNumber(options,
            MI_T("__MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE"), &currentRequired, NULL, NULL);
    if (miResult != MI_RESULT_OK)
        return miResult;
    *architecture = (MI_ProviderArchitecture)currentArchitecture;
    if (mustComply)
        *mustComply = (MI_Boolean)currentRequired;
    return MI_RESULT_OK;
}

/* Delivers WriteMessage output of `channel` (MI_WRITEMESSAGE_CHANNEL_* or a
 * custom channel) to the client. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_EnableChannel(
    MI_OperationOptions* options,
    MI_Uint32 channel)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_CHANNEL"),
            channel, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_DisableChannel(
    MI_OperationOptions* options,
    MI_Uint32 channel)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_CHANNEL"),
            channel, 1);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Copies up to bufferLength enabled channels into channels; *channelCount
 * receives how many are enabled. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetEnabledChannels(
    const MI_OperationOptions* options,
    MI_Uint32* channels,
    MI_Uint32 bufferLength,
    MI_Uint32* channelCount,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetEnabledChannels(options, MI_T("__MI_OPERATIONOPTIONS_CHANNEL"),
            channels, bufferLength, channelCount, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Timeout of the operation; overrides the destination default. Expiry cancels
 * the operation with reason MI_REASON_TIMEOUT. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetTimeout(
    MI_OperationOptions* options,
    const MI_Interval* timeout)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, MI_T("__MI_OPERATIONOPTIONS_TIMEOUT"),
            timeout, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetTimeout(
    const MI_OperationOptions* options,
    MI_Interval* timeout)
{
    MI_Interval current = { 0, 0, 0, 0, 0, 0, 0, 0 };
    MI_Result miResult;
    if (!options || !options->ft || !timeout)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetInterval(options, MI_T("__MI_OPERATIONOPTIONS_TIMEOUT"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *timeout = current;
    return miResult;
}

/* WS-Management resource URI prefix override. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetResourceUriPrefix(
    MI_OperationOptions* options,
    const MI_Char* prefix)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX"),
            prefix, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetResourceUriPrefix(
    const MI_OperationOptions* options,
    const MI_Char** prefix)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !prefix)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *prefix = current;
    return miResult;
}

/* WS-Management resource URI override. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetResourceUri(
    MI_OperationOptions* options,
    const MI_Char* uri)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_OPERATIONOPTIONS_RESOURCE_URI"),
            uri, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetResourceUri(
    const MI_OperationOptions* options,
    const MI_Char** uri)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !uri)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_OPERATIONOPTIONS_RESOURCE_URI"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *uri = current;
    return miResult;
}

/* Deliver the machine ID with indications. */
MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_SetUseMachineID(
    MI_OperationOptions* options,
    MI_Boolean machineID)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_OPERATIONOPTIONS_USE_MACHINE_ID"),
            machineID, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_OperationOptions_GetUseMachineID(
    const MI_OperationOptions* options,
    MI_Boolean* machineID)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !machineID)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_OPERATIONOPTIONS_USE_MACHINE_ID"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *machineID = (MI_Boolean)current;
    return miResult;
}

/*
 * ===========================================================================
 * Inline wrappers: MI_SubscriptionDeliveryOptions
 *
 * Settings of a Subscribe operation, created with
 * MI_Application_NewSubscriptionDeliveryOptions (pull: the client polls;
 * push: the server connects back to DeliveryDestination). Typed getters
 * write their output only on success and reject a NULL output pointer.
 * ===========================================================================
 */

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetString(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    const MI_Char* value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetString(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetNumber(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    MI_Uint32 value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetDateTime(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    const MI_Datetime* value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetDateTime(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetInterval(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    const MI_Interval* value,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, optionName, value, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_AddCredentials(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    const MI_UserCredentials* credentials,
    MI_Uint32 flags)
{
    if (options && options->ft)
        return options->ft->AddCredentials(options, optionName, credentials, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_Delete(
    MI_SubscriptionDeliveryOptions* options)
{
    if (options && options->ft)
        return options->ft->Delete(options);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetString(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    const MI_Char** value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetString(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetNumber(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    MI_Uint32* value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetNumber(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetDateTime(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    MI_Datetime* value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetDateTime(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetInterval(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    MI_Interval* value,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetInterval(options, optionName, value, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetOptionCount(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32* count)
{
    if (options && options->ft)
        return options->ft->GetOptionCount(options, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetOptionAt(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetOptionAt(options, index, optionName, value, type, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetOption(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char* optionName,
    MI_Value* value,
    MI_Type* type,
    MI_Uint32* index,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetOption(options, optionName, value, type, index, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetCredentialsCount(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32* count)
{
    if (options && options->ft)
        return options->ft->GetCredentialsCount(options, count);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetCredentialsAt(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_UserCredentials* credentials,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetCredentialsAt(options, index, optionName, credentials, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetCredentialsPasswordAt(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32 index,
    const MI_Char** optionName,
    MI_Char* password,
    MI_Uint32 bufferLength,
    MI_Uint32* passwordLength,
    MI_Uint32* flags)
{
    if (options && options->ft)
        return options->ft->GetCredentialsPasswordAt(options, index, optionName, password,
            bufferLength, passwordLength, flags);
    return MI_RESULT_INVALID_PARAMETER;
}

/* The copy is independent (delete both). *newSubscriptionDeliveryOptions
 * is zeroed for an invalid handle. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_Clone(
    const MI_SubscriptionDeliveryOptions* self,
    MI_SubscriptionDeliveryOptions* newSubscriptionDeliveryOptions)
{
    if (self && self->ft)
        return self->ft->Clone(self, newSubscriptionDeliveryOptions);
    if (newSubscriptionDeliveryOptions)
        memset(newSubscriptionDeliveryOptions, 0, sizeof(*newSubscriptionDeliveryOptions));
    return MI_RESULT_INVALID_PARAMETER;
}

/* Longest time the server may hold an indication before delivering it. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetMaximumLatency(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Interval* latency)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_MAXIMUM_LATENCY"),
            latency, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetMaximumLatency(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Interval* latency)
{
    MI_Interval current = { 0, 0, 0, 0, 0, 0, 0, 0 };
    MI_Result miResult;
    if (!options || !options->ft || !latency)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetInterval(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_MAXIMUM_LATENCY"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *latency = current;
    return miResult;
}

/* Interval of heartbeat messages while no indication arrives. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetHeartbeatInterval(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Interval* heartbeat)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_HEARTBEAT_INTERVAL"),
            heartbeat, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetHeartbeatInterval(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Interval* heartbeat)
{
    MI_Interval current = { 0, 0, 0, 0, 0, 0, 0, 0 };
    MI_Result miResult;
    if (!options || !options->ft || !heartbeat)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetInterval(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_HEARTBEAT_INTERVAL"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *heartbeat = current;
    return miResult;
}

/* When the subscription ends by itself. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetExpirationTime(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Datetime* expiration)
{
    if (options && options->ft)
        return options->ft->SetDateTime(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_EXPIRATION_TIME"),
            expiration, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetExpirationTime(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Datetime* expiration)
{
    MI_Datetime current = { 0, { { 0, 0, 0, 0, 0, 0, 0, 0 } } };
    MI_Result miResult;
    if (!options || !options->ft || !expiration)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetDateTime(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_EXPIRATION_TIME"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *expiration = current;
    return miResult;
}

/* Double-underscore spellings of the expiration helpers. */
#define MI_SubscriptionDeliveryOptions__SetExpirationTime MI_SubscriptionDeliveryOptions_SetExpirationTime
#define MI_SubscriptionDeliveryOptions__GetExpirationTime MI_SubscriptionDeliveryOptions_GetExpirationTime

/* MI_SUBSCRIBE_BOOKMARK_OLDEST, _NEWEST or a bookmark received earlier. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetBookmark(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* bookmark)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_BOOKMARK"),
            bookmark, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetBookmark(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char** bookmark)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !bookmark)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_BOOKMARK"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *bookmark = current;
    return miResult;
}

/* Push delivery: where the server connects back to. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetDeliveryDestination(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Char* destination)
{
    if (options && options->ft)
        return options->ft->SetString(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_DESTINATION"),
            destination, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetDeliveryDestination(
    const MI_SubscriptionDeliveryOptions* options,
    const MI_Char** destination)
{
    const MI_Char* current = NULL;
    MI_Result miResult;
    if (!options || !options->ft || !destination)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetString(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_DESTINATION"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *destination = current;
    return miResult;
}

/* Push delivery: port of the delivery destination. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetDeliveryPortNumber(
    MI_SubscriptionDeliveryOptions* options,
    MI_Uint32 port)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_PORT_NUMBER"),
            port, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetDeliveryPortNumber(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32* port)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !port)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_PORT_NUMBER"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *port = current;
    return miResult;
}

/* Push delivery: credentials for connecting back; may be called more than once. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_AddDeliveryCredentials(
    MI_SubscriptionDeliveryOptions* options,
    const MI_UserCredentials* credentials)
{
    if (options && options->ft)
        return options->ft->AddCredentials(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_ADD_DELIVERY_CREDENTIALS"),
            credentials, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

/* Push delivery: wait between delivery attempts. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetDeliveryRetryInterval(
    MI_SubscriptionDeliveryOptions* options,
    const MI_Interval* retryInterval)
{
    if (options && options->ft)
        return options->ft->SetInterval(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_RETRY_INTERVAL"),
            retryInterval, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetDeliveryRetryInterval(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Interval* retryInterval)
{
    MI_Interval current = { 0, 0, 0, 0, 0, 0, 0, 0 };
    MI_Result miResult;
    if (!options || !options->ft || !retryInterval)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetInterval(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_RETRY_INTERVAL"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *retryInterval = current;
    return miResult;
}

/* Push delivery: number of delivery attempts. */
MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_SetDeliveryRetryAttempts(
    MI_SubscriptionDeliveryOptions* options,
    MI_Uint32 attempts)
{
    if (options && options->ft)
        return options->ft->SetNumber(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_RETRY_ATTEMPTS"),
            attempts, 0);
    return MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_INLINE_CALL MI_SubscriptionDeliveryOptions_GetDeliveryRetryAttempts(
    const MI_SubscriptionDeliveryOptions* options,
    MI_Uint32* attempts)
{
    MI_Uint32 current = 0;
    MI_Result miResult;
    if (!options || !options->ft || !attempts)
        return MI_RESULT_INVALID_PARAMETER;
    miResult = options->ft->GetNumber(options, MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_DELIVERY_RETRY_ATTEMPTS"),
        &current, NULL, NULL);
    if (miResult == MI_RESULT_OK)
        *attempts = current;
    return miResult;
}

/*
 * ===========================================================================
 * Serializer, deserializer and utilities
 *
 * These forward through mi_clientFT without checking anything (the table is
 * valid for the whole process). Buffer protocol of Serialize*: pass
 * clientBuffer NULL and clientBufferLength 0 to learn the size in
 * *clientBufferNeeded; a buffer too small fails and still reports the size;
 * on success *clientBufferNeeded is the number of bytes written. Class flags:
 * 0 or MI_SERIALIZER_FLAGS_CLASS_DEEP (with ancestors); instance flags: 0 or
 * MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS. Deserialize*: classObjectNeeded
 * supplies classes the data refers to; *serializedBufferRead is the number
 * of bytes consumed; cimErrorDetails (optional) receives an instance the
 * caller deletes. The *_GetClassName calls fill a caller buffer whose length
 * (in MI_Char, NUL included) goes in and comes out through the length
 * pointer.
 * ===========================================================================
 */

MI_INLINE MI_Result MI_INLINE_CALL MI_Serializer_Close(
    MI_Serializer* serializer)
{
    return mi_clientFT->serializerFT->Close(serializer);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Serializer_SerializeClass(
    MI_Serializer* serializer,
    MI_Uint32 flags,
    const MI_Class* classObject,
    MI_Uint8* clientBuffer,
    MI_Uint32 clientBufferLength,
    MI_Uint32* clientBufferNeeded)
{
    return mi_clientFT->serializerFT->SerializeClass(serializer, flags, classObject,
        clientBuffer, clientBufferLength, clientBufferNeeded);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Serializer_SerializeInstance(
    MI_Serializer* serializer,
    MI_Uint32 flags,
    const MI_Instance* instanceObject,
    MI_Uint8* clientBuffer,
    MI_Uint32 clientBufferLength,
    MI_Uint32* clientBufferNeeded)
{
    return mi_clientFT->serializerFT->SerializeInstance(serializer, flags, instanceObject,
        clientBuffer, clientBufferLength, clientBufferNeeded);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Deserializer_Close(
    MI_Deserializer* deserializer)
{
    return mi_clientFT->deserializerFT->Close(deserializer);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Deserializer_DeserializeClass(
    MI_Deserializer* deserializer,
    MI_Uint32 flags,
    MI_Uint8* serializedBuffer,
    MI_Uint32 serializedBufferLength,
    MI_Class* parentClass,
    const MI_Char* serverName,
    const MI_Char* namespaceName,
    MI_Deserializer_ClassObjectNeeded classObjectNeeded,
    void* classObjectNeededContext,
    MI_Uint32* serializedBufferRead,
    MI_Class** classObject,
    MI_Instance** cimErrorDetails)
{
    return mi_clientFT->deserializerFT->DeserializeClass(deserializer, flags,
        serializedBuffer, serializedBufferLength, parentClass, serverName, namespaceName,
        classObjectNeeded, classObjectNeededContext, serializedBufferRead, classObject,
        cimErrorDetails);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Deserializer_Class_GetClassName(
    MI_Deserializer* deserializer,
    MI_Uint8* serializedBuffer,
    MI_Uint32 serializedBufferLength,
    MI_Char* className,
    MI_Uint32* classNameLength,
    MI_Instance** cimErrorDetails)
{
    return mi_clientFT->deserializerFT->Class_GetClassName(deserializer, serializedBuffer,
        serializedBufferLength, className, classNameLength, cimErrorDetails);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Deserializer_Class_GetParentClassName(
    MI_Deserializer* deserializer,
    MI_Uint8* serializedBuffer,
    MI_Uint32 serializedBufferLength,
    MI_Char* parentClassName,
    MI_Uint32* parentClassNameLength,
    MI_Instance** cimErrorDetails)
{
    return mi_clientFT->deserializerFT->Class_GetParentClassName(deserializer,
        serializedBuffer, serializedBufferLength, parentClassName, parentClassNameLength,
        cimErrorDetails);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Deserializer_DeserializeInstance(
    MI_Deserializer* deserializer,
    MI_Uint32 flags,
    MI_Uint8* serializedBuffer,
    MI_Uint32 serializedBufferLength,
    MI_Class** classObjects,
    MI_Uint32 numberClassObjects,
    MI_Deserializer_ClassObjectNeeded classObjectNeeded,
    void* classObjectNeededContext,
    MI_Uint32* serializedBufferRead,
    MI_Instance** instanceObject,
    MI_Instance** cimErrorDetails)
{
    return mi_clientFT->deserializerFT->DeserializeInstance(deserializer, flags,
        serializedBuffer, serializedBufferLength, classObjects, numberClassObjects,
        classObjectNeeded, classObjectNeededContext, serializedBufferRead, instanceObject,
        cimErrorDetails);
}

MI_INLINE MI_Result MI_INLINE_CALL MI_Deserializer_Instance_GetClassName(
    MI_Deserializer* deserializer,
    MI_Uint8* serializedBuffer,
    MI_Uint32 serializedBufferLength,
    MI_Char* className,
    MI_Uint32* classNameLength,
    MI_Instance** cimErrorDetails)
{
    return mi_clientFT->deserializerFT->Instance_GetClassName(deserializer,
        serializedBuffer, serializedBufferLength, className, classNameLength,
        cimErrorDetails);
}

/* Category of an error code of family errorType (MI_RESULT_TYPE_*). */
MI_INLINE MI_ErrorCategory MI_INLINE_CALL MI_Utilities_MapErrorToMiErrorCategory(
    const MI_Char* errorType,
    MI_Uint32 error)
{
    return mi_clientFT->utilitiesFT->MapErrorToMiErrorCategory(errorType, error);
}

/* Builds an error instance for a code of family errorType; the caller
 * deletes *cimError. */
MI_INLINE MI_Result MI_INLINE_CALL MI_Utilities_CimErrorFromErrorCode(
    MI_Uint32 error,
    const MI_Char* errorType,
    const MI_Char* errorMessage,
    MI_Instance** cimError)
{
    return mi_clientFT->utilitiesFT->CimErrorFromErrorCode(error, errorType, errorMessage,
        cimError);
}

#ifdef __cplusplus
}
#endif

#endif /* _MI_h */
