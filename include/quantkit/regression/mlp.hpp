// SPDX-License-Identifier: MIT
// quantkit/regression/mlp.hpp - multilayer perceptron regressor (1-2 hidden layers, Adam)
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::regression {

/// Hidden-layer activation of mlp_regressor (the output layer is the identity).
enum class mlp_activation { relu, tanh };

/// Parameters of mlp_regressor. Names and defaults follow scikit-learn's MLPRegressor
/// (solver="adam") where it has the option; standardize_x / standardize_y are quantkit's.
struct mlp_params {
  std::size_t hidden1 = 100;  ///< units of the first hidden layer (>= 1)
  std::size_t hidden2 = 0;    ///< units of the second hidden layer; 0 = one hidden layer
  mlp_activation activation = mlp_activation::relu;
  double alpha = 1e-4;              ///< L2 penalty: 0.5 * alpha * ||W||^2 / batch (biases exempt)
  std::size_t batch_size = 200;     ///< minibatch rows (min(batch_size, n_train))
  double learning_rate = 1e-3;      ///< Adam step size
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  std::size_t max_epochs = 200;     ///< sklearn's max_iter
  double tol = 1e-4;                ///< improvement needed to reset the no-change counter
  std::size_t n_iter_no_change = 10;
  bool early_stopping = false;      ///< hold out validation_fraction, stop on its R^2
  double validation_fraction = 0.1;
  bool shuffle = true;              ///< reshuffle the training rows every epoch
  bool standardize_x = true;        ///< centre and scale features (training mean / std, ddof 0)
  bool standardize_y = true;        ///< centre and scale the target (the loss is on that scale)
  std::uint64_t seed = 0;           ///< init from rng(seed, 0), split rng(seed, 1), shuffles rng(seed, 2)
};

/// Multilayer perceptron regressor: 1 or 2 hidden layers (relu or tanh), identity output,
/// squared loss, trained with Adam on minibatches (scikit-learn's MLPRegressor conventions).
///
/// Loss per minibatch of B rows: 0.5 * mean((y - f(x))^2) + 0.5 * alpha * sum(W^2) / B. Weights
/// and biases are initialised uniformly in +-sqrt(6 / (fan_in + fan_out)) (Glorot, as sklearn).
/// Adam with bias-corrected step lr * sqrt(1 - beta2^t) / (1 - beta1^t). Stopping (sklearn):
/// without early stopping, after n_iter_no_change epochs whose mean training loss did not fall
/// below best - tol; with early stopping, after n_iter_no_change epochs whose validation R^2
/// did not exceed best + tol, then the best-validation weights are restored. Deterministic for a
/// seed (single-threaded; Eigen products in a fixed order).
/// Status: not_converged when max_epochs ends training, failed when the loss becomes non-finite
/// (the model is then unfitted). Deviations from sklearn: the random streams (quantkit::rng),
/// the validation split, and the optional standardisation of X and y (on by default).
/// Errors: invalid params -> invalid_argument at construction; bad X/y -> check_fit_inputs;
/// predict before fit -> not_fitted. Complexity: O(epochs * n * (d h1 + h1 h2 + h2)).
class mlp_regressor {
 public:
  using params_type = mlp_params;
  static constexpr std::string_view kind = "mlp";
  static constexpr std::uint32_t format_version = 1;

  mlp_regressor() = default;
  explicit mlp_regressor(const mlp_params& p) : p_(p) { validate(p_); }

  [[nodiscard]] const mlp_params& params() const noexcept { return p_; }

  /// Trains from a fresh initialisation. Needs at least 2 rows (and at least 2 training and 1
  /// validation rows with early stopping).
  fit_report fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    constexpr std::string_view fn = "quantkit::regression::mlp_regressor::fit";
    detail::check_fit_inputs(fn, x, y, 2);
    fitted_ = false;
    const Eigen::Index n = x.rows();
    const Eigen::Index d = x.cols();
    set_scaling(x, y);
    Eigen::MatrixXd xs = scale_x(x);
    Eigen::VectorXd ys = ((y.array() - y_mean_) / y_std_).matrix();

    // Train/validation split.
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(n));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
    std::vector<Eigen::Index> val_rows;
    if (p_.early_stopping) {
      rng gs(p_.seed, 1);
      shuffle(std::span<Eigen::Index>(rows), gs);
      const auto n_val = static_cast<std::size_t>(
          std::ceil(p_.validation_fraction * static_cast<double>(n)));
      require(n_val >= 1 && static_cast<Eigen::Index>(n_val) + 2 <= n, fn, "validation_fraction",
              p_.validation_fraction, "leaves fewer than 2 training or 1 validation rows");
      val_rows.assign(rows.end() - static_cast<std::ptrdiff_t>(n_val), rows.end());
      rows.resize(rows.size() - n_val);
      std::sort(val_rows.begin(), val_rows.end());
      std::sort(rows.begin(), rows.end());
    }
    init_layout(d);
    {
      rng gi(p_.seed, 0);
      std::size_t off = 0;
      for (std::size_t l = 0; l < fan_in_.size(); ++l) {
        const double bound = std::sqrt(6.0 / static_cast<double>(fan_in_[l] + fan_out_[l]));
        const std::size_t cnt = (fan_in_[l] + 1) * fan_out_[l];
        for (std::size_t k = 0; k < cnt; ++k)
          w_(static_cast<Eigen::Index>(off + k)) = bound * (2.0 * uniform01(gi) - 1.0);
        off += cnt;
      }
    }
    Eigen::MatrixXd xv;
    Eigen::VectorXd yv;
    if (!val_rows.empty()) {
      xv.resize(static_cast<Eigen::Index>(val_rows.size()), d);
      yv.resize(static_cast<Eigen::Index>(val_rows.size()));
      for (std::size_t i = 0; i < val_rows.size(); ++i) {
        xv.row(static_cast<Eigen::Index>(i)) = xs.row(val_rows[i]);
        yv(static_cast<Eigen::Index>(i)) = ys(val_rows[i]);
      }
    }

    const std::size_t n_train = rows.size();
    const std::size_t batch = std::min(p_.batch_size, n_train);
    Eigen::VectorXd m = Eigen::VectorXd::Zero(w_.size());
    Eigen::VectorXd v = Eigen::VectorXd::Zero(w_.size());
    Eigen::VectorXd grad(w_.size());
    Eigen::MatrixXd xb(static_cast<Eigen::Index>(batch), d);
    Eigen::VectorXd yb(static_cast<Eigen::Index>(batch));
    workspace ws;
    rng gsh(p_.seed, 2);
    double best_loss = std::numeric_limits<double>::infinity();
    double best_val = -std::numeric_limits<double>::infinity();
    Eigen::VectorXd best_w;
    std::size_t no_improve = 0;
    std::uint64_t t = 0;
    loss_curve_.clear();
    validation_scores_.clear();
    fit_report rep;
    bool stopped = false;
    for (std::size_t epoch = 0; epoch < p_.max_epochs; ++epoch) {
      if (p_.shuffle) shuffle(std::span<Eigen::Index>(rows), gsh);
      double epoch_loss = 0.0;
      for (std::size_t start = 0; start < n_train; start += batch) {
        const std::size_t bsz = std::min(batch, n_train - start);
        const auto b = static_cast<Eigen::Index>(bsz);
        if (b != xb.rows()) {
          xb.resize(b, d);
          yb.resize(b);
        }
        for (std::size_t i = 0; i < bsz; ++i) {
          xb.row(static_cast<Eigen::Index>(i)) = xs.row(rows[start + i]);
          yb(static_cast<Eigen::Index>(i)) = ys(rows[start + i]);
        }
        const double loss = loss_grad(xb, yb, &grad, ws);
        epoch_loss += loss * static_cast<double>(bsz);
        ++t;
        const double td = static_cast<double>(t);
        m = p_.beta1 * m + (1.0 - p_.beta1) * grad;
        v = p_.beta2 * v + (1.0 - p_.beta2) * grad.cwiseAbs2();
        const double lr = p_.learning_rate * std::sqrt(1.0 - std::pow(p_.beta2, td)) /
                          (1.0 - std::pow(p_.beta1, td));
        w_.array() -= lr * m.array() / (v.array().sqrt() + p_.epsilon);
      }
      epoch_loss /= static_cast<double>(n_train);
      loss_curve_.push_back(epoch_loss);
      rep.iterations = epoch + 1;
      if (!std::isfinite(epoch_loss) || !w_.allFinite()) {
        rep.status = fit_status::failed;
        rep.message = "training diverged (non-finite loss at epoch " + std::to_string(epoch + 1) +
                      "); lower learning_rate";
        return rep;
      }
      if (p_.early_stopping) {
        const double score = r2_scaled(xv, yv, ws);
        validation_scores_.push_back(score);
        if (score < best_val + p_.tol) {
          ++no_improve;
        } else {
          no_improve = 0;
        }
        if (score > best_val) {
          best_val = score;
          best_w = w_;
        }
      } else {
        if (epoch_loss > best_loss - p_.tol) {
          ++no_improve;
        } else {
          no_improve = 0;
        }
        if (epoch_loss < best_loss) best_loss = epoch_loss;
      }
      if (no_improve > p_.n_iter_no_change) {
        stopped = true;
        break;
      }
    }
    if (p_.early_stopping && best_w.size() == w_.size()) w_ = best_w;
    if (!stopped) {
      rep.status = fit_status::not_converged;
      rep.message = "max_epochs (" + std::to_string(p_.max_epochs) +
                    ") reached before the loss stopped improving";
    }
    fitted_ = true;
    return rep;
  }

  /// Predictions for each row of X (in y's units). O(m (d h1 + h1 h2 + h2)).
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::MatrixXd& x) const {
    detail::check_predict_inputs("quantkit::regression::mlp_regressor::predict", x, fitted_,
                                 n_features());
    workspace ws;
    forward(scale_x(x), ws);
    return (ws.out.array() * y_std_ + y_mean_).matrix();
  }

  /// The training objective (sklearn's loss, on the standardised scale) of the current weights
  /// on (X, y) as one batch, and its gradient w.r.t. parameters() when `gradient` is set. For
  /// gradient checks and custom training loops. Throws like predict() and on a y size mismatch.
  [[nodiscard]] double loss_and_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                         Eigen::VectorXd* gradient = nullptr) const {
    constexpr std::string_view fn = "quantkit::regression::mlp_regressor::loss_and_gradient";
    detail::check_predict_inputs(fn, x, fitted_, n_features());
    require_same_length(fn, "X.rows()", static_cast<std::size_t>(x.rows()), "y.size()",
                        static_cast<std::size_t>(y.size()));
    workspace ws;
    Eigen::VectorXd ys = ((y.array() - y_mean_) / y_std_).matrix();
    if (gradient) gradient->resize(w_.size());
    return loss_grad(scale_x(x), ys, gradient, ws);
  }

  /// All weights and biases as one vector: per layer, W (fan_in x fan_out, column-major) then b.
  [[nodiscard]] const Eigen::VectorXd& parameters() const noexcept { return w_; }
  /// Replaces the weights (same size as parameters(); finite). Throws invalid_argument otherwise.
  void set_parameters(const Eigen::VectorXd& w) {
    constexpr std::string_view fn = "quantkit::regression::mlp_regressor::set_parameters";
    require(fitted_, fn, "model", "unfitted", "must be fitted first (the layout comes from fit)");
    require(w.size() == w_.size(), fn, "w.size()", w.size(), "must equal parameters().size()");
    require(w.allFinite(), fn, "w", "non-finite", "must be finite");
    w_ = w;
  }

  /// Mean training loss per epoch (sklearn's loss_curve_).
  [[nodiscard]] const std::vector<double>& loss_curve() const noexcept { return loss_curve_; }
  /// Validation R^2 per epoch with early stopping (sklearn's validation_scores_).
  [[nodiscard]] const std::vector<double>& validation_scores() const noexcept {
    return validation_scores_;
  }

  [[nodiscard]] bool fitted() const noexcept { return fitted_; }
  [[nodiscard]] Eigen::Index n_features() const noexcept {
    return fitted_ ? static_cast<Eigen::Index>(x_mean_.size()) : 0;
  }

  void save_payload(model_writer& w) const {
    if (!fitted_)
      detail::check_predict_inputs("quantkit::regression::mlp_regressor::save",
                                   Eigen::MatrixXd(0, 0), false, 0);
    w.put(static_cast<std::uint64_t>(p_.hidden1));
    w.put(static_cast<std::uint64_t>(p_.hidden2));
    w.put(static_cast<std::uint64_t>(p_.activation));
    w.put_bool(p_.standardize_x);
    w.put_bool(p_.standardize_y);
    w.put_bool(p_.early_stopping);
    w.put_bool(p_.shuffle);
    w.put(static_cast<std::uint64_t>(p_.batch_size));
    w.put(static_cast<std::uint64_t>(p_.max_epochs));
    w.put(static_cast<std::uint64_t>(p_.n_iter_no_change));
    w.put(p_.seed);
    const double reals[] = {p_.alpha, p_.learning_rate, p_.beta1, p_.beta2, p_.epsilon,
                            p_.tol,   p_.validation_fraction};
    for (const double r : reals) w.put(r);
    w.put(x_mean_);
    w.put(x_std_);
    w.put(y_mean_);
    w.put(y_std_);
    w.put(w_);
  }

  static mlp_regressor load_payload(model_reader& r) {
    constexpr std::string_view fn = "quantkit::regression::mlp_regressor::load";
    mlp_params p;
    p.hidden1 = static_cast<std::size_t>(r.get_u64());
    p.hidden2 = static_cast<std::size_t>(r.get_u64());
    const std::uint64_t act = r.get_u64();
    if (act > 1)
      r.fail(std::string(fn) + ": unknown activation id " +
                                                     std::to_string(act));
    p.activation = static_cast<mlp_activation>(act);
    p.standardize_x = r.get_bool();
    p.standardize_y = r.get_bool();
    p.early_stopping = r.get_bool();
    p.shuffle = r.get_bool();
    p.batch_size = static_cast<std::size_t>(r.get_u64());
    p.max_epochs = static_cast<std::size_t>(r.get_u64());
    p.n_iter_no_change = static_cast<std::size_t>(r.get_u64());
    p.seed = r.get_u64();
    double reals[7];
    for (double& x : reals) x = r.get_double();
    p.alpha = reals[0];
    p.learning_rate = reals[1];
    p.beta1 = reals[2];
    p.beta2 = reals[3];
    p.epsilon = reals[4];
    p.tol = reals[5];
    p.validation_fraction = reals[6];
    if (p.hidden1 == 0 || p.hidden1 > (std::size_t{1} << 24) || p.hidden2 > (std::size_t{1} << 24))
      r.fail(std::string(fn) + ": bad layer sizes");
    mlp_regressor m(p);
    m.x_mean_ = r.get_vector();
    m.x_std_ = r.get_vector();
    m.y_mean_ = r.get_double();
    m.y_std_ = r.get_double();
    m.w_ = r.get_vector();
    const Eigen::Index d = m.x_mean_.size();
    if (d < 1 || m.x_std_.size() != d)
      r.fail(std::string(fn) + ": inconsistent feature count");
    const Eigen::VectorXd w = m.w_;
    m.init_layout(d);
    if (w.size() != m.w_.size())
      r.fail(std::string(fn) + ": weight count " +
                                                  std::to_string(w.size()) + " does not match " +
                                                  "the layer sizes (" +
                                                  std::to_string(m.w_.size()) + ")");
    m.w_ = w;
    m.fitted_ = true;
    return m;
  }

 private:
  struct workspace {
    std::vector<Eigen::MatrixXd> a;  // activations of the hidden layers (rows = samples)
    Eigen::VectorXd out;
    Eigen::MatrixXd delta;
    Eigen::MatrixXd delta_prev;
  };

  static void validate(const mlp_params& p) {
    constexpr std::string_view fn = "quantkit::regression::mlp_regressor";
    require(p.hidden1 >= 1, fn, "hidden1", p.hidden1, "must be >= 1");
    require(p.alpha >= 0.0 && std::isfinite(p.alpha), fn, "alpha", p.alpha, "must be finite and >= 0");
    require(p.batch_size >= 1, fn, "batch_size", p.batch_size, "must be >= 1");
    require(p.learning_rate > 0.0 && std::isfinite(p.learning_rate), fn, "learning_rate",
            p.learning_rate, "must be finite and > 0");
    require(p.beta1 >= 0.0 && p.beta1 < 1.0, fn, "beta1", p.beta1, "must be in [0, 1)");
    require(p.beta2 >= 0.0 && p.beta2 < 1.0, fn, "beta2", p.beta2, "must be in [0, 1)");
    require(p.epsilon > 0.0, fn, "epsilon", p.epsilon, "must be > 0");
    require(p.max_epochs >= 1, fn, "max_epochs", p.max_epochs, "must be >= 1");
    require(p.tol >= 0.0, fn, "tol", p.tol, "must be >= 0");
    require(p.validation_fraction > 0.0 && p.validation_fraction < 1.0, fn, "validation_fraction",
            p.validation_fraction, "must be in (0, 1)");
    require(static_cast<unsigned>(p.activation) <= 1U, fn, "activation",
            static_cast<unsigned>(p.activation), "must be relu or tanh");
  }

  void init_layout(Eigen::Index d) {
    fan_in_.clear();
    fan_out_.clear();
    std::size_t prev = static_cast<std::size_t>(d);
    for (const std::size_t h : {p_.hidden1, p_.hidden2}) {
      if (h == 0) continue;
      fan_in_.push_back(prev);
      fan_out_.push_back(h);
      prev = h;
    }
    fan_in_.push_back(prev);
    fan_out_.push_back(1);
    std::size_t total = 0;
    for (std::size_t l = 0; l < fan_in_.size(); ++l) total += (fan_in_[l] + 1) * fan_out_[l];
    w_.setZero(static_cast<Eigen::Index>(total));
  }

  void set_scaling(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    const Eigen::Index d = x.cols();
    const double n = static_cast<double>(x.rows());
    x_mean_ = Eigen::VectorXd::Zero(d);
    x_std_ = Eigen::VectorXd::Ones(d);
    if (p_.standardize_x) {
      for (Eigen::Index j = 0; j < d; ++j) {
        const double mu = x.col(j).mean();
        const double sd = std::sqrt((x.col(j).array() - mu).square().sum() / n);
        x_mean_(j) = mu;
        x_std_(j) = sd > 10.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::fabs(mu)) ? sd : 1.0;
      }
    }
    y_mean_ = 0.0;
    y_std_ = 1.0;
    if (p_.standardize_y) {
      y_mean_ = y.mean();
      const double sd = std::sqrt((y.array() - y_mean_).square().sum() / n);
      y_std_ = sd > 10.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::fabs(y_mean_)) ? sd : 1.0;
    }
  }

  [[nodiscard]] Eigen::MatrixXd scale_x(const Eigen::MatrixXd& x) const {
    Eigen::MatrixXd xs(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      xs.col(j) = (x.col(j).array() - x_mean_(j)) / x_std_(j);
    return xs;
  }

  // Views into the flat parameter vector for layer l.
  [[nodiscard]] Eigen::Map<const Eigen::MatrixXd> weight(const Eigen::VectorXd& w, std::size_t l,
                                                         std::size_t off) const {
    return {w.data() + off, static_cast<Eigen::Index>(fan_in_[l]),
            static_cast<Eigen::Index>(fan_out_[l])};
  }

  void forward(const Eigen::MatrixXd& x, workspace& ws) const {
    const std::size_t layers = fan_in_.size();
    ws.a.resize(layers - 1);
    std::size_t off = 0;
    for (std::size_t l = 0; l < layers; ++l) {
      const auto wl = weight(w_, l, off);
      off += fan_in_[l] * fan_out_[l];
      const Eigen::Map<const Eigen::RowVectorXd> bl(w_.data() + off,
                                                    static_cast<Eigen::Index>(fan_out_[l]));
      off += fan_out_[l];
      const Eigen::MatrixXd& in = l == 0 ? x : ws.a[l - 1];
      if (l + 1 == layers) {
        ws.out.noalias() = in * wl.col(0);
        ws.out.array() += bl(0);
      } else {
        Eigen::MatrixXd& a = ws.a[l];
        a.noalias() = in * wl;
        a.rowwise() += bl;
        if (p_.activation == mlp_activation::relu) {
          a = a.cwiseMax(0.0);
        } else {
          a = a.array().tanh().matrix();
        }
      }
    }
  }

  double loss_grad(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Eigen::VectorXd* grad,
                   workspace& ws) const {
    forward(x, ws);
    const double b = static_cast<double>(x.rows());
    const std::size_t layers = fan_in_.size();
    double wsq = 0.0;
    {
      std::size_t off = 0;
      for (std::size_t l = 0; l < layers; ++l) {
        wsq += weight(w_, l, off).squaredNorm();
        off += (fan_in_[l] + 1) * fan_out_[l];
      }
    }
    const double loss = 0.5 * (ws.out - y).squaredNorm() / b + 0.5 * p_.alpha * wsq / b;
    if (!grad) return loss;
    // Backward pass: delta = dLoss/dz per layer (rows = samples), without the 1/B factor.
    std::vector<std::size_t> offs(layers);
    {
      std::size_t off = 0;
      for (std::size_t l = 0; l < layers; ++l) {
        offs[l] = off;
        off += (fan_in_[l] + 1) * fan_out_[l];
      }
    }
    ws.delta = ws.out - y;  // B x 1
    for (std::size_t l = layers; l-- > 0;) {
      const Eigen::MatrixXd& in = l == 0 ? x : ws.a[l - 1];
      const auto fi = static_cast<Eigen::Index>(fan_in_[l]);
      const auto fo = static_cast<Eigen::Index>(fan_out_[l]);
      Eigen::Map<Eigen::MatrixXd> gw(grad->data() + offs[l], fi, fo);
      Eigen::Map<Eigen::RowVectorXd> gb(grad->data() + offs[l] + fan_in_[l] * fan_out_[l], fo);
      const auto wl = weight(w_, l, offs[l]);
      gw.noalias() = in.transpose() * ws.delta;
      gw += p_.alpha * wl;
      gw /= b;
      gb = ws.delta.colwise().sum() / b;
      if (l > 0) {
        ws.delta_prev.noalias() = ws.delta * wl.transpose();
        const Eigen::MatrixXd& a = ws.a[l - 1];
        if (p_.activation == mlp_activation::relu) {
          ws.delta_prev = (a.array() > 0.0).select(ws.delta_prev, 0.0);
        } else {
          ws.delta_prev.array() *= 1.0 - a.array().square();
        }
        ws.delta.swap(ws.delta_prev);
      }
    }
    return loss;
  }

  // R^2 on the standardised scale (identical to the original scale: R^2 is affine-invariant).
  double r2_scaled(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, workspace& ws) const {
    forward(x, ws);
    const double ss_res = (y - ws.out).squaredNorm();
    const double ss_tot = (y.array() - y.mean()).square().sum();
    return ss_tot > 0.0 ? 1.0 - ss_res / ss_tot : (ss_res == 0.0 ? 1.0 : 0.0);
  }

  mlp_params p_{};
  std::vector<std::size_t> fan_in_;
  std::vector<std::size_t> fan_out_;
  Eigen::VectorXd w_;
  Eigen::VectorXd x_mean_;
  Eigen::VectorXd x_std_;
  double y_mean_ = 0.0;
  double y_std_ = 1.0;
  std::vector<double> loss_curve_;
  std::vector<double> validation_scores_;
  bool fitted_ = false;
};

static_assert(regressor<mlp_regressor>);

}  // namespace quantkit::regression
