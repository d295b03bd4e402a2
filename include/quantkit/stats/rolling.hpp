// SPDX-License-Identifier: MIT
// quantkit/stats/rolling.hpp - rolling performance metrics (empyrical roll_*)
#pragma once

#include "../core/error.hpp"
#include "detail/sum.hpp"
#include "drawdown.hpp"
#include "performance.hpp"
#include "returns.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

// Conventions of this header: the value at window end t is the single-window metric of
// performance.hpp on rows t - window + 1 .. t (empyrical's roll_* functions with the same
// window), with that metric's NaN rules; `window` plays the role of len(returns) in empyrical's
// length checks (e.g. a Sharpe ratio needs window >= 2).
//  - Layout: roll_layout::aligned (default) returns n values, NaN for the first window - 1 rows,
//    so out[t] belongs to input row t; roll_layout::empyrical returns the n - window + 1 values
//    of complete windows (empyrical's Series starts at the window-th date).
//  - n < window: no complete window, so all NaN (aligned) or empty (empyrical). empyrical's
//    vectorized roll functions instead return one value computed on all n rows (they clip the
//    window to len(returns)); its pandas roll_* (the capture ratios) return an empty Series.
//  - Cost: sums-based metrics (Sharpe, volatility, Sortino, downside risk, excess Sharpe, alpha,
//    beta) are O(1) per step: compensated running sums with add/remove, rebuilt from scratch
//    every `window` steps (amortized O(1), bounds the drift of the running sums, and re-centers
//    them on the current window). Drawdown, annual return and capture ratios are O(window) per
//    step. Constant windows are detected exactly, so a constant window gives the same degenerate
//    results as the single-window functions (Sharpe NaN, volatility 0, ...).
//  - Throws invalid_argument for window == 0, mismatched lengths and the parameter checks of the
//    single-window functions.

/// Output layout of the roll_* functions.
enum class roll_layout {
  aligned,    ///< n values, NaN for rows without a complete window
  empyrical,  ///< n - window + 1 values, the first for the window-th row
};

/// Parameters shared by the roll_* functions (each uses the fields its metric takes).
struct rolling_options {
  double risk_free = 0.0;        ///< per period: Sharpe, alpha
  double required_return = 0.0;  ///< per period: Sortino, downside risk
  double periods_per_year = annualization::daily;
  roll_layout layout = roll_layout::aligned;
};

/// Rolling alpha and beta.
struct rolling_alpha_beta {
  std::vector<double> alpha;
  std::vector<double> beta;
};

namespace detail {

inline void check_rolling(std::size_t window, const rolling_options& o, const char* function) {
  require(window >= 1, function, "window", window, "must be >= 1");
  check_periods_per_year(o.periods_per_year, function);
  check_rate(o.risk_free, function, "risk_free");
  check_rate(o.required_return, function, "required_return");
}

/// Output buffer in the requested layout; emit(t, value) stores the value of the window ending at
/// t.
class roll_output {
 public:
  roll_output(std::size_t n, std::size_t window, roll_layout layout)
      : window_(window), aligned_(layout == roll_layout::aligned) {
    if (aligned_) {
      out_.assign(n, nan);
    } else if (n >= window) {
      out_.assign(n - window + 1, nan);
    }
  }
  void emit(std::size_t t, double v) noexcept { out_[aligned_ ? t : t + 1 - window_] = v; }
  std::vector<double> take() noexcept { return std::move(out_); }

 private:
  std::size_t window_;
  bool aligned_;
  std::vector<double> out_;
};

/// Tracks whether all non-NaN values in the current window are equal (exactly): the last row whose
/// value differs from the previous non-NaN value.
class constancy {
 public:
  void push(std::size_t i, double v) noexcept {
    if (v != v) return;
    if (seen_ && v != last_) change_ = i;
    last_ = v;
    seen_ = true;
  }
  [[nodiscard]] bool constant_since(std::size_t start) const noexcept {
    return change_ == none || change_ <= start;
  }

