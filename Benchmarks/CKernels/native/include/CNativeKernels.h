#ifndef SDSWEEP_CNATIVEKERNELS_H
#define SDSWEEP_CNATIVEKERNELS_H

/// Hand-written structure-of-arrays kernels of two shipped models: the floor a native engine
/// is measured against (`sdsweep-bench native`). Blocks of 256 runs; within a block every
/// value is one array over the runs and all of a step's arithmetic is one loop over them.
///
/// Each kernel does the compiled program's arithmetic in its order (run-only values such as
/// 1 / Recovery Time hoisted out of the time loop, as SDSweep's compiler hoists them), Euler
/// with `steps` steps of `dt` from t = 0, and writes one output's final value per run into
/// `out`. `parameters` is runs × k, column-major (parameter j of run r at [r + j*runs]), the
/// layout `BatchEngine` takes.
///
/// Each comes twice: as written (the compiler may contract a*b + c into one FMA under
/// `-march=native`, which rounds once) and `_nofma`, with contraction off, which rounds like
/// SDSweep's interpreter and so matches it bit for bit.

/// configs/sir.yaml with Contact Rate, Infectivity, Recovery Time, Initial Infected per run
/// (k = 4); Population 10000. Writes Recovered(final).
void sir_c(long runs, const double *parameters, double dt, long steps, double *out);
void sir_c_nofma(long runs, const double *parameters, double dt, long steps, double *out);

/// configs/cluster-innovation-lockin.yaml with the 8 coefficients, the 8 weights, Peak Height,
/// Peak Year and Capability Ceiling per run (k = 19, in that order); FINAL TIME `final_time`.
/// Writes Innovation Capability(final).
void lockin_c(long runs, const double *parameters, double final_time, double dt, long steps, double *out);
void lockin_c_nofma(long runs, const double *parameters, double final_time, double dt, long steps, double *out);

#endif
