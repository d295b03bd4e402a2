// SPDX-License-Identifier: MIT
// quantkit/stats/running_moments.hpp - streaming, mergeable mean/variance/skewness/kurtosis
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>

namespace quantkit::stats {

/// A streaming statistic that can be merged: `update(x)`, `value()`, `count()`, `reset()`,
/// `merge(other)`. Parallel pipelines give each chunk its own accumulator and merge the chunks in
/// index order, so the result does not depend on the thread count.
template <class A>
concept Accumulator = std::copyable<A> && requires(A& a, const A& ca, double x) {
  a.update(x);
  { ca.value() } -> std::convertible_to<double>;
  { ca.count() } -> std::convertible_to<std::size_t>;
  a.reset();
  a.merge(ca);
};

/// Running count, mean and central moments M2..M4 of a stream (Welford 1962 for the update,
/// Pebay 2008 "Formulas for robust, one-pass parallel computation of covariances and
/// arbitrary-order statistical moments" for the higher moments and for merge()). Numerically
/// stable: no catastrophic cancellation for data far from zero.
///
/// NaN inputs are skipped and counted in nan_count() (a NaN metric from one Monte Carlo run does
/// not poison the summary); infinities propagate. value() is the mean. Merging is exact in the
/// sense that update over a sequence and merge of its two halves agree to rounding; for
/// bit-identical results across thread counts, merge fixed chunks in index order. O(1) per update.
class running_moments {
 public:
  void update(double x) noexcept {
    if (x != x) {
      ++nan_count_;
      return;
    }
    const double n1 = static_cast<double>(n_);
    ++n_;
    const double n = static_cast<double>(n_);
    const double delta = x - mean_;
    const double delta_n = delta / n;
    const double delta_n2 = delta_n * delta_n;
    const double term1 = delta * delta_n * n1;
    mean_ += delta_n;
    m4_ += term1 * delta_n2 * (n * n - 3.0 * n + 3.0) + 6.0 * delta_n2 * m2_ - 4.0 * delta_n * m3_;
    m3_ += term1 * delta_n * (n - 2.0) - 3.0 * delta_n * m2_;
    m2_ += term1;
    if (n_ == 1) {
      min_ = x;
      max_ = x;
    } else {
      min_ = x < min_ ? x : min_;
      max_ = x > max_ ? x : max_;
    }
  }

  /// Combines another accumulator into this one (Chan et al. / Pebay pairwise formulas).
  void merge(const running_moments& b) noexcept {
    nan_count_ += b.nan_count_;
    if (b.n_ == 0) return;
    if (n_ == 0) {
      const std::size_t nan_total = nan_count_;
      *this = b;
      nan_count_ = nan_total;
      return;
    }
    const double na = static_cast<double>(n_);
    const double nb = static_cast<double>(b.n_);
    const double n = na + nb;
    const double delta = b.mean_ - mean_;
    const double delta2 = delta * delta;
    const double delta3 = delta2 * delta;
    const double delta4 = delta2 * delta2;
    const double m2 = m2_ + b.m2_ + delta2 * na * nb / n;
    const double m3 = m3_ + b.m3_ + delta3 * na * nb * (na - nb) / (n * n) +
                      3.0 * delta * (na * b.m2_ - nb * m2_) / n;
    const double m4 = m4_ + b.m4_ + delta4 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n) +
                      6.0 * delta2 * (na * na * b.m2_ + nb * nb * m2_) / (n * n) +
                      4.0 * delta * (na * b.m3_ - nb * m3_) / n;
    mean_ += delta * nb / n;
    m2_ = m2;
    m3_ = m3;
    m4_ = m4;
    n_ += b.n_;
    min_ = b.min_ < min_ ? b.min_ : min_;
    max_ = b.max_ > max_ ? b.max_ : max_;
  }

  void reset() noexcept { *this = running_moments{}; }

  /// Number of (non-NaN) values.
  [[nodiscard]] std::size_t count() const noexcept { return n_; }
  /// Number of NaN values skipped.
  [[nodiscard]] std::size_t nan_count() const noexcept { return nan_count_; }
  /// The mean (NaN when empty).
  [[nodiscard]] double value() const noexcept { return mean(); }
  [[nodiscard]] double mean() const noexcept { return n_ == 0 ? nan() : mean_; }
  /// Variance with `ddof` delta degrees of freedom (NaN when count() <= ddof).
  [[nodiscard]] double variance(std::size_t ddof = 0) const noexcept {
    return n_ <= ddof ? nan() : m2_ / static_cast<double>(n_ - ddof);
  }
  [[nodiscard]] double stddev(std::size_t ddof = 0) const noexcept {
    return std::sqrt(variance(ddof));
  }
  /// Biased skewness g1 = m3 / m2^1.5 (scipy.stats.skew, bias=True); NaN if empty or constant.
  [[nodiscard]] double skewness() const noexcept {
    if (n_ == 0 || m2_ <= 0.0) return nan();
    const double n = static_cast<double>(n_);
    return std::sqrt(n) * m3_ / std::pow(m2_, 1.5);
  }
  /// Biased excess kurtosis m4 / m2^2 - 3 (scipy.stats.kurtosis defaults); NaN if empty or
  /// constant.
  [[nodiscard]] double kurtosis() const noexcept {
    if (n_ == 0 || m2_ <= 0.0) return nan();
    const double n = static_cast<double>(n_);
    return n * m4_ / (m2_ * m2_) - 3.0;
  }
  [[nodiscard]] double min() const noexcept { return n_ == 0 ? nan() : min_; }
  [[nodiscard]] double max() const noexcept { return n_ == 0 ? nan() : max_; }

 private:
  static constexpr double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }
  std::size_t n_ = 0;
  std::size_t nan_count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations
  double m3_ = 0.0;
  double m4_ = 0.0;
  double min_ = 0.0;
  double max_ = 0.0;
};

static_assert(Accumulator<running_moments>);

}  // namespace quantkit::stats
