/* fuzz_path.c - libFuzzer target for instance paths: every input that mi_path_parse
 * accepts must format to text that parses again and formats to the same text, and the
 * two paths, once normalised, must compare equal. A difference aborts (a finding). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longest input tried (paths are capped well below this by the parser). */
#define MAX_INPUT (128u * 1024u)

static void finding(const char *what, const char *a, const char *b)
{
    fprintf(stderr, "fuzz_path: %s\n  first:  %s\n  second: %s\n", what, a, b ? b : "");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mi_arena arena;
    mi_path p1, p2;
    mi_buf t1, t2, err;
    char *text;

    if (size > MAX_INPUT)
        return 0;
    text = mi_malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    mi_arena_init(&arena, 0, 0);
    mi_buf_init(&t1, 0);
    mi_buf_init(&t2, 0);
    mi_buf_init(&err, 4096);

    if (mi_path_parse(&arena, text, &p1, &err) != MI_RESULT_OK)
        goto out;
    if (mi_path_format(&p1, &t1) != 0 || mi_buf_failed(&t1))
        goto out;
    mi_buf_reset(&err);
    if (mi_path_parse(&arena, mi_buf_str(&t1), &p2, &err) != MI_RESULT_OK)
        finding("formatted path does not parse again", mi_buf_str(&t1), mi_buf_str(&err));
    if (mi_path_format(&p2, &t2) != 0 || mi_buf_failed(&t2))
        goto out;
    if (strcmp(mi_buf_str(&t1), mi_buf_str(&t2)) != 0)
        finding("format(parse(format(p))) differs from format(p)", mi_buf_str(&t1),
                mi_buf_str(&t2));
    mi_buf_reset(&err);
    if (mi_path_normalize(&arena, &p1, NULL, &err) != MI_RESULT_OK)
        goto out;
    mi_buf_reset(&err);
    if (mi_path_normalize(&arena, &p2, NULL, &err) != MI_RESULT_OK)
        finding("reparsed path does not normalise", mi_buf_str(&t2), mi_buf_str(&err));
    if (mi_path_compare(&p1, &p2) != 0)
        finding("normalised paths differ", mi_buf_str(&t1), mi_buf_str(&t2));
out:
    mi_buf_free(&err);
    mi_buf_free(&t2);
    mi_buf_free(&t1);
    mi_arena_destroy(&arena);
    mi_free(text);
    return 0;
}
