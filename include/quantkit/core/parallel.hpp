// SPDX-License-Identifier: MIT
// quantkit/core/parallel.hpp - deterministic parallel_for / parallel_map on std::thread
#pragma once

#include "error.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit {

/// Cooperative cancellation. Copies share one flag: keep one copy, pass another in the options,
/// call cancel() from any thread (a UI, a signal handler's flag poller, a time budget). Running
/// indices finish; indices not yet started are skipped and reported as not done.
class cancel_token {
 public:
  cancel_token() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const noexcept { flag_->store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const noexcept { return flag_->load(std::memory_order_relaxed); }
  /// Clears the flag for reuse.
  void reset() const noexcept { flag_->store(false, std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// Options of every parallel pipeline.
struct parallel_options {
  /// Worker threads; 0 means std::thread::hardware_concurrency() (at least 1). With 1, the work
  /// runs on the calling thread and no thread is created. Never affects results.
  std::size_t threads = 0;
  /// Called with (processed, total) on the calling thread (processed counts indices that finished,
  /// with or without an exception), at most about once per progress_interval,
  /// and once more at the end. It runs while workers continue, so keep it short.
  std::function<void(std::size_t done, std::size_t total)> progress{};
  std::chrono::milliseconds progress_interval{100};
  /// Optional cancellation token (see cancel_token).
  std::optional<cancel_token> cancel{};
};

/// An exception thrown by one index, captured so the other indices' results survive.
struct index_error {
  std::size_t index = 0;
  std::string message;  ///< what() of the exception, or "unknown exception"
  std::exception_ptr exception;
};

/// What happened in a parallel run: how many indices completed (ran without throwing), whether the
/// run was cancelled, and the errors sorted by index.
struct parallel_report {
  std::size_t total = 0;
  std::size_t completed = 0;
  bool cancelled = false;
  std::vector<index_error> errors;

  /// All indices ran and none threw.
  [[nodiscard]] bool ok() const noexcept { return !cancelled && errors.empty(); }
  /// Rethrows the exception of the lowest failing index, if any.
  void rethrow_first_error() const {
    if (!errors.empty()) std::rethrow_exception(errors.front().exception);
  }
};

/// Results of parallel_map: `values[i]` holds f(i), or nothing when index i threw or was skipped
/// by cancellation (then report.errors or report.cancelled says why).
template <class T>
struct map_result {
  std::vector<std::optional<T>> values;
  parallel_report report;
};

/// Effective thread count for `requested` threads and `n` indices.
inline std::size_t resolve_threads(std::size_t requested, std::size_t n) noexcept {
  std::size_t t = requested;
  if (t == 0) t = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(t, n));
}

namespace detail {

inline std::string exception_message(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

inline std::size_t errors_size(std::mutex& m, const std::vector<index_error>& errors) {
  std::lock_guard<std::mutex> lock(m);
  return errors.size();
}

/// Runs body(i) for i in [0, n): indices are handed out in increasing order from a shared counter;
/// exceptions are captured per index. body must be safe to call concurrently for distinct i.
template <class Body>
parallel_report run_indices(std::size_t n, Body& body, const parallel_options& opt) {
  parallel_report rep;
  rep.total = n;
  const std::size_t threads = resolve_threads(opt.threads, n);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> cancelled{false};
  std::mutex err_mutex;
  std::vector<index_error> errors;

  auto is_cancelled = [&]() { return opt.cancel && opt.cancel->cancelled(); };
  auto run_one = [&](std::size_t i) {
    try {
      body(i);
      done.fetch_add(1, std::memory_order_relaxed);
    } catch (...) {
      auto e = std::current_exception();
      std::lock_guard<std::mutex> lock(err_mutex);
      errors.push_back(index_error{i, exception_message(e), e});
    }
  };

  if (threads == 1) {
    using clock = std::chrono::steady_clock;
    auto last = clock::now();
    for (std::size_t i = 0; i < n; ++i) {
      if (is_cancelled()) {
        cancelled = true;
        break;
      }
      run_one(i);
      if (opt.progress) {
        const auto now = clock::now();
        if (now - last >= opt.progress_interval) {
          last = now;
          opt.progress(i + 1, n);
        }
      }
    }
  } else {
    std::mutex wake_mutex;
    std::condition_variable wake;
    std::size_t finished_workers = 0;
    auto worker = [&]() {
      for (;;) {
        if (is_cancelled()) {
          cancelled.store(true, std::memory_order_relaxed);
          break;
        }
        const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
        if (i >= n) break;
        run_one(i);
      }
      {
        std::lock_guard<std::mutex> lock(wake_mutex);
        ++finished_workers;
      }
      wake.notify_one();
    };
    std::vector<std::thread> pool;
    pool.reserve(threads);
    try {
      for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    } catch (...) {
      // Thread creation failed: stop handing out work, join what started, report the failure.
      next.store(n);
      for (auto& th : pool) th.join();
      throw;
    }
    {
      std::unique_lock<std::mutex> lock(wake_mutex);
      while (finished_workers < pool.size()) {
        if (opt.progress) {
          wake.wait_for(lock, opt.progress_interval);
          if (finished_workers < pool.size()) {
            lock.unlock();
            opt.progress(done.load(std::memory_order_relaxed) + errors_size(err_mutex, errors), n);
            lock.lock();
          }
        } else {
          wake.wait(lock);
        }
      }
    }
    for (auto& th : pool) th.join();
  }
  std::sort(errors.begin(), errors.end(),
            [](const index_error& a, const index_error& b) { return a.index < b.index; });
  rep.completed = done.load();
  // A cancel that arrives after the last index was handed out changes nothing: not cancelled.
  rep.cancelled = cancelled.load() && rep.completed + errors.size() < n;
  rep.errors = std::move(errors);
  if (opt.progress) opt.progress(rep.completed + rep.errors.size(), n);
  return rep;
}

}  // namespace detail

/// Calls f(i) for every i in [0, n) on `options.threads` threads. f must be callable concurrently
/// for distinct indices (write results into slot i of a pre-sized container; never push_back into
/// a shared one). An exception from f(i) is captured in the report with its index; the other
/// indices still run. Indices are handed out in increasing order; the assignment of indices to
/// threads varies, so f(i) must depend only on i (seed per-index engines with rng(seed, i)) for
/// results to be identical for any thread count. Reductions belong after the call, in index order.
/// Overhead: one thread start per worker and one atomic increment per index.
template <class F>
requires std::invocable<F&, std::size_t> parallel_report
parallel_for(std::size_t n, F&& f, const parallel_options& options = {}) {
  return detail::run_indices(n, f, options);
}

/// Returns f(i) for every i in [0, n) as `values[i]` (see parallel_for for the threading, error
/// and determinism rules). The result type must be move-constructible.
template <class F>
requires std::invocable<F&, std::size_t>
auto parallel_map(std::size_t n, F&& f, const parallel_options& options = {})
    -> map_result<std::decay_t<std::invoke_result_t<F&, std::size_t>>> {
  using T = std::decay_t<std::invoke_result_t<F&, std::size_t>>;
  map_result<T> out;
  out.values.resize(n);
  auto body = [&](std::size_t i) { out.values[i].emplace(f(i)); };
  out.report = detail::run_indices(n, body, options);
  return out;
}

}  // namespace quantkit
