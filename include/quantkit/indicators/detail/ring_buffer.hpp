// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/ring_buffer.hpp - fixed-capacity circular buffer (no allocation after
// construction)
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <vector>

namespace quantkit::indicators::detail {

/// The last `capacity` values pushed, oldest first. push() is O(1) and never allocates.
template <class T = double>
class ring_buffer {
 public:
  ring_buffer() = default;
  explicit ring_buffer(std::size_t capacity) : data_(capacity == 0 ? 1 : capacity) {}

  [[nodiscard]] std::size_t capacity() const noexcept { return data_.size(); }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool full() const noexcept { return size_ == data_.size(); }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  /// Appends x; when full, the oldest value is overwritten and returned through `evicted`.
  /// Returns true if a value was evicted.
  bool push(const T& x, T& evicted) noexcept {
    if (size_ == data_.size()) {
      evicted = data_[head_];
      data_[head_] = x;
      head_ = head_ + 1 == data_.size() ? 0 : head_ + 1;
      return true;
    }
    std::size_t pos = head_ + size_;
    if (pos >= data_.size()) pos -= data_.size();
    data_[pos] = x;
    ++size_;
    return false;
  }
  void push(const T& x) noexcept {
    T ignored{};
    push(x, ignored);
  }

  /// i-th value from the oldest (0 = oldest, size() - 1 = newest).
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept {
    QUANTKIT_ASSERT(i < size_, "ring_buffer index out of range");
    std::size_t pos = head_ + i;
    if (pos >= data_.size()) pos -= data_.size();
    return data_[pos];
  }
  [[nodiscard]] const T& oldest() const noexcept { return (*this)[0]; }
  [[nodiscard]] const T& newest() const noexcept { return (*this)[size_ - 1]; }

  void clear() noexcept {
    head_ = 0;
    size_ = 0;
  }

 private:
  std::vector<T> data_ = std::vector<T>(1);
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace quantkit::indicators::detail
