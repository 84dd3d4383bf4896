// GMP (Debian's libgmp-dev) for the joint-modelling big-integer arithmetic. gmp.h's mpz_* names are macros for
// __gmpz_* functions, which Swift does not import, so Swift code calls the __gmpz_* functions directly.
#include <gmp.h>
