# Generates mlp_sklearn.json: scikit-learn 1.2.1 MLPRegressor loss and gradient at fixed weights
# (its _backprop), and its Friedman #1 test R^2 for the configurations the tests use.
# Run from this folder: /usr/bin/python3 mlp_sklearn.py
import json
import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.metrics import r2_score

tr = np.loadtxt("friedman1_rs1_train.csv", delimiter=",", skiprows=1)
te = np.loadtxt("friedman1_rs1_test.csv", delimiter=",", skiprows=1)
out = {"backprop": [], "friedman": []}
X, y = tr[:12, :8], tr[:12, 8]
for act, hidden, alpha in (("tanh", (5, 3), 0.1), ("relu", (6,), 0.01)):
    m = MLPRegressor(hidden_layer_sizes=hidden, activation=act, alpha=alpha, max_iter=1)
    m.fit(X, y)  # sets up the layer structure; the weights are replaced below
    sizes = [8, *hidden, 1]
    flat, k = [], 0
    for l in range(len(sizes) - 1):
        W = np.array([0.5 * np.sin(k + i + 1) for i in range(sizes[l] * sizes[l + 1])])
        k += W.size
        b = np.array([0.3 * np.cos(k + i + 1) for i in range(sizes[l + 1])])
        k += b.size
        m.coefs_[l] = W.reshape((sizes[l], sizes[l + 1]), order="F")
        m.intercepts_[l] = b
        flat += W.tolist() + b.tolist()
    n = X.shape[0]
    acts = [X] + [None] * (len(sizes) - 1)
    deltas = [None] * (len(acts) - 1)
    cg = [np.empty((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    ig = [np.empty(b) for b in sizes[1:]]
    loss, cg, ig = m._backprop(X, y.reshape(-1, 1), acts, deltas, cg, ig)
    grad = []
    for l in range(len(cg)):
        grad += cg[l].ravel(order="F").tolist() + ig[l].tolist()
    out["backprop"].append({"activation": act, "hidden": list(hidden), "alpha": alpha,
                            "parameters": flat, "loss": float(loss), "gradient": grad,
                            "predict": m.predict(te[:5, :8]).tolist()})

ym, ys = tr[:, 8].mean(), tr[:, 8].std()
for rows, hidden, act, lr in ((1000, (32,), "tanh", 0.01), (2000, (64,), "relu", 0.001)):
    m = MLPRegressor(hidden_layer_sizes=hidden, activation=act, learning_rate_init=lr,
                     max_iter=500, random_state=0)
    m.fit(tr[:rows, :8], (tr[:rows, 8] - ym) / ys)
    out["friedman"].append({"rows": rows, "hidden": list(hidden), "activation": act,
                            "learning_rate": lr,
                            "test_r2": float(r2_score(te[:, 8], m.predict(te[:, :8]) * ys + ym))})

with open("mlp_sklearn.json", "w") as f:
    json.dump(out, f, indent=1)
