/* main.c - the `mi` command: argument parsing and the commands.
 *
 * Exit status (the same for every command):
 *   0  success
 *   1  the operation failed: a MOF compile error, or an MI_Result other than OK
 *      (printed on stderr as "mi: MI_RESULT_X: message"), or output that could not
 *      be written
 *   2  usage error: unknown command or option, missing or extra argument
 *
 * The commands get classes and instances from a source (source.h) and print them with
 * the printers of output.h; nothing here knows how either works.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "output.h"
#include "source.h"

#ifndef MI_CLI_VERSION
#define MI_CLI_VERSION "unknown"
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* Messages about a single failure are at most this long. */
#define MSG_CAP 4096

static const char main_usage[] =
    "usage: mi [--help] [--version] COMMAND [ARGS...]\n"
    "\n"
    "Commands:\n"
    "  mofcomp  compile MOF files\n"
    "  gc       get a class (print it as MOF)\n"
    "  ec       enumerate class names\n"
    "  ei       enumerate instances\n"
    "\n"
    "'mi COMMAND --help' describes a command.\n"
    "Exit status: 0 success, 1 the operation failed, 2 usage error.\n";

static const char mofcomp_usage[] =
    "usage: mi mofcomp [-n NAMESPACE] [-I DIR]... [--check] FILE...\n"
    "\n"
    "Compiles the FILEs in order as one compilation (all or nothing) and prints\n"
    "  C classes, I instances, Q qualifiers[, W warnings]\n"
    "On errors prints each as 'file:line:column: error: message' on stderr, then\n"
    "'mofcomp: N errors', and exits with status 1.\n"
    "\n"
    "  -n, --namespace NS  namespace the files start in (default root/cimv2)\n"
    "  -I, --include DIR   also search DIR for #pragma include files (repeatable)\n"
    "      --check         only check the files, store nothing\n"
    "  -h, --help          this text\n"
    "\n"
    "Note: there is no persistent repository yet, so without --check the files are\n"
    "compiled into memory and checked exactly as with --check; nothing is stored.\n";

static const char gc_usage[] =
    "usage: mi gc NAMESPACE CLASS --mof FILE [--mof FILE]... [-I DIR]...\n"
    "\n"
    "Prints class CLASS of NAMESPACE as MOF. Inherited members are marked with a\n"
    "'// from CIM_X' comment.\n"
    "\n"
    "  --mof FILE          compile FILE (repeatable; in order, as one compilation,\n"
    "                      starting in NAMESPACE) and read the class from it\n"
    "  -I, --include DIR   search DIR for #pragma include files (repeatable)\n"
    "      --local-only    only the members CLASS declares or overrides\n"
    "      --no-qualifiers leave out qualifiers\n"
    "  -h, --help          this text\n";

static const char ec_usage[] =
    "usage: mi ec NAMESPACE [CLASS] [--deep] --mof FILE [--mof FILE]... [-I DIR]...\n"
    "\n"
    "Prints class names, one per line, in repository order (superclasses first):\n"
    "without CLASS the root classes (with --deep all classes), with CLASS its\n"
    "direct subclasses (with --deep all classes derived from it).\n"
    "\n"
    "  --deep              include subclasses at every depth\n"
    "  --mof FILE          compile FILE (repeatable, as for 'mi gc')\n"
    "  -I, --include DIR   search DIR for #pragma include files (repeatable)\n"
    "  -h, --help          this text\n";

static const char ei_usage[] =
    "usage: mi ei NAMESPACE CLASS [--shallow] [--count] --mof FILE [--mof FILE]...\n"
    "             [-I DIR]...\n"
    "\n"
    "Prints the static instances of CLASS and of every class derived from it that\n"
    "the MOF files declare, as 'instance of' blocks.\n"
    "\n"
    "  --shallow           only instances whose class is exactly CLASS\n"
    "  --count             print only the number of instances\n"
    "  --mof FILE          compile FILE (repeatable, as for 'mi gc')\n"
    "  -I, --include DIR   search DIR for #pragma include files (repeatable)\n"
    "  -h, --help          this text\n";

/* Options shared by the commands; which ones a command accepts is decided by the
 * option table it passes to parse_args. */
