// SPDX-License-Identifier: MIT
// quantkit/backtest/fused_columns.hpp - the pieces the fused kernels share: indicator readings
// computed as cache-resident columns per block of bars, fill events, and the bar step of a
// strategy that declares its indicator inputs (used by fused_sweep.hpp and fused_run.hpp)
#pragma once

#include "../core/detail/simd2.hpp"
#include "../indicators/sma.hpp"
#include "../strategies/indicator_target.hpp"
#include "account.hpp"
#include "target_rules.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest::detail {

/// Whether two indicator parameter sets are known to be equal (then the two indicators, of the
/// same type, produce the same values): operator== when the type has one, the bytes when the type
/// has no padding, otherwise never (no sharing).
template <class P>
bool same_params(const P& a, const P& b) noexcept {
  if constexpr (std::equality_comparable<P>) {
    return a == b;
  } else if constexpr (std::has_unique_object_representations_v<P>) {
    return std::memcmp(&a, &b, sizeof(P)) == 0;
  } else {
    return false;
  }
}

/// The default per-bar hook of indicator_columns::compute: nothing. The single-run kernel passes
/// one that prefetches the bar's other columns (block_touch) while the indicators' own arithmetic
/// (a chain of dependent additions) leaves the processor idle.
struct no_touch {
  void operator()(std::size_t /*t*/) const noexcept {}
};

/// The distinct indicators of one type over a grid, and their readings for the current block of
/// bars: each distinct indicator is updated once per bar, in bar order, by its own update() (the
/// very arithmetic a single run performs), its state carried from block to block.
template <class I>
class indicator_columns {
 public:
  /// The column of `ind` (an existing one if an equal indicator is already there).
  std::uint32_t add(const I& ind) {
    for (std::size_t j = 0; j < ind_.size(); ++j) {
      if (same_params<typename I::params_type>(ind_[j].params(), ind.params())) {
        return static_cast<std::uint32_t>(j);
      }
    }
    ind_.push_back(ind);
    ind_.back().reset();
    return static_cast<std::uint32_t>(ind_.size() - 1);
  }
  void allocate(std::size_t block) {
    block_ = block;
    value_.assign(ind_.size() * block, 0.0);
    ready_.assign(ind_.size() * block, 0);
    all_ready_.assign(ind_.size(), 0);
  }
  /// Updates every indicator with closes [first, first + len) of `all` (the whole series);
  /// `touch(t)` is called once for every bar t of the range, in the first indicator's loop (see
  /// no_touch).
  template <class Touch = no_touch>
  void compute(const double* all, std::size_t first, std::size_t len, Touch&& touch = {}) noexcept {
    const double* close = all + first;
    for (std::size_t j = 0; j < ind_.size(); ++j) {
      I& ind = ind_[j];
      double* v = value_.data() + j * block_;
      unsigned char* r = ready_.data() + j * block_;
      unsigned char every = 1;
      for (std::size_t i = 0; i < len; ++i) {
        v[i] = static_cast<double>(ind.update(close[i]));
        r[i] = ind.ready() ? 1 : 0;
        every &= r[i];
        if (j == 0) touch(first + i);
      }
      all_ready_[j] = every;
    }
  }
  /// Whether indicator j was ready at every bar of the current block.
  [[nodiscard]] bool all_ready(std::uint32_t j) const noexcept { return all_ready_[j] != 0; }
  /// Whether the columns can tell that every close they were given was finite (see
  /// indicator_columns<sma>::inputs_finite): an indicator's state cannot.
  static constexpr bool tracks_finite_inputs = false;
  [[nodiscard]] std::size_t size() const noexcept { return ind_.size(); }
  [[nodiscard]] const double* values(std::uint32_t j) const noexcept {
    return value_.data() + j * block_;
  }
  [[nodiscard]] const unsigned char* ready(std::uint32_t j) const noexcept {
    return ready_.data() + j * block_;
  }

 private:
  std::vector<I> ind_;
  std::vector<double> value_;
  std::vector<unsigned char> ready_;
  std::vector<unsigned char> all_ready_;
  std::size_t block_ = 0;
};

#if defined(QUANTKIT_SIMD2)
/// Two doubles as one SSE2 register (core/detail/simd2.hpp): the kernels below write the
/// arithmetic of two independent streams once; every lane performs the scalar IEEE operations of
/// the one-stream code, so the results are the same bits.
using fused_v2d = ::quantkit::detail::v2d;
using fused_v2i = ::quantkit::detail::v2i;
using ::quantkit::detail::any2;
using ::quantkit::detail::load2;
using ::quantkit::detail::max2;
using ::quantkit::detail::min2;
using ::quantkit::detail::select2;
using ::quantkit::detail::store2;
#endif

