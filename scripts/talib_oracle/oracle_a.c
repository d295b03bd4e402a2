// Test-only oracle: runs bundled TA-Lib C functions. Usage: oracle data.csv FUNC params...
// data.csv: lines "open,high,low,close,volume" (no header). Output: row,out1[,out2,out3] (%.17g)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ta_libc.h"
#define N 200000
static double o[N], h[N], l[N], c[N], v[N], per[N], o1[N], o2[N], o3[N];
static int io[N];
int main(int argc, char** argv) {
  FILE* f = fopen(argv[1], "r"); int n = 0;
  while (n < N && fscanf(f, "%lf,%lf,%lf,%lf,%lf", &o[n], &h[n], &l[n], &c[n], &v[n]) == 5) ++n;
  fclose(f);
  for (int i = 0; i < n; ++i) per[i] = 2 + (7 * i) % 29;
  const char* fn = argv[2];
  double p[8] = {0}; for (int i = 3; i < argc && i < 11; ++i) p[i - 3] = atof(argv[i]);
  int b = 0, nb = 0, nout = 1, isint = 0; TA_RetCode rc = -1;
#define I(k) ((int)p[k])
  if (!strcmp(fn, "DEMA")) rc = TA_DEMA(0, n-1, c, I(0), &b, &nb, o1);
  else if (!strcmp(fn, "TEMA")) rc = TA_TEMA(0, n-1, c, I(0), &b, &nb, o1);
  else if (!strcmp(fn, "TRIMA")) rc = TA_TRIMA(0, n-1, c, I(0), &b, &nb, o1);
  else if (!strcmp(fn, "KAMA")) rc = TA_KAMA(0, n-1, c, I(0), &b, &nb, o1);
  else if (!strcmp(fn, "MAMA")) { rc = TA_MAMA(0, n-1, c, p[0], p[1], &b, &nb, o1, o2); nout = 2; }
  else if (!strcmp(fn, "T3")) rc = TA_T3(0, n-1, c, I(0), p[1], &b, &nb, o1);
  else if (!strcmp(fn, "MA")) rc = TA_MA(0, n-1, c, I(0), I(1), &b, &nb, o1);
  else if (!strcmp(fn, "MAVP")) rc = TA_MAVP(0, n-1, c, per, I(0), I(1), I(2), &b, &nb, o1);
  else if (!strcmp(fn, "HT_TRENDLINE")) rc = TA_HT_TRENDLINE(0, n-1, c, &b, &nb, o1);
  else if (!strcmp(fn, "HT_DCPERIOD")) rc = TA_HT_DCPERIOD(0, n-1, c, &b, &nb, o1);
  else if (!strcmp(fn, "HT_DCPHASE")) rc = TA_HT_DCPHASE(0, n-1, c, &b, &nb, o1);
  else if (!strcmp(fn, "HT_PHASOR")) { rc = TA_HT_PHASOR(0, n-1, c, &b, &nb, o1, o2); nout = 2; }
  else if (!strcmp(fn, "HT_SINE")) { rc = TA_HT_SINE(0, n-1, c, &b, &nb, o1, o2); nout = 2; }
  else if (!strcmp(fn, "HT_TRENDMODE")) { rc = TA_HT_TRENDMODE(0, n-1, c, &b, &nb, io); isint = 1; }
  else if (!strcmp(fn, "BBANDS")) { rc = TA_BBANDS(0, n-1, c, I(0), p[1], p[2], I(3), &b, &nb, o1, o2, o3); nout = 3; }
  else if (!strcmp(fn, "ACCBANDS")) { rc = TA_ACCBANDS(0, n-1, h, l, c, I(0), &b, &nb, o1, o2, o3); nout = 3; }
  else if (!strcmp(fn, "APO")) rc = TA_APO(0, n-1, c, I(0), I(1), I(2), &b, &nb, o1);
  else if (!strcmp(fn, "PPO")) rc = TA_PPO(0, n-1, c, I(0), I(1), I(2), &b, &nb, o1);
  else if (!strcmp(fn, "MACD")) { rc = TA_MACD(0, n-1, c, I(0), I(1), I(2), &b, &nb, o1, o2, o3); nout = 3; }
  else if (!strcmp(fn, "MACDEXT")) { rc = TA_MACDEXT(0, n-1, c, I(0), I(1), I(2), I(3), I(4), I(5), &b, &nb, o1, o2, o3); nout = 3; }
  else if (!strcmp(fn, "MACDFIX")) { rc = TA_MACDFIX(0, n-1, c, I(0), &b, &nb, o1, o2, o3); nout = 3; }
  else if (!strcmp(fn, "TRIX")) rc = TA_TRIX(0, n-1, c, I(0), &b, &nb, o1);
  else if (!strcmp(fn, "STOCH")) { rc = TA_STOCH(0, n-1, h, l, c, I(0), I(1), I(2), I(3), I(4), &b, &nb, o1, o2); nout = 2; }
  else if (!strcmp(fn, "STOCHF")) { rc = TA_STOCHF(0, n-1, h, l, c, I(0), I(1), I(2), &b, &nb, o1, o2); nout = 2; }
  else if (!strcmp(fn, "STOCHRSI")) { rc = TA_STOCHRSI(0, n-1, c, I(0), I(1), I(2), I(3), &b, &nb, o1, o2); nout = 2; }
  if (rc != TA_SUCCESS) { fprintf(stderr, "rc=%d\n", rc); return 1; }
  for (int i = 0; i < nb; ++i) {
    if (isint) { printf("%d,%d\n", b + i, io[i]); continue; }
    printf("%d,%.17g", b + i, o1[i]);
    if (nout > 1) printf(",%.17g", o2[i]);
    if (nout > 2) printf(",%.17g", o3[i]);
    printf("\n");
  }
  return 0;
}
