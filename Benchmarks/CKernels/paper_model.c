#include "CKernels.h"

// Runs are processed in blocks so the inner loop over runs vectorises; D(t) is computed once
// per step per block, as any competent hand-written kernel would.
#define BLOCK 128

void paper_model_c(long runs, const double *coefficients, const double *weights,
                   double peak_height, double peak_year, double final_time,
                   double dt, long steps, double *out) {
    for (long start = 0; start < runs; start += BLOCK) {
        long n = runs - start < BLOCK ? runs - start : BLOCK;
        double c[8][BLOCK], w[8][BLOCK], stock[BLOCK];
        for (int j = 0; j < 8; j++)
            for (long i = 0; i < n; i++) {
                c[j][i] = coefficients[start + i + j * runs];
                w[j][i] = weights[start + i + j * runs];
            }
        for (long i = 0; i < n; i++) stock[i] = 0;
        for (long s = 0; s < steps; s++) {
            double t = s * dt;
            double d = peak_height * (t <= peak_year ? t / peak_year : (final_time - t) / (final_time - peak_year));
            for (long i = 0; i < n; i++) {
                double internal = w[0][i] * (c[0][i] * d) + w[1][i] * (c[1][i] * d)
                                + w[2][i] * (c[2][i] * d) + w[3][i] * (c[3][i] * d);
                double external = w[4][i] * (c[4][i] * d) + w[5][i] * (c[5][i] * d)
                                + w[6][i] * (c[6][i] * d) + w[7][i] * (c[7][i] * d);
                stock[i] += dt * (internal + external);
            }
        }
        for (long i = 0; i < n; i++) out[start + i] = stock[i];
    }
}
