/* clientft.c - mi_clientFT_V1, the library's exported table of client function tables.
 * Statically initialised, so the Serializer/Deserializer/Utilities wrappers of mi.h
 * work before any MI_Application_Initialize. */
#include "client/client_int.h"

static const MI_ClientFT_V1 client_ft = {
    &mi_client_application_ft,
    &mi_client_session_ft,
    &mi_client_operation_ft,
    &mi_client_hosted_provider_ft,
    &mi_client_serializer_ft,
    &mi_client_deserializer_ft,
    &mi_client_subscription_options_ft,
    &mi_client_destination_options_ft,
    &mi_client_operation_options_ft,
    &mi_client_utilities_ft,
};

const MI_ClientFT_V1 *mi_clientFT_V1 = &client_ft;
