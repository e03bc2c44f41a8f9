// The only C the project sees: OpenBLAS's CBLAS and LAPACKE.
// `lapack_int` is a macro Swift cannot import, so LAPACKE's headers get it as a typedef
// first; `openblas_set_num_threads` is declared here so the build does not depend on which
// `cblas.h` alternative Debian installed.
#ifndef SDSWEEP_COPENBLAS_SHIM_H
#define SDSWEEP_COPENBLAS_SHIM_H
#include <stdint.h>
#define lapack_int int32_t
#define lapack_logical int32_t
#include <cblas.h>
#include <lapacke.h>
typedef int32_t sdsweep_lapack_int;
void openblas_set_num_threads(int num_threads);
#endif
