// SPDX-License-Identifier: MIT
// quantkit/stats/detail/order_statistics.hpp - a few order statistics of a large sample, fast
#pragma once

#include "sum.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace quantkit::stats::detail {

/// Order statistics of the non-NaN values of a sample: the values at a few 0-based ranks and the
/// sum of the k smallest, without sorting the sample. Small samples (n < 65536) are copied and
/// sorted. Large ones use a 65536-bucket histogram of the top 16 bits of the order-preserving bit
/// pattern (one counting pass), then copy only the buckets that hold a requested rank (one
/// collecting pass, which also sums everything below the summed rank) and sort those: O(n) with
/// small constants, about 3x faster than one std::nth_element over 10^6 returns. Exact: the
/// results are the order statistics a full sort gives (zeros of either sign compare equal).
///
/// Streaming use (to share passes with other work): construct with the total length, count()
/// every block, plan() the requests, then, if collecting(), collect() every block again in any
/// order, and finish(). The three-argument constructor does all of it over one span.
class order_statistics {
 public:
  static constexpr std::size_t max_requests = 8;

  explicit order_statistics(std::size_t n) : radix_(n >= small_size) {
    if (radix_) {
      count_.assign(2 * nbuckets, 0);
    } else {
      small_.reserve(n);
    }
  }

  /// ranks: 0-based ranks among the non-NaN values (at most 8); sum_count: how many of the
  /// smallest values to sum (0 = none). Precondition (checked by the callers): every rank and
  /// sum_count - 1 are below the number of non-NaN values.
  order_statistics(std::span<const double> x, std::span<const std::size_t> ranks,
                   std::size_t sum_count)
      : order_statistics(x.size()) {
    count(x);
    plan(ranks, sum_count);
    if (collecting()) collect(x);
    finish();
  }

  /// Phase 1: histogram (or copy) the non-NaN values of a block.
  void count(std::span<const double> x) {
    if (!radix_) {
      for (double v : x) {
        if (v == v) small_.push_back(v);
      }
      return;
    }
    // Two interleaved histograms: consecutive values often share a bucket, and one table would
    // chain every increment through a store-to-load dependency.
    const std::size_t n = x.size();
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) {
      const double a = x[i];
      const double b = x[i + 1];
      count_[bucket(a)] += a == a ? 1U : 0U;
      count_[nbuckets + bucket(b)] += b == b ? 1U : 0U;
    }
    if (i < n && x[i] == x[i]) ++count_[bucket(x[i])];
  }

  /// Phase 2: the requests (same preconditions as the three-argument constructor).
  void plan(std::span<const std::size_t> ranks, std::size_t sum_count) {
    nranks_ = ranks.size() < max_requests ? ranks.size() : max_requests;
    sum_count_ = sum_count;
    for (std::size_t k = 0; k < nranks_; ++k) want_[k] = ranks[k];
    if (!radix_) {
      std::sort(small_.begin(), small_.end());
      for (std::size_t k = 0; k < nranks_; ++k) values_[k] = small_[want_[k]];
      neumaier_sum acc;
      for (std::size_t k = 0; k < sum_count; ++k) acc.add(small_[k]);
      sum_ = acc.value();
      return;
    }
    for (std::size_t b = 0; b < nbuckets; ++b) count_[b] += count_[nbuckets + b];
    nwant_ = nranks_ + (sum_count > 0 ? 1 : 0);
    if (sum_count > 0) want_[nranks_] = sum_count - 1;
    for (std::size_t k = 0; k < nwant_; ++k) {
      std::size_t cum = 0;
      std::size_t b = 0;
      while (b + 1 < nbuckets && cum + count_[b] <= want_[k]) cum += count_[b++];
      want_bucket_[k] = b;
      below_[k] = cum;
    }
    // Tag every bucket: 0 = ignore, 1 = below the summed rank (add to the sum), 2 + j = copy into
    // held_[j]. One byte lookup per value, almost always 0, so the branch predicts well.
    tag_.assign(nbuckets, 0);
    sum_bucket_ = sum_count > 0 ? want_bucket_[nranks_] : 0;
    for (std::size_t b = 0; b < sum_bucket_; ++b) tag_[b] = 1;
    std::size_t nb = 0;
    for (std::size_t k = 0; k < nwant_; ++k) {
      const std::size_t b = want_bucket_[k];
      if (tag_[b] < 2) {
        tag_[b] = static_cast<std::uint8_t>(2 + nb);
        held_[nb].reserve(count_[b]);
        ++nb;
      }
    }
  }

  /// True when plan() needs a collect() pass (large samples).
  [[nodiscard]] bool collecting() const noexcept { return radix_; }

  /// Phase 3: copy the values of the requested buckets, sum those below the summed rank.
  void collect(std::span<const double> x) {
    for (double v : x) {
      const std::uint8_t t = tag_[bucket(v)];
      if (t == 0 || v != v) continue;
      if (t == 1) {
        acc_.add(v);
      } else {
        held_[t - 2].push_back(v);
      }
    }
  }

  /// Phase 4: sort the collected buckets and read the order statistics off them.
  void finish() {
    if (!radix_) return;
    for (auto& h : held_) std::sort(h.begin(), h.end());
    auto held_of = [&](std::size_t b) -> const std::vector<double>& {
      return held_[static_cast<std::size_t>(tag_[b] - 2)];
    };
    for (std::size_t k = 0; k < nranks_; ++k) {
      values_[k] = held_of(want_bucket_[k])[want_[k] - below_[k]];
    }
    if (sum_count_ > 0) {
      const auto& h = held_of(sum_bucket_);
      const std::size_t take = sum_count_ - below_[nranks_];
      for (std::size_t k = 0; k < take; ++k) acc_.add(h[k]);
    }
    sum_ = acc_.value();
  }

  /// Value at the i-th requested rank.
  [[nodiscard]] double value(std::size_t i) const noexcept { return values_[i]; }
  /// Sum of the sum_count smallest values (Neumaier).
  [[nodiscard]] double smallest_sum() const noexcept { return sum_; }

 private:
  static constexpr std::size_t small_size = std::size_t{1} << 16;
  static constexpr int bucket_bits = 16;
  static constexpr std::size_t nbuckets = std::size_t{1} << bucket_bits;

  // Order-preserving key: negative values have all bits flipped, others the sign bit set
  // (branch-free: the data's signs are random, a branch would mispredict half the time).
  static std::uint64_t key(double v) noexcept {
    const auto b = std::bit_cast<std::uint64_t>(v);
    const auto negative = static_cast<std::uint64_t>(static_cast<std::int64_t>(b) >> 63);
    return b ^ (negative | (std::uint64_t{1} << 63));
  }
  static std::size_t bucket(double v) noexcept {
    return static_cast<std::size_t>(key(v) >> (64 - bucket_bits));
  }

  bool radix_ = false;
  std::vector<double> small_;
  std::vector<std::uint32_t> count_;
  std::vector<std::uint8_t> tag_;
  std::array<std::vector<double>, max_requests + 1> held_;
  std::array<std::size_t, max_requests + 1> want_{};
  std::array<std::size_t, max_requests + 1> want_bucket_{};
  std::array<std::size_t, max_requests + 1> below_{};
  std::size_t nranks_ = 0;
  std::size_t nwant_ = 0;
  std::size_t sum_count_ = 0;
  std::size_t sum_bucket_ = 0;
  neumaier_sum acc_;
  std::array<double, max_requests> values_{};
  double sum_ = 0.0;
};

}  // namespace quantkit::stats::detail
