// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/sliding_window.hpp - the last n values as one contiguous array
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace quantkit::indicators::detail {

/// The last `capacity` pushed values, readable as one contiguous span (oldest first), for
/// indicators that recompute over their whole window each step (LINEARREG, AVGDEV): a loop over a
/// span has no wrap-around branch. Each value is stored twice (slot i and i + capacity), so the
/// window is always data[head, head + capacity). push() is O(1) and never allocates.
template <class T = double>
class sliding_window {
 public:
  sliding_window() = default;
  explicit sliding_window(std::size_t capacity)
      : cap_(capacity == 0 ? 1 : capacity), data_(2 * cap_) {}

  [[nodiscard]] std::size_t capacity() const noexcept { return cap_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool full() const noexcept { return size_ == cap_; }

  /// Appends x (the oldest value is dropped when full).
  void push(const T& x) noexcept {
    data_[next_] = x;
    data_[next_ + cap_] = x;
    next_ = next_ + 1 == cap_ ? 0 : next_ + 1;
    if (size_ < cap_) ++size_;
  }

  /// The window, oldest first: the last size() values pushed.
  [[nodiscard]] std::span<const T> values() const noexcept {
    const std::size_t start = size_ < cap_ ? 0 : next_;
    return {data_.data() + start, size_};
  }
  /// Oldest value of the window (size() > 0).
  [[nodiscard]] const T& oldest() const noexcept {
    QUANTKIT_ASSERT(size_ > 0, "sliding_window is empty");
    return values()[0];
  }

  void clear() noexcept {
    next_ = 0;
    size_ = 0;
  }

 private:
  std::size_t cap_ = 1;
  std::vector<T> data_ = std::vector<T>(2);
  std::size_t next_ = 0;  // slot the next push writes
  std::size_t size_ = 0;
};

}  // namespace quantkit::indicators::detail
