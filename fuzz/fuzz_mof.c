/* fuzz_mof.c - libFuzzer target for the MOF compiler: the input bytes are compiled as
 * one MOF buffer into a fresh repository, diagnostics discarded. Any crash, hang,
 * leak or sanitizer report is a finding; compile errors are not.
 *
 * #pragma include: mof.h offers no switch to refuse includes, so an input may name a
 * file. The target passes no include directories and fuzz/run.sh runs it from an empty
 * temporary directory, so relative names find nothing; absolute names are read (and
 * fail to compile), which is harmless but keeps this target from being hermetic. The
 * per-file size cap and include depth are kept small to bound the work per input. */
#include <stddef.h>
#include <stdint.h>

#include "mof/mof.h"
#include "repo/repo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void discard(void *ctx, const mi_mof_diag *d)
{
    (void)ctx;
    (void)d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mi_repo *repo = NULL;
    mi_mof_options opt = {0};

    if (mi_repo_new(&repo) != MI_RESULT_OK)
        return 0;
    opt.include_dirs = NULL;
    opt.n_include_dirs = 0;
    opt.max_include_depth = 4;
    opt.max_file_size = (size_t)1 << 20;
    opt.diag = discard;
    (void)mi_mof_compile_buffer(repo, "fuzz.mof", (const char *)data, size, &opt, NULL);
    mi_repo_free(repo);
    return 0;
}