 private:
  static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::size_t change_ = none;
  double last_ = 0.0;
  bool seen_ = false;
};

/// Centering constants of the running sums: the first non-NaN value of each series in the window
/// at the last rebuild.
struct window_shift {
  double r = 0.0;
  double f = 0.0;
};

inline double first_valid(std::span<const double> x, std::size_t s, std::size_t window) noexcept {
  if (x.empty()) return 0.0;
  for (std::size_t i = s; i < s + window && i < x.size(); ++i) {
    if (x[i] == x[i]) return x[i];
  }
  return 0.0;
}

/// Sliding-window sums of M per-row terms, O(1) per step. row(i, shift, terms) fills the terms of
/// row i and returns false for a row to skip; emit(t, sums, shift) receives the sums of the window
/// ending at t. The sums are rebuilt from scratch every `window` steps with a new shift.
template <std::size_t M, class Row, class Emit>
void sliding_sums(std::span<const double> r, std::span<const double> f, std::size_t window, Row row,
                  Emit emit) {
  std::array<neumaier_sum, M> sums{};
  std::array<double, M> terms{};
  std::array<double, M> values{};
  window_shift shift;
  for (std::size_t t = window - 1; t < r.size(); ++t) {
    const std::size_t s = t + 1 - window;
    if (s % window == 0) {
      sums = {};
      shift = window_shift{first_valid(r, s, window), first_valid(f, s, window)};
      for (std::size_t i = s; i <= t; ++i) {
        if (row(i, shift, terms)) {
          for (std::size_t k = 0; k < M; ++k) sums[k].add(terms[k]);
        }
      }
    } else {
      if (row(t, shift, terms)) {
        for (std::size_t k = 0; k < M; ++k) sums[k].add(terms[k]);
      }
      if (row(s - 1, shift, terms)) {
        for (std::size_t k = 0; k < M; ++k) sums[k].add(-terms[k]);
      }
    }
    for (std::size_t k = 0; k < M; ++k) values[k] = sums[k].value();
    emit(t, values, shift);
  }
}

/// Mean and sample variance (ddof = 1) from the sums {count, sum(d), sum(d^2)}, d = x - shift;
/// the variance is exactly 0 for a constant window and NaN below 2 values.
struct window_moments {
  double count = 0.0;
  double mean = nan;
  double var = nan;
};
inline window_moments moments_from_sums(double count, double s1, double s2, double shift,
                                        bool constant) noexcept {
  window_moments w;
  w.count = count;
  if (count < 1.0) return w;
  const double d = s1 / count;
  w.mean = shift + d;
  if (count < 2.0) return w;
  w.var = constant ? 0.0 : std::fmax((s2 - s1 * d) / (count - 1.0), 0.0);
  return w;
}

/// Rolling moments of the non-NaN values of x: f(t, window_moments).
template <class F>
void rolling_moments_of(std::span<const double> x, std::size_t window, F f) {
  constancy c;
  std::size_t fed = 0;
  sliding_sums<3>(
      x, {}, window,
      [&](std::size_t i, const window_shift& shift, std::array<double, 3>& terms) {
        const double v = x[i];
        if (v != v) return false;
        const double d = v - shift.r;
        terms = {1.0, d, d * d};
        return true;
      },
      [&](std::size_t t, const std::array<double, 3>& s, const window_shift& shift) {
        for (; fed <= t; ++fed) c.push(fed, x[fed]);
        f(t, moments_from_sums(s[0], s[1], s[2], shift.r, c.constant_since(t + 1 - window)));
      });
}

/// Compounded products of (1 + r) and (1 + f) over the rows with f > 0 (up) or f < 0 (down),
/// NaN r as 0, and the row count: the pieces of empyrical's up/down capture.
struct capture_pieces {
  double wr = 1.0;
  double wf = 1.0;
  std::size_t n = 0;
};
inline double annualized_growth(double w, std::size_t n, double periods_per_year) noexcept {
  if (n == 0) return nan;
  return std::pow(w, 1.0 / (static_cast<double>(n) / periods_per_year)) - 1.0;
}
inline double capture_ratio(std::span<const double> r, std::span<const double> f, int sign,
                            double periods_per_year) noexcept {
  capture_pieces p;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (sign > 0 ? f[i] > 0.0 : f[i] < 0.0) {
      p.wr *= 1.0 + (r[i] == r[i] ? r[i] : 0.0);
      p.wf *= 1.0 + f[i];
      ++p.n;
    }
  }
  return annualized_growth(p.wr, p.n, periods_per_year) /
         annualized_growth(p.wf, p.n, periods_per_year);
}

}  // namespace detail