typedef struct cli_args {
    const char *cmd;
    const char **files;     /* --mof FILE, or the FILE operands of mofcomp */
    size_t n_files;
    const char **includes;  /* -I DIR */
    size_t n_includes;
    const char **operands;  /* positional arguments */
    size_t n_operands;
    const char *ns;         /* -n */
    bool check, deep, shallow, count, local_only, no_qualifiers, help;
} cli_args;

enum {
    OPT_MOF = 256,
    OPT_CHECK,
    OPT_DEEP,
    OPT_SHALLOW,
    OPT_COUNT,
    OPT_LOCAL_ONLY,
    OPT_NO_QUALIFIERS,
};

static void usage_error(const char *cmd, const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "mi %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
}

/* Parses argv[1..argc) of command `cmd` (argv[0] is the command name) into a. Returns
 * EXIT_OK, or EXIT_USAGE after printing what is wrong. The arrays of `a` are
 * allocated; free them with free_args (also after a failure). */
static int parse_args(int argc, char **argv, const char *usage, const char *shortopts,
                      const struct option *longopts, cli_args *a)
{
    int rc = EXIT_OK;
    int c;

    a->cmd = argv[0];
    a->files = mi_calloc((size_t)argc, sizeof *a->files);
    a->includes = mi_calloc((size_t)argc, sizeof *a->includes);
    a->operands = mi_calloc((size_t)argc, sizeof *a->operands);
    if (a->files == NULL || a->includes == NULL || a->operands == NULL) {
        fprintf(stderr, "mi: out of memory\n");
        rc = EXIT_FAILED;
        goto out;
    }
    optind = 0; /* glibc: restart scanning from argv[1] */
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'h': a->help = true; break;
        case 'n': a->ns = optarg; break;
        case 'I': a->includes[a->n_includes++] = optarg; break;
        case OPT_MOF: a->files[a->n_files++] = optarg; break;
        case OPT_CHECK: a->check = true; break;
        case OPT_DEEP: a->deep = true; break;
        case OPT_SHALLOW: a->shallow = true; break;
        case OPT_COUNT: a->count = true; break;
        case OPT_LOCAL_ONLY: a->local_only = true; break;
        case OPT_NO_QUALIFIERS: a->no_qualifiers = true; break;
        case ':':
            usage_error(a->cmd, usage, "option '%s' needs an argument", argv[optind - 1]);
            rc = EXIT_USAGE;
            goto out;
        default:
            if (optopt > 0 && optopt < 256) {
                char opt[3] = {'-', (char)optopt, '\0'};
                usage_error(a->cmd, usage, "unknown option '%s'", opt);
            } else {
                usage_error(a->cmd, usage, "unknown option '%s'", argv[optind - 1]);
            }
            rc = EXIT_USAGE;
            goto out;
        }
    }
    while (optind < argc)
        a->operands[a->n_operands++] = argv[optind++];
out:
    return rc;
}

static void free_args(cli_args *a)
{
    mi_free(a->files);
    mi_free(a->includes);
    mi_free(a->operands);
}

/* Flushes stdout; EXIT_FAILED with a message if the output could not be written. */
static int finish_output(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mi: cannot write the output: %s\n", strerror(errno));
        rc = EXIT_FAILED;
    }
    return rc;
}

static void print_diag(void *ctx, const mi_cli_mof_diag *d)
{
    (void)ctx;
    mi_cli_print_diag(stderr, d);
}

/* Compiles the --mof files of `a` starting in namespace ns. On failure prints the
 * diagnostics and a final error line, and returns EXIT_FAILED. */
static int load_mof(const cli_args *a, const char *ns, mi_cli_source **src)
{
    int rc = EXIT_OK;
    MI_Result r;
    mi_buf msg;
    mi_cli_mof_request req = {0};

    mi_buf_init(&msg, MSG_CAP);
    req.files = a->files;
    req.n_files = a->n_files;
    req.include_dirs = a->includes;
    req.n_include_dirs = a->n_includes;
    req.ns = ns;
    req.diag = print_diag;
    r = mi_cli_source_open_mof(&req, NULL, src, &msg);
    if (r != MI_RESULT_OK) {
        mi_cli_print_error(stderr, r, mi_buf_str(&msg));
        rc = EXIT_FAILED;
    }
    mi_buf_free(&msg);
    return rc;
}