/// Simple moving averages as columns: the arithmetic of indicators::sma::update (add the close,
/// divide by the period, subtract the close leaving the window), two averages per SSE2 operation,
/// with the value leaving the window read from the closes instead of a ring buffer. Exact for
/// finite closes (the sweep validates the bars first: sma would skip a non-finite one).
template <>
class indicator_columns<indicators::sma> {
 public:
  std::uint32_t add(const indicators::sma& ind) {
    const std::size_t p = ind.params().period;
    for (std::size_t j = 0; j < period_.size(); ++j) {
      if (period_[j] == p) return static_cast<std::uint32_t>(j);
    }
    period_.push_back(p);
    return static_cast<std::uint32_t>(period_.size() - 1);
  }
  void allocate(std::size_t block) {
    block_ = block;
    const std::size_t padded = period_.size() + (period_.size() % 2);
    if (padded > period_.size()) period_.push_back(period_.empty() ? 1 : period_.back());
    sum_.assign(padded, 0.0);
    max_period_ = 0;
    for (const std::size_t p : period_) max_period_ = std::max(max_period_, p);
    value_.assign(padded * block, 0.0);
    ready_.assign(padded * block, 0);
  }
  /// Updates every average with closes [first, first + len) of `all` (the whole series);
  /// `touch(t)` is called once for every bar t of the range, in the first pair's loop (see
  /// no_touch).
  template <class Touch = no_touch>
  void compute(const double* all, std::size_t first, std::size_t len, Touch&& touch = {}) noexcept {
    first_ = first;
    const std::size_t cols = period_.size();
    // Bars where some average is still filling its window: one average at a time.
    const std::size_t warm = max_period_ - 1 > first ? std::min(len, max_period_ - 1 - first) : 0;
    for (std::size_t j = 0; j < cols; ++j) {
      const std::size_t p = period_[j];
      double* v = value_.data() + j * block_;
      unsigned char* r = ready_.data() + j * block_;
      for (std::size_t i = 0; i < warm; ++i) {
        const std::size_t t = first + i;
        sum_[j] += all[t];
        if (t + 1 >= p) {
          v[i] = sum_[j] / static_cast<double>(p);
          sum_[j] -= all[t + 1 - p];
          r[i] = 1;
        } else {
          v[i] = std::numeric_limits<double>::quiet_NaN();
          r[i] = 0;
        }
      }
      for (std::size_t i = warm; i < len; ++i) r[i] = 1;
      if (j == 0) {
        for (std::size_t i = 0; i < warm; ++i) touch(first + i);
      }
    }
    // All windows full: two averages per operation, every bar.
    for (std::size_t j = 0; j < cols; j += 2) {
      double* v0 = value_.data() + j * block_;
      double* v1 = v0 + block_;
      // The first pair's loop also calls touch: its work hides in the latency of the sums.
      if (j == 0) {
        pair_loop(all, first, warm, len, j, v0, v1, touch);
      } else {
        pair_loop(all, first, warm, len, j, v0, v1, no_touch{});
      }
    }
  }
  /// Whether average j was ready at every bar of the current block.
  [[nodiscard]] bool all_ready(std::uint32_t j) const noexcept { return first_ + 1 >= period_[j]; }
  /// Whether every close given so far was finite, read from the running sums in O(1): every close
  /// is added to every sum, and a sum that met a non-finite close stays non-finite (inf ± a finite
  /// value is inf, inf - inf and anything with NaN are NaN). A sum can also overflow to inf on
  /// finite closes near the largest double: then this says false, and the caller's fallback (the
  /// per-bar loop) is merely slower.
  static constexpr bool tracks_finite_inputs = true;
  [[nodiscard]] bool inputs_finite() const noexcept {
    bool finite = true;
    for (const double x : sum_) finite = finite && x - x == 0.0;
    return finite;
  }

 private:
  /// Averages j and j + 1 (all windows full) over bars [warm, len) of the block.
  template <class Touch>
  void pair_loop(const double* all, std::size_t first, std::size_t warm, std::size_t len,
                 std::size_t j, double* v0, double* v1, Touch&& touch) noexcept {
    const std::size_t p0 = period_[j];
    const std::size_t p1 = period_[j + 1];
#if defined(QUANTKIT_SIMD2)
    const fused_v2d div = {static_cast<double>(p0), static_cast<double>(p1)};
    fused_v2d sum = {sum_[j], sum_[j + 1]};
    for (std::size_t i = warm; i < len; ++i) {
      const std::size_t t = first + i;
      const fused_v2d x = {all[t], all[t]};
      sum += x;
      const fused_v2d v = sum / div;
      v0[i] = v[0];
      v1[i] = v[1];
      const fused_v2d out = {all[t + 1 - p0], all[t + 1 - p1]};
      sum -= out;
      touch(t);
    }
    sum_[j] = sum[0];
    sum_[j + 1] = sum[1];
#else
    for (std::size_t i = warm; i < len; ++i) {
      const std::size_t t = first + i;
      sum_[j] += all[t];
      sum_[j + 1] += all[t];
      v0[i] = sum_[j] / static_cast<double>(p0);
      v1[i] = sum_[j + 1] / static_cast<double>(p1);
      sum_[j] -= all[t + 1 - p0];
      sum_[j + 1] -= all[t + 1 - p1];
      touch(t);
    }
#endif
  }

