/* fuzz_cli_value.c - libFuzzer target for the `mi` tool's argument parsers
 * (tools/mi/convert.c): "Name=value" splitting and text-to-value conversion for every
 * MI_Type, references included (which go through the instance-path parser).
 *
 * Input: the first byte selects the type (its low 5 bits: any MI_Type, scalar or
 * array); the rest is the argument text. Every input must give OK or an error with a
 * message; a rejected input without a message, a crash or a sanitizer report is a
 * finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mi.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "../tools/mi/convert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (64u * 1024u)

static MI_Application app = MI_APPLICATION_NULL;

static void finding(const char *what, const char *text)
{
    fprintf(stderr, "fuzz_cli_value: %s: %s\n", what, text);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_INPUT)
        return 0;
    if (app.ft == NULL &&
        MI_Application_Initialize(0, MI_T("fuzz"), NULL, &app) != MI_RESULT_OK)
        finding("setup", "MI_Application_Initialize failed");
    MI_Type type = (MI_Type)(data[0] & 0x1F);
    char *text = mi_strndup((const char *)data + 1, size - 1);
    if (!text)
        return 0;
    mi_arena a;
    mi_buf err;
    mi_arena_init(&a, 0, (size_t)1 << 28);
    mi_buf_init(&err, 4096);

    const char *name = NULL, *value = NULL;
    MI_Result r = mi_cli_split_assignment(&a, text, &name, &value, &err);
    if (r != MI_RESULT_OK && err.len == 0)
        finding("split rejected without a message", text);
    mi_buf_reset(&err);

    MI_Value v;
    r = mi_cli_parse_value(&app, &a, text, type, "argument", &v, &err);
    if (r != MI_RESULT_OK && err.len == 0 && r != MI_RESULT_SERVER_LIMITS_EXCEEDED)
        finding("value rejected without a message", text);

    mi_buf_free(&err);
    mi_arena_destroy(&a);
    mi_free(text);
    return 0;
}
