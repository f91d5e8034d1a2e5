/* output.c - printers of the `mi` command (see output.h). */
#include "output.h"

#include "cim/cim.h"

/* Text produced for one class or instance is at most this long. */
#define OUTPUT_CAP ((size_t)64 << 20)

static const char *const result_names[] = {
    [MI_RESULT_OK] = "MI_RESULT_OK",
    [MI_RESULT_FAILED] = "MI_RESULT_FAILED",
    [MI_RESULT_ACCESS_DENIED] = "MI_RESULT_ACCESS_DENIED",
    [MI_RESULT_INVALID_NAMESPACE] = "MI_RESULT_INVALID_NAMESPACE",
    [MI_RESULT_INVALID_PARAMETER] = "MI_RESULT_INVALID_PARAMETER",
    [MI_RESULT_INVALID_CLASS] = "MI_RESULT_INVALID_CLASS",
    [MI_RESULT_NOT_FOUND] = "MI_RESULT_NOT_FOUND",
    [MI_RESULT_NOT_SUPPORTED] = "MI_RESULT_NOT_SUPPORTED",
    [MI_RESULT_CLASS_HAS_CHILDREN] = "MI_RESULT_CLASS_HAS_CHILDREN",
    [MI_RESULT_CLASS_HAS_INSTANCES] = "MI_RESULT_CLASS_HAS_INSTANCES",
    [MI_RESULT_INVALID_SUPERCLASS] = "MI_RESULT_INVALID_SUPERCLASS",
    [MI_RESULT_ALREADY_EXISTS] = "MI_RESULT_ALREADY_EXISTS",
    [MI_RESULT_NO_SUCH_PROPERTY] = "MI_RESULT_NO_SUCH_PROPERTY",
    [MI_RESULT_TYPE_MISMATCH] = "MI_RESULT_TYPE_MISMATCH",
    [MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED] = "MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED",
    [MI_RESULT_INVALID_QUERY] = "MI_RESULT_INVALID_QUERY",
    [MI_RESULT_METHOD_NOT_AVAILABLE] = "MI_RESULT_METHOD_NOT_AVAILABLE",
    [MI_RESULT_METHOD_NOT_FOUND] = "MI_RESULT_METHOD_NOT_FOUND",
    [MI_RESULT_NAMESPACE_NOT_EMPTY] = "MI_RESULT_NAMESPACE_NOT_EMPTY",
    [MI_RESULT_INVALID_ENUMERATION_CONTEXT] = "MI_RESULT_INVALID_ENUMERATION_CONTEXT",
    [MI_RESULT_INVALID_OPERATION_TIMEOUT] = "MI_RESULT_INVALID_OPERATION_TIMEOUT",
    [MI_RESULT_PULL_HAS_BEEN_ABANDONED] = "MI_RESULT_PULL_HAS_BEEN_ABANDONED",
    [MI_RESULT_PULL_CANNOT_BE_ABANDONED] = "MI_RESULT_PULL_CANNOT_BE_ABANDONED",
    [MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED] =
        "MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED",
    [MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED] =
        "MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED",
    [MI_RESULT_SERVER_LIMITS_EXCEEDED] = "MI_RESULT_SERVER_LIMITS_EXCEEDED",
    [MI_RESULT_SERVER_IS_SHUTTING_DOWN] = "MI_RESULT_SERVER_IS_SHUTTING_DOWN",
};

const char *mi_cli_result_name(MI_Result r)
{
    static char unknown[32];

    if ((unsigned)r < sizeof result_names / sizeof result_names[0] &&
        result_names[r] != NULL)
        return result_names[r];
    snprintf(unknown, sizeof unknown, "MI_RESULT_%u", (unsigned)r);
    return unknown;
}

void mi_cli_print_error(FILE *f, MI_Result r, const char *msg)
{
    if (msg != NULL && msg[0] != '\0')
        fprintf(f, "mi: %s (%u): %s\n", mi_cli_result_name(r), (unsigned)r, msg);
    else
        fprintf(f, "mi: %s (%u)\n", mi_cli_result_name(r), (unsigned)r);
}

void mi_cli_print_diag(FILE *f, const mi_cli_mof_diag *d)
{
    fprintf(f, "%s:%u:%u: %s: %s\n", d->file != NULL ? d->file : "<input>", d->line,
            d->column, d->is_error ? "error" : "warning",
            d->message != NULL ? d->message : "(no message)");
}

/* Writes the buffer's text to f unless building it failed. */
static int flush_buf(FILE *f, mi_buf *b, int built)
{
    int rc = -1;

    if (built < 0 || mi_buf_failed(b))
        goto out;
    if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len)
        goto out;
    rc = 0;
out:
    mi_buf_free(b);
    return rc;
}

int mi_cli_print_counts(FILE *f, const mi_cli_mof_counts *c)
{
    char cls[160] = "", qual[48] = "", warn[32] = "";
    int n;

    /* "C classes (R replaced, B rebuilt, U unchanged)": only the parts that are not 0 */
    if (c->replaced || c->rebuilt || c->unchanged) {
        size_t len = 0;
        const unsigned v[3] = {c->replaced, c->rebuilt, c->unchanged};
        static const char *const what[3] = {"replaced", "rebuilt", "unchanged"};
        for (int i = 0; i < 3; i++) {
            if (v[i] == 0)
                continue;
            int w = snprintf(cls + len, sizeof cls - len, "%s%u %s", len ? ", " : " (", v[i],
                             what[i]);
            if (w > 0 && (size_t)w < sizeof cls - len)
                len += (size_t)w;
        }
        snprintf(cls + len, sizeof cls - len, ")");
    }
    if (c->qualifiers_replaced)
        snprintf(qual, sizeof qual, " (%u replaced)", c->qualifiers_replaced);
    if (c->warnings > 0)
        snprintf(warn, sizeof warn, ", %u warnings", c->warnings);
    n = fprintf(f, "%u classes%s, %u instances, %u qualifiers%s%s\n", c->classes, cls,
                c->instances, c->qualifiers, qual, warn);
    return n < 0 ? -1 : 0;
}

int mi_cli_print_class_mof(FILE *f, const MI_ClassDecl *cd, unsigned flags)
{
    mi_buf b;

    mi_buf_init(&b, OUTPUT_CAP);
    return flush_buf(f, &b, mi_class_to_mof(&b, cd, flags));
}

int mi_cli_print_class_name(FILE *f, const MI_ClassDecl *cd)
{
    return fprintf(f, "%s\n", cd->name) < 0 ? -1 : 0;
}