/// Rolling annualized Sharpe ratio (empyrical.roll_sharpe_ratio); each window as sharpe_ratio
/// (NaN rows skipped, ddof = 1, NaN for a constant window or window < 2). O(1) per step.
inline std::vector<double> roll_sharpe_ratio(std::span<const double> r, std::size_t window,
                                             const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_sharpe_ratio");
  detail::roll_output out(r.size(), window, o.layout);
  if (window < 2) return out.take();
  const double scale = std::sqrt(o.periods_per_year);
  detail::rolling_moments_of(r, window, [&](std::size_t t, const detail::window_moments& w) {
    const double sd = std::sqrt(w.var);
    out.emit(t, sd > 0.0 ? (w.mean - o.risk_free) / sd * scale : detail::nan);
  });
  return out.take();
}

/// Rolling annualized volatility (empyrical.roll_annual_volatility); each window as
/// annual_volatility. O(1) per step.
inline std::vector<double> roll_annual_volatility(std::span<const double> r, std::size_t window,
                                                  const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_annual_volatility");
  detail::roll_output out(r.size(), window, o.layout);
  if (window < 2) return out.take();
  const double scale = std::pow(o.periods_per_year, 1.0 / 2.0);
  detail::rolling_moments_of(r, window, [&](std::size_t t, const detail::window_moments& w) {
    out.emit(t, std::sqrt(w.var) * scale);
  });
  return out.take();
}

namespace detail {
/// Rolling {mean, downside risk} with o.required_return: f(t, mean, downside).
template <class F>
void rolling_downside_of(std::span<const double> r, std::size_t window, const rolling_options& o,
                         F f) {
  const double req = o.required_return;
  const double scale = std::sqrt(o.periods_per_year);
  sliding_sums<4>(
      r, {}, window,
      [&](std::size_t i, const window_shift& shift, std::array<double, 4>& terms) {
        const double v = r[i];
        if (v != v) return false;
        const double dn = v - req < 0.0 ? v - req : 0.0;
        terms = {1.0, v - shift.r, dn * dn, dn < 0.0 ? 1.0 : 0.0};
        return true;
      },
      [&](std::size_t t, const std::array<double, 4>& s, const window_shift& shift) {
        if (s[0] < 1.0) {
          f(t, nan, nan);
          return;
        }
        const double mean = shift.r + s[1] / s[0];
        const double down = s[3] < 0.5 ? 0.0 : std::sqrt(std::fmax(s[2], 0.0) / s[0]) * scale;
        f(t, mean, down);
      });
}
}  // namespace detail

/// Rolling downside risk (empyrical.roll_downside_risk); each window as downside_risk (exactly 0
/// for a window without a return below required_return). O(1) per step.
inline std::vector<double> roll_downside_risk(std::span<const double> r, std::size_t window,
                                              const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_downside_risk");
  detail::roll_output out(r.size(), window, o.layout);
  detail::rolling_downside_of(r, window, o,
                              [&](std::size_t t, double, double down) { out.emit(t, down); });
  return out.take();
}

/// Rolling Sortino ratio (empyrical.roll_sortino_ratio); each window as sortino_ratio (+inf without
/// downside, NaN for window < 2). O(1) per step.
inline std::vector<double> roll_sortino_ratio(std::span<const double> r, std::size_t window,
                                              const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_sortino_ratio");
  detail::roll_output out(r.size(), window, o.layout);
  if (window < 2) return out.take();
  detail::rolling_downside_of(r, window, o, [&](std::size_t t, double mean, double down) {
    out.emit(t, (mean - o.required_return) * o.periods_per_year / down);
  });
  return out.take();
}

