// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/hilbert.hpp - Ehlers' Hilbert-transform cycle machinery as TA-Lib
// implements it (shared by MAMA and the HT_* indicators)
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

namespace quantkit::indicators::detail {

/// One of TA-Lib's four Hilbert FIR filters (detrender, Q1, jI, jQ). TA-Lib keeps separate
/// delay lines for even and odd input positions, each three deep and indexed by a counter that
/// advances on even positions, so a filter sees every other sample (Ehlers' 0.0962 / 0.5769
/// quadrature filter, "Rocket Science for Traders", 2001), scaled by 0.075 period + 0.54.
class hilbert_filter {
 public:
  double step(bool even, double input, std::size_t slot, double scale) noexcept {
    constexpr double a = 0.0962;
    constexpr double b = 0.5769;
    lane& l = lanes_[even ? 0 : 1];
    const double t = a * input;
    double v = -l.delay[slot];
    l.delay[slot] = t;
    v += t;
    v -= l.prev;
    l.prev = b * l.prev_input;
    v += l.prev;
    l.prev_input = input;
    v *= scale;
    return v;
  }

 private:
  struct lane {
    std::array<double, 3> delay{};
    double prev = 0.0;
    double prev_input = 0.0;
  };
  std::array<lane, 2> lanes_{};
};

/// TA-Lib's Hilbert-transform dominant-cycle engine, the common core of MAMA, HT_DCPERIOD,
/// HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDLINE and HT_TRENDMODE:
///  - the price is smoothed by a 4-3-2-1 WMA (TA-Lib's running sums, from input 4 on);
///  - after `smoothing_only` further inputs (9 for MAMA, DCPERIOD and PHASOR, 34 for the
///    others: TA-Lib differs by function), every input runs the Hilbert filters (detrender, Q1,
///    jI, jQ), the homodyne discriminator (I2, Q2, Re, Im) and the period estimate, clamped to
///    [0.67, 1.5] times the previous one and to [6, 50], smoothed 0.2 / 0.8, then 0.33 / 0.67.
/// TA-Lib alternates even and odd filter lanes on the parity of the position in its input array.
/// Both lanes start from zero and are updated alike, with delay lines indexed cyclically, so the
/// parity of the first position changes no value: the engine starts on the even lane (a TA-Lib
/// function that starts a MAMA late, as MACDEXT does, gives the same values; tested).
/// Inputs must be finite (callers apply the NaN rule). O(1) per update and memory.
class hilbert_cycle {
 public:
  hilbert_cycle() = default;
  explicit hilbert_cycle(std::size_t smoothing_only) noexcept : smoothing_only_(smoothing_only) {}

  /// Consumes x; returns true when the Hilbert stage ran for it (the accessors then describe x).
  bool update(double x) noexcept {
    const std::size_t n = count_++;
    if (n < 3) {
      wma_sub_ += x;
      wma_sum_ += x * static_cast<double>(n + 1);
      raw_[n] = x;
      return false;
    }
    // TA-Lib's DO_PRICE_WMA: the value leaving the plain sum is the one pushed four inputs ago.
    wma_sub_ += x;
    wma_sub_ -= trailing_;
    wma_sum_ += x * 4.0;
    trailing_ = raw_[(n - 3) % 4];
    raw_[n % 4] = x;
    smoothed_ = wma_sum_ * 0.1;
    wma_sum_ -= wma_sub_;
    if (n < 3 + smoothing_only_) return false;

    const double scale = (0.075 * period_) + 0.54;
    const bool even = n % 2 == 0;
    // The in-phase component is the detrender three (same-parity) samples back.
    double& i1 = even ? i1_even_prev3_ : i1_odd_prev3_;
    detrender_ = detrender_filter_.step(even, smoothed_, slot_, scale);
    q1_ = q1_filter_.step(even, detrender_, slot_, scale);
    i1_ = i1;
    const double ji = ji_filter_.step(even, i1, slot_, scale);
    const double jq = jq_filter_.step(even, q1_, slot_, scale);
    if (even && ++slot_ == 3) slot_ = 0;
    const double q2 = (0.2 * (q1_ + ji)) + (0.8 * prev_q2_);
    const double i2 = (0.2 * (i1 - jq)) + (0.8 * prev_i2_);
    if (even) {
      i1_odd_prev3_ = i1_odd_prev2_;
      i1_odd_prev2_ = detrender_;
    } else {
      i1_even_prev3_ = i1_even_prev2_;
      i1_even_prev2_ = detrender_;
    }
    re_ = (0.2 * ((i2 * prev_i2_) + (q2 * prev_q2_))) + (0.8 * re_);
    im_ = (0.2 * ((i2 * prev_q2_) - (q2 * prev_i2_))) + (0.8 * im_);
    prev_q2_ = q2;
    prev_i2_ = i2;
    const double previous = period_;
    if (im_ != 0.0 && re_ != 0.0) period_ = 360.0 / (std::atan(im_ / re_) * rad2deg());
    if (period_ > 1.5 * previous) period_ = 1.5 * previous;
    if (period_ < 0.67 * previous) period_ = 0.67 * previous;
    if (period_ < 6.0) {
      period_ = 6.0;
    } else if (period_ > 50.0) {
      period_ = 50.0;
    }
    period_ = (0.2 * period_) + (0.8 * previous);
    smooth_period_ = (0.33 * period_) + (0.67 * smooth_period_);
    return true;
  }

