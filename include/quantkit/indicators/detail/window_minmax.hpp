// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/window_minmax.hpp - rolling maximum and minimum values (no indices),
// van Herk / Gil-Werman blocks: O(1) per push without data-dependent branches
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace quantkit::indicators::detail {

/// The maximum of one series and the minimum of another over the last `period` pushes (the
/// highest high and lowest low of STOCH). Values only: where a TA-Lib function reports or tracks
/// the position of an extreme, use window_extreme, whose tie rule this class does not model (the
/// values agree). The stream is cut into blocks of `period` values; the window is a suffix of the
/// previous block (suffix extremes computed once per block) plus a prefix of the current one
/// (running extremes), so a push costs a few comparisons and no mispredicted branch, O(1)
/// amortized, with 4 period doubles of memory (van Herk 1992, Gil & Werman 1993). Values must be
/// comparable (no NaN).
class window_minmax {
 public:
  window_minmax() = default;
  explicit window_minmax(std::size_t period)
      : n_(period == 0 ? 1 : period), hi_(n_), lo_(n_), suf_hi_(n_), suf_lo_(n_) {}

  /// Pushes `high` into the maximum's series and `low` into the minimum's.
  void push(double high, double low) noexcept {
    hi_[pos_] = high;
    lo_[pos_] = low;
    pre_hi_ = pos_ == 0 ? high : std::max(pre_hi_, high);
    pre_lo_ = pos_ == 0 ? low : std::min(pre_lo_, low);
    if (pos_ + 1 < n_) {
      max_ = std::max(suf_hi_[pos_ + 1], pre_hi_);
      min_ = std::min(suf_lo_[pos_ + 1], pre_lo_);
      ++pos_;
    } else {
      max_ = pre_hi_;
      min_ = pre_lo_;
      // The block is complete: its suffix extremes serve the next block's windows.
      suf_hi_[n_ - 1] = hi_[n_ - 1];
      suf_lo_[n_ - 1] = lo_[n_ - 1];
      for (std::size_t k = n_ - 1; k-- > 0;) {
        suf_hi_[k] = std::max(hi_[k], suf_hi_[k + 1]);
        suf_lo_[k] = std::min(lo_[k], suf_lo_[k + 1]);
      }
      pos_ = 0;
    }
    if (count_ < n_) ++count_;
  }

  /// True once `period` values have been pushed.
  [[nodiscard]] bool full() const noexcept { return count_ == n_; }
  /// Maximum of the last `period` highs (valid when full()).
  [[nodiscard]] double max() const noexcept { return max_; }
  /// Minimum of the last `period` lows (valid when full()).
  [[nodiscard]] double min() const noexcept { return min_; }
  [[nodiscard]] std::size_t period() const noexcept { return n_; }

  void reset() noexcept {
    pos_ = 0;
    count_ = 0;
  }

 private:
  std::size_t n_ = 1;
  std::vector<double> hi_ = std::vector<double>(1);
  std::vector<double> lo_ = std::vector<double>(1);
  std::vector<double> suf_hi_ = std::vector<double>(1);
  std::vector<double> suf_lo_ = std::vector<double>(1);
  std::size_t pos_ = 0;    // position of the next push in the current block
  std::size_t count_ = 0;  // pushes, saturating at n_
  double pre_hi_ = 0.0;
  double pre_lo_ = 0.0;
  double max_ = 0.0;
  double min_ = 0.0;
};

}  // namespace quantkit::indicators::detail
