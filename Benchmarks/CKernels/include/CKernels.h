#ifndef SDSWEEP_CKERNELS_H
#define SDSWEEP_CKERNELS_H

/// The paper's model hand-written in C, for the benchmark's reference throughput.
/// `coefficients` and `weights` are runs × 8, column-major (element j of run r at [r + j*runs]);
/// writes C(final) of each run into `out`. D(t) is the triangle through (0,0), (peak_year,
/// peak_height), (final_time, 0). Euler with `steps` steps of `dt` from t = 0.
void paper_model_c(long runs, const double *coefficients, const double *weights,
                   double peak_height, double peak_year, double final_time,
                   double dt, long steps, double *out);

#endif
