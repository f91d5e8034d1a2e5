/* main.c - the `mi` command: argument parsing and the commands.
 *
 * Exit status (the same for every command):
 *   0  success
 *   1  the operation failed: a MOF compile error, or an MI_Result other than OK
 *      (printed on stderr as "mi: MI_RESULT_X (code): message"), or output that
 *      could not be written
 *   2  usage error: unknown command or option, missing or extra argument
 *
 * The query commands (gc ec ei query gi r a ci mi di iv) talk to the local engine through
 * the public MI client API only (client.h); with --mof, gc/ec/ei read MOF files into
 * a private in-memory repository instead (source.h), without a session. mofcomp and
 * register are administrative commands on the repository itself.
 */
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"
#include "client.h"
#include "convert.h"
#include "fmt.h"
#include "output.h"
#include "repo/repo.h"
#include "source.h"

#ifndef MI_CLI_VERSION
#define MI_CLI_VERSION "unknown"
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* Messages about a single failure are at most this long. */
#define MSG_CAP 4096
/* Text of one printed instance is at most this long. */
#define OUTPUT_CAP ((size_t)64 << 20)
/* Longest --timeout, in seconds (one year). */
#define TIMEOUT_MAX (365.0 * 86400)

static const char main_usage[] =
    "usage: mi [--help] [--version] [--repository PATH] [--timeout SECONDS]\n"
    "          COMMAND [ARGS...]\n"
    "\n"
    "Queries (through the MI API, on the local engine):\n"
    "  ei       enumerate instances of a class\n"
    "  query    instances a WQL query selects (alias: wql)\n"
    "  sub      subscribe to indications (a WQL query on an indication class)\n"
    "  gi       get an instance\n"
    "  r        references of an instance\n"
    "  a        associators of an instance\n"
    "  ci       create an instance\n"
    "  mi       modify an instance\n"
    "  di       delete an instance\n"
    "  iv       invoke a method\n"
    "  gc       get a class (print it as MOF)\n"
    "  ec       enumerate class names\n"
    "Administration (on the repository file):\n"
    "  mofcomp  compile MOF files into the repository\n"
    "  register record the classes a provider module serves\n"
    "\n"
    "Global options (also accepted after COMMAND):\n"
    "  --repository PATH   the repository file (else $MI_REPOSITORY, else\n"
    "                      $XDG_DATA_HOME/libmi/repository.db or\n"
    "                      ~/.local/share/libmi/repository.db)\n"
    "  --timeout SECONDS   operation timeout (fractions allowed)\n"
    "\n"
    "PATH is an instance path: Class.Key=\"value\",Key2=3 (quote it for the shell).\n"
    "'mi COMMAND --help' describes a command.\n"
    "Exit status: 0 success, 1 the operation failed, 2 usage error.\n";

#define OUTPUT_HELP                                                                       \
    "  --json              one JSON document: an array of objects with \"@class\",\n"   \
    "                      \"@namespace\" and the properties (NULL as null)\n"           \
    "  --count             print only the number of results\n"                          \
    "  --nulls             also print NULL properties (MOF output)\n"
#define GLOBAL_HELP                                                                       \
    "  --repository PATH, --timeout SECONDS   as for 'mi --help'\n"                      \
    "  -h, --help          this text\n"
#define SESSION_HELP                                                                      \
    "  --option NAME=VALUE a custom operation option for the provider (repeatable):\n"  \
    "                      a number when VALUE is a decimal below 2^32, else a string\n"

static const char mofcomp_usage[] =
    "usage: mi mofcomp [-n NAMESPACE] [-I DIR]... [--check] [--update] [--repository PATH]\n"
    "                  FILE...\n"
    "\n"
    "Compiles the FILEs in order as one compilation (all or nothing) and stores the\n"
    "result in the repository (created if missing), then prints\n"
    "  C classes, I instances, Q qualifiers[, W warnings]\n"
    "(with --update: C classes (R replaced, B rebuilt, U unchanged), ...).\n"
    "On errors prints each as 'file:line:column: error: message' on stderr, then\n"
    "'mofcomp: N errors', stores nothing and exits with status 1.\n"
    "\n"
    "  -n, --namespace NS  namespace the files start in (default root/cimv2)\n"
    "  -I, --include DIR   also search DIR for #pragma include files (repeatable)\n"
    "      --check         only check the files (in memory), store nothing\n"
    "      --update        a class (or qualifier declaration) the repository already\n"
    "                      has is replaced by the FILEs' one instead of being an error;\n"
    "                      the repository's classes derived from a replaced class are\n"
    "                      rebuilt on it (an error if one no longer compiles); classes\n"
    "                      with static instances cannot be replaced; identical classes\n"
    "                      are left as they are (e.g. upgrade the built-in CIM subset\n"
    "                      to the full DMTF schema: mi mofcomp --update cim_schema.mof)\n"
    "      --allow-null-keys  accept instances that leave a key property NULL (they\n"
    "                      cannot be named by a path; DSP0004 requires keys)\n" GLOBAL_HELP;

static const char register_usage[] =
    "usage: mi register [--repository PATH] NAMESPACE MODULE.so [CLASS...]\n"
    "\n"
    "Records in the repository that provider module MODULE.so serves CLASS of\n"
    "NAMESPACE (each CLASS given, or without CLASS every class of the module's\n"
    "schema, read by loading the module and calling its MI_Main). The classes must\n"
    "already be in the namespace (mi mofcomp). Prints the registered class names.\n"
    "\n" GLOBAL_HELP;

static const char gc_usage[] =
    "usage: mi gc NAMESPACE CLASS [--local-only] [--no-qualifiers]\n"
    "             [--mof FILE]... [-I DIR]...\n"
    "\n"
    "Prints class CLASS of NAMESPACE as MOF. Inherited members are marked with a\n"
    "'// from CIM_X' comment.\n"
    "\n"
    "      --local-only    only the members CLASS declares or overrides\n"
    "      --no-qualifiers leave out qualifiers\n"
    "  --mof FILE          no session: compile FILE (repeatable; in order, as one\n"
    "                      compilation, starting in NAMESPACE) and read the class\n"
    "                      from it\n"
    "  -I, --include DIR   with --mof: search DIR for #pragma include files\n"
        SESSION_HELP GLOBAL_HELP;

static const char ec_usage[] =
    "usage: mi ec NAMESPACE [CLASS] [--deep] [--mof FILE]... [-I DIR]...\n"
    "\n"
    "Prints class names, one per line, superclasses first: without CLASS the root\n"
    "classes (with --deep all classes), with CLASS its direct subclasses (with --deep\n"
    "all classes derived from it).\n"
    "\n"
    "  --deep              include subclasses at every depth\n"
    "  --mof FILE          no session: compile FILE (repeatable, as for 'mi gc')\n"
    "  -I, --include DIR   with --mof: search DIR for #pragma include files\n"
        SESSION_HELP GLOBAL_HELP;

static const char ei_usage[] =
    "usage: mi ei NAMESPACE CLASS [--keys-only] [--shallow] [--base-props]\n"
    "             [--json|--count] [--nulls] [--mof FILE]... [-I DIR]...\n"
    "\n"
    "Prints the instances of CLASS and of every class derived from it.\n"
    "\n"
    "  --keys-only         only the key properties\n"
    "  --shallow           only instances whose class is exactly CLASS\n"
    "  --base-props        subclasses too, but only the properties CLASS defines\n" OUTPUT_HELP
    "  --mof FILE          no session: the static instances the MOF FILEs declare\n"
    "                      (repeatable, as for 'mi gc'; not with --keys-only or\n"
    "                      --base-props)\n"
    "  -I, --include DIR   with --mof: search DIR for #pragma include files\n"
        SESSION_HELP GLOBAL_HELP;

