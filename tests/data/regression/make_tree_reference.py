# Generates tests/data/regression/sklearn_trees.json: scikit-learn 1.2.1 (Debian 12 python3 3.11.2,
# numpy 1.24.2) tree-model results on the Friedman #1 split, for the quantkit tree parity tests.
# Run from the repository root: /usr/bin/python3 tests/data/regression/make_tree_reference.py
import json
import numpy as np
import sklearn
from sklearn.tree import DecisionTreeRegressor
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingRegressor

d = "tests/data/regression/"
tr = np.loadtxt(d + "friedman1_rs1_train.csv", delimiter=",", skiprows=1)
te = np.loadtxt(d + "friedman1_rs1_test.csv", delimiter=",", skiprows=1)
X, y, Xt = tr[:300, :8], tr[:300, 8], te[:50, :8]
w = 1.0 + (np.arange(300) % 3)

def tree_case(name, est, weights=None):
    est.fit(X, y, sample_weight=weights)
    t = est.tree_
    return dict(name=name, node_count=int(t.node_count), depth=int(est.get_depth()),
                n_leaves=int(est.get_n_leaves()), feature=t.feature[:15].tolist(),
                threshold=t.threshold[:15].tolist(),
                importances=est.feature_importances_.tolist(),
                predict=est.predict(Xt).tolist())

out = {"sklearn_version": sklearn.__version__,
       "data": "first 300 rows of friedman1_rs1_train.csv (X, y), first 50 rows of friedman1_rs1_test.csv (Xt)",
       "weights": "w_i = 1 + (i mod 3) where used", "tree": [
    tree_case("default", DecisionTreeRegressor(random_state=0)),
    tree_case("leaf5", DecisionTreeRegressor(min_samples_leaf=5, random_state=0)),
    tree_case("depth5_leaf5_split12", DecisionTreeRegressor(max_depth=5, min_samples_leaf=5, min_samples_split=12, random_state=0)),
    tree_case("weighted_depth8_leaf4", DecisionTreeRegressor(max_depth=8, min_samples_leaf=4, random_state=0), w),
    tree_case("min_impurity_decrease_0.05_leaf3", DecisionTreeRegressor(min_impurity_decrease=0.05, min_samples_leaf=3, random_state=0)),
]}
gb = []
for loss in ["squared_error", "absolute_error", "huber"]:
    m = GradientBoostingRegressor(loss=loss, n_estimators=50, max_depth=3, learning_rate=0.1, min_samples_leaf=5, random_state=0).fit(X, y)
    gb.append(dict(loss=loss, predict=m.predict(Xt).tolist(), importances=m.feature_importances_.tolist()))
mw = GradientBoostingRegressor(n_estimators=30, max_depth=2, learning_rate=0.2, min_samples_leaf=5, random_state=0).fit(X, y, sample_weight=w)
gb.append(dict(loss="squared_error_weighted_depth2_lr0.2_n30_leaf5", predict=mw.predict(Xt).tolist(), importances=mw.feature_importances_.tolist()))
out["gradient_boosting"] = gb
out["gradient_boosting_note"] = "all cases min_samples_leaf=5, 50 stages, depth 3, lr 0.1 unless named"
hgb = []
for loss in ["squared_error", "absolute_error"]:
    m = HistGradientBoostingRegressor(loss=loss, random_state=0).fit(X, y)
    hgb.append(dict(loss=loss, n_iter=int(m.n_iter_), predict=m.predict(Xt).tolist(),
                    bin_thresholds_f0=m._bin_mapper.bin_thresholds_[0].tolist()))
out["hist_gradient_boosting"] = hgb
json.dump(out, open(d + "sklearn_trees.json", "w"), indent=1)
