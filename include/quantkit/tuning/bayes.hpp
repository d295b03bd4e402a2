// SPDX-License-Identifier: MIT
// quantkit/tuning/bayes.hpp - Bayesian optimisation: Gaussian-process surrogate, EI / PI / LCB
// acquisitions, batch proposals (constant liar, kriging believer), integer and categorical
// dimensions
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "../regression/gaussian_process.hpp"
#include "../regression/model.hpp"
#include "../samplers/lhs.hpp"
#include "genetic.hpp"
#include "search.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <numeric>
#include <span>
#include <string>
#include <vector>

namespace quantkit::tuning {

/// Acquisition function of bayes_search. The surrogate models the score s (larger is better:
/// the metric when maximizing, minus it when minimizing); mu, sd its predictive mean and std,
/// s* the best observed score.
enum class acquisition {
  expected_improvement,        ///< EI = (mu - s* - xi) Phi(z) + sd phi(z), z = (mu - s* - xi) / sd
  probability_of_improvement,  ///< PI = Phi(z)
  lower_confidence_bound       ///< LCB of the minimized objective = mu + kappa sd on the score
};

/// How bayes_search proposes a batch of q > 1 points before their results are known
/// (Ginsbourger, Le Riche & Carraro 2010, "Kriging is well-suited to parallelize
/// optimization"): after each pick, pretend its value is known and refit (hyperparameters held
/// fixed).
enum class batch_strategy {
  kriging_believer,   ///< the pretended value is the surrogate's mean there
  constant_liar_min,  ///< the worst observed score (pessimistic: spreads the batch most)
  constant_liar_mean, ///< the mean observed score
  constant_liar_max   ///< the best observed score (optimistic)
};

/// Parameters of bayes_search.
struct bayes_options {
  std::size_t initial = 0;  ///< Latin-hypercube points before the surrogate; 0 = max(2 d + 1, 5)
  std::size_t batch = 1;    ///< points proposed per round (q >= 1)
  acquisition acq = acquisition::expected_improvement;
  double xi = 0.0;     ///< EI/PI exploration margin, in score units (>= 0)
  double kappa = 2.0;  ///< LCB width (>= 0)
  batch_strategy strategy = batch_strategy::kriging_believer;
  std::size_t candidates = 2000;   ///< random candidates per pick (>= 1)
  std::size_t local_starts = 5;    ///< best candidates refined by local search
  std::size_t local_steps = 40;    ///< perturbations per local search
  /// Re-optimise the surrogate's hyperparameters every this many rounds (1 = every round); in
  /// between, refit with the last hyperparameters (much cheaper; see the surrogate's refit()).
  std::size_t hyper_every = 1;
  /// Of the rounds that re-optimise hyperparameters, every this many (counting the first) run the
  /// surrogate's full fit() with its random restarts; the others run one optimiser start from
  /// the previous hyperparameters (the surrogate's refine(), a few iterations: see
  /// docs/performance.md). 1 = full fit every time. Surrogates without refine() always fit().
  std::size_t restart_every = 10;
};

namespace detail {

inline double std_normal_cdf(double z) noexcept { return 0.5 * std::erfc(-z * std::numbers::sqrt2 / 2.0); }
inline double std_normal_pdf(double z) noexcept {
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}

/// Acquisition value at mean mu, std sd (scores standardised), best observed best.
inline double acquisition_value(acquisition a, double mu, double sd, double best, double xi,
                                double kappa) noexcept {
  switch (a) {
    case acquisition::expected_improvement: {
      const double imp = mu - best - xi;
      if (!(sd > 0.0)) return std::max(imp, 0.0);
      const double z = imp / sd;
      return imp * std_normal_cdf(z) + sd * std_normal_pdf(z);
    }
    case acquisition::probability_of_improvement: {
      const double imp = mu - best - xi;
      if (!(sd > 0.0)) return imp > 0.0 ? 1.0 : 0.0;
      return std_normal_cdf(imp / sd);
    }
    case acquisition::lower_confidence_bound: return mu + kappa * sd;
  }
  return 0.0;
}

/// Encoding of snapped unit points as surrogate features: continuous and ordinal dimensions keep
/// their unit coordinate; a categorical dimension with k labels becomes k one-hot columns (so
/// the kernel sees no order between labels; Garrido-Merchan & Hernandez-Lobato 2020 round
/// before the kernel likewise).
struct unit_encoder {
  std::vector<dimension_kind> kinds;
  std::vector<std::size_t> levels;
  std::size_t width = 0;