static const char query_usage[] =
    "usage: mi query NAMESPACE QUERY [--dialect WQL|CQL] [--shallow] [--base-props]\n"
    "                [--json|--count] [--nulls]\n"
    "       mi wql NAMESPACE QUERY [options]\n"
    "\n"
    "Prints the instances QUERY selects, e.g.\n"
    "  mi query root/cimv2 \"SELECT Handle, Name FROM CIM_Process WHERE Name LIKE 'ss%'\"\n"
    "QUERY: SELECT *|Prop[, Prop...] FROM Class [WHERE condition] with = <> != < <= > >=,\n"
    "AND OR NOT, parentheses, IS [NOT] NULL, [NOT] LIKE ('%' '_' '[a-z]' '[^x]'), ISA.\n"
    "Instances of classes derived from Class are included; the selected properties\n"
    "and the keys are printed.\n"
    "\n"
    "  --dialect NAME      the query language: WQL (default) or CQL (same subset)\n"
    "  --shallow           only instances whose class is exactly Class\n"
    "  --base-props        subclasses too, but only the properties Class defines\n" OUTPUT_HELP
        SESSION_HELP GLOBAL_HELP;

static const char sub_usage[] =
    "usage: mi sub NAMESPACE QUERY [--dialect WQL|CQL] [--max N] [--json|--count] [--nulls]\n"
    "\n"
    "Subscribes to the indications QUERY selects (SELECT ... FROM an indication class\n"
    "[WHERE ...]) and prints each as it arrives, until N have arrived (--max), the\n"
    "--timeout passes, or Ctrl-C (SIGINT) or SIGTERM comes; each of those ends the\n"
    "command with status 0. A subscription the server refuses or ends with an error\n"
    "exits 1.\n"
    "\n"
    "  --dialect NAME      the query language: WQL (default) or CQL\n"
    "  --max N             stop after N indications\n" OUTPUT_HELP SESSION_HELP GLOBAL_HELP;

static const char gi_usage[] =
    "usage: mi gi NAMESPACE PATH [--json|--count] [--nulls]\n"
    "\n"
    "Prints the instance named by PATH (Class.Key=\"value\",...).\n"
    "\n" OUTPUT_HELP SESSION_HELP GLOBAL_HELP;

static const char r_usage[] =
    "usage: mi r NAMESPACE PATH [--result-class C] [--role R] [--json|--count] [--nulls]\n"
    "\n"
    "Prints the association instances that refer to the instance named by PATH.\n"
    "\n"
    "  --result-class C    only associations of class C or a subclass\n"
    "  --role R            only where the reference to PATH is property R\n" OUTPUT_HELP
        SESSION_HELP GLOBAL_HELP;

static const char a_usage[] =
    "usage: mi a NAMESPACE PATH [--assoc-class C] [--result-class C] [--role R]\n"
    "            [--result-role R] [--json|--count] [--nulls]\n"
    "\n"
    "Prints the instances associated with the instance named by PATH.\n"
    "\n"
    "  --assoc-class C     only through associations of class C or a subclass\n"
    "  --result-class C    only results of class C or a subclass\n"
    "  --role R            only where PATH plays role R in the association\n"
    "  --result-role R     only where the result plays role R\n" OUTPUT_HELP
        SESSION_HELP GLOBAL_HELP;

static const char ci_usage[] =
    "usage: mi ci NAMESPACE PATH|CLASS [Prop=value]... [--json|--count] [--nulls]\n"
    "\n"
    "Creates an instance with the keys of PATH and the given properties, each value\n"
    "converted to the property's type (read from the class): integers in decimal or\n"
    "0x hex, booleans true/false, datetimes in CIM form, references as paths, arrays\n"
    "as comma-separated elements. Prints the instance the server returns.\n"
    "\n" OUTPUT_HELP SESSION_HELP GLOBAL_HELP;

static const char mi_usage[] =
    "usage: mi mi NAMESPACE PATH Prop=value... [--json|--count] [--nulls]\n"
    "\n"
    "Reads the instance named by PATH, sets the given properties (converted as for\n"
    "'mi ci') and writes it back.\n"
    "\n" OUTPUT_HELP SESSION_HELP GLOBAL_HELP;

static const char di_usage[] =
    "usage: mi di NAMESPACE PATH\n"
    "\n"
    "Deletes the instance named by PATH.\n"
    "\n" SESSION_HELP GLOBAL_HELP;

static const char iv_usage[] =
    "usage: mi iv NAMESPACE PATH|CLASS METHOD [Param=value]... [--json|--count] [--nulls]\n"
    "\n"
    "Invokes METHOD on the instance named by PATH, or the static METHOD of CLASS,\n"
    "with the given IN parameters (converted to the parameter types read from the\n"
    "class, as for 'mi ci'). Prints the OUT parameters (ReturnValue included) as\n"
    "one instance (JSON: one object).\n"
    "\n" OUTPUT_HELP SESSION_HELP GLOBAL_HELP;

/* Options of all commands; which ones a command accepts is a mask of OK_* bits. */
enum {
    OPT_MOF = 256,
    OPT_CHECK,
    OPT_DEEP,
    OPT_SHALLOW,
    OPT_COUNT,
    OPT_LOCAL_ONLY,
    OPT_NO_QUALIFIERS,
    OPT_REPOSITORY,
    OPT_TIMEOUT,
    OPT_JSON,
    OPT_NULLS,
    OPT_KEYS_ONLY,
    OPT_BASE_PROPS,
    OPT_RESULT_CLASS,
    OPT_ROLE,
    OPT_ASSOC_CLASS,
    OPT_RESULT_ROLE,
    OPT_OPTION,
    OPT_ALLOW_NULL_KEYS,
    OPT_UPDATE,
    OPT_DIALECT,
    OPT_MAX,
};

#define OK_MOF      0x0001u /* --mof, -I */
#define OK_OUTPUT   0x0002u /* --json --count --nulls */
#define OK_EI       0x0004u /* --keys-only --shallow --base-props */
#define OK_REF      0x0008u /* --result-class --role */
#define OK_ASSOC    0x0010u /* --assoc-class --result-role */
#define OK_DEEP     0x0020u
#define OK_GC       0x0040u /* --local-only --no-qualifiers */
#define OK_MOFCOMP  0x0080u /* -n -I --check --allow-null-keys --update */
#define OK_SESSION  0x0100u /* --option */
#define OK_QUERY    0x0200u /* --dialect */
#define OK_SUB      0x0400u /* --max */

static const struct option all_longopts[] = {
    {"help", no_argument, NULL, 'h'},
    {"namespace", required_argument, NULL, 'n'},
    {"include", required_argument, NULL, 'I'},
    {"mof", required_argument, NULL, OPT_MOF},
    {"check", no_argument, NULL, OPT_CHECK},
    {"deep", no_argument, NULL, OPT_DEEP},
    {"shallow", no_argument, NULL, OPT_SHALLOW},
    {"count", no_argument, NULL, OPT_COUNT},
    {"local-only", no_argument, NULL, OPT_LOCAL_ONLY},
    {"no-qualifiers", no_argument, NULL, OPT_NO_QUALIFIERS},
    {"repository", required_argument, NULL, OPT_REPOSITORY},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"json", no_argument, NULL, OPT_JSON},
    {"nulls", no_argument, NULL, OPT_NULLS},
    {"keys-only", no_argument, NULL, OPT_KEYS_ONLY},
    {"base-props", no_argument, NULL, OPT_BASE_PROPS},
    {"result-class", required_argument, NULL, OPT_RESULT_CLASS},
    {"role", required_argument, NULL, OPT_ROLE},
    {"assoc-class", required_argument, NULL, OPT_ASSOC_CLASS},
    {"result-role", required_argument, NULL, OPT_RESULT_ROLE},
    {"option", required_argument, NULL, OPT_OPTION},
    {"allow-null-keys", no_argument, NULL, OPT_ALLOW_NULL_KEYS},
    {"update", no_argument, NULL, OPT_UPDATE},
    {"dialect", required_argument, NULL, OPT_DIALECT},
    {"max", required_argument, NULL, OPT_MAX},
    {NULL, 0, NULL, 0},
};

