/* libstemcost: everything a program needs, in one include. */
#ifndef STEMCOST_STEMCOST_H
#define STEMCOST_STEMCOST_H

#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/csvin.h"
#include "stemcost/table.h"
#include "stemcost/pricing.h"
#include "stemcost/estimate.h"
#include "stemcost/output.h"
#include "stemcost/report.h"

#endif