 public:
  [[nodiscard]] std::size_t size() const noexcept { return period_.size(); }
  [[nodiscard]] const double* values(std::uint32_t j) const noexcept {
    return value_.data() + j * block_;
  }
  [[nodiscard]] const unsigned char* ready(std::uint32_t j) const noexcept {
    return ready_.data() + j * block_;
  }

 private:
  std::vector<std::size_t> period_;
  std::vector<double> sum_;
  std::vector<double> value_;
  std::vector<unsigned char> ready_;
  std::size_t block_ = 0;
  std::size_t first_ = 0;
  std::size_t max_period_ = 0;
};

/// The slot of the first indicator in `Tuple` with the same type as slot J (columns of one type
/// are shared across slots).
template <class Tuple, std::size_t J, std::size_t I = 0>
constexpr std::size_t canonical_slot() noexcept {
  if constexpr (std::is_same_v<std::tuple_element_t<I, Tuple>, std::tuple_element_t<J, Tuple>>) {
    return I;
  } else {
    return canonical_slot<Tuple, J, I + 1>();
  }
}

template <class Tuple>
struct columns_of;
template <class... I>
struct columns_of<std::tuple<I...>> {
  using type = std::tuple<indicator_columns<I>...>;
};

/// The account's cash and position after the fills of a bar (bar index within the block): what
/// the curve pass needs to compute the equity cash + position x close of every bar.
struct fill_event {
  std::uint32_t bar = 0;
  double cash = 0.0;
  double position = 0.0;
};
inline constexpr std::uint32_t kNoEvent = 0xffffffffu;

/// What run_target_loop carries from bar to bar besides the account: the last target acted on,
/// the target waiting for the next open, and the count of rejected (infinite) targets.
struct target_state {
  double last_target = std::numeric_limits<double>::quiet_NaN();
  double pending = std::numeric_limits<double>::quiet_NaN();  ///< target to fill at the next open
  bool has_pending = false;
  std::size_t rejections = 0;
};

/// run_target_loop's bar step over the bars of a block (`open`, `close` point at its first bar):
/// the pending fill at the open, the target `target_at(i)` decided at the close of bar i of the
/// block, the target rule (NaN holds, an infinite target is rejected and counted, a repeated one
/// ignored unless rebalancing every bar). `fill(target, price, i, at_open)` moves the account to
/// `target` at bar i of the block. The state lives in locals for the block.
template <class TargetAt, class Fill>
inline void step_block(target_state& state, const double* open, const double* close,
                       const vectorized_options& opt, std::size_t len, TargetAt&& target_at,
                       Fill&& fill) {
  const bool every_bar = opt.rebalance == rebalance_policy::every_bar;
  const bool same_close = opt.market_fills == fill_timing::same_close;
  double last_target = state.last_target;
  double pending = state.pending;
  bool has_pending = state.has_pending;
  for (std::size_t i = 0; i < len; ++i) {
    if (has_pending) [[unlikely]] {
      fill(pending, open[i], i, true);
      has_pending = false;
    }
    const double target = target_at(i);
    // NaN holds; an infinite target is never equal to last_target (always finite or NaN).
    if ((every_bar || !same_bits(target, last_target)) && !std::isnan(target)) [[unlikely]] {
      if (!std::isfinite(target)) {
        ++state.rejections;
      } else {
        last_target = target;
        if (same_close) {
          fill(target, close[i], i, false);
        } else {
          pending = target;
          has_pending = true;
        }
      }
    }
  }
  state.last_target = last_target;
  state.pending = pending;
  state.has_pending = has_pending;
}

/// Row m of the table, for a byte m whose odd bits are zero: the positions b / 2 of m's set (even)
/// bits b in increasing order, then zeros; count[m]: how many. With two bits per bar (SSE2
/// movmskps over 64-bit lanes) it turns four bars' flags into their positions without a branch.
struct even_bit_positions {
  alignas(8) std::uint16_t pos[256][4];
  std::uint8_t count[256];
};
inline constexpr even_bit_positions kEvenBitPositions = [] {
  even_bit_positions t{};
  for (unsigned m = 0; m < 256; ++m) {
    unsigned k = 0;
    for (unsigned b = 0; b < 8; b += 2) {
      if (((m >> b) & 1u) != 0) t.pos[m][k++] = static_cast<std::uint16_t>(b / 2);
    }
    t.count[m] = static_cast<std::uint8_t>(k);
  }
  return t;
}();

