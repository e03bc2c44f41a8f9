#include "CNativeKernels.h"

#define BLOCK 256

// One body, compiled twice: with the default contraction and with contraction off. Per run:
// the two sums Σ c_j w_j (internal, external) and the pieces of D(t)'s two segments; per step
//   D = Peak Height * (t <= Peak Year ? t / Peak Year : (FINAL TIME - t) / (FINAL TIME - Peak Year)),
//   lock = max(0, 1 - C / Capability Ceiling), C += dt * (lock * D * internal + lock * D * external),
// the divisions by run constants as multiplications by their reciprocals.
#define LOCKIN_BODY                                                                       \
    for (long start = 0; start < runs; start += BLOCK) {                                  \
        long n = runs - start < BLOCK ? runs - start : BLOCK;                             \
        double c[BLOCK], internal[BLOCK], external[BLOCK], height[BLOCK], year[BLOCK];    \
        double rise[BLOCK], fall0[BLOCK], fall1[BLOCK], ceiling[BLOCK];                   \
        const double *p = parameters + start;                                             \
        for (long i = 0; i < n; i++) {                                                    \
            internal[i] = p[i] * p[i + 8 * runs] + p[i + runs] * p[i + 9 * runs]          \
                        + p[i + 2 * runs] * p[i + 10 * runs]                              \
                        + p[i + 3 * runs] * p[i + 11 * runs];                             \
            external[i] = p[i + 4 * runs] * p[i + 12 * runs]                              \
                        + p[i + 5 * runs] * p[i + 13 * runs]                              \
                        + p[i + 6 * runs] * p[i + 14 * runs]                              \
                        + p[i + 7 * runs] * p[i + 15 * runs];                             \
            height[i] = p[i + 16 * runs];                                                 \
            year[i] = p[i + 17 * runs];                                                   \
            rise[i] = 1.0 / year[i];                                                      \
            fall0[i] = final_time * (1.0 / (final_time - year[i]));                       \
            fall1[i] = -(1.0 / (final_time - year[i]));                                   \
            ceiling[i] = 1.0 / p[i + 18 * runs];                                          \
            c[i] = 0.0;                                                                   \
        }                                                                                 \
        for (long step = 0; step < steps; step++) {                                       \
            double t = step * dt;                                                         \
            for (long i = 0; i < n; i++) {                                                \
                double d = (t <= year[i] ? rise[i] * t : fall0[i] + fall1[i] * t) * height[i]; \
                double lock = 1.0 + -c[i] * ceiling[i];                                   \
                lock = lock >= 0.0 ? lock : 0.0;                                          \
                c[i] = c[i] + dt * (lock * (d * internal[i]) + lock * (d * external[i])); \
            }                                                                             \
        }                                                                                 \
        for (long i = 0; i < n; i++) out[start + i] = c[i];                               \
    }

void lockin_c(long runs, const double *parameters, double final_time, double dt, long steps, double *out) {
    LOCKIN_BODY
}

void lockin_c_nofma(long runs, const double *parameters, double final_time, double dt, long steps, double *out) {
    _Pragma("STDC FP_CONTRACT OFF")
    LOCKIN_BODY
}