/// Rolling maximum drawdown (empyrical.roll_max_drawdown); each window as max_drawdown, its wealth
/// path restarting at 100 at the window start. O(window) per step, no allocation.
inline std::vector<double> roll_max_drawdown(std::span<const double> r, std::size_t window,
                                             const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_max_drawdown");
  detail::roll_output out(r.size(), window, o.layout);
  for (std::size_t t = window - 1; t < r.size(); ++t) {
    out.emit(t, max_drawdown(r.subspan(t + 1 - window, window)));
  }
  return out.take();
}

/// Rolling annual return / CAGR (what empyrical.roll_cagr would compute; it raises in the
/// reference version); each window as annual_return with n = window. O(window) per step.
inline std::vector<double> roll_annual_return(std::span<const double> r, std::size_t window,
                                              const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_annual_return");
  detail::roll_output out(r.size(), window, o.layout);
  for (std::size_t t = window - 1; t < r.size(); ++t) {
    out.emit(t, annual_return(r.subspan(t + 1 - window, window), o.periods_per_year));
  }
  return out.take();
}

namespace detail {
/// Rolling alpha and beta: f(t, alpha, beta).
template <class F>
void rolling_alpha_beta_of(std::span<const double> r, std::span<const double> fb,
                           std::size_t window, const rolling_options& o, F f) {
  // sums over rows with both values: {count, dr, df, df^2, df dr}, dr = r - shift.r, df = f -
  // shift.f
  sliding_sums<5>(
      r, fb, window,
      [&](std::size_t i, const window_shift& shift, std::array<double, 5>& terms) {
        const double a = r[i];
        const double b = fb[i];
        if (a != a || b != b) return false;
        const double dr = a - shift.r;
        const double df = b - shift.f;
        terms = {1.0, dr, df, df * df, df * dr};
        return true;
      },
      [&](std::size_t t, const std::array<double, 5>& s, const window_shift& shift) {
        double alpha = nan;
        double beta = nan;
        if (s[0] >= 1.0 && window >= 2) {
          const double k = s[0];
          const double mr = s[1] / k;
          const double mf = s[2] / k;
          const double var = s[3] / k - mf * mf;
          if (var >= 1.0e-30) {
            beta = (s[4] / k - mf * mr) / var;
            const double a = (shift.r + mr - o.risk_free) - beta * (shift.f + mf - o.risk_free);
            alpha = std::pow(a + 1.0, o.periods_per_year) - 1.0;
          }
        }
        f(t, alpha, beta);
      });
}
}  // namespace detail

/// Rolling alpha and beta (empyrical.roll_alpha_beta); each window as alpha_beta. O(1) per step.
inline rolling_alpha_beta roll_alpha_beta(std::span<const double> r, std::span<const double> f,
                                          std::size_t window, const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_alpha_beta");
  require_same_length("quantkit::stats::roll_alpha_beta", "returns", r.size(), "benchmark",
                      f.size());
  detail::roll_output a(r.size(), window, o.layout);
  detail::roll_output b(r.size(), window, o.layout);
  detail::rolling_alpha_beta_of(r, f, window, o, [&](std::size_t t, double al, double be) {
    a.emit(t, al);
    b.emit(t, be);
  });
  return rolling_alpha_beta{a.take(), b.take()};
}

/// Rolling alpha (empyrical.roll_alpha). O(1) per step.
inline std::vector<double> roll_alpha(std::span<const double> r, std::span<const double> f,
                                      std::size_t window, const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_alpha");
  require_same_length("quantkit::stats::roll_alpha", "returns", r.size(), "benchmark", f.size());
  detail::roll_output a(r.size(), window, o.layout);
  detail::rolling_alpha_beta_of(r, f, window, o,
                                [&](std::size_t t, double al, double) { a.emit(t, al); });
  return a.take();
}

