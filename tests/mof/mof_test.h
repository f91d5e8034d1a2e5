/* mof_test.h - helpers shared by the MOF compiler tests: a diagnostic collector and
 * paths into shared/data. Included by one test source each (static functions). */
#ifndef MI_TESTS_MOF_TEST_H
#define MI_TESTS_MOF_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "mof/mof.h"
#include "repo/repo.h"

#define DATA_DIR MI_SHARED_DIR "/data"
#define SCHEMA_DIR DATA_DIR "/cim-schema/2.49.0"
#define OMI_DIR DATA_DIR "/mof-extra/omi/Unix"
#define PEG_DIR DATA_DIR "/mof-extra/openpegasus/pegasus"

typedef struct diag_rec {
    mi_mof_severity sev;
    unsigned line, col;
    MI_Result code;
    char file[256];
    char msg[400];
} diag_rec;

typedef struct diags {
    diag_rec d[128];
    unsigned n;        /* recorded (at most 128) */
    unsigned errors;   /* all errors seen */
    unsigned warnings;
    int print;         /* echo to stdout */
} diags;

static inline void collect_diag(void *ctx, const mi_mof_diag *d)
{
    diags *dg = ctx;
    if (d->severity == MI_MOF_ERROR)
        dg->errors++;
    else
        dg->warnings++;
    if (dg->print)
        printf("  diag: %s:%u:%u: %s: %s\n", d->file, d->line, d->column,
               d->severity == MI_MOF_ERROR ? "error" : "warning", d->message);
    if (dg->n >= sizeof dg->d / sizeof dg->d[0])
        return;
    diag_rec *r = &dg->d[dg->n++];
    r->sev = d->severity;
    r->line = d->line;
    r->col = d->column;
    r->code = d->code;
    snprintf(r->file, sizeof r->file, "%s", d->file);
    snprintf(r->msg, sizeof r->msg, "%s", d->message);
}

static inline void diags_reset(diags *dg)
{
    int print = dg->print;
    memset(dg, 0, sizeof *dg);
    dg->print = print;
}

static inline mi_mof_options diag_options(diags *dg)
{
    mi_mof_options o;
    memset(&o, 0, sizeof o);
    o.diag = collect_diag;
    o.diag_ctx = dg;
    return o;
}

/* The first error recorded, or NULL. */
static inline const diag_rec *first_error(const diags *dg)
{
    for (unsigned i = 0; i < dg->n; i++) {
        if (dg->d[i].sev == MI_MOF_ERROR)
            return &dg->d[i];
    }
    return NULL;
}

/* The first error at `line`, or NULL. */
static inline const diag_rec *error_at_line(const diags *dg, unsigned line)
{
    for (unsigned i = 0; i < dg->n; i++) {
        if (dg->d[i].sev == MI_MOF_ERROR && dg->d[i].line == line)
            return &dg->d[i];
    }
    return NULL;
}

static inline bool has_text(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

static inline bool err_has(const diag_rec *e, const char *needle)
{
    return e && strstr(e->msg, needle) != NULL;
}

/* Compiles text (NUL-terminated) into r, collecting diagnostics. */
static inline MI_Result compile_text(mi_repo *r, const char *text, diags *dg)
{
    diags_reset(dg);
    mi_mof_options o = diag_options(dg);
    return mi_mof_compile_buffer(r, "test.mof", text, strlen(text), &o, NULL);
}

#endif