  /// TA-Lib's rad2Deg, 180 / (4 atan(1)) (equal to 45 / atan(1) bit for bit).
  static double rad2deg() noexcept {
    static const double r = 180.0 / (4.0 * std::atan(1.0));
    return r;
  }

  /// Inputs consumed.
  [[nodiscard]] std::size_t count() const noexcept { return count_; }
  [[nodiscard]] double smoothed() const noexcept { return smoothed_; }
  /// In-phase component I1 (TA-Lib HT_PHASOR inphase) of the last Hilbert step.
  [[nodiscard]] double in_phase() const noexcept { return i1_; }
  /// Quadrature component Q1 (TA-Lib HT_PHASOR quadrature) of the last Hilbert step.
  [[nodiscard]] double quadrature() const noexcept { return q1_; }
  /// Smoothed period estimate (0.2 / 0.8), the one MAMA adapts to.
  [[nodiscard]] double period() const noexcept { return period_; }
  /// Dominant cycle period (TA-Lib HT_DCPERIOD): the period smoothed again 0.33 / 0.67.
  [[nodiscard]] double smooth_period() const noexcept { return smooth_period_; }

 private:
  std::size_t smoothing_only_ = 9;
  std::size_t count_ = 0;
  std::array<double, 4> raw_{};
  double wma_sub_ = 0.0;
  double wma_sum_ = 0.0;
  double trailing_ = 0.0;
  double smoothed_ = 0.0;
  hilbert_filter detrender_filter_{};
  hilbert_filter q1_filter_{};
  hilbert_filter ji_filter_{};
  hilbert_filter jq_filter_{};
  std::size_t slot_ = 0;
  double detrender_ = 0.0;
  double q1_ = 0.0;
  double i1_ = 0.0;
  double i1_odd_prev2_ = 0.0;
  double i1_odd_prev3_ = 0.0;
  double i1_even_prev2_ = 0.0;
  double i1_even_prev3_ = 0.0;
  double prev_q2_ = 0.0;
  double prev_i2_ = 0.0;
  double re_ = 0.0;
  double im_ = 0.0;
  double period_ = 0.0;
  double smooth_period_ = 0.0;
};

/// sin and cos of 2 pi i / p for p = 1..50, i < p, computed once as TA-Lib evaluates them
/// ((i * 8 atan(1)) / p), so the DFT of the dominant-cycle phase costs no trigonometry per step.
class dc_phase_table {
 public:
  static const dc_phase_table& get() {
    static const dc_phase_table t;
    return t;
  }
  [[nodiscard]] double sin(std::size_t p, std::size_t i) const noexcept {
    return sin_[offset(p) + i];
  }
  [[nodiscard]] double cos(std::size_t p, std::size_t i) const noexcept {
    return cos_[offset(p) + i];
  }