/// Bars per chunk of the change list of step_known_targets (its positions are 16-bit offsets).
inline constexpr std::size_t kChangeChunk = 1024;

/// step_block when the targets of the block are known beforehand (`target[i]` for bar i): with
/// rebalance_policy::on_change only the bars where something can happen are visited — the first
/// of the block, and those whose target differs in bits from the previous bar's. Elsewhere the
/// target repeats the previous bar's, which was either acted on (so it equals last_target), held
/// (NaN: nothing happens, as in step_block) or rejected (infinite: step_block counts a rejection
/// at every bar, so the visit of its first bar counts the whole run of bars with the same bits up
/// to the block's end). A target decided at bar i for the next open is passed to `fill` at once
/// for bar i + 1 (the fills stay in bar order), or carried to the next block from the last bar.
/// The changes are found eight bars at a time without a branch (two compares of 32-bit halves per
/// bar pair, kEvenBitPositions), listed per chunk of kChangeChunk bars, then visited: no
/// misprediction per change. every_bar runs step_block.
template <class Fill>
inline void step_known_targets(target_state& state, const double* target, const double* open,
                               const double* close, const vectorized_options& opt,
                               std::size_t len, Fill&& fill) {
  if (opt.rebalance == rebalance_policy::every_bar || len == 0) {
    step_block(
        state, open, close, opt, len, [target](std::size_t i) { return target[i]; }, fill);
    return;
  }
  const bool same_close = opt.market_fills == fill_timing::same_close;
  double last_target = state.last_target;
  std::size_t rejections = state.rejections;
  if (state.has_pending) {
    fill(state.pending, open[0], 0, true);
    state.has_pending = false;
  }
  auto decide = [&](std::size_t i) {
    const double x = target[i];
    if (same_bits(x, last_target) || std::isnan(x)) return;
    if (!std::isfinite(x)) {
      std::size_t j = i + 1;
      while (j < len && same_bits(target[j], x)) ++j;
      rejections += j - i;
      return;
    }
    last_target = x;
    if (same_close) {
      fill(x, close[i], i, false);
    } else if (i + 1 < len) {
      fill(x, open[i + 1], i + 1, true);
    } else {
      state.pending = x;
      state.has_pending = true;
    }
  };
  decide(0);
  auto scan = [&](std::size_t from, std::size_t to) {
    std::uint64_t prev = std::bit_cast<std::uint64_t>(target[from - 1]);
    for (std::size_t i = from; i < to; ++i) {
      const std::uint64_t bits = std::bit_cast<std::uint64_t>(target[i]);
      if (bits != prev) decide(i);
      prev = bits;
    }
  };
  std::size_t i = 1;
#if defined(QUANTKIT_SIMD2)
  std::uint16_t change[kChangeChunk + 4];
  auto equal_halves = [target](std::size_t at) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(target + at));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(target + at - 1));
    return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, b))));
  };
  // Appends the positions of the flagged bars among four, offset by `offset` (16-bit lanes: the
  // offset is kept in a register and stepped by four, no move from a general register per call).
  auto list = [&change](unsigned flags, __m128i offset, std::size_t k) {
    __m128i r = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(kEvenBitPositions.pos[flags]));
    r = _mm_add_epi16(r, offset);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(change + k), r);
    return k + kEvenBitPositions.count[flags];
  };
  const __m128i four = _mm_set1_epi16(4);
  while (i + 8 <= len) {
    const std::size_t base = i;
    const std::size_t stop = i + std::min(kChangeChunk, (len - i) & ~std::size_t{7});
    std::size_t k = 0;
    __m128i offset = _mm_setzero_si128();  // i - base in every lane
    for (; i < stop; i += 8) {
      // Bit 2j (2j + 1) set: the low (high) halves of bar i + j and its previous bar are equal.
      const unsigned eq = equal_halves(i) | (equal_halves(i + 2) << 4) |
                          (equal_halves(i + 4) << 8) | (equal_halves(i + 6) << 12);
      const unsigned changed = ~(eq & (eq >> 1)) & 0x5555u;  // bit 2j: bar i + j changed
      k = list(changed & 0xffu, offset, k);
      offset = _mm_add_epi16(offset, four);
      k = list(changed >> 8, offset, k);
      offset = _mm_add_epi16(offset, four);
    }
    for (std::size_t e = 0; e < k; ++e) decide(base + change[e]);
  }
#endif
  if (i < len) scan(i, len);
  state.last_target = last_target;
  state.rejections = rejections;
}

}  // namespace quantkit::backtest::detail
