#include "CNativeKernels.h"

#define BLOCK 256

// One body, compiled twice: with the default contraction and with contraction off. Per run:
// k = Contact Rate * Infectivity and r = 1 / Recovery Time; per step
//   infection = S * k * I * 0.0001 (1 / Population), recovery = I * r,
//   S -= dt * infection, I += dt * (infection - recovery), R += dt * recovery.
#define SIR_BODY                                                                          \
    for (long start = 0; start < runs; start += BLOCK) {                                  \
        long n = runs - start < BLOCK ? runs - start : BLOCK;                             \
        double s[BLOCK], x[BLOCK], rec[BLOCK], k[BLOCK], r[BLOCK];                        \
        const double *p = parameters + start;                                             \
        for (long i = 0; i < n; i++) {                                                    \
            k[i] = p[i] * p[i + runs];                                                    \
            r[i] = 1.0 / p[i + 2 * runs];                                                 \
            s[i] = 10000.0 - p[i + 3 * runs];                                             \
            x[i] = p[i + 3 * runs];                                                       \
            rec[i] = 0.0;                                                                 \
        }                                                                                 \
        for (long step = 0; step < steps; step++) {                                       \
            for (long i = 0; i < n; i++) {                                                \
                double infection = s[i] * k[i] * x[i] * 0.0001;                           \
                double recovery = x[i] * r[i];                                            \
                s[i] = s[i] - dt * infection;                                             \
                x[i] = x[i] + dt * (infection - recovery);                                \
                rec[i] = rec[i] + dt * recovery;                                          \
            }                                                                             \
        }                                                                                 \
        for (long i = 0; i < n; i++) out[start + i] = rec[i];                             \
    }

void sir_c(long runs, const double *parameters, double dt, long steps, double *out) {
    SIR_BODY
}

void sir_c_nofma(long runs, const double *parameters, double dt, long steps, double *out) {
    _Pragma("STDC FP_CONTRACT OFF")
    SIR_BODY
}
