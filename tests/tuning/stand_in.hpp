// SPDX-License-Identifier: MIT
// tests/tuning/stand_in.hpp - TEST-ONLY minimal stand-ins for layers still being written on
// sibling branches (samplers::space). Shaped after INTERFACES.md; replaced by the real headers
// as they land. Never shipped.
#pragma once

#include <quantkit/core/random.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace quantkit::test {

struct stand_in_point {
  std::vector<double> v;
  double operator[](std::size_t i) const { return v[i]; }
  friend bool operator==(const stand_in_point&, const stand_in_point&) = default;
};

/// Real dims: lo + u (hi - lo); int dims: lo + floor(u (hi - lo + 1)); categorical: floor(u k).
class stand_in_space {
 public:
  enum class kind { real, integer, categorical };
  stand_in_space& add_real(double lo, double hi) { return add(kind::real, lo, hi); }
  stand_in_space& add_int(double lo, double hi) { return add(kind::integer, lo, hi); }
  stand_in_space& add_categorical(std::size_t k) {
    return add(kind::categorical, 0.0, static_cast<double>(k) - 1.0);
  }
  stand_in_space& add_constraint(std::function<bool(const stand_in_point&)> f) {
    constraint_ = std::move(f);
    return *this;
  }
  [[nodiscard]] std::size_t size() const { return kinds_.size(); }
  [[nodiscard]] bool is_categorical(std::size_t i) const { return kinds_[i] == kind::categorical; }
  [[nodiscard]] stand_in_point from_unit(std::span<const double> u) const {
    stand_in_point p;
    for (std::size_t i = 0; i < size(); ++i) {
      if (kinds_[i] == kind::real) {
        p.v.push_back(lo_[i] + u[i] * (hi_[i] - lo_[i]));
      } else {
        const double k = hi_[i] - lo_[i] + 1.0;
        p.v.push_back(lo_[i] + std::fmin(std::floor(u[i] * k), k - 1.0));
      }
    }
    return p;
  }
  [[nodiscard]] std::vector<double> to_unit(const stand_in_point& p) const {
    std::vector<double> u;
    for (std::size_t i = 0; i < size(); ++i) {
      if (kinds_[i] == kind::real) {
        u.push_back((p.v[i] - lo_[i]) / (hi_[i] - lo_[i]));
      } else {
        u.push_back((p.v[i] - lo_[i] + 0.5) / (hi_[i] - lo_[i] + 1.0));
      }
    }
    return u;
  }
  [[nodiscard]] bool feasible(const stand_in_point& p) const { return !constraint_ || constraint_(p); }

 private:
  stand_in_space& add(kind k, double lo, double hi) {
    kinds_.push_back(k);
    lo_.push_back(lo);
    hi_.push_back(hi);
    return *this;
  }
  std::vector<kind> kinds_;
  std::vector<double> lo_, hi_;
  std::function<bool(const stand_in_point&)> constraint_;
};

/// iid uniform unit sampler.
struct stand_in_random_sampler {
  [[nodiscard]] std::vector<double> unit_sample(std::size_t d, std::size_t n,
                                                std::uint64_t seed) const {
    std::vector<double> out(n * d);
    for (std::size_t i = 0; i < n; ++i) {
      rng g(seed, i);
      for (std::size_t j = 0; j < d; ++j) out[i * d + j] = uniform01(g);
    }
    return out;
  }
};

}  // namespace quantkit::test