  explicit unit_encoder(const search_context& ctx) : kinds(ctx.kinds), levels(ctx.levels) {
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      width += kinds[i] == dimension_kind::categorical ? levels[i] : 1;
    }
  }
  void encode(std::span<const double> u, Eigen::MatrixXd& x, Eigen::Index r) const {
    Eigen::Index c = 0;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (kinds[i] == dimension_kind::categorical) {
        const auto k = levels[i];
        const auto hot = std::min<std::size_t>(k - 1, static_cast<std::size_t>(u[i] * static_cast<double>(k)));
        for (std::size_t j = 0; j < k; ++j) x(r, c++) = j == hot ? 1.0 : 0.0;
      } else {
        x(r, c++) = u[i];
      }
    }
  }
};

}  // namespace detail

/// Bayesian optimisation (Jones, Schonlau & Welch 1998; Snoek, Larochelle & Adams 2012) on the
/// unit cube of a space. Round 0 proposes `initial` Latin-hypercube points (snapped, feasible
/// ones first). Each later round fits the surrogate (default: regression::gaussian_process,
/// Matern 5/2 ARD + white noise, normalize_y) to the standardised scores of all trials so far
/// (failed trials are imputed the worst observed score so the search steers away from them),
/// then proposes `batch` points, each maximising the acquisition over `candidates` uniform
/// random snapped points plus a local search (Gaussian steps of shrinking scale, 0.1 to 0.001,
/// snapped) from the `local_starts` best; points already evaluated or infeasible are skipped.
/// For batch > 1 the later picks see the earlier ones through `strategy`. Integer dimensions are
/// snapped to their buckets; categorical ones are one-hot encoded (detail::unit_encoder).
/// Deterministic: round r draws from rng(seed, r), the surrogate's restarts from its own seed, so
/// batches do not depend on the thread count. A surrogate fit that fails (status not ok) falls
/// back to a random feasible point for that pick.
/// Surrogate: any regression::probabilistic_regressor; `refit(X, y)` (fixed hyperparameters,
/// rounds between `hyper_every`) and `refine(X, y)` (one warm optimiser start, hyperparameter
/// rounds between `restart_every`) are used when it has them. Cost per round: one surrogate fit (GP: O(iterations n^3)) plus
/// O((candidates + local) n^2) predictions per pick.
template <regression::probabilistic_regressor Surrogate = regression::gaussian_process>
class bayes_search {
 public:
  explicit bayes_search(bayes_options options = {}, Surrogate surrogate = default_surrogate())
      : opt_(options), model_(std::move(surrogate)) {
    constexpr const char* fn = "quantkit::tuning::bayes_search";
    require(opt_.batch >= 1, fn, "batch", opt_.batch, "must be >= 1");
    require(opt_.xi >= 0.0 && std::isfinite(opt_.xi), fn, "xi", opt_.xi, "must be finite and >= 0");
    require(opt_.kappa >= 0.0 && std::isfinite(opt_.kappa), fn, "kappa", opt_.kappa,
            "must be finite and >= 0");
    require(opt_.candidates >= 1, fn, "candidates", opt_.candidates, "must be >= 1");
    require(opt_.hyper_every >= 1, fn, "hyper_every", opt_.hyper_every, "must be >= 1");
    require(opt_.restart_every >= 1, fn, "restart_every", opt_.restart_every, "must be >= 1");
  }

  /// The default surrogate: GP with a Matern 5/2 ARD kernel, white noise, normalized targets,
  /// length scales in [1e-2, 1e2] (unit-cube inputs), one random optimiser restart besides a warm
  /// start from the previous round's hyperparameters.
  static Surrogate default_surrogate() {
    if constexpr (std::same_as<Surrogate, regression::gaussian_process>) {
      regression::gaussian_process_params p;
      p.kernel = regression::gp_kernel::matern52;
      p.ard = true;
      p.length_scale = 0.3;
      p.length_scale_lower = 1e-2;
      p.length_scale_upper = 1e2;
      p.noise_level = 1e-4;
      p.noise_lower = 1e-8;
      p.noise_upper = 1e-1;
      p.normalize_y = true;
      p.n_restarts = 1;
      p.warm_start = true;
      p.seed = 0x5EED;
      return regression::gaussian_process(p);
    } else {
      return Surrogate{};
    }
  }

  void start(const search_context& ctx) {
    round_ = 0;
    hyper_fits_ = 0;
    units_.clear();
    scores_.clear();
    enc_ = detail::unit_encoder(ctx);
  }

