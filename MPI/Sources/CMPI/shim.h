// The handles Open MPI defines as macros over its globals (MPI_COMM_WORLD is
// `&ompi_mpi_comm_world` cast to a pointer type): Swift cannot import such macros, so each is
// returned by a small inline function instead.
#include <mpi.h>

static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype cmpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype cmpi_int(void) { return MPI_INT; }
static inline MPI_Op cmpi_min(void) { return MPI_MIN; }
static inline int cmpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
static inline int cmpi_success(void) { return MPI_SUCCESS; }
