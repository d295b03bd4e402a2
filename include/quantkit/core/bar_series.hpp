// SPDX-License-Identifier: MIT
// quantkit/core/bar_series.hpp - columnar OHLCV series and its cheap, non-owning view
#pragma once

#include "bar.hpp"
#include "error.hpp"

#include <cstddef>
#include <iterator>
#include <span>
#include <string>
#include <vector>

namespace quantkit {

/// A non-owning view of an OHLCV series: six column spans of equal length (structure of arrays).
/// Cheap to copy and to slice; iterates as `bar` values. Valid while the owner's storage is
/// neither destroyed nor reallocated (as for std::span). All members are O(1).
class bar_series_view {
 public:
  /// Random-access iterator whose `operator*` returns a `bar` by value (assembled from the
  /// columns). It points into the column storage, not at the view, so it outlives the view
  /// object that produced it (but not the storage).
  class iterator {
   public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::input_iterator_tag;  // reference is a prvalue
    using value_type = bar;
    using difference_type = std::ptrdiff_t;
    using reference = bar;

    iterator() = default;
    bar operator*() const noexcept { return at(i_); }
    bar operator[](difference_type n) const noexcept { return at(i_ + n); }
    iterator& operator++() noexcept {
      ++i_;
      return *this;
    }
    iterator operator++(int) noexcept {
      auto t = *this;
      ++i_;
      return t;
    }
    iterator& operator--() noexcept {
      --i_;
      return *this;
    }
    iterator operator--(int) noexcept {
      auto t = *this;
      --i_;
      return t;
    }
    iterator& operator+=(difference_type n) noexcept {
      i_ += n;
      return *this;
    }
    iterator& operator-=(difference_type n) noexcept {
      i_ -= n;
      return *this;
    }
    friend iterator operator+(iterator a, difference_type n) noexcept { return a += n; }
    friend iterator operator+(difference_type n, iterator a) noexcept { return a += n; }
    friend iterator operator-(iterator a, difference_type n) noexcept { return a -= n; }
    friend difference_type operator-(const iterator& a, const iterator& b) noexcept {
      return a.i_ - b.i_;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.i_ == b.i_; }
    friend auto operator<=>(const iterator& a, const iterator& b) noexcept { return a.i_ <=> b.i_; }

   private:
    friend class bar_series_view;
    iterator(const bar_series_view& v, difference_type i) noexcept
        : t_(v.t_), o_(v.o_), h_(v.h_), l_(v.l_), c_(v.c_), v_(v.v_), i_(i) {}
    bar at(difference_type k) const noexcept {
      return bar{t_[k], o_[k], h_[k], l_[k], c_[k], v_[k]};
    }
    const timestamp* t_ = nullptr;
    const double* o_ = nullptr;
    const double* h_ = nullptr;
    const double* l_ = nullptr;
    const double* c_ = nullptr;
    const double* v_ = nullptr;
    difference_type i_ = 0;
  };

  bar_series_view() = default;

  /// Views six columns; throws invalid_argument unless all have the same length.
  bar_series_view(std::span<const timestamp> time, std::span<const double> open,
                  std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, std::span<const double> volume)
      : t_(time.data()),
        o_(open.data()),
        h_(high.data()),
        l_(low.data()),
        c_(close.data()),
        v_(volume.data()),
        n_(time.size()) {
    constexpr std::string_view fn = "quantkit::bar_series_view";
    require_same_length(fn, "time", time.size(), "open", open.size());
    require_same_length(fn, "time", time.size(), "high", high.size());
    require_same_length(fn, "time", time.size(), "low", low.size());
    require_same_length(fn, "time", time.size(), "close", close.size());
    require_same_length(fn, "time", time.size(), "volume", volume.size());
  }

  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] bool empty() const noexcept { return n_ == 0; }

  /// Bar i (unchecked; QUANTKIT_ASSERT in debug builds).
  [[nodiscard]] bar operator[](std::size_t i) const noexcept {
    QUANTKIT_ASSERT(i < size(), "bar_series_view index out of range");
    return bar{t_[i], o_[i], h_[i], l_[i], c_[i], v_[i]};
  }
  /// Bar i; throws invalid_argument when i >= size().
  [[nodiscard]] bar at(std::size_t i) const {
    if (i >= size()) {
      throw_invalid_argument("quantkit::bar_series_view::at", "index",
                             "must be < size() = " + std::to_string(size()), i);
    }
    return (*this)[i];
  }
  [[nodiscard]] bar front() const noexcept { return (*this)[0]; }
  [[nodiscard]] bar back() const noexcept { return (*this)[size() - 1]; }