  std::vector<std::vector<double>> ask(const search_context& ctx, std::size_t n) {
    const std::size_t r = round_++;
    rng g(ctx.seed, r);
    std::vector<std::vector<double>> out;
    if (units_.empty()) {
      const std::size_t init = std::min(n, opt_.initial != 0 ? opt_.initial
                                                             : std::max<std::size_t>(2 * ctx.dims + 1, 5));
      const auto flat = samplers::lhs_sampler{}.unit_sample(ctx.dims, init, ctx.seed);
      std::vector<std::vector<double>> infeasible;
      for (std::size_t i = 0; i < init; ++i) {
        std::vector<double> u(flat.begin() + static_cast<std::ptrdiff_t>(i * ctx.dims),
                              flat.begin() + static_cast<std::ptrdiff_t>((i + 1) * ctx.dims));
        u = ctx.snapped(std::move(u));
        (ctx.is_feasible(u) ? out : infeasible).push_back(std::move(u));
      }
      out.insert(out.end(), infeasible.begin(), infeasible.end());
      return out;
    }
    const std::size_t q = std::min(n, opt_.batch);
    // Training data: evaluated points, failed ones imputed the worst score.
    double worst = std::numeric_limits<double>::infinity();
    double best = -worst;
    double sum = 0.0;
    std::size_t ok = 0;
    for (double s : scores_) {
      if (std::isnan(s)) continue;
      worst = std::min(worst, s);
      best = std::max(best, s);
      sum += s;
      ++ok;
    }
    if (ok == 0) {
      for (std::size_t k = 0; k < q; ++k) out.push_back(random_feasible(ctx, g));
      return out;
    }
    const double mean = sum / static_cast<double>(ok);
    std::vector<std::vector<double>> xs = units_;
    std::vector<double> ys;
    for (double s : scores_) ys.push_back(std::isnan(s) ? worst : s);
    const bool hyper = (r - 1) % opt_.hyper_every == 0 || !model_.fitted();
    fit_kind first = fit_kind::keep;
    if (hyper) {
      first = hyper_fits_ % opt_.restart_every == 0 || !model_.fitted() ? fit_kind::full
                                                                         : fit_kind::refine;
      ++hyper_fits_;
    }
    for (std::size_t k = 0; k < q; ++k) {
      const bool fitted = fit(xs, ys, k == 0 ? first : fit_kind::keep);
      std::vector<double> u = fitted ? maximise(ctx, xs, best, g) : std::vector<double>{};
      if (u.empty()) u = random_feasible(ctx, g);
      out.push_back(u);
      if (k + 1 < q) {
        double lie = worst;
        switch (opt_.strategy) {
          case batch_strategy::kriging_believer: lie = fitted ? predict_one(u).first : mean; break;
          case batch_strategy::constant_liar_min: lie = worst; break;
          case batch_strategy::constant_liar_mean: lie = mean; break;
          case batch_strategy::constant_liar_max: lie = best; break;
        }
        xs.push_back(u);
        ys.push_back(lie);
      }
    }
    return out;
  }

  void tell(const search_context&, std::span<const observation> obs) {
    for (const auto& o : obs) {
      units_.push_back(o.unit);
      scores_.push_back(o.score);
    }
  }

  /// The surrogate as last fitted (for inspection).
  [[nodiscard]] const Surrogate& surrogate() const noexcept { return model_; }

 private:
  // How a round fits the surrogate: fit() (restarts), refine() (one warm optimiser start), or
  // refit() (hyperparameters held).
  enum class fit_kind { full, refine, keep };

  bool fit(const std::vector<std::vector<double>>& xs, const std::vector<double>& ys, fit_kind how) {
    Eigen::MatrixXd x(static_cast<Eigen::Index>(xs.size()), static_cast<Eigen::Index>(enc_.width));
    Eigen::VectorXd y(static_cast<Eigen::Index>(ys.size()));
    for (std::size_t i = 0; i < xs.size(); ++i) {
      enc_.encode(xs[i], x, static_cast<Eigen::Index>(i));
      y(static_cast<Eigen::Index>(i)) = ys[i];
    }
    if constexpr (requires { model_.refine(x, y); }) {
      if (how == fit_kind::refine) return model_.refine(x, y).ok();
    }
    if constexpr (requires { model_.refit(x, y); }) {
      if (how == fit_kind::keep) return model_.refit(x, y).ok();
    }
    return model_.fit(x, y).ok();
  }

  std::pair<double, double> predict_one(std::span<const double> u) const {
    Eigen::MatrixXd x(1, static_cast<Eigen::Index>(enc_.width));
    enc_.encode(u, x, 0);
    const Eigen::VectorXd m = model_.predict(x);
    const Eigen::VectorXd s = model_.predict_std(x);
    return {m(0), s(0)};
  }