typedef struct cli_args {
    const char *cmd;
    const char *usage;
    const char **files;     /* --mof FILE, or the FILE operands of mofcomp */
    size_t n_files;
    const char **includes;  /* -I DIR */
    size_t n_includes;
    const char **operands;  /* positional arguments */
    size_t n_operands;
    const char **options;   /* --option Name=value */
    size_t n_options;
    const char *ns;         /* -n */
    const char *repository;
    double timeout;         /* seconds; 0 = none */
    const char *result_class, *role, *assoc_class, *result_role;
    const char *dialect;    /* --dialect */
    unsigned long max;      /* --max (0: none) */
    bool check, allow_null_keys, update, deep, shallow, count, json, nulls, keys_only, base_props, local_only,
        no_qualifiers, help;
} cli_args;

/* Options given before the command (mi --repository P ei ...). */
static const char *global_repository;
static double global_timeout;

static void usage_error(const cli_args *a, const char *fmt, const char *arg)
{
    fprintf(stderr, "mi %s: ", a->cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", a->usage);
}

/* Parses --timeout's argument: a positive number of seconds up to TIMEOUT_MAX. */
static bool parse_timeout(const char *text, double *out)
{
    char *end = NULL;
    double d;

    errno = 0;
    d = strtod(text, &end);
    if (end == text || *end != '\0' || errno != 0 || !(d > 0) || d > TIMEOUT_MAX)
        return false;
    *out = d;
    return true;
}

/* Which OK_* bit an option needs (0: always allowed). */
static unsigned option_mask(int c)
{
    switch (c) {
    case OPT_MOF: return OK_MOF;
    case 'I': return OK_MOF | OK_MOFCOMP;
    case 'n': case OPT_CHECK: case OPT_ALLOW_NULL_KEYS: case OPT_UPDATE: return OK_MOFCOMP;
    case OPT_JSON: case OPT_COUNT: case OPT_NULLS: return OK_OUTPUT;
    case OPT_KEYS_ONLY: case OPT_SHALLOW: case OPT_BASE_PROPS: return OK_EI;
    case OPT_RESULT_CLASS: case OPT_ROLE: return OK_REF;
    case OPT_ASSOC_CLASS: case OPT_RESULT_ROLE: return OK_ASSOC;
    case OPT_DEEP: return OK_DEEP;
    case OPT_LOCAL_ONLY: case OPT_NO_QUALIFIERS: return OK_GC;
    case OPT_OPTION: return OK_SESSION;
    case OPT_DIALECT: return OK_QUERY;
    case OPT_MAX: return OK_SUB;
    default: return 0;
    }
}

/* Parses argv[1..argc) of command argv[0] into a, accepting the options `allowed`
 * (OK_* mask) plus help and the global ones. Returns EXIT_OK, or EXIT_USAGE after
 * printing what is wrong. Free with free_args (also after a failure). */
static int parse_args(int argc, char **argv, const char *usage, unsigned allowed, cli_args *a)
{
    int rc = EXIT_OK;
    int c;

    a->cmd = argv[0];
    a->usage = usage;
    a->repository = global_repository;
    a->timeout = global_timeout;
    a->files = mi_calloc((size_t)argc, sizeof *a->files);
    a->includes = mi_calloc((size_t)argc, sizeof *a->includes);
    a->operands = mi_calloc((size_t)argc, sizeof *a->operands);
    a->options = mi_calloc((size_t)argc, sizeof *a->options);
    if (a->files == NULL || a->includes == NULL || a->operands == NULL ||
        a->options == NULL) {
        fprintf(stderr, "mi: out of memory\n");
        rc = EXIT_FAILED;
        goto out;
    }
    optind = 0; /* glibc: restart scanning from argv[1] */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hn:I:", all_longopts, NULL)) != -1) {
        if (c != ':' && c != '?' && (option_mask(c) & ~allowed) == option_mask(c) &&
            option_mask(c) != 0) {
            usage_error(a, "option '%s' is not valid for this command", argv[optind - 1]);
            rc = EXIT_USAGE;
            goto out;
        }
        switch (c) {
        case 'h': a->help = true; break;
        case 'n': a->ns = optarg; break;
        case 'I': a->includes[a->n_includes++] = optarg; break;
        case OPT_MOF: a->files[a->n_files++] = optarg; break;
        case OPT_CHECK: a->check = true; break;
        case OPT_ALLOW_NULL_KEYS: a->allow_null_keys = true; break;
        case OPT_UPDATE: a->update = true; break;
        case OPT_DEEP: a->deep = true; break;
        case OPT_SHALLOW: a->shallow = true; break;
        case OPT_COUNT: a->count = true; break;
        case OPT_JSON: a->json = true; break;
        case OPT_NULLS: a->nulls = true; break;
        case OPT_KEYS_ONLY: a->keys_only = true; break;
        case OPT_BASE_PROPS: a->base_props = true; break;
        case OPT_LOCAL_ONLY: a->local_only = true; break;
        case OPT_NO_QUALIFIERS: a->no_qualifiers = true; break;
        case OPT_REPOSITORY: a->repository = optarg; break;
        case OPT_RESULT_CLASS: a->result_class = optarg; break;
        case OPT_ROLE: a->role = optarg; break;
        case OPT_ASSOC_CLASS: a->assoc_class = optarg; break;
        case OPT_RESULT_ROLE: a->result_role = optarg; break;
        case OPT_OPTION: a->options[a->n_options++] = optarg; break;
        case OPT_DIALECT: a->dialect = optarg; break;
        case OPT_MAX: {
            char *end = NULL;
            errno = 0;
            a->max = optarg[0] >= '0' && optarg[0] <= '9' ? strtoul(optarg, &end, 10) : 0;
            if (end == NULL || *end != '\0' || errno != 0 || a->max == 0) {
                usage_error(a, "--max needs a number of indications > 0, got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case OPT_TIMEOUT:
            if (!parse_timeout(optarg, &a->timeout)) {
                usage_error(a, "--timeout needs a number of seconds > 0, got '%s'", optarg);
                rc = EXIT_USAGE;
                goto out;
            }
            break;
        case ':':
            usage_error(a, "option '%s' needs an argument", argv[optind - 1]);
            rc = EXIT_USAGE;
            goto out;
        default:
            if (optopt > 0 && optopt < 256) {
                char opt[3] = {'-', (char)optopt, '\0'};
                usage_error(a, "unknown option '%s'", opt);
            } else {
                usage_error(a, "unknown option '%s'", argv[optind - 1]);
            }
            rc = EXIT_USAGE;
            goto out;
        }
    }
    while (optind < argc)
        a->operands[a->n_operands++] = argv[optind++];
    if (!a->help && a->json && a->count) {
        usage_error(a, "%s", "--json and --count exclude each other");
        rc = EXIT_USAGE;
    }
out:
    return rc;
}

static void free_args(cli_args *a)
{
    mi_free(a->files);
    mi_free(a->includes);
    mi_free(a->operands);
    mi_free(a->options);
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

/* Prints --help text; EXIT_OK. */
static int print_help(const cli_args *a)
{
    fputs(a->usage, stdout);
    return finish_output(EXIT_OK);
}

/* Checks the operand count: EXIT_OK, or EXIT_USAGE with a message. */
static int want_operands(const cli_args *a, size_t min, size_t max, const char *what)
{
    if (a->n_operands < min) {
        usage_error(a, "%s", what);
        return EXIT_USAGE;
    }
    if (a->n_operands > max) {
        usage_error(a, "unexpected argument '%s'", a->operands[max]);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* The connection settings of the parsed command line. */
static mi_cli_settings settings_of(const cli_args *a)
{
    mi_cli_settings st;

    st.repository = a->repository;
    st.timeout_s = a->timeout;
    st.options = a->options;
    st.n_options = a->n_options;
    return st;
}

static int fail(MI_Result r, const mi_buf *msg)
{
    mi_cli_print_error(stderr, r, mi_buf_str(msg));
    return EXIT_FAILED;
}

/* ---------------------------------------------------------------- instance output */

typedef enum out_mode { OUT_MOF, OUT_JSON, OUT_COUNT } out_mode;

typedef struct printer {
    out_mode mode;
    bool nulls;
    bool keys_only;         /* results of a keys-only request: JSON shows just the keys */
    unsigned long count;
    bool failed;
    mi_buf buf;
} printer;

static void printer_init(printer *p, const cli_args *a)
{
    memset(p, 0, sizeof *p);
    p->mode = a->json ? OUT_JSON : a->count ? OUT_COUNT : OUT_MOF;
    p->nulls = a->nulls;
    p->keys_only = a->keys_only;
    mi_buf_init(&p->buf, OUTPUT_CAP);
    if (p->mode == OUT_JSON && fputs("[", stdout) == EOF)
        p->failed = true;
}

static bool print_instance(void *ctx, const MI_Instance *inst)
{
    printer *p = ctx;
    int rc = 0;

    p->count++;
    if (p->mode == OUT_COUNT)
        return true;
    mi_buf_reset(&p->buf);
    if (p->mode == OUT_JSON) {
        mi_buf_puts(&p->buf, p->count > 1 ? ",\n" : "\n");
        rc = p->keys_only ? mi_cli_json_keys(&p->buf, inst, 0)
                          : mi_cli_json_instance(&p->buf, inst, 0);
    } else {
        if (p->count > 1)
            mi_buf_putc(&p->buf, '\n');
        rc = mi_cli_mof_instance(&p->buf, inst, p->nulls, 0);
    }
    if (rc != 0 || mi_buf_failed(&p->buf)) {
        fprintf(stderr, "mi: cannot format result %lu (%s)\n", p->count,
                p->buf.over_cap ? "too large" : "unreadable instance or out of memory");
        p->failed = true;
        return false;
    }
    if (fwrite(p->buf.data, 1, p->buf.len, stdout) != p->buf.len)
        p->failed = true;
    return !p->failed;
}

/* Ends the output: closes the JSON array (also after a failure, so that stdout holds
 * one JSON document of the results that arrived), prints the count (only when the
 * operation succeeded: ok). EXIT_FAILED if any of it could not be written. */
static int printer_finish(printer *p, bool ok)
{
    if (p->mode == OUT_JSON && fputs(p->count > 0 ? "\n]\n" : "]\n", stdout) == EOF)
        p->failed = true;
    if (p->mode == OUT_COUNT && ok && printf("%lu\n", p->count) < 0)
        p->failed = true;
    mi_buf_free(&p->buf);
    return finish_output(p->failed ? EXIT_FAILED : EXIT_OK);
}

/* ---------------------------------------------------------------- --mof sources */

static void print_diag(void *ctx, const mi_cli_mof_diag *d)
{
    (void)ctx;
    mi_cli_print_diag(stderr, d);
}

/* Compiles the --mof files of `a` starting in namespace ns into a private in-memory
 * repository. On failure prints the diagnostics and an error line: EXIT_FAILED. */
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
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
    mi_buf_free(&msg);
    return rc;
}

/* ---------------------------------------------------------------- mofcomp */

/* The repository file to administer: --repository, else the default (which reads
 * $MI_REPOSITORY). NULL with a message if none can be determined. mi_free it. */
static char *admin_repository(const cli_args *a)
{
    char *path = a->repository != NULL ? mi_strdup(a->repository) : mi_repo_default_path();

    if (path == NULL)
        fprintf(stderr, "mi: no repository: give --repository PATH or set MI_REPOSITORY "
                        "(neither XDG_DATA_HOME nor HOME is set)\n");
    return path;
}

/* The start every command shares: parses the arguments (usage text, allowed options)
 * and checks the operand count (min..max, `missing` names what is lacking). True: the
 * command goes on. False: it ends with *rc (a usage error, or 0 after --help). */
static bool begin_command(int argc, char **argv, const char *usage, unsigned allowed,
                          size_t min, size_t max, const char *missing, cli_args *a, int *rc)
{
    *rc = parse_args(argc, argv, usage, allowed, a);
    if (*rc != EXIT_OK)
        return false;
    if (a->help) {
        *rc = print_help(a);
        return false;
    }
    *rc = want_operands(a, min, max, missing);
    return *rc == EXIT_OK;
}

static int cmd_mofcomp(int argc, char **argv)
{
    int rc;
    size_t i;
    MI_Result r;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    mi_cli_mof_counts counts = {0};
    mi_cli_mof_request req = {0};
    char *repository = NULL;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    rc = parse_args(argc, argv, mofcomp_usage, OK_MOFCOMP, &a);
    if (rc != EXIT_OK)
        goto out;
    if (a.help) {
        rc = print_help(&a);
        goto out;
    }
    if (a.n_operands == 0) {
        usage_error(&a, "%s", "no FILE given");
        rc = EXIT_USAGE;
        goto out;
    }
    for (i = 0; i < a.n_operands; i++)
        a.files[a.n_files++] = a.operands[i];
    if (!a.check) {
        repository = admin_repository(&a);
        if (repository == NULL) {
            rc = EXIT_FAILED;
            goto out;
        }
    }
    req.files = a.files;
    req.n_files = a.n_files;
    req.include_dirs = a.includes;
    req.n_include_dirs = a.n_includes;
    req.ns = a.ns;
    req.allow_null_keys = a.allow_null_keys;
    req.update = a.update;
    req.diag = print_diag;
    req.repository = repository;
    r = mi_cli_source_open_mof(&req, &counts, &src, &msg);
    if (r != MI_RESULT_OK) {
        if (counts.errors == 0) {
            /* Failed before any diagnostic (e.g. the repository): say why. */
            mi_cli_print_error(stderr, r, mi_buf_str(&msg));
            counts.errors = 1;
        }
        fprintf(stderr, "mofcomp: %u error%s\n", counts.errors, counts.errors == 1 ? "" : "s");
        rc = EXIT_FAILED;
        goto out;
    }
    if (mi_cli_print_counts(stdout, &counts) != 0)
        rc = EXIT_FAILED;
    rc = finish_output(rc);
out:
    mi_cli_source_close(src);
    mi_free(repository);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- register */

static MI_Result MI_CALL reg_get_version(MI_Uint32 *version)
{
    if (version == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *version = MI_VERSION;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL reg_get_system_name(const MI_Char **name)
{
    if (name == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *name = "localhost";
    return MI_RESULT_OK;
}

/* Loads `module` and reads its MI_Module through MI_Main with a server that offers
 * only GetVersion/GetSystemName (MI_Main must do nothing else). *handle stays open
 * while the module's schema is used (dlclose it). */
static MI_Result load_module(const char *module, void **handle, const MI_Module **mod,
                             mi_buf *msg)
{
    static const MI_ServerFT server_ft = {reg_get_version, reg_get_system_name};
    static MI_Server server = {&server_ft, NULL, NULL, NULL, NULL};
    MI_Result r = MI_RESULT_OK;
    MI_MainFunction main_fn;
    const MI_Module *m;
    void *h;

    *handle = NULL;
    *mod = NULL;
    h = dlopen(module, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        const char *why = dlerror();
        mi_buf_printf(msg, "cannot load '%s': %s", module, why != NULL ? why : "unknown error");
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    *(void **)&main_fn = dlsym(h, "MI_Main");
    if (main_fn == NULL) {
        mi_buf_printf(msg, "'%s' has no MI_Main: not a provider module", module);
        r = MI_RESULT_INVALID_PARAMETER;
        goto out_close;
    }
    m = main_fn(&server);
    if (m == NULL || m->charSize != sizeof(MI_Char)) {
        mi_buf_printf(msg, "MI_Main of '%s' %s", module,
                      m == NULL ? "returned no module" : "was built for another MI_Char size");
        r = MI_RESULT_FAILED;
        goto out_close;
    }
    *handle = h;
    *mod = m;
    goto out;

out_close:
    dlclose(h);
out:
    return r;
}

static int cmd_register(int argc, char **argv)
{
    int rc;
    MI_Result r = MI_RESULT_OK;
    cli_args a = {0};
    char *repository = NULL;
    char real[PATH_MAX];
    mi_repo *repo = NULL;
    mi_ns *ns;
    void *handle = NULL;
    const MI_Module *mod = NULL;
    const char **classes = NULL;
    size_t n_classes = 0, i;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, register_usage, 0, 2, (size_t)argc,
                       "NAMESPACE and MODULE are required", &a, &rc))
        goto out;
    if (realpath(a.operands[1], real) == NULL) {
        mi_buf_printf(&msg, "module '%s': %s", a.operands[1], strerror(errno));
        rc = fail(MI_RESULT_NOT_FOUND, &msg);
        goto out;
    }
    r = load_module(real, &handle, &mod, &msg);
    if (r != MI_RESULT_OK) {
        rc = fail(r, &msg);
        goto out;
    }
    if (a.n_operands > 2) {
        classes = &a.operands[2];
        n_classes = a.n_operands - 2;
    } else {
        const MI_SchemaDecl *sd = mod->schemaDecl;
        if (sd == NULL || sd->numClassDecls == 0) {
            mi_buf_printf(&msg, "module '%s' declares no classes: name them after MODULE", real);
            rc = fail(MI_RESULT_INVALID_PARAMETER, &msg);
            goto out;
        }
        classes = mi_calloc(sd->numClassDecls, sizeof *classes);
        if (classes == NULL) {
            mi_buf_puts(&msg, "out of memory");
            rc = fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, &msg);
            goto out;
        }
        for (i = 0; i < sd->numClassDecls; i++)
            classes[n_classes++] = sd->classDecls[i]->name;
    }
    repository = admin_repository(&a);
    if (repository == NULL) {
        rc = EXIT_FAILED;
        goto out_free_classes;
    }
    r = mi_repo_open(repository, MI_REPO_CREATE, &repo, &msg);
    if (r != MI_RESULT_OK) {
        rc = fail(r, &msg);
        goto out_free_classes;
    }
    ns = mi_repo_ns(repo, a.operands[0]);
    if (ns == NULL) {
        mi_buf_printf(&msg, "namespace '%s' not found in %s", a.operands[0], repository);
        rc = fail(MI_RESULT_INVALID_NAMESPACE, &msg);
        goto out_free_classes;
    }
    /* Check every class first, so that a typo registers nothing. */
    for (i = 0; i < n_classes; i++) {
        if (mi_ns_class(ns, classes[i]) == NULL) {
            mi_buf_printf(&msg, "class '%s' not found in namespace '%s'", classes[i],
                          a.operands[0]);
            rc = fail(MI_RESULT_INVALID_CLASS, &msg);
            goto out_free_classes;
        }
    }
    for (i = 0; i < n_classes; i++) {
        r = mi_repo_register_provider(repo, a.operands[0], classes[i], real);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(&msg, "registering '%s': %s", classes[i], mi_repo_last_error());
            rc = fail(r, &msg);
            goto out_free_classes;
        }
        printf("%s\n", mi_ns_class(ns, classes[i])->name);
    }
    rc = finish_output(EXIT_OK);
out_free_classes:
    if (a.n_operands <= 2)
        mi_free((void *)classes);
out:
    mi_repo_free(repo);
    if (handle != NULL)
        dlclose(handle);
    mi_free(repository);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- gc / ec */

typedef struct class_print {
    bool failed;
} class_print;

static bool print_class_name(void *ctx, const MI_ClassDecl *cd)
{
    class_print *p = ctx;

    if (mi_cli_print_class_name(stdout, cd) != 0)
        p->failed = true;
    return !p->failed;
}

static bool print_session_class_name(void *ctx, const MI_Class *cls)
{
    class_print *p = ctx;
    const MI_Char *name = NULL;

    if (MI_Class_GetClassName(cls, &name) != MI_RESULT_OK || name == NULL ||
        printf("%s\n", name) < 0)
        p->failed = true;
    return !p->failed;
}

static int cmd_gc(int argc, char **argv)
{
    int rc;
    MI_Result r;
    unsigned flags = MI_MOFOUT_MARK_INHERITED;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    mi_cli_conn conn = {0};
    MI_Class *cls = NULL;
    const MI_ClassDecl *cd = NULL;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, gc_usage, OK_MOF | OK_GC | OK_SESSION, 2, 2,
                       "NAMESPACE and CLASS are required", &a, &rc))
        goto out;
    if (a.local_only)
        flags = MI_MOFOUT_LOCAL_ONLY;
    if (a.no_qualifiers)
        flags |= MI_MOFOUT_NO_QUALIFIERS;
    if (a.n_files > 0) {
        rc = load_mof(&a, a.operands[0], &src);
        if (rc != EXIT_OK)
            goto out;
        r = mi_cli_source_get_class(src, a.operands[0], a.operands[1], &cd, &msg);
    } else {
        mi_cli_settings st = settings_of(&a);
        r = mi_cli_connect(&conn, &st, &msg);
        if (r == MI_RESULT_OK)
            r = mi_cli_get_class(&conn, a.operands[0], a.operands[1], &cls, &msg);
        if (r == MI_RESULT_OK)
            cd = cls->classDecl;
    }
    if (r != MI_RESULT_OK) {
        rc = fail(r, &msg);
        goto out;
    }
    if (mi_cli_print_class_mof(stdout, cd, flags) != 0)
        rc = EXIT_FAILED;
    rc = finish_output(rc);
out:
    if (cls != NULL)
        MI_Class_Delete(cls);
    mi_cli_disconnect(&conn);
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

static int cmd_ec(int argc, char **argv)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    mi_cli_conn conn = {0};
    class_print p = {0};
    const char *cls;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, ec_usage, OK_MOF | OK_DEEP | OK_SESSION, 1, 2,
                       "NAMESPACE is required", &a, &rc))
        goto out;
    cls = a.n_operands == 2 ? a.operands[1] : NULL;
    if (a.n_files > 0) {
        rc = load_mof(&a, a.operands[0], &src);
        if (rc != EXIT_OK)
            goto out;
        r = mi_cli_source_enum_classes(src, a.operands[0], cls, a.deep, print_class_name, &p,
                                       &msg);
    } else {
        mi_cli_settings st = settings_of(&a);
        r = mi_cli_connect(&conn, &st, &msg);
        if (r == MI_RESULT_OK) {
            MI_Operation op = MI_OPERATION_NULL;
            MI_Session_EnumerateClasses(&conn.session,
                                        a.deep ? 0 : MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW,
                                        mi_cli_options(&conn), a.operands[0], cls, MI_TRUE,
                                        NULL, &op);
            r = mi_cli_drain_classes(&op, print_session_class_name, &p, &msg);
        }
    }
    if (r != MI_RESULT_OK) {
        rc = fail(r, &msg);
        goto out;
    }
    rc = finish_output(p.failed ? EXIT_FAILED : EXIT_OK);
out:
    mi_cli_disconnect(&conn);
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- ei */

static int cmd_ei(int argc, char **argv)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    mi_cli_source *src = NULL;
    mi_cli_conn conn = {0};
    printer p;
    bool printing = false;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, ei_usage, OK_MOF | OK_EI | OK_OUTPUT | OK_SESSION, 2, 2,
                       "NAMESPACE and CLASS are required", &a, &rc))
        goto out;
    if (a.shallow && a.base_props) {
        usage_error(&a, "%s", "--shallow and --base-props exclude each other");
        rc = EXIT_USAGE;
        goto out;
    }
    if (a.n_files > 0 && (a.keys_only || a.base_props)) {
        usage_error(&a, "%s", "--keys-only and --base-props need a session (not with --mof)");
        rc = EXIT_USAGE;
        goto out;
    }
    if (a.n_files > 0) {
        rc = load_mof(&a, a.operands[0], &src);
        if (rc != EXIT_OK)
            goto out;
        printer_init(&p, &a);
        printing = true;
        r = mi_cli_source_enum_instances(src, a.operands[0], a.operands[1], !a.shallow,
                                         print_instance, &p, &msg);
    } else {
        mi_cli_settings st = settings_of(&a);
        r = mi_cli_connect(&conn, &st, &msg);
        if (r == MI_RESULT_OK) {
            MI_Operation op = MI_OPERATION_NULL;
            MI_Uint32 flags = a.shallow      ? MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW
                              : a.base_props ? MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY
                                             : 0;
            printer_init(&p, &a);
            printing = true;
            MI_Session_EnumerateInstances(&conn.session, flags, mi_cli_options(&conn),
                                          a.operands[0], a.operands[1],
                                          a.keys_only ? MI_TRUE : MI_FALSE, NULL, &op);
            r = mi_cli_drain_instances(&op, print_instance, &p, &msg);
        }
    }
    if (printing) {
        rc = printer_finish(&p, r == MI_RESULT_OK);
    }
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
out:
    mi_cli_disconnect(&conn);
    mi_cli_source_close(src);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- sub */

/* Stops a subscription on SIGINT/SIGTERM: the signals are blocked in every thread and
 * taken here with sigwait (a signal handler may not call MI functions). */
typedef struct sub_watch {
    MI_Operation op;        /* a copy of the handle (cancelling a closed one is refused) */
    sigset_t set;
} sub_watch;

static void *sub_watch_main(void *arg)
{
    sub_watch *w = arg;
    int sig = 0;

    if (sigwait(&w->set, &sig) == 0)
        MI_Operation_Cancel(&w->op, MI_REASON_NONE);
    return NULL;
}

typedef struct sub_printer {
    printer p;
    unsigned long max;
} sub_printer;

static bool print_indication(void *ctx, const MI_Instance *inst)
{
    sub_printer *sp = ctx;
    bool go_on = print_instance(&sp->p, inst);

    fflush(stdout); /* each indication is shown when it arrives */
    return go_on && (sp->max == 0 || sp->p.count < sp->max);
}

/* sub: MI_Session_Subscribe, each indication printed as it arrives. */
static int cmd_sub(int argc, char **argv)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    mi_cli_conn conn = {0};
    sub_printer sp;
    sub_watch w;
    pthread_t watcher;
    bool printing = false, watching = false;
    mi_cli_sub_end how = MI_CLI_SUB_FAILED;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, sub_usage, OK_OUTPUT | OK_SESSION | OK_QUERY | OK_SUB, 2, 2,
                       "NAMESPACE and QUERY are required", &a, &rc))
        goto out;
    /* Blocked before any thread starts, so every thread inherits the mask. */
    sigemptyset(&w.set);
    sigaddset(&w.set, SIGINT);
    sigaddset(&w.set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &w.set, NULL);
    mi_cli_settings st = settings_of(&a);
    r = mi_cli_connect(&conn, &st, &msg);
    if (r == MI_RESULT_OK) {
        MI_Operation op = MI_OPERATION_NULL;
        printer_init(&sp.p, &a);
        sp.max = a.max;
        printing = true;
        MI_Session_Subscribe(&conn.session, 0, mi_cli_options(&conn), a.operands[0],
                             a.dialect != NULL ? a.dialect : MI_T("WQL"), a.operands[1], NULL,
                             NULL, &op);
        w.op = op;
        watching = pthread_create(&watcher, NULL, sub_watch_main, &w) == 0;
        r = mi_cli_drain_indications(&op, print_indication, &sp, &how, &msg);
    }
    if (watching) {
        pthread_cancel(watcher); /* sigwait is a cancellation point */
        pthread_join(watcher, NULL);
    }
    if (printing)
        rc = printer_finish(&sp.p, r == MI_RESULT_OK);
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
out:
    mi_cli_disconnect(&conn);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- query */

