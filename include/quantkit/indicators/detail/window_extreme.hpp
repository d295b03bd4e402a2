// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/window_extreme.hpp - rolling maximum/minimum with TA-Lib's index rule
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantkit::indicators::detail {

/// Maximum (IsMax = true) or minimum of the last `period` pushed values, with the position of the
/// extreme chosen exactly as TA-Lib's MAX/MAXINDEX/MIN/MININDEX do on ties: TA-Lib keeps one
/// tracked index; when it leaves the window it rescans and takes the *earliest* extreme of the
/// window (strict comparison), otherwise a new value that equals or beats the tracked extreme
/// takes over (the *latest* one). A monotonic deque that keeps ties gives the earliest extreme in
/// O(1) amortized, so the whole rule costs O(1) amortized per push and never allocates.
template <bool IsMax>
class window_extreme {
 public:
  window_extreme() = default;
  explicit window_extreme(std::size_t period) : period_(period), deque_(period == 0 ? 1 : period) {}

  /// Pushes value x found at stream position `pos` (any increasing counter; reported by index()).
  void push(double x, std::int64_t pos) noexcept {
    const std::uint64_t seq = seq_++;
    // Drop the front entry if it left the window [seq - period + 1, seq].
    if (size_ > 0 && deque_[head_].seq + period_ <= seq) pop_front();
    while (size_ > 0 && beats(x, back().value)) pop_back();  // ties stay: earliest kept in front
    push_back(entry{x, seq, pos});
    if (seq + 1 < period_) return;  // window not full yet: nothing tracked
    if (!has_tracked_ || tracked_.seq + period_ <= seq) {
      tracked_ = deque_[head_];  // rescan: earliest extreme of the window
      has_tracked_ = true;
    } else if (x == tracked_.value || beats(x, tracked_.value)) {
      tracked_ = entry{x, seq, pos};  // a new value equal to or beyond the extreme takes over
    }
  }

  /// True once `period` values have been pushed.
  [[nodiscard]] bool full() const noexcept { return has_tracked_; }
  /// The extreme of the window (valid when full()).
  [[nodiscard]] double value() const noexcept { return tracked_.value; }
  /// Stream position of the extreme under TA-Lib's tie rule (valid when full()).
  [[nodiscard]] std::int64_t index() const noexcept { return tracked_.pos; }
  [[nodiscard]] std::size_t period() const noexcept { return period_; }

  void reset() noexcept {
    head_ = 0;
    size_ = 0;
    seq_ = 0;
    has_tracked_ = false;
    tracked_ = entry{};
  }

 private:
  struct entry {
    double value = 0.0;
    std::uint64_t seq = 0;
    std::int64_t pos = 0;
  };
  static bool beats(double a, double b) noexcept { return IsMax ? a > b : a < b; }
  entry& back() noexcept { return deque_[index_of(size_ - 1)]; }
  std::size_t index_of(std::size_t i) const noexcept {
    std::size_t p = head_ + i;
    return p >= deque_.size() ? p - deque_.size() : p;
  }
  void pop_front() noexcept {
    head_ = head_ + 1 == deque_.size() ? 0 : head_ + 1;
    --size_;
  }
  void pop_back() noexcept { --size_; }
  void push_back(const entry& e) noexcept {
    QUANTKIT_ASSERT(size_ < deque_.size(), "window_extreme deque overflow");
    deque_[index_of(size_)] = e;
    ++size_;
  }

  std::size_t period_ = 1;
  std::vector<entry> deque_ = std::vector<entry>(1);
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::uint64_t seq_ = 0;
  bool has_tracked_ = false;
  entry tracked_{};
};

}  // namespace quantkit::indicators::detail