/* ---------------------------------------------------------------- mofcomp */

static int cmd_mofcomp(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"namespace", required_argument, NULL, 'n'},
        {"include", required_argument, NULL, 'I'},
        {"check", no_argument, NULL, OPT_CHECK},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int rc;
    size_t i;
    MI_Result r;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    mi_cli_mof_counts counts = {0};
    mi_cli_mof_request req = {0};
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    rc = parse_args(argc, argv, mofcomp_usage, ":n:I:h", longopts, &a);
    if (rc != EXIT_OK)
        goto out;
    if (a.help) {
        fputs(mofcomp_usage, stdout);
        rc = finish_output(EXIT_OK);
        goto out;
    }
    if (a.n_operands == 0) {
        usage_error(a.cmd, mofcomp_usage, "%s", "no FILE given");
        rc = EXIT_USAGE;
        goto out;
    }
    for (i = 0; i < a.n_operands; i++)
        a.files[a.n_files++] = a.operands[i];
    req.files = a.files;
    req.n_files = a.n_files;
    req.include_dirs = a.includes;
    req.n_include_dirs = a.n_includes;
    req.ns = a.ns;
    req.diag = print_diag;
    r = mi_cli_source_open_mof(&req, &counts, &src, &msg);
    if (r != MI_RESULT_OK) {
        if (counts.errors == 0) {
            /* Failed before any diagnostic (e.g. out of memory): say why. */
            mi_cli_print_error(stderr, r, mi_buf_str(&msg));
            counts.errors = 1;
        }
        fprintf(stderr, "mofcomp: %u errors\n", counts.errors);
        rc = EXIT_FAILED;
        goto out;
    }
    if (mi_cli_print_counts(stdout, &counts) != 0)
        rc = EXIT_FAILED;
    rc = finish_output(rc);
out:
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- gc */