/* query / wql: MI_Session_QueryInstances, printed like ei. --keys-only is not offered:
 * QueryInstances has no keysOnly (select the keys instead). */
static int cmd_query(int argc, char **argv)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    mi_cli_conn conn = {0};
    printer p;
    bool printing = false;
    mi_buf msg;

    mi_buf_init(&msg, MSG_CAP);
    /* --shallow and --base-props are OK_EI options; --keys-only is refused below. */
    if (!begin_command(argc, argv, query_usage, OK_EI | OK_OUTPUT | OK_SESSION | OK_QUERY, 2, 2,
                       "NAMESPACE and QUERY are required", &a, &rc))
        goto out;
    if (a.keys_only) {
        usage_error(&a, "%s", "--keys-only is not valid for this command (select the keys)");
        rc = EXIT_USAGE;
        goto out;
    }
    if (a.shallow && a.base_props) {
        usage_error(&a, "%s", "--shallow and --base-props exclude each other");
        rc = EXIT_USAGE;
        goto out;
    }
    mi_cli_settings st = settings_of(&a);
    r = mi_cli_connect(&conn, &st, &msg);
    if (r == MI_RESULT_OK) {
        MI_Operation op = MI_OPERATION_NULL;
        MI_Uint32 flags = a.shallow      ? MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW
                          : a.base_props ? MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY
                                         : 0;
        printer_init(&p, &a);
        printing = true;
        MI_Session_QueryInstances(&conn.session, flags, mi_cli_options(&conn), a.operands[0],
                                  a.dialect != NULL ? a.dialect : MI_T("WQL"), a.operands[1],
                                  NULL, &op);
        r = mi_cli_drain_instances(&op, print_instance, &p, &msg);
    }
    if (printing)
        rc = printer_finish(&p, r == MI_RESULT_OK);
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
out:
    mi_cli_disconnect(&conn);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

