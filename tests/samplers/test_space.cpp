// SPDX-License-Identifier: MIT
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>

#include "samplers/samplers_support.hpp"
#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace qs = quantkit::samplers;
using quantkit::test::approx;
using quantkit::test::check_invalid_param;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

using quantkit::test::samplers::demo_space;

TEST_SUITE("samplers") {
  TEST_CASE("space: dimensions keep their order, names and kinds") {
    const auto s = demo_space();
    REQUIRE(s.size() == 4);
    CHECK(s.names() == std::vector<std::string>{"fast", "slow", "lr", "ma"});
    CHECK(s.index_of("lr") == 2);
    CHECK(s.contains("ma"));
    CHECK_FALSE(s.contains("nope"));
    CHECK(s.dimension(0).kind == qs::dim_kind::integer);
    CHECK(s.dimension(2).kind == qs::dim_kind::log_real);
    CHECK(s.dimension(3).cardinality() == 3);
    CHECK(s.dimension(1).cardinality() == 91);
    CHECK(s.dimension(2).cardinality() == 0);
    CHECK(s.feature_count() == 6);
    CHECK(s.feature_names() ==
          std::vector<std::string>{"fast", "slow", "lr", "ma=sma", "ma=ema", "ma=wma"});
  }

  TEST_CASE("space: from_unit applies each dimension's inverse CDF") {
    qs::space s;
    s.add_real("r", -1.0, 3.0)
        .add_log_real("lr", 1e-3, 1.0)
        .add_int("i", 2, 5)
        .add_log_int("li", 1, 100)
        .add_normal("n", 2.0, 0.5)
        .add_truncated_normal("t", 0.0, 1.0, -1.0, 2.0)
        .add_choice("c", {10.0, 20.0, 30.0}, {1.0, 2.0, 1.0})
        .add_categorical("k", {"a", "b"});
    const std::vector<double> u{0.25, 0.3, 0.5, 0.5, 0.3, 0.3, 0.3, 0.75};
    const auto p = s.from_unit(u);
    CHECK(p[0] == approx(0.0));  // -1 + 4 * 0.25
    // scipy.stats.loguniform.ppf(0.3, 1e-3, 1) = 10^(-3 + 0.9)
    CHECK(p[1] == approx(0.007943282347242816));
    CHECK(p[2] == 4.0);  // 2 + floor(0.5 * 4)
    // floor(exp(0.5 log 101)) = floor(10.0498...) = 10
    CHECK(p[3] == 10.0);
    // scipy.stats.norm.ppf(0.3, loc=2, scale=0.5)
    CHECK(p[4] == approx(1.7377997436459796, 1e-14));
    // scipy.stats.truncnorm.ppf(0.3, -1, 2, loc=0, scale=1)
    CHECK(p[5] == approx(-0.24240381788922707, 1e-13));
    CHECK(p[6] == 20.0);  // buckets [0, .25) [.25, .75) [.75, 1)
    CHECK(p[7] == 1.0);
    CHECK(p.label("k") == "b");
  }

  TEST_CASE("space: truncated normal in either tail matches scipy truncnorm") {
    // scipy.stats.truncnorm.ppf(u, (lo - m) / s, (hi - m) / s, loc=m, scale=s)
    struct row {
      double m, s, lo, hi, u, expected;
    };
    const row rows[] = {{0, 1, 3, 5, 0.7, 3.349238484785686},
                        {0, 1, -5, -3, 0.2, -3.4598791568264025},
                        {10, 2, 11, 30, 0.9, 13.736783190253272}};
    for (const auto& r : rows) {
      qs::space s;
      s.add_truncated_normal("t", r.m, r.s, r.lo, r.hi);
      const std::vector<double> u{r.u};
      CAPTURE(r.lo);
      CHECK(s.from_unit(u)[0] == approx(r.expected, 1e-12));
    }
  }

  TEST_CASE("space: endpoints of the unit interval stay inside every domain") {
    qs::space s;
    s.add_real("r", -1.0, 3.0)
        .add_log_real("lr", 1e-3, 1.0)
        .add_int("i", 2, 5)
        .add_log_int("li", 1, 100)
        .add_normal("n", 2.0, 0.5)
        .add_truncated_normal("t", 0.0, 1.0, -1.0, 2.0)
        .add_choice("c", {10.0, 20.0, 30.0})
        .add_categorical("k", {"a", "b"});
    const std::vector<double> zero(8, 0.0);
    const std::vector<double> one(8, 1.0);
    const auto lo = s.from_unit(zero);
    const auto hi = s.from_unit(one);
    CHECK(lo[0] == -1.0);
    CHECK(hi[0] == 3.0);
    CHECK(lo[1] == approx(1e-3));
    CHECK(hi[1] == approx(1.0));
    CHECK(lo[2] == 2.0);
    CHECK(hi[2] == 5.0);
    CHECK(lo[3] == 1.0);
    CHECK(hi[3] == 100.0);
    CHECK(std::isfinite(lo[4]));
    CHECK(std::isfinite(hi[4]));
    // u clamped to [2^-54, 1 - 2^-53]: scipy norm.ppf(2**-54) = -8.292361075813597,
    // norm.isf(2**-53) = 8.209536151601387 (AS 241 is accurate to ~1e-15 relative there)
    CHECK(lo[4] == approx(2.0 - 8.292361075813597 * 0.5, 1e-13));
    CHECK(hi[4] == approx(2.0 + 8.209536151601387 * 0.5, 1e-13));
    CHECK(lo[5] == approx(-1.0, 1e-9));
    CHECK(hi[5] == approx(2.0, 1e-9));
    CHECK(lo[6] == 10.0);
    CHECK(hi[6] == 30.0);
    CHECK(lo[7] == 0.0);
    CHECK(hi[7] == 1.0);
    for (std::size_t i = 0; i < s.size(); ++i) {
      CHECK(s.dimension(i).contains(lo[i]));
      CHECK(s.dimension(i).contains(hi[i]));
    }
  }

  TEST_CASE("space: to_unit inverts from_unit, at bucket centres for discrete dimensions") {
    qs::space s;
    s.add_real("r", -1.0, 3.0)
        .add_log_real("lr", 1e-3, 1.0)
        .add_int("i", 2, 5)
        .add_log_int("li", 1, 100)
        .add_normal("n", 2.0, 0.5)
        .add_truncated_normal("t", 0.0, 1.0, -1.0, 2.0)
        .add_choice("c", {10.0, 20.0, 30.0}, {1.0, 2.0, 1.0})
        .add_categorical("k", {"a", "b"});
    const std::vector<double> u{0.25, 0.3, 0.5, 0.5, 0.3, 0.3, 0.3, 0.75};
    const auto p = s.from_unit(u);
    const auto back = s.to_unit(p);
    CHECK(back[0] == approx(0.25));
    CHECK(back[1] == approx(0.3));
    CHECK(back[2] == approx(0.625));  // integer 4 of 2..5: bucket [0.5, 0.75)
    // log_int 10 of 1..100: bucket [log 10, log 11) / log 101, centre
    CHECK(back[3] == approx(0.5 * (std::log(10.0) + std::log(11.0)) / std::log(101.0)));
    CHECK(back[4] == approx(0.3, 1e-13));
    // scipy.stats.truncnorm.cdf(-0.24240381788922707, -1, 2) = 0.3
    CHECK(back[5] == approx(0.3, 1e-12));
    CHECK(back[6] == approx(0.5));   // bucket [0.25, 0.75)
    CHECK(back[7] == approx(0.75));  // bucket [0.5, 1)
    const auto again = s.from_unit(back);
    CHECK(again == p);
  }

  TEST_CASE("space: log_integer frequencies follow log((k + 1) / k)") {
    qs::space s;
    s.add_log_int("li", 1, 9);
    // bucket of k is [log k, log(k + 1)) / log 10: k = 1 owns [0, log10 2), k = 9 [log10 9, 1)
    const std::vector<double> u1{0.30};
    const std::vector<double> u2{0.31};
    const std::vector<double> u9{0.96};
    CHECK(s.from_unit(u1)[0] == 1.0);  // 0.30 < log10(2) = 0.30103
    CHECK(s.from_unit(u2)[0] == 2.0);
    CHECK(s.from_unit(u9)[0] == 9.0);  // log10(9) = 0.954
  }

  TEST_CASE("dimension: values outside the domain map to NaN, contains says why") {
    const auto s = demo_space();
    CHECK(std::isnan(s.dimension(0).to_unit(1.0)));   // below fast's range 2..20
    CHECK(std::isnan(s.dimension(0).to_unit(2.5)));   // not an integer
    CHECK(std::isnan(s.dimension(2).to_unit(2.0)));   // above lr's 1
    CHECK(std::isnan(s.dimension(3).to_unit(3.0)));   // no fourth label
    CHECK(std::isnan(s.dimension(3).to_unit(qnan)));
    CHECK_FALSE(s.dimension(1).contains(qnan));
    qs::space c;
    c.add_choice("c", {0.5, 2.0});
    CHECK(c.dimension(0).contains(2.0));
    CHECK_FALSE(c.dimension(0).contains(1.0));
    CHECK(std::isnan(c.dimension(0).to_unit(1.0)));
    CHECK(c.dimension(0).to_unit(2.0) == approx(0.75));
  }

  TEST_CASE("space: constraints decide feasibility") {
    auto s = demo_space();
    s.add_constraint("fast < slow", [](const qs::point& p) { return p.at("fast") < p.at("slow"); });
    CHECK(s.constraint_count() == 1);
    CHECK(s.constraint_description(0) == "fast < slow");
    CHECK(s.feasible(s.make_point({5.0, 20.0, 0.01, 0.0})));
    CHECK_FALSE(s.feasible(s.make_point({20.0, 20.0, 0.01, 0.0})));
    CHECK_FALSE(s.feasible(s.make_point({20.0, 10.0, 0.01, 0.0})));
  }

  TEST_CASE("space: bad dimensions are rejected with the parameter named") {
    const std::string pre = "quantkit::samplers::space::";
    check_invalid_param([] { qs::space{}.add_real("x", 1.0, 1.0); }, pre + "add_real", "hi");
    check_invalid_param([] { qs::space{}.add_real("x", qnan, 1.0); }, pre + "add_real", "lo");
    check_invalid_param([] { qs::space{}.add_real("x", 0.0, inf); }, pre + "add_real", "hi");
    check_invalid_param([] { qs::space{}.add_real("", 0.0, 1.0); }, pre + "add_real", "name");
    check_invalid_param(
        [] {
          qs::space s;
          s.add_real("x", 0.0, 1.0).add_int("x", 0, 1);
        },
        pre + "add_int", "name");
    check_invalid_param([] { qs::space{}.add_log_real("x", 0.0, 1.0); }, pre + "add_log_real",
                        "lo");
    check_invalid_param([] { qs::space{}.add_log_real("x", 2.0, 1.0); }, pre + "add_log_real",
                        "hi");
    check_invalid_param([] { qs::space{}.add_int("x", 3, 2); }, pre + "add_int", "hi");
    check_invalid_param([] { qs::space{}.add_int("x", 0, std::int64_t{1} << 54); },
                        pre + "add_int", "hi");
    check_invalid_param([] { qs::space{}.add_log_int("x", 0, 5); }, pre + "add_log_int", "lo");
    check_invalid_param([] { qs::space{}.add_log_int("x", 5, 4); }, pre + "add_log_int", "hi");
    check_invalid_param([] { qs::space{}.add_normal("x", 0.0, 0.0); }, pre + "add_normal", "sd");
    check_invalid_param([] { qs::space{}.add_normal("x", inf, 1.0); }, pre + "add_normal", "mean");
    check_invalid_param([] { qs::space{}.add_truncated_normal("x", 0.0, -1.0, 0.0, 1.0); },
                        pre + "add_truncated_normal", "sd");
    check_invalid_param([] { qs::space{}.add_truncated_normal("x", 0.0, 1.0, 1.0, 0.0); },
                        pre + "add_truncated_normal", "hi");
    check_invalid_param([] { qs::space{}.add_choice("x", {}); }, pre + "add_choice", "values");
    check_invalid_param([] { qs::space{}.add_choice("x", {1.0, 1.0}); }, pre + "add_choice",
                        "values");
    check_invalid_param([] { qs::space{}.add_choice("x", {1.0, qnan}); }, pre + "add_choice",
                        "values");
    check_invalid_param([] { qs::space{}.add_choice("x", {1.0, 2.0}, {1.0}); },
                        pre + "add_choice", "weights");
    check_invalid_param([] { qs::space{}.add_choice("x", {1.0, 2.0}, {1.0, -1.0}); },
                        pre + "add_choice", "weights");
    check_invalid_param([] { qs::space{}.add_choice("x", {1.0, 2.0}, {0.0, 0.0}); },
                        pre + "add_choice", "weights");
    check_invalid_param([] { qs::space{}.add_categorical("x", {}); }, pre + "add_categorical",
                        "labels");
    check_invalid_param([] { qs::space{}.add_categorical("x", {"a", "a"}); },
                        pre + "add_categorical", "labels");
  }

  TEST_CASE("space: bad points and lookups are rejected with the parameter named") {
    const auto s = demo_space();
    const std::string pre = "quantkit::samplers::space::";
    check_invalid_param([&] { (void)s.index_of("nope"); }, pre + "index_of", "name");
    check_invalid_param([&] { (void)s.dimension(4); }, pre + "dimension", "i");
    check_invalid_param([&] { (void)s.constraint_description(0); }, pre + "constraint_description",
                        "i");
    check_invalid_param([&] { (void)s.make_point({1.0}); }, pre + "make_point", "values");
    // fast = 1 is below its range, fast = 2.5 not an integer, ma = 3 not a label index
    check_invalid_param([&] { (void)s.make_point({1.0, 20.0, 0.01, 0.0}); }, pre + "make_point",
                        "values");
    check_invalid_param([&] { (void)s.make_point({2.5, 20.0, 0.01, 0.0}); }, pre + "make_point",
                        "values");
    check_invalid_param([&] { (void)s.make_point({2.0, 20.0, 0.01, 3.0}); }, pre + "make_point",
                        "values");
    check_invalid_param([&] { (void)s.make_point({2.0, 20.0, qnan, 0.0}); }, pre + "make_point",
                        "values");
    const std::vector<double> short_u{0.5};
    const std::vector<double> bad_u{0.5, 1.5, 0.5, 0.5};
    const std::vector<double> nan_u{0.5, qnan, 0.5, 0.5};
    check_invalid_param([&] { (void)s.from_unit(short_u); }, pre + "from_unit", "u");
    check_invalid_param([&] { (void)s.from_unit(bad_u); }, pre + "from_unit", "u");
    check_invalid_param([&] { (void)s.from_unit(nan_u); }, pre + "from_unit", "u");
    qs::space other;
    other.add_real("a", 0.0, 100.0).add_real("b", 0.0, 100.0).add_real("c", 0.0, 1.0).add_real(
        "d", 0.0, 1.0);
    const auto foreign = other.make_point({5.0, 20.0, 0.01, 0.0});
    check_invalid_param([&] { (void)s.to_unit(foreign); }, pre + "to_unit", "point");
    check_invalid_param([&] { (void)s.feasible(foreign); }, pre + "feasible", "point");
    check_invalid_param([&] { (void)s.feasible(qs::point{}); }, pre + "feasible", "point");
  }

}
