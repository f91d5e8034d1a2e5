/* mof_int.h - private interface between the parts of the MOF compiler.
 *
 *   lexer.c    source loading (encodings, BOM, validation), tokens, positions,
 *              diagnostics
 *   parser.c   recursive-descent parser of DSP0221 statements; drives build.c
 *   build.c    qualifier checks and propagation, value conversion, class decls
 *   compile.c  the public entry points, includes, namespaces, lookups, aliases,
 *              deferred checks and the all-or-nothing commit
 *
 * Memory: a compilation has three arenas. `out` receives everything that ends up in
 * the repository (decls, values, instances) and is adopted by it on success; `tmp`
 * lives for the whole compilation (records checked at the end); `stmt` is emptied
 * after every top-level statement (parsed qualifier lists and values). Source texts are
 * mi_malloc'd per file and freed when the file is done; tokens point into them.
 */
#ifndef MI_MOF_MOF_INT_H
#define MI_MOF_MOF_INT_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/vec.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

/* Caps (besides those in mi_mof_options). */
#define MOF_MAX_STRING     ((size_t)1 << 20) /* bytes of one string value (after concatenation) */
#define MOF_MAX_ARRAY      ((size_t)1 << 16) /* elements of one array value */
#define MOF_MAX_NESTING    32u               /* inline "instance of" values inside values */
#define MOF_MAX_FEATURES   4096u             /* properties + methods declared by one class */
#define MOF_MAX_PARAMS     1024u             /* parameters of one method */
#define MOF_MAX_QUALS      1024u             /* qualifiers in one list */
#define MOF_MAX_MESSAGE    1024u             /* bytes of one diagnostic message */
#define MOF_STMT_CAP       ((size_t)256 << 20) /* memory for one statement's parse */
#define MOF_TMP_CAP        ((size_t)1 << 30)   /* bookkeeping of one compilation */

/* ------------------------------------------------------------------ sources, tokens */

typedef struct mof_src {
    const char *name;       /* path used in diagnostics (arena copy, lives as long as tmp) */
    char *text;             /* UTF-8 without BOM, NUL-terminated (mi_malloc'd) */
    size_t len;
    char *dir;              /* folder of the file for relative includes ("." for buffers) */
} mof_src;

typedef enum mof_tok_kind {
    T_EOF, T_ERROR, T_IDENT, T_INT, T_REAL, T_STRING, T_CHAR, T_ALIAS,
    T_LBRACE, T_RBRACE, T_LBRACK, T_RBRACK, T_LPAREN, T_RPAREN,
    T_SEMI, T_COMMA, T_COLON, T_EQ, T_HASH
} mof_tok_kind;

typedef struct mof_tok {
    mof_tok_kind kind;
    uint32_t len;           /* bytes of the token's text */
    const char *p;          /* the token's text in src->text */
    const char *line_start; /* start of the token's line, for its column */
    uint32_t line;          /* 1-based */
    bool neg;               /* T_INT: a '-' sign was written */
    bool radix;             /* T_INT: written in hex, octal or binary */
    uint64_t u;             /* T_INT: magnitude; T_CHAR: code point */
    double d;               /* T_REAL */
    const mof_src *src;
} mof_tok;

/* A position that outlives its source text (for checks made at the end). */
typedef struct mof_pos {
    const char *file;
    uint32_t line;
    uint32_t column;
} mof_pos;

typedef struct mof_lexer {
    struct mof_comp *c;
    const mof_src *src;
    const char *p, *end;
    const char *line_start;
    uint32_t line;
} mof_lexer;

/* ------------------------------------------------------------------ parsed values */

typedef enum pv_kind {
    PV_NULL, PV_BOOL, PV_INT, PV_REAL, PV_STRING, PV_CHAR, PV_ALIAS, PV_INSTANCE, PV_ARRAY
} pv_kind;

struct inst_rec;

