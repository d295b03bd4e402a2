// Test-only oracle for the group-C TA-Lib functions. Usage: oracle_c data.csv FUNC params...
// data.csv: lines "open,high,low,close,volume" (no header). Output: row,out1[,out2] (%.17g)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ta_libc.h"
#define N 200000
static double o[N], h[N], l[N], c[N], v[N], o1[N], o2[N];
static int i1[N], i2[N];
int main(int argc, char** argv) {
  FILE* f = fopen(argv[1], "r"); int n = 0;
  while (n < N && fscanf(f, "%lf,%lf,%lf,%lf,%lf", &o[n], &h[n], &l[n], &c[n], &v[n]) == 5) ++n;
  fclose(f);
  const char* fn = argv[2];
  int p = atoi(argv[3]);
  int b = 0, nb = 0, nout = 1, isint = 0; TA_RetCode rc = -1;
  if (!strcmp(fn, "BETA")) rc = TA_BETA(0, n-1, h, l, p, &b, &nb, o1);
  else if (!strcmp(fn, "CORREL")) rc = TA_CORREL(0, n-1, h, l, p, &b, &nb, o1);
  else if (!strcmp(fn, "LINEARREG")) rc = TA_LINEARREG(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "LINEARREG_ANGLE")) rc = TA_LINEARREG_ANGLE(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "LINEARREG_INTERCEPT")) rc = TA_LINEARREG_INTERCEPT(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "LINEARREG_SLOPE")) rc = TA_LINEARREG_SLOPE(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "TSF")) rc = TA_TSF(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "AVGDEV")) rc = TA_AVGDEV(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "MIDPOINT")) rc = TA_MIDPOINT(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "MIDPRICE")) rc = TA_MIDPRICE(0, n-1, h, l, p, &b, &nb, o1);
  else if (!strcmp(fn, "SUM")) rc = TA_SUM(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "MAX")) rc = TA_MAX(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "MIN")) rc = TA_MIN(0, n-1, c, p, &b, &nb, o1);
  else if (!strcmp(fn, "MAXINDEX")) { rc = TA_MAXINDEX(0, n-1, c, p, &b, &nb, i1); isint = 1; }
  else if (!strcmp(fn, "MININDEX")) { rc = TA_MININDEX(0, n-1, c, p, &b, &nb, i1); isint = 1; }
  else if (!strcmp(fn, "MINMAX")) { rc = TA_MINMAX(0, n-1, c, p, &b, &nb, o1, o2); nout = 2; }
  else if (!strcmp(fn, "MINMAXINDEX")) { rc = TA_MINMAXINDEX(0, n-1, c, p, &b, &nb, i1, i2); isint = 1; nout = 2; }
  if (rc != TA_SUCCESS) { fprintf(stderr, "rc=%d\n", rc); return 1; }
  for (int i = 0; i < nb; ++i) {
    if (isint) {
      printf("%d,%d", b + i, i1[i]);
      if (nout > 1) printf(",%d", i2[i]);
    } else {
      printf("%d,%.17g", b + i, o1[i]);
      if (nout > 1) printf(",%.17g", o2[i]);
    }
    printf("\n");
  }
  return 0;
}
