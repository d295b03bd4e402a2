// SPDX-License-Identifier: MIT
// quantkit/core/error.hpp - the quantkit::error hierarchy and the require() argument checks
#pragma once

#include "../config.hpp"
#include "detail/to_text.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace quantkit {

/// Base of every exception quantkit throws. Catch this to handle any quantkit failure.
///
/// It derives from std::runtime_error only. (STYLE.md suggested also deriving invalid_argument
/// from std::invalid_argument; two std::exception bases would make `catch (std::exception&)`
/// ambiguous and silently skip the handler, so quantkit does not.)
class error : public std::runtime_error {
 public:
  explicit error(const std::string& message) : std::runtime_error(message) {}
};

/// An invalid parameter or argument: a bad configuration value, mismatched lengths, an empty
/// input where data is required. The message reads `<function>: <parameter> <rule> (got <value>)`.
class invalid_argument : public error {
 public:
  invalid_argument(std::string function, std::string parameter, const std::string& message)
      : error(message), function_(std::move(function)), parameter_(std::move(parameter)) {}
  /// Qualified name of the function or component that rejected the argument.
  [[nodiscard]] const std::string& function() const noexcept { return function_; }
  /// Name of the offending parameter (may be empty when several are involved).
  [[nodiscard]] const std::string& parameter() const noexcept { return parameter_; }

 private:
  std::string function_;
  std::string parameter_;
};

/// Malformed text input (a CSV file, a timestamp string). Carries the source name (file path or
/// "<string>"), the 1-based line and column; the message starts with `source:line:column:`.
class parse_error : public error {
 public:
  parse_error(std::string source, std::size_t line, std::size_t column, const std::string& reason)
      : error(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + reason),
        source_(std::move(source)),
        line_(line),
        column_(column) {}
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  [[nodiscard]] std::size_t column() const noexcept { return column_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
};

/// Well-formed but invalid data (a non-positive price, high below low, unsorted timestamps).
/// Carries the 0-based row index and the offending field ("high", "time", ...).
class data_error : public error {
 public:
  data_error(std::size_t row, std::string field, const std::string& message)
      : error(message), row_(row), field_(std::move(field)) {}
  [[nodiscard]] std::size_t row() const noexcept { return row_; }
  [[nodiscard]] const std::string& field() const noexcept { return field_; }

 private:
  std::size_t row_;
  std::string field_;
};

/// Throws invalid_argument with the message `<function>: <parameter> <rule> (got <value>)`.
template <class T>
[[noreturn]] void throw_invalid_argument(std::string_view function, std::string_view parameter,
                                         std::string_view rule, const T& value) {
  std::string msg;
  msg.reserve(96);
  msg.append(function).append(": ").append(parameter).append(" ").append(rule);
  msg.append(" (got ").append(detail::to_text(value)).append(")");
  QUANTKIT_THROW(invalid_argument(std::string(function), std::string(parameter), msg));
}

/// Throws invalid_argument with the message `<function>: <message>`.
[[noreturn]] inline void throw_invalid_argument(std::string_view function,
                                                std::string_view parameter,
                                                std::string_view message) {
  std::string msg;
  msg.append(function).append(": ").append(message);
  QUANTKIT_THROW(invalid_argument(std::string(function), std::string(parameter), msg));
}

/// Argument check: unless `ok`, throws invalid_argument
/// `"<function>: <parameter> <rule> (got <value>)"`, e.g.
/// `require(period >= 1, "quantkit::indicators::ema", "period", period, "must be >= 1")`.
/// The message is only built on failure, so the check is cheap enough for any constructor.
template <class T>
constexpr void require(bool ok, std::string_view function, std::string_view parameter,
                       const T& value, std::string_view rule) {
  if (!ok) throw_invalid_argument(function, parameter, rule, value);
}

/// Length check for paired inputs: throws invalid_argument naming both parameters and lengths,
/// e.g. `"quantkit::stats::beta: returns and benchmark must have the same length (got 100 and
/// 99)"`.
inline void require_same_length(std::string_view function, std::string_view name_a,
                                std::size_t size_a, std::string_view name_b, std::size_t size_b) {
  if (size_a == size_b) return;
  std::string msg;
  msg.append(name_a).append(" and ").append(name_b).append(" must have the same length (got ");
  msg.append(std::to_string(size_a)).append(" and ").append(std::to_string(size_b)).append(")");
  throw_invalid_argument(function, name_a, msg);
}

/// Finite-and-in-range check for a real parameter; NaN always fails.
/// Example: `require_finite(sigma, "quantkit::gbm", "sigma")`.
inline void require_finite(double value, std::string_view function, std::string_view parameter) {
  // NaN and +-inf both fail `value - value == 0`.
  if (!(value - value == 0.0)) throw_invalid_argument(function, parameter, "must be finite", value);
}

}  // namespace quantkit