static int cmd_gc(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"mof", required_argument, NULL, OPT_MOF},
        {"include", required_argument, NULL, 'I'},
        {"local-only", no_argument, NULL, OPT_LOCAL_ONLY},
        {"no-qualifiers", no_argument, NULL, OPT_NO_QUALIFIERS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int rc;
    MI_Result r;
    unsigned flags = MI_MOFOUT_MARK_INHERITED;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    const MI_ClassDecl *cd;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    rc = parse_args(argc, argv, gc_usage, ":I:h", longopts, &a);
    if (rc != EXIT_OK)
        goto out;
    if (a.help) {
        fputs(gc_usage, stdout);
        rc = finish_output(EXIT_OK);
        goto out;
    }
    if (a.n_operands != 2 || a.n_files == 0) {
        usage_error(a.cmd, gc_usage, "%s",
                    a.n_operands < 2   ? "NAMESPACE and CLASS are required"
                    : a.n_operands > 2 ? "too many arguments"
                                       : "no --mof FILE given (there is no server yet)");
        rc = EXIT_USAGE;
        goto out;
    }
    if (a.local_only)
        flags = MI_MOFOUT_LOCAL_ONLY;
    if (a.no_qualifiers)
        flags |= MI_MOFOUT_NO_QUALIFIERS;
    rc = load_mof(&a, a.operands[0], &src);
    if (rc != EXIT_OK)
        goto out;
    r = mi_cli_source_get_class(src, a.operands[0], a.operands[1], &cd, &msg);
    if (r != MI_RESULT_OK) {
        mi_cli_print_error(stderr, r, mi_buf_str(&msg));
        rc = EXIT_FAILED;
        goto out;
    }
    if (mi_cli_print_class_mof(stdout, cd, flags) != 0)
        rc = EXIT_FAILED;
    rc = finish_output(rc);
out:
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- ec */

typedef struct print_ctx {
    int failed;
    unsigned long count;
    bool count_only;
} print_ctx;

static bool print_class_name(void *ctx, const MI_ClassDecl *cd)
{
    print_ctx *p = ctx;

    if (mi_cli_print_class_name(stdout, cd) != 0)
        p->failed = 1;
    return !p->failed;
}

static int cmd_ec(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"mof", required_argument, NULL, OPT_MOF},
        {"include", required_argument, NULL, 'I'},
        {"deep", no_argument, NULL, OPT_DEEP},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int rc;
    MI_Result r;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    print_ctx p = {0};
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    rc = parse_args(argc, argv, ec_usage, ":I:h", longopts, &a);
    if (rc != EXIT_OK)
        goto out;
    if (a.help) {
        fputs(ec_usage, stdout);
        rc = finish_output(EXIT_OK);
        goto out;
    }
    if (a.n_operands < 1 || a.n_operands > 2 || a.n_files == 0) {
        usage_error(a.cmd, ec_usage, "%s",
                    a.n_operands < 1   ? "NAMESPACE is required"
                    : a.n_operands > 2 ? "too many arguments"
                                       : "no --mof FILE given (there is no server yet)");
        rc = EXIT_USAGE;
        goto out;
    }
    rc = load_mof(&a, a.operands[0], &src);
    if (rc != EXIT_OK)
        goto out;
    r = mi_cli_source_enum_classes(src, a.operands[0],
                                   a.n_operands == 2 ? a.operands[1] : NULL, a.deep,
                                   print_class_name, &p, &msg);
    if (r != MI_RESULT_OK) {
        mi_cli_print_error(stderr, r, mi_buf_str(&msg));
        rc = EXIT_FAILED;
        goto out;
    }
    rc = finish_output(p.failed ? EXIT_FAILED : EXIT_OK);
out:
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- ei */

static bool print_instance(void *ctx, const MI_Instance *inst)
{
    print_ctx *p = ctx;

    p->count++;
    if (!p->count_only && ((p->count > 1 && fputc('\n', stdout) == EOF) ||
                           mi_cli_print_instance_mof(stdout, inst) != 0))
        p->failed = 1;
    return !p->failed;
}

static int cmd_ei(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"mof", required_argument, NULL, OPT_MOF},
        {"include", required_argument, NULL, 'I'},
        {"shallow", no_argument, NULL, OPT_SHALLOW},
        {"count", no_argument, NULL, OPT_COUNT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int rc;
    MI_Result r;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    print_ctx p = {0};
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    rc = parse_args(argc, argv, ei_usage, ":I:h", longopts, &a);
    if (rc != EXIT_OK)
        goto out;
    if (a.help) {
        fputs(ei_usage, stdout);
        rc = finish_output(EXIT_OK);
        goto out;
    }
    if (a.n_operands != 2 || a.n_files == 0) {
        usage_error(a.cmd, ei_usage, "%s",
                    a.n_operands < 2   ? "NAMESPACE and CLASS are required"
                    : a.n_operands > 2 ? "too many arguments"
                                       : "no --mof FILE given (there is no server yet)");
        rc = EXIT_USAGE;
        goto out;
    }
    rc = load_mof(&a, a.operands[0], &src);
    if (rc != EXIT_OK)
        goto out;
    p.count_only = a.count;
    r = mi_cli_source_enum_instances(src, a.operands[0], a.operands[1], !a.shallow,
                                     print_instance, &p, &msg);
    if (r != MI_RESULT_OK) {
        mi_cli_print_error(stderr, r, mi_buf_str(&msg));
        rc = EXIT_FAILED;
        goto out;
    }
    if (a.count && printf("%lu\n", p.count) < 0)
        p.failed = 1;
    rc = finish_output(p.failed ? EXIT_FAILED : EXIT_OK);
out:
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- main */

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"mofcomp", cmd_mofcomp},
    {"gc", cmd_gc},
    {"ec", cmd_ec},
    {"ei", cmd_ei},
};

int main(int argc, char **argv)
{
    int rc = EXIT_USAGE;
    size_t i;

    if (argc < 2) {
        fprintf(stderr, "mi: no command given\n%s", main_usage);
        goto out;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(main_usage, stdout);
        rc = finish_output(EXIT_OK);
        goto out;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("mi (libmi) %s\n", MI_CLI_VERSION);
        rc = finish_output(EXIT_OK);
        goto out;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            rc = commands[i].run(argc - 1, argv + 1);
            goto out;
        }
    }
    if (argv[1][0] == '-')
        fprintf(stderr, "mi: unknown option '%s'\n%s", argv[1], main_usage);
    else
        fprintf(stderr, "mi: unknown command '%s'\n%s", argv[1], main_usage);
out:
    return rc;
}