/// Rolling beta (empyrical.roll_beta). O(1) per step.
inline std::vector<double> roll_beta(std::span<const double> r, std::span<const double> f,
                                     std::size_t window, const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_beta");
  require_same_length("quantkit::stats::roll_beta", "returns", r.size(), "benchmark", f.size());
  detail::roll_output b(r.size(), window, o.layout);
  detail::rolling_alpha_beta_of(r, f, window, o,
                                [&](std::size_t t, double, double be) { b.emit(t, be); });
  return b.take();
}

/// Rolling excess Sharpe (empyrical.roll_excess_sharpe); each window as excess_sharpe (not
/// annualized; +-inf for a zero tracking error). O(1) per step.
inline std::vector<double> roll_excess_sharpe(std::span<const double> r, std::span<const double> f,
                                              std::size_t window, const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_excess_sharpe");
  require_same_length("quantkit::stats::roll_excess_sharpe", "returns", r.size(), "benchmark",
                      f.size());
  detail::roll_output out(r.size(), window, o.layout);
  if (window < 2) return out.take();
  detail::constancy c;
  std::size_t fed = 0;
  detail::sliding_sums<3>(
      r, f, window,
      [&](std::size_t i, const detail::window_shift& shift, std::array<double, 3>& terms) {
        const double a = r[i] - f[i];
        if (a != a) return false;
        const double d = a - (shift.r - shift.f);
        terms = {1.0, d, d * d};
        return true;
      },
      [&](std::size_t t, const std::array<double, 3>& s, const detail::window_shift& shift) {
        for (; fed <= t; ++fed) c.push(fed, r[fed] - f[fed]);
        const auto w = detail::moments_from_sums(s[0], s[1], s[2], shift.r - shift.f,
                                                 c.constant_since(t + 1 - window));
        const double te = w.var == w.var ? std::sqrt(w.var) : 0.0;  // empyrical's nan_to_num
        out.emit(t, w.mean / te);
      });
  return out.take();
}

/// Rolling up capture (empyrical.roll_up_capture); each window as up_capture. O(window) per step.
inline std::vector<double> roll_up_capture(std::span<const double> r, std::span<const double> f,
                                           std::size_t window, const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_up_capture");
  require_same_length("quantkit::stats::roll_up_capture", "returns", r.size(), "benchmark",
                      f.size());
  detail::roll_output out(r.size(), window, o.layout);
  for (std::size_t t = window - 1; t < r.size(); ++t) {
    const std::size_t s = t + 1 - window;
    out.emit(t, detail::capture_ratio(r.subspan(s, window), f.subspan(s, window), 1,
                                      o.periods_per_year));
  }
  return out.take();
}

/// Rolling down capture (empyrical.roll_down_capture). O(window) per step.
inline std::vector<double> roll_down_capture(std::span<const double> r, std::span<const double> f,
                                             std::size_t window, const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_down_capture");
  require_same_length("quantkit::stats::roll_down_capture", "returns", r.size(), "benchmark",
                      f.size());
  detail::roll_output out(r.size(), window, o.layout);
  for (std::size_t t = window - 1; t < r.size(); ++t) {
    const std::size_t s = t + 1 - window;
    out.emit(t, detail::capture_ratio(r.subspan(s, window), f.subspan(s, window), -1,
                                      o.periods_per_year));
  }
  return out.take();
}

/// Rolling up/down capture (empyrical.roll_up_down_capture). O(window) per step.
inline std::vector<double> roll_up_down_capture(std::span<const double> r,
                                                std::span<const double> f, std::size_t window,
                                                const rolling_options& o = {}) {
  detail::check_rolling(window, o, "quantkit::stats::roll_up_down_capture");
  require_same_length("quantkit::stats::roll_up_down_capture", "returns", r.size(), "benchmark",
                      f.size());
  detail::roll_output out(r.size(), window, o.layout);
  for (std::size_t t = window - 1; t < r.size(); ++t) {
    const std::size_t s = t + 1 - window;
    const auto rs = r.subspan(s, window);
    const auto fs = f.subspan(s, window);
    out.emit(t, detail::capture_ratio(rs, fs, 1, o.periods_per_year) /
                    detail::capture_ratio(rs, fs, -1, o.periods_per_year));
  }
  return out.take();
}

}  // namespace quantkit::stats
