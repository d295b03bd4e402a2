// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/latest_extreme.hpp - rolling maximum/minimum reporting the latest
// position of the extreme (TA-Lib AROON's tie rule)
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantkit::indicators::detail {

/// Maximum (IsMax = true) or minimum of the last `period` pushed values together with the
/// position of its *latest* occurrence. This is TA-Lib AROON's rule: its rescan keeps a value
/// that equals the extreme (>= / <=), and so does its incremental step, so the tracked index is
/// always the most recent extreme of the window. (MAXINDEX differs: see window_extreme.)
/// A monotonic deque that drops ties gives it in O(1) amortized per push, no allocation.
template <bool IsMax>
class latest_extreme {
 public:
  latest_extreme() = default;
  explicit latest_extreme(std::size_t period)
      : period_(period == 0 ? 1 : period), deque_(period == 0 ? 1 : period) {}

  /// Pushes x; its position is the number of values pushed before it (0, 1, 2, ...).
  void push(double x) noexcept {
    const std::uint64_t seq = seq_++;
    if (size_ > 0 && deque_[head_].seq + period_ <= seq) pop_front();
    while (size_ > 0 && !beats(back().value, x)) --size_;  // ties go: the latest one stays
    QUANTKIT_ASSERT(size_ < deque_.size(), "latest_extreme deque overflow");
    deque_[index_of(size_)] = entry{x, seq};
    ++size_;
  }

  /// True once `period` values have been pushed.
  [[nodiscard]] bool full() const noexcept { return seq_ >= period_; }
  /// The extreme of the window (valid after the first push).
  [[nodiscard]] double value() const noexcept { return deque_[head_].value; }
  /// Position of the latest extreme (valid after the first push).
  [[nodiscard]] std::uint64_t index() const noexcept { return deque_[head_].seq; }
  /// Position of the newest value (valid after the first push).
  [[nodiscard]] std::uint64_t newest() const noexcept { return seq_ - 1; }
  [[nodiscard]] std::size_t period() const noexcept { return period_; }

  void reset() noexcept {
    head_ = 0;
    size_ = 0;
    seq_ = 0;
  }

 private:
  struct entry {
    double value = 0.0;
    std::uint64_t seq = 0;
  };
  static bool beats(double a, double b) noexcept { return IsMax ? a > b : a < b; }
  const entry& back() const noexcept { return deque_[index_of(size_ - 1)]; }
  std::size_t index_of(std::size_t i) const noexcept {
    const std::size_t p = head_ + i;
    return p >= deque_.size() ? p - deque_.size() : p;
  }
  void pop_front() noexcept {
    head_ = head_ + 1 == deque_.size() ? 0 : head_ + 1;
    --size_;
  }

  std::size_t period_ = 1;
  std::vector<entry> deque_ = std::vector<entry>(1);
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::uint64_t seq_ = 0;
};

}  // namespace quantkit::indicators::detail