  [[nodiscard]] std::span<const timestamp> times() const noexcept { return {t_, n_}; }
  [[nodiscard]] std::span<const double> opens() const noexcept { return {o_, n_}; }
  [[nodiscard]] std::span<const double> highs() const noexcept { return {h_, n_}; }
  [[nodiscard]] std::span<const double> lows() const noexcept { return {l_, n_}; }
  [[nodiscard]] std::span<const double> closes() const noexcept { return {c_, n_}; }
  [[nodiscard]] std::span<const double> volumes() const noexcept { return {v_, n_}; }

  /// Bars [first, first + count); throws invalid_argument if the range exceeds size().
  [[nodiscard]] bar_series_view slice(std::size_t first, std::size_t count) const {
    if (first > size() || count > size() - first) {
      throw_invalid_argument("quantkit::bar_series_view::slice", "count",
                             "must satisfy first + count <= size() = " + std::to_string(size()) +
                                 " with first = " + std::to_string(first),
                             count);
    }
    return unchecked_slice(first, count);
  }
  /// Bars [first, first + count) without the bounds check (QUANTKIT_ASSERT in debug builds):
  /// for engines that know the range is valid.
  [[nodiscard]] bar_series_view unchecked_slice(std::size_t first,
                                                std::size_t count) const noexcept {
    QUANTKIT_ASSERT(first <= n_ && count <= n_ - first, "bar_series_view slice out of range");
    bar_series_view v;
    if (n_ == 0) return v;
    v.t_ = t_ + first;
    v.o_ = o_ + first;
    v.h_ = h_ + first;
    v.l_ = l_ + first;
    v.c_ = c_ + first;
    v.v_ = v_ + first;
    v.n_ = count;
    return v;
  }
  /// Sets the length of the view to n over the same columns, without a check (the caller
  /// guarantees the storage holds n bars): lets an engine advance one view bar by bar instead of
  /// building a new view per bar.
  void unchecked_resize(std::size_t n) noexcept { n_ = n; }
  /// Bars [first, size()).
  [[nodiscard]] bar_series_view drop_front(std::size_t first) const {
    return slice(first > size() ? size() + 1 : first, first > size() ? 0 : size() - first);
  }
  /// The first n bars (throws if n > size()).
  [[nodiscard]] bar_series_view first(std::size_t n) const { return slice(0, n); }
  /// The last n bars (throws if n > size()).
  [[nodiscard]] bar_series_view last(std::size_t n) const {
    return slice(n > size() ? size() + 1 : size() - n, n);
  }

  [[nodiscard]] iterator begin() const noexcept { return iterator(*this, 0); }
  [[nodiscard]] iterator end() const noexcept {
    return iterator(*this, static_cast<std::ptrdiff_t>(size()));
  }

 private:
  // Six column pointers and one length (56 bytes): cheap to copy and to slice every bar.
  const timestamp* t_ = nullptr;
  const double* o_ = nullptr;
  const double* h_ = nullptr;
  const double* l_ = nullptr;
  const double* c_ = nullptr;
  const double* v_ = nullptr;
  std::size_t n_ = 0;
};

/// An owning OHLCV series, stored column by column (one contiguous std::vector per field) so that
/// indicators and backtests stream over one field at a time. Values are not validated on append;
/// call quantkit::validate once at the edge (after loading or generating data).
class bar_series {
 public:
  bar_series() = default;

  /// Takes ownership of six columns; throws invalid_argument unless all have the same length.
  bar_series(std::vector<timestamp> time, std::vector<double> open, std::vector<double> high,
             std::vector<double> low, std::vector<double> close, std::vector<double> volume)
      : time_(std::move(time)),
        open_(std::move(open)),
        high_(std::move(high)),
        low_(std::move(low)),
        close_(std::move(close)),
        volume_(std::move(volume)) {
    static_cast<void>(view());  // checks the lengths
  }