 private:
  static constexpr std::size_t max_period = 50;
  static constexpr std::size_t offset(std::size_t p) noexcept { return p * (p - 1) / 2; }
  dc_phase_table() {
    const double two_pi = std::atan(1.0) * 8.0;
    for (std::size_t p = 1; p <= max_period; ++p) {
      for (std::size_t i = 0; i < p; ++i) {
        const double t = (static_cast<double>(i) * two_pi) / static_cast<double>(p);
        sin_[offset(p) + i] = std::sin(t);
        cos_[offset(p) + i] = std::cos(t);
      }
    }
  }
  std::array<double, max_period*(max_period + 1) / 2> sin_{};
  std::array<double, max_period*(max_period + 1) / 2> cos_{};
};

/// A fixed window of the last 50 values, zero before they arrive (TA-Lib's smoothPrice circular
/// buffer, and the raw inputs HT_TRENDLINE averages).
class last50 {
 public:
  static constexpr std::size_t size = 50;
  void push(double x) noexcept {
    head_ = head_ + 1 == size ? 0 : head_ + 1;
    data_[head_] = x;
  }
  /// The value pushed k steps before the newest (k < 50).
  [[nodiscard]] double ago(std::size_t k) const noexcept {
    return data_[head_ >= k ? head_ - k : head_ + size - k];
  }

 private:
  std::array<double, size> data_{};
  std::size_t head_ = size - 1;
};

/// TA-Lib's dominant-cycle phase (HT_DCPHASE; also behind HT_SINE and HT_TRENDMODE): a DFT of the
/// last int(DCPeriod + 0.5) smoothed prices at the dominant cycle, phase = atan(real / imag) in
/// degrees, + 90, + 360 / DCPeriod, + 180 when imag < 0, wrapped above 315. When imag is exactly
/// zero the previous phase is kept and shifted by +-90 (TA-Lib's rule). Call update() after every
/// Hilbert step of `cycle`.
class dc_phase {
 public:
  double update(const hilbert_cycle& cycle) noexcept {
    prices_.push(cycle.smoothed());
    const double sp = cycle.smooth_period();
    const auto p = static_cast<std::size_t>(sp + 0.5);
    double real = 0.0;
    double imag = 0.0;
    const dc_phase_table& t = dc_phase_table::get();
    for (std::size_t i = 0; i < p; ++i) {
      const double v = prices_.ago(i);
      real += t.sin(p, i) * v;
      imag += t.cos(p, i) * v;
    }
    const double mag = std::fabs(imag);
    if (mag > 0.0) {
      phase_ = std::atan(real / imag) * hilbert_cycle::rad2deg();
    } else if (mag <= 0.01) {
      if (real < 0.0) {
        phase_ -= 90.0;
      } else if (real > 0.0) {
        phase_ += 90.0;
      }
    }
    phase_ += 90.0;
    phase_ += 360.0 / sp;
    if (imag < 0.0) phase_ += 180.0;
    if (phase_ > 315.0) phase_ -= 360.0;
    return phase_;
  }
  [[nodiscard]] double phase() const noexcept { return phase_; }
  /// The smoothed price of the last update.
  [[nodiscard]] double price() const noexcept { return prices_.ago(0); }

 private:
  last50 prices_{};
  double phase_ = 0.0;
};

/// TA-Lib's instantaneous trendline (HT_TRENDLINE; also in HT_TRENDMODE): the mean of the last
/// int(DCPeriod + 0.5) raw inputs, smoothed (4 m_t + 3 m_{t-1} + 2 m_{t-2} + m_{t-3}) / 10.
/// push() every input; update() after every Hilbert step.
class ht_trend {
 public:
  void push(double x) noexcept { inputs_.push(x); }
  double update(double smooth_period) noexcept {
    const auto p = static_cast<std::size_t>(smooth_period + 0.5);
    double mean = 0.0;
    for (std::size_t i = 0; i < p; ++i) mean += inputs_.ago(i);
    if (p > 0) mean = mean / static_cast<double>(p);
    value_ = (4.0 * mean + 3.0 * i1_ + 2.0 * i2_ + i3_) / 10.0;
    i3_ = i2_;
    i2_ = i1_;
    i1_ = mean;
    return value_;
  }
  [[nodiscard]] double value() const noexcept { return value_; }

 private:
  last50 inputs_{};
  double i1_ = 0.0;
  double i2_ = 0.0;
  double i3_ = 0.0;
  double value_ = 0.0;
};

}  // namespace quantkit::indicators::detail
