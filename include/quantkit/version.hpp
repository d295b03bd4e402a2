// SPDX-License-Identifier: MIT
// quantkit/version.hpp - library version: the single source of truth (CMake reads it)
#pragma once

#define QUANTKIT_VERSION_MAJOR 0
#define QUANTKIT_VERSION_MINOR 1
#define QUANTKIT_VERSION_PATCH 0

/// Version as one integer, major * 10000 + minor * 100 + patch (fmt's convention).
#define QUANTKIT_VERSION \
  (QUANTKIT_VERSION_MAJOR * 10000 + QUANTKIT_VERSION_MINOR * 100 + QUANTKIT_VERSION_PATCH)

namespace quantkit {
/// Version of the headers in use, e.g. {0, 1, 0}.
struct version_info {
  int major;
  int minor;
  int patch;
};
inline constexpr version_info version{QUANTKIT_VERSION_MAJOR, QUANTKIT_VERSION_MINOR,
                                      QUANTKIT_VERSION_PATCH};
}  // namespace quantkit
