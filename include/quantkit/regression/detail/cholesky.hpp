// SPDX-License-Identifier: MIT
// quantkit/regression/detail/cholesky.hpp - in-place Cholesky helpers: inverse of an SPD matrix
#pragma once

#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <limits>

namespace quantkit::regression::detail {

/// Lower Cholesky factor of the lower triangle of `a`, in place (the upper triangle is neither
/// read nor written). Returns false when a pivot is not safely positive: pivot^2 <= n * eps *
/// max(diag), i.e. the matrix is singular to working precision (exact duplicates without noise).
inline bool cholesky_in_place(Eigen::Ref<Eigen::MatrixXd> a) {
  const Eigen::Index n = a.rows();
  const double max_diag = n > 0 ? a.diagonal().maxCoeff() : 0.0;
  if (!(max_diag > 0.0) || !std::isfinite(max_diag)) return false;
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(a);
  if (llt.info() != Eigen::Success) return false;
  const double floor = static_cast<double>(n) * std::numeric_limits<double>::epsilon() * max_diag;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double p = a(i, i);
    if (!(p * p > floor) || !std::isfinite(p)) return false;
  }
  return true;
}

/// Inverse of the lower-triangular `l`, in place (LAPACK dtrti2 for small blocks, recursive 2x2
/// blocking above): n^3/3 flops instead of n^3 for a solve against the identity.
inline void invert_lower_in_place(Eigen::Ref<Eigen::MatrixXd> l) {
  const Eigen::Index n = l.rows();
  if (n <= 64) {
    for (Eigen::Index j = n - 1; j >= 0; --j) {
      l(j, j) = 1.0 / l(j, j);
      const double ajj = -l(j, j);
      const Eigen::Index m = n - j - 1;
      if (m > 0) {
        Eigen::VectorXd x = l.bottomRightCorner(m, m).triangularView<Eigen::Lower>() *
                            l.col(j).tail(m);
        l.col(j).tail(m) = ajj * x;
      }
    }
    return;
  }
  const Eigen::Index h = n / 2;
  invert_lower_in_place(l.topLeftCorner(h, h));
  invert_lower_in_place(l.bottomRightCorner(n - h, n - h));
  // [A 0; B C]^-1 = [A^-1 0; -C^-1 B A^-1, C^-1]
  Eigen::MatrixXd t = -(l.bottomRightCorner(n - h, n - h).triangularView<Eigen::Lower>() *
                        l.bottomLeftCorner(n - h, h));
  l.bottomLeftCorner(n - h, h).noalias() = t * l.topLeftCorner(h, h).triangularView<Eigen::Lower>();
}

/// Lower triangle of l^T l for lower-triangular `l`, in place (LAPACK dlauum's recursion):
/// n^3/3 flops.
inline void lower_gram_in_place(Eigen::Ref<Eigen::MatrixXd> a) {
  const Eigen::Index n = a.rows();
  if (n <= 64) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const double aii = a(i, i);
      const Eigen::Index m = n - i - 1;
      if (m > 0) {
        a(i, i) = a.col(i).tail(m + 1).squaredNorm();
        Eigen::RowVectorXd r = aii * a.row(i).head(i);
        r.noalias() += a.col(i).tail(m).transpose() * a.block(i + 1, 0, m, i);
        a.row(i).head(i) = r;
      } else {
        a(i, i) = aii * aii;
        a.row(i).head(i) *= aii;
      }
    }
    return;
  }
  const Eigen::Index h = n / 2;
  lower_gram_in_place(a.topLeftCorner(h, h));
  a.topLeftCorner(h, h).selfadjointView<Eigen::Lower>().rankUpdate(
      a.bottomLeftCorner(n - h, h).transpose());
  Eigen::MatrixXd t = a.bottomRightCorner(n - h, n - h).triangularView<Eigen::Lower>().transpose() *
                      a.bottomLeftCorner(n - h, h);
  a.bottomLeftCorner(n - h, h) = t;
  lower_gram_in_place(a.bottomRightCorner(n - h, n - h));
}

/// Lower triangle of K^-1 from K's lower Cholesky factor stored in the lower triangle of `a`, in
/// place (LAPACK dpotri): 2n^3/3 flops.
inline void cholesky_inverse_in_place(Eigen::Ref<Eigen::MatrixXd> a) {
  invert_lower_in_place(a);
  lower_gram_in_place(a);
}

}  // namespace quantkit::regression::detail