/* ---------------------------------------------------------------- path commands */

/* State of a command that names an instance: connection, the class of PATH and the
 * key instance. */
typedef struct target {
    mi_cli_conn conn;
    MI_Class *cls;
    MI_Instance *keys; /* NULL for a bare CLASS (ci, static iv) */
    const char *class_name;
    mi_arena arena;
} target;

/* True if text is a bare class name rather than a path. */
static bool is_class_name(const char *text)
{
    return mi_is_identifier(text);
}

/* Connects and builds the target of PATH (or, when allow_class, a bare CLASS): the
 * key instance, full (an instance of the class with the keys set, for ci) or not
 * (just the keys). */
static MI_Result open_target(const cli_args *a, const char *ns, const char *path,
                             bool allow_class, bool full, target *t, mi_buf *msg)
{
    MI_Result r;

    memset(t, 0, sizeof *t);
    mi_arena_init(&t->arena, 0, (size_t)256 << 20);
    if (allow_class && is_class_name(path))
        t->class_name = path;
    else {
        r = mi_cli_path_class(&t->arena, path, &t->class_name, msg);
        if (r != MI_RESULT_OK)
            return r;
    }
    {
        mi_cli_settings st = settings_of(a);
        r = mi_cli_connect(&t->conn, &st, msg);
    }
    if (r != MI_RESULT_OK)
        return r;
    r = mi_cli_get_class(&t->conn, ns, t->class_name, &t->cls, msg);
    if (r != MI_RESULT_OK)
        return r;
    if (!(allow_class && is_class_name(path)))
        r = mi_cli_key_instance(&t->conn.app, t->cls, path, full, &t->keys, msg);
    return r;
}