typedef struct pval {
    pv_kind kind;
    mof_tok tok;              /* first token of the value (for diagnostics) */
    union {
        bool b;
        struct { uint64_t mag; bool neg; bool radix; } i;
        double d;
        struct { char *s; size_t len; } str;  /* unescaped, in `out` */
        uint32_t ch;
        struct { const char *name; uint32_t len; } alias; /* without '$' */
        struct inst_rec *inst;                 /* inline "instance of" */
        struct { struct pval *items; size_t n; } arr;
    } u;
} pval;

/* A qualifier as written: Name, Name(value), Name{...}, plus ": flavor ..." */
typedef struct pqual {
    mof_tok name;
    bool has_value;
    pval val;
    uint32_t flavor_on;   /* flavor bits written after ':' */
    bool has_flavor;
} pqual;

typedef struct pqual_list {
    pqual *items;
    size_t n;
    mof_tok open;         /* the '[' */
} pqual_list;

/* ------------------------------------------------------------------ compilation */

/* A qualifier declaration visible to this compilation (from the repository or
 * declared here), with a cached boolean-TRUE usage of it. */
typedef struct qdecl {
    const MI_QualifierDecl *d;
    MI_Qualifier *true_q;  /* [Name] with the declaration's flavor; made on first use */
    bool local;            /* declared by this compilation */
    const MI_QualifierDecl *replaces; /* the repository's declaration it replaces
                                         (MI_MOF_UPDATE_CLASSES), or NULL */
} qdecl;

/* A repository class that this compilation takes out of the repository
 * (MI_MOF_UPDATE_CLASSES): replaced by a declaration of the source, or rebuilt because
 * a superclass is replaced. */
typedef struct repl_rec {
    const MI_ClassDecl *old;     /* the repository's decl */
    const MI_ClassDecl *newcd;   /* its successor (NULL until a rebuild compiled it) */
    mof_pos pos;                 /* replaced: the declaration in the source; rebuilt: the
                                    declaration of the nearest replaced ancestor */
    const char *ancestor;        /* rebuilt: name of that ancestor; NULL if replaced */
    bool rebuilt;
    bool failed;                 /* the rebuild reported errors (its subclasses are
                                    not tried: they would only repeat them) */
} repl_rec;

/* A namespace as seen by this compilation. */
typedef struct comp_ns {
    char *name;            /* normalised (tmp) */
    mi_ns *repo_ns;        /* NULL if the repository does not have it yet */
    mi_map quals;          /* name -> qdecl* (local ones and repository ones looked up) */
    mi_vec new_quals;      /* qdecl* declared here, in order */
    mi_map classes;        /* name -> MI_ClassDecl* declared here */
    mi_vec new_classes;    /* MI_ClassDecl* in order */
    mi_vec insts;          /* struct inst_rec* of top-level declarations, in order */
    mi_map class_pos;      /* name -> mof_pos* of the classes declared here (tmp) */
    mi_vec replaced;       /* repl_rec*: replaced in source order, then rebuilt ones */
    mi_map removed;        /* old class name -> repl_rec* (names live in the repository) */
} comp_ns;

/* An "instance of" (top-level or inline). */
typedef struct inst_rec {
    MI_Instance *inst;
    comp_ns *ns;
    mof_pos pos;           /* of the "instance" keyword */
    mof_pos class_pos;     /* of the class name */
    const char *alias;     /* without '$', or NULL (tmp) */
    bool top;              /* a top-level declaration (else an inline value) */
    bool embedded_use;     /* an alias of it is the value of an embedded instance */
    bool ref_use;          /* an alias of it is the value of a reference */
    bool failed;           /* an error was reported for it */
    uint8_t store;         /* set by the final checks: STORE_KEYED or STORE_UNKEYED */
    struct inst_edge *edges;  /* instances it holds (embedded, or key references) */
    uint8_t mark;          /* cycle check state */
} inst_rec;

#define STORE_KEYED   1
#define STORE_UNKEYED 2

typedef struct inst_edge {
    inst_rec *to;
    struct inst_edge *next;
} inst_edge;

