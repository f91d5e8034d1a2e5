/* indication_provider.h - what test_subscribe.c reads from and sets in the indication
 * provider module (indication_provider.c), through dlsym on the loaded module. */
#ifndef MI_TEST_INDICATION_PROVIDER_H
#define MI_TEST_INDICATION_PROVIDER_H

#include <mi.h>

typedef struct tsti_stats {
    unsigned enable, disable, subscribe, unsubscribe;  /* TSTI_Event calls */
    unsigned fail_enable, fail_disable, fail_subscribe, fail_unsubscribe; /* TSTI_Fail */
    unsigned posted;              /* PostIndication calls that returned OK */
    unsigned post_failed;         /* PostIndication calls that did not */
    unsigned filter_given;        /* Subscribe calls with a non-NULL filter */
    MI_Result instance_on_ind;    /* PostInstance on the indications context */
    MI_Result indication_on_req;  /* PostIndication on Subscribe's context */
} tsti_stats;

/* Resets the counters and the configuration (limit UINT32_MAX, interval 200 us, no end). */
typedef void (*tsti_reset_fn)(void);
/* The poster posts TSTI_Event Seq 0..limit-1, interval_us apart, once a subscription
 * exists; then, if end_code != 0, ends delivery with PostError(end_code). */
typedef void (*tsti_configure_fn)(MI_Uint32 limit, unsigned interval_us, MI_Result end_code);
typedef void (*tsti_get_stats_fn)(tsti_stats *out);

#endif