static void close_target(target *t)
{
    if (t->keys != NULL)
        MI_Instance_Delete(t->keys);
    if (t->cls != NULL)
        MI_Class_Delete(t->cls);
    mi_cli_disconnect(&t->conn);
    mi_arena_destroy(&t->arena);
}

/* Sets the Prop=value arguments operands[first..] on inst, converting each value to
 * the type of the property in t->cls. */
static MI_Result set_properties(target *t, MI_Instance *inst, const cli_args *a, size_t first,
                                mi_buf *msg)
{
    MI_Result r = MI_RESULT_OK;
    size_t i;

    for (i = first; i < a->n_operands; i++) {
        const char *name, *text;
        MI_Value v, dummy;
        MI_Type type;
        MI_Boolean exists;
        MI_Char *refclass = NULL;
        MI_QualifierSet qs;
        MI_Uint32 flags, index;
        char what[300];

        r = mi_cli_split_assignment(&t->arena, a->operands[i], &name, &text, msg);
        if (r != MI_RESULT_OK)
            break;
        r = MI_Class_GetElement(t->cls, name, &dummy, &exists, &type, &refclass, &qs, &flags,
                                &index);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(msg, "class '%s' has no property '%s'", t->class_name, name);
            r = MI_RESULT_NO_SUCH_PROPERTY;
            break;
        }
        snprintf(what, sizeof what, "property '%s'", name);
        r = mi_cli_parse_value(&t->conn.app, &t->arena, text, type, what, &v, msg);
        if (r != MI_RESULT_OK)
            break;
        r = MI_Instance_SetElement(inst, name, &v, type, 0);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(msg, "cannot set property '%s'", name);
            break;
        }
    }
    return r;
}