/* A slot that receives the instance an alias names, filled at the end. */
typedef struct alias_fixup {
    const char *name;       /* tmp */
    mof_pos pos;
    MI_Instance **slot;
    MI_Type type;           /* MI_REFERENCE or MI_INSTANCE */
    const char *cls;        /* required class (REF class / EmbeddedInstance), or NULL */
    inst_rec *user;         /* instance whose property holds the slot */
    bool key;               /* the property is a key */
    struct deferred_set *ds; /* the pending property value holding the slot */
} alias_fixup;

/* A property value of an instance that is set once the aliases are resolved. */
typedef struct deferred_set {
    bool bad;               /* an alias in it could not be resolved */
    inst_rec *ir;
    MI_Uint32 index;
    MI_Type type;
    MI_Value value;
} deferred_set;

/* A class name checked at the end (REF class or EmbeddedInstance not yet known). */
typedef struct class_check {
    comp_ns *ns;
    const char *name;
    mof_pos pos;
    const char *what;      /* "reference class" / "EmbeddedInstance class" */
} class_check;

typedef struct mof_comp {
    mi_repo *repo;
    mi_mof_options opt;
    mi_mof_stats stats;
    MI_Result first_error;
    bool stop;                  /* max_errors reached */
    bool allow_null_keys;
    bool update;                /* MI_MOF_UPDATE_CLASSES */
    repl_rec *rebuilding;       /* the repository class being rebuilt: diagnostics are
                                   reported as its problems, at rebuilding->pos */
    locale_t c_locale;          /* for strtod_l */

    mi_arena *out;
    mi_arena tmp;
    mi_arena stmt;

    mi_vec nss;                 /* comp_ns* */
    comp_ns *ns;                /* current namespace */
    mi_map aliases;             /* alias name -> inst_rec* (keys in tmp) */
    mi_vec fixups;              /* alias_fixup* */
    mi_vec dsets;               /* deferred_set* */
    mi_vec class_checks;        /* class_check* */
    deferred_set *cur_dset;     /* value being converted by mof_instance_set */
    unsigned include_depth;
    unsigned nesting;           /* inline instance depth */
} mof_comp;

/* ------------------------------------------------------------------ lexer.c */

/* Reads and decodes a file (UTF-8 with/without BOM, UTF-16 LE/BE with BOM) into src.
 * Errors are reported at `at` (the #pragma include) or at 0:0 for a top-level file.
 * Returns OK or the reported error's code. */
MI_Result mof_src_load_file(mof_comp *c, mof_src *src, const char *path, const mof_tok *at);
/* Same for text in memory (copied). */
MI_Result mof_src_load_buffer(mof_comp *c, mof_src *src, const char *name, const char *data,
                              size_t n);
void mof_src_free(mof_src *src);

void mof_lex_init(mof_lexer *lx, mof_comp *c, const mof_src *src);
/* The next token. Lexical errors are reported here and yield T_ERROR (or T_EOF for
 * an unterminated comment). */
void mof_lex(mof_lexer *lx, mof_tok *t);

/* Column (1-based, in characters) of a token. */
uint32_t mof_tok_column(const mof_tok *t);
mof_pos mof_tok_pos(const mof_tok *t);
/* Short description of a token for messages: "'}'", "'Name'", "string literal",
 * "end of file". Written into buf (at least 64 bytes). */
const char *mof_tok_describe(const mof_tok *t, char *buf, size_t n);
bool mof_tok_is(const mof_tok *t, const char *keyword);

