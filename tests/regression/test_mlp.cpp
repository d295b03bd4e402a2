// SPDX-License-Identifier: MIT
#include <quantkit/regression/mlp.hpp>
#include <quantkit/regression/serialize.hpp>

#include "regression/gp_mlp_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_mlp {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace qk = quantkit;
namespace tq = quantkit::test;
using tq::gp_mlp::friedman;
using tq::gp_mlp::r2;
using tq::gp_mlp::to_eigen;

namespace {

const tq::json& sk() {
  static const tq::json j = tq::load_json("regression/mlp_sklearn.json");
  return j;
}

// A model with the layout of `p` on 8 features (one short training run), weights then replaced.
rg::mlp_regressor with_layout(rg::mlp_params p) {
  const auto data = friedman("train", 12);
  p.max_epochs = 1;
  rg::mlp_regressor m(p);
  (void)m.fit(data.x, data.y);
  REQUIRE(m.fitted());
  return m;
}

void check_close(double a, double b, double tol, const std::string& what) {
  CAPTURE(what);
  CAPTURE(a);
  CAPTURE(b);
  CHECK(std::fabs(a - b) <= tol * (1.0 + std::fabs(b)));
}

}  // namespace

TEST_SUITE("regression") {
  TEST_CASE("mlp_regressor: loss, gradient and predictions equal sklearn's at fixed weights") {
    // mlp_sklearn.json "backprop": MLPRegressor._backprop on 12 Friedman rows with weights
    // 0.5 sin(k+1) / biases 0.3 cos(k+1); no standardisation so the scales are sklearn's.
    const auto data = friedman("train", 12);
    const auto test = friedman("test", 5);
    for (const auto& c : sk()["backprop"].items()) {
      rg::mlp_params p;
      p.activation = c["activation"].str() == "tanh" ? rg::mlp_activation::tanh
                                                     : rg::mlp_activation::relu;
      const auto hidden = c["hidden"].numbers();
      p.hidden1 = static_cast<std::size_t>(hidden[0]);
      p.hidden2 = hidden.size() > 1 ? static_cast<std::size_t>(hidden[1]) : 0;
      p.alpha = c["alpha"].num();
      p.standardize_x = false;
      p.standardize_y = false;
      auto m = with_layout(p);
      const Eigen::VectorXd w = to_eigen(c["parameters"].numbers());
      REQUIRE(m.parameters().size() == w.size());
      m.set_parameters(w);
      Eigen::VectorXd grad;
      const double loss = m.loss_and_gradient(data.x, data.y, &grad);
      const std::string what = c["activation"].str();
      check_close(loss, c["loss"].num(), 1e-12, what + " loss");
      const auto g = c["gradient"].numbers();
      REQUIRE(static_cast<std::size_t>(grad.size()) == g.size());
      for (std::size_t i = 0; i < g.size(); ++i)
        check_close(grad(static_cast<Eigen::Index>(i)), g[i], 1e-12, what + " gradient " + std::to_string(i));
      const Eigen::VectorXd pred = m.predict(test.x);
      const auto ref = c["predict"].numbers();
      for (std::size_t i = 0; i < ref.size(); ++i)
        check_close(pred(static_cast<Eigen::Index>(i)), ref[i], 1e-13, what + " predict");
    }
  }

  TEST_CASE("mlp_regressor: gradient agrees with central finite differences") {
    const auto data = friedman("train", 30);
    for (const auto act : {rg::mlp_activation::tanh, rg::mlp_activation::relu}) {
      for (const std::size_t h2 : {std::size_t{0}, std::size_t{4}}) {
        rg::mlp_params p;
        p.activation = act;
        p.hidden1 = 6;
        p.hidden2 = h2;
        p.alpha = 0.05;
        p.seed = 3;
        auto m = with_layout(p);
        const Eigen::VectorXd w = m.parameters();
        Eigen::VectorXd grad;
        (void)m.loss_and_gradient(data.x, data.y, &grad);
        const double h = 1e-6;
        for (Eigen::Index i = 0; i < w.size(); ++i) {
          Eigen::VectorXd wp = w;
          Eigen::VectorXd wm = w;
          wp(i) += h;
          wm(i) -= h;
          m.set_parameters(wp);
          const double fp = m.loss_and_gradient(data.x, data.y);
          m.set_parameters(wm);
          const double fm = m.loss_and_gradient(data.x, data.y);
          // O(h^2) truncation, ~1e-16/h rounding; relu kinks are not hit at these points.
          check_close(grad(i), (fp - fm) / (2.0 * h), 1e-6, "parameter " + std::to_string(i));
        }
        m.set_parameters(w);
      }
    }
  }

  TEST_CASE("mlp_regressor: hand-computed one-unit network") {
    // x standardised off; one relu unit: h = max(0, 2 x0 - x1 + 0.5 + 0 * rest), y = 3 h - 1.
    rg::mlp_params p;
    p.hidden1 = 1;
    p.standardize_x = false;
    p.standardize_y = false;
    p.alpha = 0.0;
    auto m = with_layout(p);
    Eigen::VectorXd w = Eigen::VectorXd::Zero(m.parameters().size());
    REQUIRE(w.size() == 8 + 1 + 1 + 1);
    w(0) = 2.0;
    w(1) = -1.0;
    w(8) = 0.5;
    w(9) = 3.0;
    w(10) = -1.0;
    m.set_parameters(w);
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(2, 8);
    x(0, 0) = 0.25;  // h = 0.5 - 0 + 0.5 = 1 -> 2
    x(1, 1) = 1.0;   // h = max(0, -0.5) = 0 -> -1
    const Eigen::VectorXd pred = m.predict(x);
    CHECK(pred(0) == 2.0);
    CHECK(pred(1) == -1.0);
    // loss = 0.5 * mean((y - pred)^2) with y = (3, -1): 0.5 * (1 + 0) / 2 = 0.25
    Eigen::VectorXd y(2);
    y << 3.0, -1.0;
    CHECK(m.loss_and_gradient(x, y) == 0.25);
  }

  TEST_CASE("mlp_regressor: learns Friedman 1") {
    // 1000 rows, (32,) tanh, lr 0.01, up to 300 epochs: R^2 >= 0.90 documented in
    // docs/regression.md (sklearn's MLPRegressor with the same settings: 0.892,
    // mlp_sklearn.json; ours 0.936).
    const auto train = friedman("train", 1000);
    const auto test = friedman("test");
    rg::mlp_params p;
    p.hidden1 = 32;
    p.activation = rg::mlp_activation::tanh;
    p.learning_rate = 0.01;
    p.max_epochs = 300;
    rg::mlp_regressor m(p);
    const auto rep = m.fit(train.x, train.y);
    CAPTURE(rep.message);
    CHECK(rep.ok());
    CHECK(rep.iterations == m.loss_curve().size());
    CHECK(m.loss_curve().back() < m.loss_curve().front());
    const double score = r2(test.y, m.predict(test.x));
    CAPTURE(score);
    CHECK(score >= 0.90);
    CHECK(score >= sk()["friedman"][0]["test_r2"].num() - 0.005);
  }

#ifdef NDEBUG
  TEST_CASE("mlp_regressor: learns Friedman 1 with 2000 rows and relu") {
    const auto train = friedman("train");
    const auto test = friedman("test");
    rg::mlp_params p;
    p.hidden1 = 64;
    p.max_epochs = 500;
    rg::mlp_regressor m(p);
    CHECK(m.fit(train.x, train.y).ok());
    // sklearn's MLPRegressor((64,)) on standardised y: 0.946 (mlp_sklearn.json)
    CHECK(r2(test.y, m.predict(test.x)) >= sk()["friedman"][1]["test_r2"].num() - 0.02);
  }
#endif

  TEST_CASE("mlp_regressor: early stopping restores the best validation weights") {
    const auto train = friedman("train", 400);
    rg::mlp_params p;
    p.hidden1 = 16;
    p.hidden2 = 8;
    p.early_stopping = true;
    p.validation_fraction = 0.2;
    p.n_iter_no_change = 5;
    p.max_epochs = 400;
    p.learning_rate = 0.01;
    rg::mlp_regressor m(p);
    const auto rep = m.fit(train.x, train.y);
    CHECK(rep.ok());
    const auto& v = m.validation_scores();
    REQUIRE(v.size() == rep.iterations);
    // Stopped n_iter_no_change + 1 epochs after the best one (sklearn's rule).
    const auto best = static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
    CHECK(v.size() - 1 - best >= p.n_iter_no_change);
    CHECK(v[best] > 0.5);
  }

  TEST_CASE("mlp_regressor: deterministic under a seed") {
    const auto train = friedman("train", 200);
    const auto test = friedman("test", 10);
    rg::mlp_params p;
    p.hidden1 = 10;
    p.max_epochs = 20;
    p.batch_size = 32;
    rg::mlp_regressor a(p);
    rg::mlp_regressor b(p);
    (void)a.fit(train.x, train.y);
    (void)b.fit(train.x, train.y);
    const Eigen::VectorXd pa = a.predict(test.x);
    const Eigen::VectorXd pb = b.predict(test.x);
    for (Eigen::Index i = 0; i < pa.size(); ++i) CHECK(tq::same_bits(pa(i), pb(i)));
    p.seed = 1;
    rg::mlp_regressor c(p);
    (void)c.fit(train.x, train.y);
    CHECK(c.predict(test.x)(0) != pa(0));
    // Refitting the same object starts afresh: same result again.
    (void)a.fit(train.x, train.y);
    CHECK(tq::same_bits(a.predict(test.x)(3), pa(3)));
  }

  TEST_CASE("mlp_regressor: status not_converged at max_epochs, failed on divergence") {
    const auto train = friedman("train", 100);
    rg::mlp_params p;
    p.hidden1 = 8;
    p.max_epochs = 3;
    rg::mlp_regressor m(p);
    const auto rep = m.fit(train.x, train.y);
    CHECK(rep.status == rg::fit_status::not_converged);
    CHECK(rep.iterations == 3);
    CHECK(m.fitted());
    p.learning_rate = 1e300;
    p.max_epochs = 50;
    p.standardize_y = false;
    rg::mlp_regressor bad(p);
    const auto r2 = bad.fit(train.x, train.y * 1e200);
    CHECK(r2.status == rg::fit_status::failed);
    CHECK_FALSE(bad.fitted());
  }

  TEST_CASE("mlp_regressor: bad input") {
    auto make = [](auto edit) {
      rg::mlp_params p;
      edit(p);
      return rg::mlp_regressor(p);
    };
    CHECK_THROWS_AS(make([](auto& p) { p.hidden1 = 0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.learning_rate = 0.0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.alpha = -1.0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.beta2 = 1.0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.batch_size = 0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.validation_fraction = 1.0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.max_epochs = 0; }), qk::invalid_argument);

    rg::mlp_regressor m;
    const auto data = friedman("train", 20);
    CHECK_THROWS_AS((void)m.predict(data.x), qk::error);
    CHECK_THROWS_AS((void)rg::to_bytes(m), qk::error);
    CHECK_THROWS_AS(m.set_parameters(Eigen::VectorXd::Zero(3)), qk::invalid_argument);
    CHECK_THROWS_AS(m.fit(data.x, data.y.head(19)), qk::error);
    CHECK_THROWS_AS(m.fit(data.x.topRows(1), data.y.head(1)), qk::error);
    Eigen::MatrixXd xn = data.x;
    xn(2, 2) = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(m.fit(xn, data.y), qk::error);
    Eigen::VectorXd yn = data.y;
    yn(5) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(m.fit(data.x, yn), qk::error);
    rg::mlp_params es;
    es.early_stopping = true;
    es.validation_fraction = 0.5;
    CHECK_THROWS_AS(rg::mlp_regressor(es).fit(data.x.topRows(3), data.y.head(3)),
                    qk::invalid_argument);

    rg::mlp_params p;
    p.max_epochs = 2;
    rg::mlp_regressor f(p);
    (void)f.fit(data.x, data.y);
    CHECK(f.n_features() == 8);
    CHECK_THROWS_AS((void)f.predict(data.x.leftCols(7)), qk::error);
    CHECK_THROWS_AS((void)f.predict(xn), qk::error);
    CHECK_THROWS_AS((void)f.loss_and_gradient(data.x, data.y.head(3)), qk::invalid_argument);
    CHECK_THROWS_AS(f.set_parameters(Eigen::VectorXd::Zero(f.parameters().size() + 1)),
                    qk::invalid_argument);
    Eigen::VectorXd wn = f.parameters();
    wn(0) = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(f.set_parameters(wn), qk::invalid_argument);
  }

  TEST_CASE("mlp_regressor: constant targets fit to the constant") {
    const auto data = friedman("train", 50);
    rg::mlp_params p;
    p.hidden1 = 4;
    p.max_epochs = 400;
    p.learning_rate = 0.01;
    p.tol = 0.0;
    p.n_iter_no_change = 1000;
    rg::mlp_regressor m(p);
    // y's std is 0: standardisation only centres it (scale 1, sklearn's _handle_zeros_in_scale),
    // so the network has to drive its output to 0 on the centred scale.
    (void)m.fit(data.x, Eigen::VectorXd::Constant(50, -2.0));
    const Eigen::VectorXd pred = m.predict(data.x.topRows(5));
    for (Eigen::Index i = 0; i < 5; ++i) CHECK(std::fabs(pred(i) + 2.0) < 0.05);
  }

  TEST_CASE("mlp_regressor: save and load round trip is bit-identical") {
    const auto data = friedman("train", 100);
    rg::mlp_params p;
    p.hidden1 = 7;
    p.hidden2 = 3;
    p.activation = rg::mlp_activation::tanh;
    p.max_epochs = 10;
    rg::mlp_regressor m(p);
    (void)m.fit(data.x, data.y);
    const std::string bytes = rg::to_bytes(m);
    const auto back = rg::from_bytes<rg::mlp_regressor>(bytes);
    CHECK(back.params().hidden2 == 3);
    CHECK(back.params().activation == rg::mlp_activation::tanh);
    CHECK(back.parameters() == m.parameters());
    const Eigen::VectorXd a = m.predict(data.x);
    const Eigen::VectorXd b = back.predict(data.x);
    for (Eigen::Index i = 0; i < a.size(); ++i) CHECK(tq::same_bits(a(i), b(i)));
    CHECK_THROWS_AS((void)rg::from_bytes<rg::mlp_regressor>(bytes.substr(0, bytes.size() - 20)),
                    rg::model_format_error);
    std::string flipped = bytes;
    flipped[100] = static_cast<char>(flipped[100] ^ 0x01);
    CHECK_THROWS_AS((void)rg::from_bytes<rg::mlp_regressor>(flipped), rg::model_format_error);
    // Through a file.
    const auto path = std::filesystem::temp_directory_path() / "quantkit_test_mlp_roundtrip.qkm";
    rg::save(m, path);
    const auto from_file = rg::load<rg::mlp_regressor>(path);
    std::filesystem::remove(path);
    CHECK(from_file.parameters() == m.parameters());
  }
}

}  // namespace regression_test_mlp
