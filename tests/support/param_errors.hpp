// SPDX-License-Identifier: MIT
// tests/support/param_errors.hpp - checks that a constructor rejects a parameter the documented way
#pragma once

#include <quantkit/core/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace quantkit::test {

/// Runs `make` and checks that it throws quantkit::invalid_argument whose function is
/// `component`, whose parameter is `parameter`, and whose message starts with
/// "<component>: " and names the parameter.
template <class F>
void check_invalid_param(F&& make, std::string_view component, std::string_view parameter) {
  bool thrown = false;
  try {
    make();
  } catch (const quantkit::invalid_argument& e) {
    thrown = true;
    CHECK(e.function() == component);
    CHECK(e.parameter() == parameter);
    const std::string what = e.what();
    CHECK_MESSAGE(what.rfind(std::string(component) + ": ", 0) == 0, what);
    CHECK_MESSAGE(what.find(std::string(parameter)) != std::string::npos, what);
  }
  CHECK_MESSAGE(thrown, component, ": no invalid_argument for ", parameter);
}

}  // namespace quantkit::test
