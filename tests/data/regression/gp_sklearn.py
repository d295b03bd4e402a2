# Generates gp_sklearn.json: scikit-learn 1.2.1 GaussianProcessRegressor reference values for
# tests/regression/test_gaussian_process.cpp. Run from this folder: /usr/bin/python3 gp_sklearn.py
import json
import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, Matern, WhiteKernel, ConstantKernel as C

tr = np.loadtxt("friedman1_rs1_train.csv", delimiter=",", skiprows=1)
te = np.loadtxt("friedman1_rs1_test.csv", delimiter=",", skiprows=1)
X, y = tr[:40, :8], tr[:40, 8]
out = {"lml": [], "fit": []}

def kernel(name, ard, white, d):
    ls = np.ones(d) if ard else 1.0
    base = {"rbf": RBF(ls), "matern32": Matern(ls, nu=1.5), "matern52": Matern(ls, nu=2.5)}[name]
    k = C(1.0) * base
    return k + WhiteKernel() if white else k

lml_cases = [
    ("rbf", True, True, True, 1e-10, [2.0, 0.5, 0.8, 1.1, 0.7, 1.5, 3.0, 4.0, 5.0, 0.05]),
    ("matern32", True, True, False, 1e-10, [30.0, 0.9, 0.6, 2.0, 0.4, 1.2, 2.5, 7.0, 3.0, 0.8]),
    ("matern52", False, True, True, 1e-10, [1.5, 0.7, 0.1]),
    ("rbf", False, False, False, 1e-6, [20.0, 0.6]),
    ("matern52", True, False, True, 1e-4, [1.0, 0.6, 0.5, 2.0, 0.7, 0.9, 4.0, 4.0, 4.0]),
]
for name, ard, white, norm, alpha, vals in lml_cases:
    g = GaussianProcessRegressor(kernel(name, ard, white, 8), alpha=alpha, normalize_y=norm,
                                 optimizer=None).fit(X, y)
    theta = np.log(np.array(vals))
    v, grad = g.log_marginal_likelihood(theta, eval_gradient=True)
    out["lml"].append({"kernel": name, "ard": ard, "white": white, "normalize_y": norm,
                       "alpha": alpha, "theta": theta.tolist(), "lml": float(v),
                       "gradient": grad.tolist()})

Xf, yf = tr[:60, :8], tr[:60, 8]
Xq = te[:10, :8]
for name in ["rbf", "matern52", "matern32"]:
    g = GaussianProcessRegressor(kernel(name, True, True, 8), normalize_y=True,
                                 n_restarts_optimizer=0, random_state=0).fit(Xf, yf)
    m, s = g.predict(Xq, return_std=True)
    out["fit"].append({"kernel": name, "theta": g.kernel_.theta.tolist(),
                       "lml": float(g.log_marginal_likelihood_value_), "mean": m.tolist(),
                       "std": s.tolist()})

# Friedman #1 fits as in sklearn_reference.json (ARD RBF + white noise, normalize_y, 2 restarts):
# on the first 150 and the first 500 training rows, scored on the whole test file.
from sklearn.metrics import r2_score
for rows in (150, 500):
    g = GaussianProcessRegressor(kernel("rbf", True, True, 8), normalize_y=True,
                                 n_restarts_optimizer=2, random_state=0)
    g.fit(tr[:rows, :8], tr[:rows, 8])
    out["friedman_%d" % rows] = {"theta": g.kernel_.theta.tolist(),
                                 "lml": float(g.log_marginal_likelihood_value_),
                                 "test_r2": float(r2_score(te[:, 8], g.predict(te[:, :8])))}

with open("gp_sklearn.json", "w") as f:
    json.dump(out, f, indent=1)
