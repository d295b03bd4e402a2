# tests/data/regression/generate_sklearn_extra.py - scikit-learn 1.2.1 reference numbers for the
# quantkit regression tests beyond sklearn_reference.json. Run with Debian's /usr/bin/python3
# (numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1):
#   /usr/bin/python3 tests/data/regression/generate_sklearn_extra.py > tests/data/regression/sklearn_extra.json
import json
import numpy as np
from sklearn.linear_model import LinearRegression, Ridge, Lasso, ElasticNet, LogisticRegression
from sklearn.neighbors import KNeighborsRegressor
from sklearn.kernel_ridge import KernelRidge
from sklearn.preprocessing import StandardScaler, MinMaxScaler
from sklearn.model_selection import KFold, TimeSeriesSplit
from sklearn import metrics

here = __file__.rsplit('/', 1)[0]
tr = np.loadtxt(f'{here}/friedman1_rs1_train.csv', delimiter=',', skiprows=1)
te = np.loadtxt(f'{here}/friedman1_rs1_test.csv', delimiter=',', skiprows=1)
cl = np.loadtxt(f'{here}/classification_rs3.csv', delimiter=',', skiprows=1)
X, y = tr[:200, :-1], tr[:200, -1]          # first 200 training rows
Xt, yt = te[:50, :-1], te[:50, -1]          # first 50 test rows
w = 0.5 + (np.arange(200) % 7) / 7.0        # deterministic sample weights
Xc, yc = cl[:, :-1], cl[:, -1]
wc = 0.5 + (np.arange(len(yc)) % 5) / 4.0

out = {}
def lin(name, m, XX=X, yy=y, sw=None):
    m.fit(XX, yy, sample_weight=sw)
    out[name] = {'coef': np.ravel(m.coef_).tolist(), 'intercept': float(np.ravel([m.intercept_])[0])}

lin('ols_weighted', LinearRegression(), sw=w)
lin('ols_no_intercept', LinearRegression(fit_intercept=False))
Xr = np.column_stack([X[:50, 0], X[:50, 1], 2.0 * X[:50, 0], X[:50, 2]])  # exactly rank 3
lin('ols_rank_deficient', LinearRegression(), XX=Xr, yy=y[:50])
lin('ridge_weighted', Ridge(alpha=2.0), sw=w)
lin('ridge_no_intercept', Ridge(alpha=0.5, fit_intercept=False))
lin('ridge_wide', Ridge(alpha=0.3), XX=X[:6], yy=y[:6])   # n < p: dual form
lin('lasso_weighted', Lasso(alpha=0.02, tol=1e-12, max_iter=100000), sw=w)
lin('lasso_no_intercept', Lasso(alpha=0.1, fit_intercept=False, tol=1e-12, max_iter=100000))
lin('enet_weighted', ElasticNet(alpha=0.03, l1_ratio=0.3, tol=1e-12, max_iter=100000), sw=w)
lin('logistic_C0.1_weighted', LogisticRegression(C=0.1, solver='newton-cholesky', tol=1e-12, max_iter=10000), XX=Xc, yy=yc, sw=wc)
lin('logistic_no_intercept', LogisticRegression(C=2.0, fit_intercept=False, solver='newton-cholesky', tol=1e-12, max_iter=10000), XX=Xc, yy=yc)
# The reference suite's lbfgs fit stops on lbfgs's ftol (its max |gradient| is 1.6e-3), so its
# coefficients are only ~2e-4-relative accurate; newton-cholesky solves the same objective exactly.
lin('logistic_newton_cholesky', LogisticRegression(C=1.0, solver='newton-cholesky', tol=1e-12, max_iter=10000), XX=Xc, yy=yc)
lg = LogisticRegression(C=1.0, solver='newton-cholesky', tol=1e-12, max_iter=10000).fit(Xc, yc)
p1 = lg.predict_proba(Xc)[:, 1]
out['logistic_metrics'] = {
    'proba_first5': p1[:5].tolist(),
    'accuracy': metrics.accuracy_score(yc, lg.predict(Xc)),
    'log_loss': metrics.log_loss(yc, p1),
    'roc_auc': metrics.roc_auc_score(yc, p1),
}

for k in (1, 5, 10):
    for wt in ('uniform', 'distance'):
        m = KNeighborsRegressor(n_neighbors=k, weights=wt).fit(X, y)
        out[f'knn_k{k}_{wt}'] = m.predict(Xt).tolist()
for name, kw in [('linear', dict(kernel='linear', alpha=1.0)),
                 ('rbf', dict(kernel='rbf', alpha=0.1)),
                 ('rbf_gamma', dict(kernel='rbf', alpha=0.5, gamma=0.7)),
                 ('poly', dict(kernel='poly', alpha=1.0, degree=2, coef0=1.0)),
                 ('poly3_gamma', dict(kernel='poly', alpha=2.0, degree=3, gamma=0.3, coef0=0.5))]:
    m = KernelRidge(**kw).fit(X, y)
    out[f'kernel_ridge_{name}'] = m.predict(Xt).tolist()
m = KernelRidge(kernel='rbf', alpha=0.1).fit(X, y, sample_weight=w)
out['kernel_ridge_rbf_weighted'] = m.predict(Xt).tolist()

ss = StandardScaler().fit(X)
mm = MinMaxScaler().fit(X)
out['standard_scaler'] = {'mean': ss.mean_.tolist(), 'scale': ss.scale_.tolist(),
                          'test_row0': ss.transform(Xt)[0].tolist()}
out['minmax_scaler'] = {'min': mm.data_min_.tolist(), 'max': mm.data_max_.tolist(),
                        'test_row0': mm.transform(Xt)[0].tolist()}

pred = LinearRegression().fit(X, y).predict(Xt)
out['regression_metrics'] = {
    'y_pred': pred.tolist(),
    'r2': metrics.r2_score(yt, pred),
    'mae': metrics.mean_absolute_error(yt, pred),
    'rmse': metrics.mean_squared_error(yt, pred, squared=False),
    'mse': metrics.mean_squared_error(yt, pred),
    'mape': metrics.mean_absolute_percentage_error(yt, pred),
    'explained_variance': metrics.explained_variance_score(yt, pred),
}
out['kfold_10_3'] = [t.tolist() for _, t in KFold(3).split(np.zeros(10))]
out['kfold_7_7'] = [t.tolist() for _, t in KFold(7).split(np.zeros(7))]
out['tss_10_3'] = [[a.tolist(), b.tolist()] for a, b in TimeSeriesSplit(3).split(np.zeros(10))]
out['tss_20_4_gap2_max5_test3'] = [[a.tolist(), b.tolist()] for a, b in
                                   TimeSeriesSplit(4, gap=2, max_train_size=5, test_size=3).split(np.zeros(20))]
print(json.dumps(out, indent=1))