  /// Acquisition values at the rows of encoded matrix x.
  Eigen::VectorXd score_rows(const Eigen::MatrixXd& x, double best) const {
    Eigen::VectorXd m;
    Eigen::VectorXd s;
    if constexpr (requires { model_.predict_mean_std(x); }) {
      auto p = model_.predict_mean_std(x);
      m = std::move(p.mean);
      s = std::move(p.std);
    } else {
      m = model_.predict(x);
      s = model_.predict_std(x);
    }
    Eigen::VectorXd a(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      a(i) = detail::acquisition_value(opt_.acq, m(i), s(i), best, opt_.xi, opt_.kappa);
    }
    return a;
  }

  std::vector<double> random_feasible(const search_context& ctx, rng& g) const {
    std::vector<double> u;
    for (int attempt = 0; attempt < 64; ++attempt) {
      u = detail::random_unit_point(ctx, g);
      if (ctx.is_feasible(u)) break;
    }
    return u;
  }

  bool known(const std::vector<std::vector<double>>& xs, const std::vector<double>& u) const {
    return std::find(xs.begin(), xs.end(), u) != xs.end();
  }

  std::vector<double> maximise(const search_context& ctx, const std::vector<std::vector<double>>& xs,
                               double best, rng& g) const {
    const auto w = static_cast<Eigen::Index>(enc_.width);
    std::vector<std::vector<double>> cand;
    cand.reserve(opt_.candidates);
    for (std::size_t c = 0; c < opt_.candidates; ++c) cand.push_back(detail::random_unit_point(ctx, g));
    Eigen::MatrixXd x(static_cast<Eigen::Index>(cand.size()), w);
    for (std::size_t c = 0; c < cand.size(); ++c) enc_.encode(cand[c], x, static_cast<Eigen::Index>(c));
    const Eigen::VectorXd a = score_rows(x, best);
    std::vector<std::size_t> order(cand.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
      return a(static_cast<Eigen::Index>(i)) > a(static_cast<Eigen::Index>(j));
    });
    std::vector<double> best_u;
    double best_a = -std::numeric_limits<double>::infinity();
    auto consider = [&](const std::vector<double>& u, double v) {
      if (v > best_a && !known(xs, u) && ctx.is_feasible(u)) {
        best_a = v;
        best_u = u;
      }
    };
    for (std::size_t i = 0; i < order.size() && i < 64; ++i) consider(cand[order[i]], a(static_cast<Eigen::Index>(order[i])));
    // Local search: Gaussian steps around the best starts, all steps of a start scored at once.
    const std::size_t starts = std::min(opt_.local_starts, order.size());
    for (std::size_t s = 0; s < starts && opt_.local_steps > 0; ++s) {
      std::vector<double> cur = cand[order[s]];
      double cur_a = a(static_cast<Eigen::Index>(order[s]));
      const std::size_t rounds = 4;
      const std::size_t per = std::max<std::size_t>(1, opt_.local_steps / rounds);
      double scale = 0.1;
      for (std::size_t rr = 0; rr < rounds; ++rr, scale *= 0.1) {
        std::vector<std::vector<double>> steps;
        for (std::size_t k = 0; k < per; ++k) {
          std::vector<double> u = cur;
          for (std::size_t i = 0; i < ctx.dims; ++i) {
            if (ctx.kinds[i] == dimension_kind::categorical) {
              if (uniform01(g) < 1.0 / static_cast<double>(ctx.dims)) u[i] = uniform01(g);
            } else {
              double sd = scale;
              if (ctx.levels[i] > 0) sd = std::max(sd, 1.0 / static_cast<double>(ctx.levels[i]));
              u[i] = detail::reflect_unit(u[i] + sd * normal(g));
            }
          }
          steps.push_back(ctx.snapped(std::move(u)));
        }
        Eigen::MatrixXd xs2(static_cast<Eigen::Index>(steps.size()), w);
        for (std::size_t k = 0; k < steps.size(); ++k) enc_.encode(steps[k], xs2, static_cast<Eigen::Index>(k));
        const Eigen::VectorXd a2 = score_rows(xs2, best);
        for (std::size_t k = 0; k < steps.size(); ++k) {
          const double v = a2(static_cast<Eigen::Index>(k));
          consider(steps[k], v);
          if (v > cur_a) {
            cur_a = v;
            cur = steps[k];
          }
        }
      }
    }
    return best_u;
  }

  bayes_options opt_;
  Surrogate model_;
  std::size_t round_ = 0;
  std::size_t hyper_fits_ = 0;  // rounds so far that re-optimised hyperparameters
  std::vector<std::vector<double>> units_;
  std::vector<double> scores_;
  detail::unit_encoder enc_{search_context{}};
};

}  // namespace quantkit::tuning