/* Diagnostics. Errors count toward max_errors and set first_error. */
void mof_error_at(mof_comp *c, const mof_pos *pos, MI_Result code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void mof_error(mof_comp *c, const mof_tok *t, MI_Result code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void mof_warning(mof_comp *c, const mof_tok *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void mof_warning_at(mof_comp *c, const mof_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Unescapes the string literal token t (with its quotes) and appends it to dst.
 * The lexer has validated the escapes. Returns the number of bytes written. */
size_t mof_unescape(const mof_tok *t, char *dst);

/* ------------------------------------------------------------------ parser.c */

/* Compiles the statements of src (already loaded) in the current state of c. */
void mof_parse_source(mof_comp *c, const mof_src *src);

/* ------------------------------------------------------------------ build.c */

/* Element kinds for scope checks (MI_FLAG_CLASS, _ASSOCIATION, _INDICATION,
 * _PROPERTY, _REFERENCE, _METHOD, _PARAMETER). */
typedef struct qual_set {
    MI_Qualifier MI_CONST *MI_CONST *q; /* effective list (in `out`) */
    MI_Uint32 n;
} qual_set;

/* Checks the written qualifiers of an element of kind `scope` and merges them with the
 * qualifiers it inherits (`inh`, the overridden or superclass element's list; may be
 * empty). Errors are reported; the result holds what could be built. `elem` names the
 * element in messages. */
qual_set mof_build_quals(mof_comp *c, const pqual_list *own, MI_Uint32 scope,
                         MI_Qualifier MI_CONST *MI_CONST *inh, MI_Uint32 ninh,
                         const char *elem);
/* The propagated part of an inherited list: shares `inh` when nothing is dropped. */
qual_set mof_propagate_quals(mof_comp *c, MI_Qualifier MI_CONST *MI_CONST *inh,
                             MI_Uint32 ninh);
/* Boolean value of a qualifier in a list (false if absent or NULL). */
bool mof_qual_true(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n, const char *name);
/* String value of a qualifier in a list, or NULL. */
const char *mof_qual_string(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                            const char *name);

/* Converts a parsed value to type t (scalar or array). cls: class a REF or embedded
 * value must be (or derive from), NULL for any. `ir` is the instance being filled
 * (aliases and inline instances are allowed only then; their slots are queued as
 * fixups). Returns false after reporting an error. *is_null is set for NULL. */
bool mof_convert(mof_comp *c, const pval *v, MI_Type t, const char *cls, inst_rec *ir,
                 bool key, MI_Value *out, bool *is_null);
/* Sets property idx (decl pd) of instance ir to the parsed value v: converted now,
 * stored now or, when it names aliases, once they are resolved. false after an
 * error. */
bool mof_instance_set(mof_comp *c, inst_rec *ir, MI_Uint32 idx, const MI_PropertyDecl *pd,
                      const pval *v);
/* Boxes a converted value per mi-provider-api.md 2.3 (pointer to a C constant of the
 * type, or to an MI_Array for arrays); NULL when out of memory. */
const void *mof_box_value(mof_comp *c, MI_Type t, const MI_Value *v);
/* Deep equality of two boxed values of type t (either may be NULL). */
bool mof_boxed_equal(MI_Type t, const void *a, const void *b);
/* Describes a type for messages ("uint8", "string[]", "reference to CIM_X"). */
const char *mof_type_str(MI_Type t);

/* Class declaration being parsed. */
typedef struct class_builder {
    mof_tok name_tok;
    mof_tok super_tok;
    const char *name;              /* in out */
    const MI_ClassDecl *super;     /* NULL for a root class or an unknown superclass */
    const MI_ClassDecl *replaces;  /* the repository's class of that name
                                      (MI_MOF_UPDATE_CLASSES), or NULL */
    bool super_has_keys;
    bool is_assoc, is_indication;
    bool failed;                   /* do not register the class */
    qual_set quals;
    struct own_prop {
        MI_PropertyDecl *pd;
        const MI_PropertyDecl *inh;  /* the inherited decl it overrides, or NULL */
        MI_Uint32 slot;              /* index of inh in the superclass */
    } *props;                        /* own declarations, in MOF order (stmt) */
    size_t nprops, aprops;
    struct own_meth {
        MI_MethodDecl *md;
        const MI_MethodDecl *inh;
        MI_Uint32 slot;
    } *meths;
    size_t nmeths, ameths;
    size_t nfeatures;
} class_builder;

/* Starts a class: checks name and superclass, builds the class qualifiers. */
void mof_class_begin(mof_comp *c, class_builder *cb, const pqual_list *quals,
                     const mof_tok *name, const mof_tok *super);
/* Adds a property or reference. type is the written type (MI_REFERENCE for REF with
 * ref_cls set); subscript -1 for a scalar, 0 for [], n for [n]; defv may be NULL. */
void mof_class_property(mof_comp *c, class_builder *cb, const pqual_list *quals,
                        MI_Type type, const mof_tok *type_tok, const mof_tok *ref_cls,
                        const mof_tok *name, long subscript, const pval *defv);

typedef struct pparam {
    pqual_list quals;
    MI_Type type;              /* scalar type or MI_REFERENCE */
    mof_tok type_tok;
    mof_tok ref_cls;           /* valid when type == MI_REFERENCE */
    mof_tok name;
    long subscript;            /* -1 scalar, 0 [], n [n] */
} pparam;

/* Adds a method; returns_void for "void" methods (no MIReturn). */
void mof_class_method(mof_comp *c, class_builder *cb, const pqual_list *quals,
                      MI_Type rtype, const mof_tok *type_tok, const mof_tok *ref_cls,
                      bool returns_void, const mof_tok *name, const pparam *params,
                      size_t nparams);
/* Finishes the class: flattening, layout, registration in the current namespace. */
void mof_class_end(mof_comp *c, class_builder *cb);

/* ------------------------------------------------------------------ compile.c */

/* Lookups in the current namespace (this compilation first, then the repository). */
qdecl *mof_find_qualifier(mof_comp *c, const char *name, size_t len);
const MI_ClassDecl *mof_find_class(mof_comp *c, comp_ns *ns, const char *name, size_t len);
/* The compile view of a namespace named in an object path (NULL if neither this
 * compilation nor the repository has it). */
comp_ns *mof_lookup_namespace(mof_comp *c, const char *name);
/* Records that instance `from` holds `to` (embedded value or key reference), for the
 * cycle check. */
bool mof_add_edge(mof_comp *c, inst_rec *from, inst_rec *to, const mof_tok *at);
/* The class of that name declared by this compilation in ns / stored in ns's
 * repository namespace (NULL if none). */
const MI_ClassDecl *mof_find_local_class(mof_comp *c, comp_ns *ns, const char *name,
                                         size_t len);
const MI_ClassDecl *mof_find_stored_class(mof_comp *c, comp_ns *ns, const char *name,
                                          size_t len);
/* Registers a new qualifier declaration / class in the current namespace. A class that
 * replaces a repository class (`replaces`, MI_MOF_UPDATE_CLASSES) is recorded as such,
 * or, when it is identical to it, the repository's decl stays and is registered
 * instead. */
bool mof_add_qualifier(mof_comp *c, const MI_QualifierDecl *qd, const mof_tok *name_tok);
bool mof_add_class(mof_comp *c, MI_ClassDecl *cd, const MI_ClassDecl *replaces,
                   const mof_tok *name_tok);
/* Namespace switch (#pragma namespace): finds or creates the compile view. */
bool mof_set_namespace(mof_comp *c, const char *name, const mof_tok *at);
/* #pragma include: resolves, loads and compiles the file. */
void mof_include(mof_comp *c, const char *name, const mof_tok *at);
/* Records an instance: alias registration and, for top-level ones, the list of the
 * namespace. */
bool mof_add_instance(mof_comp *c, inst_rec *ir, const mof_tok *alias_tok);
/* Queues a class-name check for the end of the compilation. */
void mof_defer_class_check(mof_comp *c, const char *name, const mof_tok *at,
                           const char *what);

/* Arena helpers that report running out of memory as an error at t. */
void *mof_alloc(mof_comp *c, mi_arena *a, size_t n, const mof_tok *t);
char *mof_strndup(mof_comp *c, mi_arena *a, const char *s, size_t n, const mof_tok *t);

#endif
