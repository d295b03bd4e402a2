// SPDX-License-Identifier: MIT
// samplers::point: typed access, labels, printing, equality and hashing, bad lookups.
#include <quantkit/samplers/point.hpp>
#include <quantkit/samplers/space.hpp>

#include "samplers/samplers_support.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace samplers_test_point {  // own scope for unity builds

namespace qs = quantkit::samplers;
using quantkit::test::check_invalid_param;
using quantkit::test::samplers::demo_space;

TEST_SUITE("samplers") {
  TEST_CASE("point: typed access by name and index, labels, to_string") {
    const auto s = demo_space();
    const auto p = s.make_point({5.0, 20.0, 0.01, 1.0});
    CHECK(p.size() == 4);
    CHECK(p[1] == 20.0);
    CHECK(p.at(1) == 20.0);
    CHECK(p.at("lr") == 0.01);
    CHECK(p.get<int>("fast") == 5);
    CHECK(p.get<std::int64_t>("slow") == 20);
    CHECK(p.get<std::size_t>("slow") == 20u);
    CHECK(p.get<double>("lr") == 0.01);
    CHECK(p.get<std::string>("ma") == "ema");
    CHECK(p.label("ma") == "ema");
    CHECK(p.name(2) == "lr");
    CHECK(p.index_of("ma") == 3);
    CHECK(p.to_string() == "{fast=5, slow=20, lr=0.01, ma=ema}");
    CHECK(p.features() == std::vector<double>{5.0, 20.0, 0.01, 0.0, 1.0, 0.0});
  }

  TEST_CASE("point: streams like to_string") {
    const auto p = demo_space().make_point({5.0, 20.0, 0.25, 2.0});
    std::ostringstream os;
    os << p;
    CHECK(os.str() == "{fast=5, slow=20, lr=0.25, ma=wma}");
  }

  TEST_CASE("point: equality and hashing follow the values") {
    const auto s = demo_space();
    const auto a = s.make_point({5.0, 20.0, 0.01, 1.0});
    const auto b = s.make_point({5.0, 20.0, 0.01, 1.0});
    const auto c = s.make_point({5.0, 21.0, 0.01, 1.0});
    CHECK(a == b);
    CHECK_FALSE(a == c);
    CHECK(std::hash<qs::point>{}(a) == std::hash<qs::point>{}(b));
    CHECK(std::hash<qs::point>{}(a) != std::hash<qs::point>{}(c));
    std::unordered_set<qs::point> set{a, b, c};
    CHECK(set.size() == 2);
    // same names, different space object: equal
    const auto other = demo_space().make_point({5.0, 20.0, 0.01, 1.0});
    CHECK(other == a);
    // -0 and +0 are one value
    qs::space z;
    z.add_real("x", -1.0, 1.0);
    CHECK(z.make_point({0.0}) == z.make_point({-0.0}));
    CHECK(z.make_point({0.0}).hash() == z.make_point({-0.0}).hash());
    // different names, same values: not equal
    qs::space w;
    w.add_real("y", -1.0, 1.0);
    CHECK_FALSE(w.make_point({0.5}) == z.make_point({0.5}));
  }

  TEST_CASE("point: points keep their layout when the space grows") {
    qs::space s;
    s.add_real("x", 0.0, 1.0);
    const auto p = s.make_point({0.5});
    s.add_real("y", 0.0, 1.0);
    CHECK(p.size() == 1);
    CHECK(p.to_string() == "{x=0.5}");
    CHECK(s.size() == 2);
  }

  TEST_CASE("point: bad lookups are rejected with the parameter named") {
    const auto p = demo_space().make_point({5.0, 20.0, 0.01, 1.0});
    const std::string pre = "quantkit::samplers::point::";
    check_invalid_param([&] { (void)p.at("nope"); }, pre + "at", "name");
    check_invalid_param([&] { (void)p.at(std::size_t{4}); }, pre + "at", "i");
    check_invalid_param([&] { (void)p.get<double>("nope"); }, pre + "get", "name");
    check_invalid_param([&] { (void)p.get<std::string>("fast"); }, pre + "get", "name");
    check_invalid_param([&] { (void)p.get<int>("lr"); }, pre + "get", "lr");
    check_invalid_param([&] { (void)p.label("slow"); }, pre + "label", "name");
    qs::space big;
    big.add_int("n", 0, std::int64_t{1} << 40);
    const auto q = big.make_point({1099511627776.0});
    check_invalid_param([&] { (void)q.get<int>("n"); }, pre + "get", "n");
    CHECK(q.get<std::int64_t>("n") == std::int64_t{1} << 40);
  }
}

}  // namespace samplers_test_point
