// SPDX-License-Identifier: MIT
// quantkit/core/detail/to_text.hpp - value-to-text for error messages (shortest round-trip doubles)
#pragma once

#include <charconv>
#include <concepts>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace quantkit::detail {

/// Shortest text that round-trips `value` ("0.1", "1e-300", "nan", "inf").
inline std::string to_text(double value) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

template <class T>
std::string to_text(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_same_v<T, char>) {
    return std::string("'") + value + "'";
  } else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
    if constexpr (std::is_enum_v<T>) {
      return std::to_string(static_cast<std::underlying_type_t<T>>(value));
    } else {
      return std::to_string(value);
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    return to_text(static_cast<double>(value));
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    std::string out = "\"";
    out.append(std::string_view(value)).append("\"");
    return out;
  } else {
    static_assert(std::is_arithmetic_v<T>, "quantkit::detail::to_text: unsupported type");
    return {};
  }
}

}  // namespace quantkit::detail
