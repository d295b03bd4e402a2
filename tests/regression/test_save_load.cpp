// SPDX-License-Identifier: MIT
// Save/load of every model of the linear branch: exact round trip, wrong kind, corruption.
#include <quantkit/regression/coordinate_descent.hpp>
#include <quantkit/regression/ensemble.hpp>
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>
#include <quantkit/regression/linear.hpp>
#include <quantkit/regression/logistic.hpp>
#include <quantkit/regression/scaling.hpp>
#include <quantkit/regression/serialize.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace regression_test_save_load {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;

namespace {
struct small {
  Eigen::MatrixXd X, Xt;
  Eigen::VectorXd y;
};
const small& data() {
  static const small d = [] {
    small s;
    s.X = tr::friedman_train().X.topRows(120);
    s.y = tr::friedman_train().y.head(120);
    s.Xt = tr::friedman_test().X.topRows(30);
    return s;
  }();
  return d;
}

// Fits, round-trips through bytes, and checks bit-identical predictions and an identical re-save.
template <class M>
void round_trip(M model, const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::MatrixXd& Xt) {
  CAPTURE(std::string(M::kind));
  const M unfitted = model;
  const std::string ub = rg::to_bytes(unfitted);
  const M u2 = rg::from_bytes<M>(ub);
  CHECK_FALSE(u2.fitted());
  (void)model.fit(X, y);
  REQUIRE(model.fitted());
  const std::string bytes = rg::to_bytes(model);
  const M back = rg::from_bytes<M>(bytes);
  CHECK(back.fitted());
  CHECK(back.n_features() == model.n_features());
  CHECK(back.predict(Xt) == model.predict(Xt));
  CHECK(rg::to_bytes(back) == bytes);
  // any single flipped payload byte is caught by the checksum
  std::string bad = bytes;
  bad[bytes.size() / 2] = static_cast<char>(bad[bytes.size() / 2] ^ 0x40);
  CHECK_THROWS_AS((void)rg::from_bytes<M>(bad), rg::model_format_error);
  CHECK_THROWS_AS((void)rg::from_bytes<M>(bytes.substr(0, bytes.size() - 9)), rg::model_format_error);
}
}  // namespace

TEST_CASE("save_load - every linear-branch model round-trips exactly") {
  const auto& d = data();
  round_trip(rg::linear_regression(), d.X, d.y, d.Xt);
  round_trip(rg::ridge(0.5), d.X, d.y, d.Xt);
  round_trip(rg::lasso({.alpha = 0.01}), d.X, d.y, d.Xt);
  round_trip(rg::elastic_net({.alpha = 0.01, .l1_ratio = 0.2}), d.X, d.y, d.Xt);
  round_trip(rg::knn_regressor({.k = 4, .weights = rg::knn_weights::distance}), d.X, d.y, d.Xt);
  round_trip(rg::kernel_ridge({.alpha = 0.1, .kernel = rg::kernel_type::poly, .gamma = 0.2, .degree = 2}), d.X,
             d.y, d.Xt);
  round_trip(rg::scaled<rg::minmax_scaler, rg::ridge>({}, rg::ridge(0.1)), d.X, d.y, d.Xt);
  round_trip(rg::averaging<rg::ridge, rg::knn_regressor>({2.0, 1.0}, rg::ridge(), rg::knn_regressor()), d.X, d.y,
             d.Xt);
  round_trip(rg::stacking<rg::ridge, rg::lasso, rg::kernel_ridge>(
                 {.folds = 3}, rg::ridge(0.01), rg::lasso({.alpha = 0.01}),
                 rg::kernel_ridge({.alpha = 0.1, .kernel = rg::kernel_type::rbf})),
             d.X, d.y, d.Xt);
  const auto& c = tr::classification();
  round_trip(rg::logistic_regression({.C = 0.5}), c.X.topRows(200), c.y.head(200), c.X.bottomRows(20));
}

TEST_CASE("save_load - scalers round-trip; stacking and averaging keep their structure") {
  rg::standard_scaler s;
  s.fit(data().X);
  const auto s2 = rg::from_bytes<rg::standard_scaler>(rg::to_bytes(s));
  CHECK(s2.transform(data().Xt) == s.transform(data().Xt));
  rg::minmax_scaler m({.lo = -2.0, .hi = 3.0});
  m.fit(data().X);
  const auto m2 = rg::from_bytes<rg::minmax_scaler>(rg::to_bytes(m));
  CHECK(m2.transform(data().Xt) == m.transform(data().Xt));
  rg::averaging<rg::ridge, rg::knn_regressor> a({2.0, 1.0}, rg::ridge(), rg::knn_regressor());
  (void)a.fit(data().X, data().y);
  const auto a2 = rg::from_bytes<decltype(a)>(rg::to_bytes(a));
  CHECK(a2.weights() == a.weights());
  CHECK(a2.predict_std(data().Xt) == a.predict_std(data().Xt));
}

TEST_CASE("save_load - files, wrong kind and lasso payload validation") {
  const auto dir = std::filesystem::temp_directory_path() / "quantkit_test_save_load";
  std::filesystem::create_directories(dir);
  rg::ridge r(0.3);
  (void)r.fit(data().X, data().y);
  rg::save(r, dir / "ridge.qkm");
  const auto back = rg::load<rg::ridge>(dir / "ridge.qkm");
  CHECK(back.coef() == r.coef());
  CHECK(back.get_params().alpha == 0.3);
  // loading a ridge file as a lasso is refused with a clear message
  const std::string msg = tr::error_message([&] { (void)rg::load<rg::lasso>(dir / "ridge.qkm"); });
  CHECK(msg.find("wrong model kind: the file holds a \"ridge\" model, expected \"lasso\"") != std::string::npos);
  CHECK(msg.find("ridge.qkm") != std::string::npos);
  std::filesystem::remove_all(dir);
  // an elastic net payload relabelled as lasso (l1_ratio != 1) is rejected by lasso's reader
  rg::elastic_net e({.alpha = 0.1, .l1_ratio = 0.5});
  (void)e.fit(data().X, data().y);
  rg::model_writer w;
  e.save_payload(w);
  rg::model_reader rd(w.bytes());
  CHECK_THROWS_AS((void)rg::lasso::load_payload(rd), rg::model_format_error);
}

}  // namespace regression_test_save_load