  /// Copies a view's bars.
  explicit bar_series(bar_series_view v)
      : time_(v.times().begin(), v.times().end()),
        open_(v.opens().begin(), v.opens().end()),
        high_(v.highs().begin(), v.highs().end()),
        low_(v.lows().begin(), v.lows().end()),
        close_(v.closes().begin(), v.closes().end()),
        volume_(v.volumes().begin(), v.volumes().end()) {}

  [[nodiscard]] std::size_t size() const noexcept { return time_.size(); }
  [[nodiscard]] bool empty() const noexcept { return time_.empty(); }

  void reserve(std::size_t n) {
    time_.reserve(n);
    open_.reserve(n);
    high_.reserve(n);
    low_.reserve(n);
    close_.reserve(n);
    volume_.reserve(n);
  }
  void clear() noexcept {
    time_.clear();
    open_.clear();
    high_.clear();
    low_.clear();
    close_.clear();
    volume_.clear();
  }
  /// Appends one bar (amortized O(1)).
  void push_back(const bar& b) {
    time_.push_back(b.time);
    open_.push_back(b.open);
    high_.push_back(b.high);
    low_.push_back(b.low);
    close_.push_back(b.close);
    volume_.push_back(b.volume);
  }
  /// Appends all bars of a view (which must not view this series' own storage).
  void append(bar_series_view v) {
    time_.insert(time_.end(), v.times().begin(), v.times().end());
    open_.insert(open_.end(), v.opens().begin(), v.opens().end());
    high_.insert(high_.end(), v.highs().begin(), v.highs().end());
    low_.insert(low_.end(), v.lows().begin(), v.lows().end());
    close_.insert(close_.end(), v.closes().begin(), v.closes().end());
    volume_.insert(volume_.end(), v.volumes().begin(), v.volumes().end());
  }

  /// Non-owning view of all bars (invalidated by push_back/append/clear, like std::span).
  [[nodiscard]] bar_series_view view() const {
    return bar_series_view(time_, open_, high_, low_, close_, volume_);
  }
  operator bar_series_view() const { return view(); }  // NOLINT: implicit by design, like span

  [[nodiscard]] bar operator[](std::size_t i) const noexcept {
    QUANTKIT_ASSERT(i < size(), "bar_series index out of range");
    return bar{time_[i], open_[i], high_[i], low_[i], close_[i], volume_[i]};
  }
  [[nodiscard]] bar at(std::size_t i) const { return view().at(i); }
  [[nodiscard]] bar front() const noexcept { return (*this)[0]; }
  [[nodiscard]] bar back() const noexcept { return (*this)[size() - 1]; }
  [[nodiscard]] bar_series_view slice(std::size_t first, std::size_t count) const {
    return view().slice(first, count);
  }

  [[nodiscard]] std::span<const timestamp> times() const noexcept { return time_; }
  [[nodiscard]] std::span<const double> opens() const noexcept { return open_; }
  [[nodiscard]] std::span<const double> highs() const noexcept { return high_; }
  [[nodiscard]] std::span<const double> lows() const noexcept { return low_; }
  [[nodiscard]] std::span<const double> closes() const noexcept { return close_; }
  [[nodiscard]] std::span<const double> volumes() const noexcept { return volume_; }

  /// Mutable columns, for in-place transforms (e.g. price adjustment). Lengths cannot change.
  [[nodiscard]] std::span<timestamp> times_mut() noexcept { return time_; }
  [[nodiscard]] std::span<double> opens_mut() noexcept { return open_; }
  [[nodiscard]] std::span<double> highs_mut() noexcept { return high_; }
  [[nodiscard]] std::span<double> lows_mut() noexcept { return low_; }
  [[nodiscard]] std::span<double> closes_mut() noexcept { return close_; }
  [[nodiscard]] std::span<double> volumes_mut() noexcept { return volume_; }

  /// Iterates as `bar` values (see bar_series_view::iterator); iterators stay valid until the
  /// series is modified.
  [[nodiscard]] bar_series_view::iterator begin() const { return view().begin(); }
  [[nodiscard]] bar_series_view::iterator end() const { return view().end(); }

  /// Element-wise equality (timestamps and values; NaN never compares equal).
  friend bool operator==(const bar_series& a, const bar_series& b) = default;

 private:
  std::vector<timestamp> time_;
  std::vector<double> open_;
  std::vector<double> high_;
  std::vector<double> low_;
  std::vector<double> close_;
  std::vector<double> volume_;
};

}  // namespace quantkit
