/* fuzz_repo_blob.c - libFuzzer target for the repository's blob decoders (serial.c).
 * The input is a blob as stored in a repository file; the decoders must reject any
 * malformed one with an error and never read outside it (the input is copied into a
 * buffer of exactly its size, so ASan sees every overread). A blob that decodes must
 * encode again, and that encoding must decode too; a failure aborts (a finding).
 *
 * Build (clang): add to fuzz/CMakeLists.txt
 *   add_executable(fuzz_repo_blob ${CMAKE_SOURCE_DIR}/src/repo/fuzz_repo_blob.c)
 *   target_link_libraries(fuzz_repo_blob PRIVATE mi_static)
 *   target_link_options(fuzz_repo_blob PRIVATE -fsanitize=fuzzer)
 * Seeds: blobs of classes, qualifier declarations and instances, e.g. from
 *   sqlite3 repository.db "SELECT writefile('c' || id, blob) FROM classes"
 * (the first byte of a blob, 'C', 'Q' or 'I', selects the decoder). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"
#include "repo/repo_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (1u << 20)

/* Classes the decoders may bind to: a superclass for class blobs, the classes of
 * instance blobs (with keys, references and embedded instances). */
static const char schema[] =
    "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);\n"
    "Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride);\n"
    "Qualifier Description : string = null, Scope(any), Flavor(Translatable);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, parameter);\n"
    "Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride);\n"
    "[Description(\"root\")] class F_Base { [Key] string Id; uint32 N = 3; "
    "  string S[]; datetime D; real64 R; uint32 M([In] string A); };\n"
    "class F_Sub : F_Base { boolean B; [EmbeddedInstance(\"F_Base\")] string E; };\n"
    "[Association] class F_Link { [Key] F_Base REF L; [Key] F_Base REF R; };\n";

static mi_repo *repo;
static mi_ns *ns;

static const MI_ClassDecl *lookup(void *ctx, const char *name)
{
    return mi_ns_class(ctx, name);
}

static void finding(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_repo_blob: %s: %s\n", what, detail);
    abort();
}

static void setup(void)
{
    if (repo)
        return;
    if (mi_repo_new(&repo) != MI_RESULT_OK ||
        mi_mof_compile_buffer(repo, "fuzz.mof", schema, strlen(schema), NULL, NULL) !=
            MI_RESULT_OK ||
        !(ns = mi_repo_ns(repo, "root/cimv2")))
        finding("setup", "cannot build the schema");
}

/* Decodes blob[0..n) with the decoder its first byte names; *encoded gets the
 * re-encoding of what decoded (empty when the blob was rejected). */
static void decode(mi_arena *a, const unsigned char *blob, size_t n, mi_buf *encoded)
{
    mi_buf err;
    mi_buf_init(&err, 0);
    MI_Result rc = MI_RESULT_FAILED;
    if (n && blob[0] == 'C') {
        MI_ClassDecl *cd;
        rc = mi_repo_decode_class(a, blob, n, lookup, ns, &cd, &err);
        if (rc == MI_RESULT_OK && mi_repo_encode_class(encoded, cd, &err) < 0)
            finding("re-encoding a decoded class", mi_buf_str(&err));
    } else if (n && blob[0] == 'Q') {
        MI_QualifierDecl *qd;
        rc = mi_repo_decode_qualdecl(a, blob, n, &qd, &err);
        if (rc == MI_RESULT_OK && mi_repo_encode_qualdecl(encoded, qd, &err) < 0)
            finding("re-encoding a decoded qualifier declaration", mi_buf_str(&err));
    } else {
        MI_Instance *inst;
        rc = mi_repo_decode_instance(a, blob, n, lookup, ns, "root/cimv2", &inst, &err);
        if (rc == MI_RESULT_OK && mi_repo_encode_instance(encoded, inst, &err) < 0)
            finding("re-encoding a decoded instance", mi_buf_str(&err));
    }
    if (rc != MI_RESULT_OK && !err.len && rc != MI_RESULT_SERVER_LIMITS_EXCEEDED)
        finding("rejected without a message", "");
    mi_buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    setup();
    unsigned char *blob = mi_malloc(size ? size : 1);
    if (!blob)
        return 0;
    memcpy(blob, data, size);
    mi_arena a, b;
    mi_buf enc, enc2;
    mi_arena_init(&a, 0, (size_t)1 << 28);
    mi_arena_init(&b, 0, (size_t)1 << 28);
    mi_buf_init(&enc, 0);
    mi_buf_init(&enc2, 0);
    decode(&a, blob, size, &enc);
    if (enc.len) {
        decode(&b, (const unsigned char *)enc.data, enc.len, &enc2);
        if (!enc2.len)
            finding("a re-encoded blob does not decode", "");
    }
    mi_buf_free(&enc2);
    mi_buf_free(&enc);
    mi_arena_destroy(&b);
    mi_arena_destroy(&a);
    mi_free(blob);
    return 0;
}