/* Common frame of gi / r / a / di: parses, opens the target, runs `start` and prints
 * the results. */
typedef void (*start_fn)(const cli_args *a, target *t, MI_Operation *op);

static int run_path_command(int argc, char **argv, const char *usage, unsigned allowed,
                            start_fn start, bool prints)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    target t;
    printer p;
    bool printing = false;
    mi_buf msg;

    memset(&t, 0, sizeof t);
    mi_arena_init(&t.arena, 0, 0);
    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, usage, allowed | OK_SESSION, 2, 2,
                       "NAMESPACE and PATH are required", &a, &rc))
        goto out;
    r = open_target(&a, a.operands[0], a.operands[1], false, false, &t, &msg);
    if (r == MI_RESULT_OK) {
        MI_Operation op = MI_OPERATION_NULL;
        if (prints) {
            printer_init(&p, &a);
            printing = true;
        }
        start(&a, &t, &op);
        r = mi_cli_drain_instances(&op, prints ? print_instance : NULL, &p, &msg);
    }
    if (printing)
        rc = printer_finish(&p, r == MI_RESULT_OK);
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
    else if (!printing)
        rc = finish_output(EXIT_OK);
out:
    close_target(&t);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

static void start_gi(const cli_args *a, target *t, MI_Operation *op)
{
    MI_Session_GetInstance(&t->conn.session, 0, mi_cli_options(&t->conn), a->operands[0],
                           t->keys, NULL, op);
}

static void start_r(const cli_args *a, target *t, MI_Operation *op)
{
    MI_Session_ReferenceInstances(&t->conn.session, 0, mi_cli_options(&t->conn), a->operands[0],
                                  t->keys, a->result_class, a->role, MI_FALSE, NULL, op);
}

static void start_a(const cli_args *a, target *t, MI_Operation *op)
{
    MI_Session_AssociatorInstances(&t->conn.session, 0, mi_cli_options(&t->conn),
                                   a->operands[0], t->keys, a->assoc_class, a->result_class,
                                   a->role, a->result_role, MI_FALSE, NULL, op);
}

static void start_di(const cli_args *a, target *t, MI_Operation *op)
{
    MI_Session_DeleteInstance(&t->conn.session, 0, mi_cli_options(&t->conn), a->operands[0],
                              t->keys, NULL, op);
}

static int cmd_gi(int argc, char **argv)
{
    return run_path_command(argc, argv, gi_usage, OK_OUTPUT, start_gi, true);
}

static int cmd_r(int argc, char **argv)
{
    return run_path_command(argc, argv, r_usage, OK_OUTPUT | OK_REF, start_r, true);
}

static int cmd_a(int argc, char **argv)
{
    return run_path_command(argc, argv, a_usage, OK_OUTPUT | OK_REF | OK_ASSOC, start_a, true);
}

static int cmd_di(int argc, char **argv)
{
    return run_path_command(argc, argv, di_usage, 0, start_di, false);
}

/* ---------------------------------------------------------------- ci / mi */

typedef struct clone_ctx {
    MI_Instance *inst;
    MI_Result r;
} clone_ctx;

static bool clone_first(void *ctx, const MI_Instance *inst)
{
    clone_ctx *c = ctx;

    if (c->inst == NULL)
        c->r = MI_Instance_Clone(inst, &c->inst);
    return true;
}

