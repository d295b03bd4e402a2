// SPDX-License-Identifier: MIT
// examples/save_and_load - fit a model, save it to a file, load it in "another program" and get
// bit-identical predictions; then see how a damaged file is rejected with a clear error.
//
// A starting template for shipping a fitted model from research to production: any model of
// quantkit::regression (pipelines and ensembles included) saves the same way.
#include <quantkit/core/random.hpp>
#include <quantkit/regression.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace qk = quantkit;
namespace rg = quantkit::regression;

// The model we ship: standardise the features, then kernel ridge with an RBF kernel.
using model_t = rg::scaled<rg::standard_scaler, rg::kernel_ridge>;

int main() {
  // Toy data: y = x0^2 - x1 + noise, 200 rows.
  qk::rng g(5);
  Eigen::MatrixXd X(200, 2);
  Eigen::VectorXd y(200);
  for (Eigen::Index i = 0; i < 200; ++i) {
    X(i, 0) = qk::uniform(g, -2.0, 2.0);
    X(i, 1) = qk::uniform(g, -2.0, 2.0);
    y[i] = X(i, 0) * X(i, 0) - X(i, 1) + 0.1 * qk::normal(g);
  }
  model_t model({}, rg::kernel_ridge({.alpha = 0.01, .kernel = rg::kernel_type::rbf, .gamma = 0.5}));
  const rg::fit_report rep = model.fit(X, y);
  std::printf("fit status: %s\n", std::string(rg::to_string(rep.status)).c_str());

  // 1. Save. The file holds a header (magic, format version, model kind, model version), the
  //    payload and an FNV-1a-64 checksum; docs/regression.md specifies the layout.
  const std::filesystem::path path = "kernel_ridge_model.qkm";
  rg::save(model, path);
  std::printf("saved %s (%ju bytes)\n", path.string().c_str(),
              static_cast<std::uintmax_t>(std::filesystem::file_size(path)));

  // 2. Load (in production this is a different program) and predict.
  const model_t loaded = rg::load<model_t>(path);
  Eigen::MatrixXd Xnew(3, 2);
  Xnew << 0.0, 0.0, 1.0, -1.0, -1.5, 0.5;
  const Eigen::VectorXd a = model.predict(Xnew);
  const Eigen::VectorXd b = loaded.predict(Xnew);
  for (Eigen::Index i = 0; i < 3; ++i)
    std::printf("x = (%5.2f, %5.2f): prediction %.4f (true mean %.4f)\n", Xnew(i, 0), Xnew(i, 1), b[i],
                Xnew(i, 0) * Xnew(i, 0) - Xnew(i, 1));
  std::printf("loaded predictions identical: %s\n", a == b ? "yes" : "no");

  // 3. A damaged file never yields a broken model: flip one byte, then truncate.
  std::string bytes = rg::to_bytes(model);
  bytes[100] = static_cast<char>(bytes[100] ^ 1);
  try {
    (void)rg::from_bytes<model_t>(bytes, "damaged copy");
  } catch (const rg::model_format_error& e) {
    std::printf("corrupted: %s\n", e.what());
  }
  try {
    (void)rg::from_bytes<model_t>(rg::to_bytes(model).substr(0, 60), "truncated copy");
  } catch (const rg::model_format_error& e) {
    std::printf("truncated: %s\n", e.what());
  }
  // ... and loading it as the wrong model type is refused.
  try {
    (void)rg::load<rg::ridge>(path);
  } catch (const rg::model_format_error& e) {
    std::printf("wrong type: %s\n", e.what());
  }
  std::filesystem::remove(path);
  return 0;
}
