// SPDX-License-Identifier: MIT
// quantkit/stats/detail/checks.hpp - argument checks shared by the statistics headers
#pragma once

#include "../../core/error.hpp"

namespace quantkit::stats::detail {

/// Throws invalid_argument naming `function` unless confidence is in (0, 1).
inline void check_confidence(double confidence, const char* function) {
  require(confidence > 0.0 && confidence < 1.0, function, "confidence", confidence,
          "must be in (0, 1)");
}

}  // namespace quantkit::stats::detail
