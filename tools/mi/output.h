/* output.h - how `mi` prints what it got: class MOF, class names, compile summaries,
 * diagnostics and errors (instances: fmt.h). Independent of where the data came from
 * (source.h). Every printer returns 0, or -1 if the text could not be built (out of
 * memory) or written; the caller reports that and exits with status 1.
 */
#ifndef MI_TOOLS_OUTPUT_H
#define MI_TOOLS_OUTPUT_H

#include <mi.h>
#include <stdio.h>

#include "source.h"

/* "MI_RESULT_INVALID_CLASS" etc.; "MI_RESULT_<number>" for an unknown value (written
 * into a static buffer: not thread-safe, the CLI is single-threaded). */
const char *mi_cli_result_name(MI_Result r);

/* "mi: MI_RESULT_X (code): message" (or without ": message" when msg is empty),
 * newline. */
void mi_cli_print_error(FILE *f, MI_Result r, const char *msg);

/* "file:line:column: error: message" ("warning:" for warnings), newline. */
void mi_cli_print_diag(FILE *f, const mi_cli_mof_diag *d);

/* "C classes, I instances, Q qualifiers" plus ", W warnings" when W > 0, newline.
 * The words stay plural whatever the counts, so that scripts can parse the line. */
int mi_cli_print_counts(FILE *f, const mi_cli_mof_counts *c);

/* The class in MOF syntax (mi_class_to_mof with `flags`, MI_MOFOUT_*). */
int mi_cli_print_class_mof(FILE *f, const MI_ClassDecl *cd, unsigned flags);
/* The class name alone, newline. */
int mi_cli_print_class_name(FILE *f, const MI_ClassDecl *cd);

#endif