/* ci (modify false) and mi (modify true). */
static int create_or_modify(int argc, char **argv, bool modify)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    target t;
    printer p;
    bool printing = false;
    MI_Instance *inst = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    mi_buf msg;

    memset(&t, 0, sizeof t);
    mi_arena_init(&t.arena, 0, 0);
    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, modify ? mi_usage : ci_usage, OK_OUTPUT | OK_SESSION,
                       modify ? 3 : 2, (size_t)argc,
                       modify ? "NAMESPACE, PATH and Prop=value are required"
                              : "NAMESPACE and PATH are required",
                       &a, &rc))
        goto out;
    r = open_target(&a, a.operands[0], a.operands[1], !modify, !modify, &t, &msg);
    if (r != MI_RESULT_OK)
        goto out_result;
    if (modify) {
        clone_ctx cc = {NULL, MI_RESULT_OK};
        MI_Session_GetInstance(&t.conn.session, 0, mi_cli_options(&t.conn), a.operands[0],
                               t.keys, NULL, &op);
        r = mi_cli_drain_instances(&op, clone_first, &cc, &msg);
        if (r == MI_RESULT_OK && cc.r != MI_RESULT_OK) {
            r = cc.r;
            mi_buf_puts(&msg, "cannot copy the instance");
        } else if (r == MI_RESULT_OK && cc.inst == NULL) {
            r = MI_RESULT_NOT_FOUND;
            mi_buf_printf(&msg, "no instance '%s'", a.operands[1]);
        }
        inst = cc.inst;
    } else if (t.keys != NULL) {
        r = MI_Instance_Clone(t.keys, &inst);
    } else {
        r = MI_Application_NewInstanceFromClass(&t.conn.app, t.class_name, t.cls, &inst);
    }
    if (r != MI_RESULT_OK) {
        if (msg.len == 0)
            mi_buf_printf(&msg, "cannot make an instance of '%s'", t.class_name);
        goto out_result;
    }
    r = set_properties(&t, inst, &a, 2, &msg);
    if (r != MI_RESULT_OK)
        goto out_result;
    printer_init(&p, &a);
    printing = true;
    if (modify)
        MI_Session_ModifyInstance(&t.conn.session, 0, mi_cli_options(&t.conn), a.operands[0],
                                  inst, NULL, &op);
    else
        MI_Session_CreateInstance(&t.conn.session, 0, mi_cli_options(&t.conn), a.operands[0],
                                  inst, NULL, &op);
    r = mi_cli_drain_instances(&op, print_instance, &p, &msg);
out_result:
    if (printing)
        rc = printer_finish(&p, r == MI_RESULT_OK);
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
out:
    if (inst != NULL)
        MI_Instance_Delete(inst);
    close_target(&t);
    mi_buf_free(&msg);
    free_args(&a);
    return rc;
}

static int cmd_ci(int argc, char **argv)
{
    return create_or_modify(argc, argv, false);
}

static int cmd_mi(int argc, char **argv)
{
    return create_or_modify(argc, argv, true);
}

/* ---------------------------------------------------------------- iv */

/* Builds the IN parameter set of method `method` of t->cls from operands[first..]. */
static MI_Result build_params(target *t, const char *method, const cli_args *a, size_t first,
                              MI_Instance **params, mi_buf *msg)
{
    MI_Result r;
    MI_QualifierSet qs;
    MI_ParameterSet ps;
    MI_Uint32 index;
    size_t i;

    *params = NULL;
    r = MI_Class_GetMethod(t->cls, method, &qs, &ps, &index);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(msg, "class '%s' has no method '%s'", t->class_name, method);
        return MI_RESULT_METHOD_NOT_FOUND;
    }
    r = MI_Application_NewParameterSet(&t->conn.app, NULL, params);
    if (r != MI_RESULT_OK) {
        mi_buf_puts(msg, "cannot make the parameter set");
        return r;
    }
    for (i = first; i < a->n_operands; i++) {
        const char *name, *text;
        MI_Type type;
        MI_Char *refclass = NULL;
        MI_QualifierSet pqs;
        MI_Uint32 pindex;
        MI_Value v;
        char what[300];

        r = mi_cli_split_assignment(&t->arena, a->operands[i], &name, &text, msg);
        if (r != MI_RESULT_OK)
            break;
        r = MI_ParameterSet_GetParameter(&ps, name, &type, &refclass, &pqs, &pindex);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(msg, "method '%s' has no parameter '%s'", method, name);
            r = MI_RESULT_INVALID_PARAMETER;
            break;
        }
        snprintf(what, sizeof what, "parameter '%s'", name);
        r = mi_cli_parse_value(&t->conn.app, &t->arena, text, type, what, &v, msg);
        if (r != MI_RESULT_OK)
            break;
        r = MI_Instance_AddElement(*params, name, &v, type, 0);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(msg, "cannot set parameter '%s' (given twice?)", name);
            break;
        }
    }
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(*params);
        *params = NULL;
    }
    return r;
}

static int cmd_iv(int argc, char **argv)
{
    int rc;
    MI_Result r;
    cli_args a = {0};
    target t;
    printer p;
    bool printing = false;
    MI_Instance *params = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    mi_buf msg;

    memset(&t, 0, sizeof t);
    mi_arena_init(&t.arena, 0, 0);
    mi_buf_init(&msg, MSG_CAP);
    if (!begin_command(argc, argv, iv_usage, OK_OUTPUT | OK_SESSION, 3, (size_t)argc,
                       "NAMESPACE, PATH or CLASS, and METHOD are required", &a, &rc))
        goto out;
    r = open_target(&a, a.operands[0], a.operands[1], true, false, &t, &msg);
    if (r == MI_RESULT_OK)
        r = build_params(&t, a.operands[2], &a, 3, &params, &msg);
    if (r == MI_RESULT_OK) {
        printer_init(&p, &a);
        printing = true;
        MI_Session_Invoke(&t.conn.session, 0, mi_cli_options(&t.conn), a.operands[0],
                          t.keys != NULL ? NULL : t.class_name, a.operands[2], t.keys, params,
                          NULL, &op);
        r = mi_cli_drain_instances(&op, print_instance, &p, &msg);
    }
    if (printing)
        rc = printer_finish(&p, r == MI_RESULT_OK);
    if (r != MI_RESULT_OK)
        rc = fail(r, &msg);
out:
    if (params != NULL)
        MI_Instance_Delete(params);
    close_target(&t);
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
    {"mofcomp", cmd_mofcomp}, {"register", cmd_register}, {"gc", cmd_gc}, {"ec", cmd_ec},
    {"ei", cmd_ei},           {"gi", cmd_gi},             {"r", cmd_r},   {"a", cmd_a},
    {"ci", cmd_ci},           {"mi", cmd_mi},             {"di", cmd_di}, {"iv", cmd_iv},
    {"query", cmd_query},     {"wql", cmd_query},         {"sub", cmd_sub},
};

int main(int argc, char **argv)
{
    int rc = EXIT_USAGE;
    int i = 1;
    size_t k;

    /* Global options before the command. */
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(main_usage, stdout);
            rc = finish_output(EXIT_OK);
            goto out;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("mi (libmi) %s\n", MI_CLI_VERSION);
            rc = finish_output(EXIT_OK);
            goto out;
        }
        if ((strcmp(argv[i], "--repository") == 0 || strcmp(argv[i], "--timeout") == 0) &&
            i + 1 >= argc) {
            fprintf(stderr, "mi: option '%s' needs an argument\n%s", argv[i], main_usage);
            goto out;
        }
        if (strcmp(argv[i], "--repository") == 0) {
            global_repository = argv[i + 1];
            i += 2;
        } else if (strcmp(argv[i], "--timeout") == 0) {
            if (!parse_timeout(argv[i + 1], &global_timeout)) {
                fprintf(stderr, "mi: --timeout needs a number of seconds > 0, got '%s'\n",
                        argv[i + 1]);
                goto out;
            }
            i += 2;
        } else {
            fprintf(stderr, "mi: unknown option '%s'\n%s", argv[i], main_usage);
            goto out;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "mi: no command given\n%s", main_usage);
        goto out;
    }
    for (k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            rc = commands[k].run(argc - i, argv + i);
            goto out;
        }
    }
    fprintf(stderr, "mi: unknown command '%s'\n%s", argv[i], main_usage);
out:
    return rc;
}
