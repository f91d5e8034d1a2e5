/* MI.h -- same header as mi.h under the name that generated provider code
 * includes (<MI.h>); both names live in this directory. */
#include "mi.h"
