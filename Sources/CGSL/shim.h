#ifndef GRADCHECK_CGSL_SHIM_H
#define GRADCHECK_CGSL_SHIM_H

#include <gsl/gsl_deriv.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

/* Swift 6 rejects the mutable C global `gsl_rng_mt19937` as shared state;
   reading it through a function keeps the binding strict-concurrency clean. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
