// SPDX-License-Identifier: MIT
// quantkit/indicators/mavp.hpp - moving average with a variable period (TA-Lib MAVP)
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"
#include "dema.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "detail/window_ma.hpp"
#include "ema.hpp"
#include "ma.hpp"
#include "mama.hpp"
#include "t3.hpp"
#include "tema.hpp"

#include <cmath>
#include <cstddef>
#include <type_traits>
#include <variant>
#include <vector>

namespace quantkit::indicators {

/// Parameters of mavp.
struct mavp_params {
  std::size_t min_period = 2;   ///< 2..100000
  std::size_t max_period = 30;  ///< min_period..100000
  ma_type type = ma_type::sma;  ///< TA-Lib MAType
  friend constexpr bool operator==(const mavp_params&, const mavp_params&) = default;
};

/// Moving average with a variable period (TA-Lib MAVP): the output at step t is the value at t of
/// the moving average of period p_t = clamp(int(period_t), min_period, max_period) (truncated
/// toward zero, as TA-Lib's cast).
///
/// Convention (TA-Lib MAVP): TA-Lib runs, for each distinct period p, a full MA(p, type) that it
/// starts at its own first output (ma_lookback(max_period) - ma_lookback(p) inputs late, which
/// shifts EMA-type seeds), and picks each step's value from the average of that step's period.
/// mavp keeps every period's average running on one shared window of max_period + 2 inputs (the
/// windowed types) or as O(1) recursive states, so the values agree with TA-Lib bit for bit.
/// Warm-up: ma_lookback(max_period, type). NaN rule: an input with a non-finite value or period
/// returns NaN and is skipped. Throws invalid_argument for periods outside 2..100000,
/// min_period > max_period or an invalid type. O(max - min + 1) per update, O(max_period) memory.
class mavp {
 public:
  using params_type = mavp_params;
  using input_type = mavp_input;
  using value_type = double;

  mavp() : mavp(params_type{}) {}
  mavp(std::size_t min_period, std::size_t max_period, ma_type type = ma_type::sma)
      : mavp(params_type{.min_period = min_period, .max_period = max_period, .type = type}) {}
  explicit mavp(const params_type& p)
      : p_(check(p)),
        lookback_(ma_lookback(p.max_period, p.type)),
        history_(p.max_period + 2),
        bank_(make_bank(p)) {}

  value_type update(const mavp_input& in) noexcept {
    if (!detail::finite(in.value, in.period)) return detail::nan;
    const double x = in.value;
    const std::size_t t = count_++;
    history_.push(x);
    const std::size_t chosen = clamp_period(in.period) - p_.min_period;
    const double v = std::visit(
        [&](auto& bank) -> double {
          using B = std::remove_cvref_t<decltype(bank)>;
          if constexpr (std::is_same_v<B, mama>) {
            return bank.update(x).mama;  // MA(MAMA) ignores the period: one average serves all
          } else {
            double out = detail::nan;
            for (std::size_t j = 0; j < bank.size(); ++j) {
              const std::size_t start = lookback_ - ma_lookback(p_.min_period + j, p_.type);
              if (t < start) continue;
              double r;
              if constexpr (requires { bank[j].step(x, t, history_); }) {
                r = bank[j].step(x, t - start + 1, history_);
              } else {
                r = bank[j].update(x);
              }
              if (j == chosen) out = r;
            }
            return out;
          }
        },
        bank_);
    if (t >= lookback_) value_ = v;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ > lookback_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback_; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    history_.clear();
    std::visit(
        [this](auto& bank) {
          using B = std::remove_cvref_t<decltype(bank)>;
          if constexpr (std::is_same_v<B, mama>) {
            bank.reset();
          } else {
            for (std::size_t j = 0; j < bank.size(); ++j) {
              if constexpr (requires { bank[j].reset(); }) {
                bank[j].reset();
              } else {
                bank[j] = typename B::value_type{.p = p_.min_period + j};
              }
            }
          }
        },
        bank_);
    count_ = 0;
    value_ = detail::nan;
  }

 private:
  using bank_type =
      std::variant<std::vector<detail::sma_kernel>, std::vector<detail::wma_kernel>,
                   std::vector<detail::trima_kernel>, std::vector<detail::kama_kernel>,
                   std::vector<ema>, std::vector<dema>, std::vector<tema>, std::vector<t3>, mama>;

  static const params_type& check(const params_type& p) {
    constexpr auto name = "quantkit::indicators::mavp";
    detail::require_period(p.min_period, name, "min_period");
    detail::require_period(p.max_period, name, "max_period");
    require(p.min_period <= p.max_period, name, "max_period", p.max_period,
            "must be >= min_period");
    detail::require_ma_type(p.type, name, "type");
    return p;
  }
  template <class T, class Make>
  static std::vector<T> bank_of(const params_type& p, Make make) {
    std::vector<T> v;
    v.reserve(p.max_period - p.min_period + 1);
    for (std::size_t n = p.min_period; n <= p.max_period; ++n) v.push_back(make(n));
    return v;
  }
  static bank_type make_bank(const params_type& p) {
    switch (p.type) {
      case ma_type::sma:
        return bank_of<detail::sma_kernel>(
            p, [](std::size_t n) { return detail::sma_kernel{.p = n}; });
      case ma_type::wma:
        return bank_of<detail::wma_kernel>(
            p, [](std::size_t n) { return detail::wma_kernel{.p = n}; });
      case ma_type::trima:
        return bank_of<detail::trima_kernel>(
            p, [](std::size_t n) { return detail::trima_kernel{.p = n}; });
      case ma_type::kama:
        return bank_of<detail::kama_kernel>(
            p, [](std::size_t n) { return detail::kama_kernel{.p = n}; });
      case ma_type::ema:
        return bank_of<ema>(p, [](std::size_t n) { return ema(n); });
      case ma_type::dema:
        return bank_of<dema>(p, [](std::size_t n) { return dema(n); });
      case ma_type::tema:
        return bank_of<tema>(p, [](std::size_t n) { return tema(n); });
      case ma_type::t3:
        return bank_of<t3>(p, [](std::size_t n) { return t3(n, 0.7); });
      case ma_type::mama:
        return mama{};
    }
    return mama{};
  }
  std::size_t clamp_period(double period) const noexcept {
    // TA-Lib truncates with an int cast, then clamps; comparing first keeps huge or negative
    // periods well defined.
    const auto lo = static_cast<double>(p_.min_period);
    const auto hi = static_cast<double>(p_.max_period);
    if (period <= lo) return p_.min_period;
    if (period >= hi) return p_.max_period;
    return static_cast<std::size_t>(period);
  }
  params_type p_;
  std::size_t lookback_;
  detail::ring_buffer<double> history_;
  bank_type bank_;
  std::size_t count_ = 0;
  double value_ = detail::nan;
};

static_assert(Indicator<mavp>);

}  // namespace quantkit::indicators
