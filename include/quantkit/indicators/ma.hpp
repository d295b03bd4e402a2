// SPDX-License-Identifier: MIT
// quantkit/indicators/ma.hpp - moving average of a type chosen at run time (TA-Lib MA)
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"
#include "dema.hpp"
#include "detail/common.hpp"
#include "ema.hpp"
#include "kama.hpp"
#include "mama.hpp"
#include "sma.hpp"
#include "t3.hpp"
#include "tema.hpp"
#include "trima.hpp"
#include "wma.hpp"

#include <cstddef>
#include <type_traits>
#include <variant>

namespace quantkit::indicators {

/// Moving-average types, numbered as TA-Lib's TA_MAType (0..8).
enum class ma_type : int {
  sma = 0,
  ema = 1,
  wma = 2,
  dema = 3,
  tema = 4,
  trima = 5,
  kama = 6,
  mama = 7,
  t3 = 8
};

/// TA-Lib's lookback of MA(period, type): 0 for period 1; n - 1 for SMA, EMA, WMA and TRIMA,
/// 2 (n - 1) DEMA, 3 (n - 1) TEMA, n KAMA, 32 MAMA (period ignored), 6 (n - 1) T3.
constexpr std::size_t ma_lookback(std::size_t period, ma_type type) noexcept {
  if (period <= 1) return 0;
  switch (type) {
    case ma_type::dema:
      return 2 * (period - 1);
    case ma_type::tema:
      return 3 * (period - 1);
    case ma_type::kama:
      return period;
    case ma_type::mama:
      return 32;
    case ma_type::t3:
      return 6 * (period - 1);
    default:
      return period - 1;
  }
}

namespace detail {
/// Throws invalid_argument unless `type` is one of the nine ma_type values.
inline void require_ma_type(ma_type type, std::string_view component, std::string_view name) {
  const auto v = static_cast<int>(type);
  require(v >= 0 && v <= 8, component, name, v, "must be an ma_type (0..8)");
}
/// MA with period 1: TA-Lib's MA copies its input.
struct identity_ma {
  double update(double x) noexcept {
    if (!finite(x)) return nan;
    seen = true;
    return x;
  }
  [[nodiscard]] bool ready() const noexcept { return seen; }
  void reset() noexcept { seen = false; }
  bool seen = false;
};
/// Calls f on the active alternative of ma's variant through a switch, so each case inlines (with
/// libstdc++, std::visit calls through a table of function pointers, about 3 ns a call); in a
/// loop the branch is always predicted.
template <class V, class F>
[[gnu::always_inline]] inline auto visit_by_switch(V& v, F&& f) -> decltype(f(std::get<0>(v))) {
  switch (v.index()) {
    case 0:
      return f(std::get<0>(v));
    case 1:
      return f(std::get<1>(v));
    case 2:
      return f(std::get<2>(v));
    case 3:
      return f(std::get<3>(v));
    case 4:
      return f(std::get<4>(v));
    case 5:
      return f(std::get<5>(v));
    case 6:
      return f(std::get<6>(v));
    case 7:
      return f(std::get<7>(v));
    case 8:
      return f(std::get<8>(v));
    default:
      return f(std::get<9>(v));
  }
}
}  // namespace detail

/// Parameters of ma.
struct ma_params {
  std::size_t period = 30;      ///< n, 1..100000 (1: the identity; ignored by MAMA)
  ma_type type = ma_type::sma;  ///< TA-Lib MAType
  friend constexpr bool operator==(const ma_params&, const ma_params&) = default;
};

/// Moving average of a type chosen at run time (TA-Lib MA): SMA, EMA, WMA, DEMA, TEMA, TRIMA,
/// KAMA, MAMA or T3 of period n, dispatched through a std::variant (no virtual call, no
/// allocation per step).
///
/// Convention (TA-Lib MA): period 1 is the identity for every type; MAMA uses TA-Lib's limits
/// 0.5 / 0.05 and ignores the period (its `mama` output); T3 uses vfactor 0.7. Each type is the
/// corresponding quantkit indicator, so the values agree with TA-Lib bit for bit. Warm-up:
/// ma_lookback(n, type). NaN rule: a non-finite input returns NaN and is skipped. Throws
/// invalid_argument for a period outside 1..100000 or an invalid type. O(1) per update.
class ma {
 public:
  using params_type = ma_params;
  using input_type = double;
  using value_type = double;

  ma() : ma(params_type{}) {}
  explicit ma(std::size_t period, ma_type type = ma_type::sma)
      : ma(params_type{.period = period, .type = type}) {}
  explicit ma(const params_type& p)
      : p_(check(p)), warmup_(ma_lookback(p.period, p.type)), impl_(make(p)) {}

  [[gnu::flatten]] value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (count_ <= warmup_) ++count_;
    value_ = detail::visit_by_switch(impl_, [x](auto& m) -> double {
      if constexpr (std::is_same_v<std::remove_cvref_t<decltype(m)>, mama>) {
        return m.update(x).mama;
      } else {
        return m.update(x);
      }
    });
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ > warmup_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return warmup_; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    detail::visit_by_switch(impl_, [](auto& m) { m.reset(); });
    count_ = 0;
    value_ = detail::nan;
  }

 private:
  using impl_type =
      std::variant<detail::identity_ma, sma, ema, wma, dema, tema, trima, kama, mama, t3>;
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::ma", "period", 1);
    detail::require_ma_type(p.type, "quantkit::indicators::ma", "type");
    return p;
  }
  static impl_type make(const params_type& p) {
    const std::size_t n = p.period;
    if (n == 1) return detail::identity_ma{};
    switch (p.type) {
      case ma_type::sma:
        return sma(n);
      case ma_type::ema:
        return ema(n);
      case ma_type::wma:
        return wma(n);
      case ma_type::dema:
        return dema(n);
      case ma_type::tema:
        return tema(n);
      case ma_type::trima:
        return trima(n);
      case ma_type::kama:
        return kama(n);
      case ma_type::mama:
        return mama{};
      case ma_type::t3:
        return t3(n, 0.7);
    }
    return sma(n);
  }
  params_type p_;
  std::size_t warmup_;
  std::size_t count_ = 0;  // finite inputs, saturating at warmup_ + 1 (every type is ready then)
  impl_type impl_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ma>);

}  // namespace quantkit::indicators
