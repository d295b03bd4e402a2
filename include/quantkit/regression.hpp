// SPDX-License-Identifier: MIT
// quantkit/regression.hpp - the regression layer: models, ensembles, scaling, model selection,
// metrics, importance, save/load (needs Eigen)
#pragma once

#include "regression/model.hpp"
#include "regression/serialize.hpp"

#include "regression/metrics.hpp"
#include "regression/model_selection.hpp"
#include "regression/scaling.hpp"
#include "regression/importance.hpp"
#include "regression/ensemble.hpp"

#include "regression/linear.hpp"
#include "regression/coordinate_descent.hpp"
#include "regression/logistic.hpp"
#include "regression/knn.hpp"
#include "regression/kernel_ridge.hpp"

#include "regression/tree.hpp"
#include "regression/random_forest.hpp"
#include "regression/boosting_loss.hpp"
#include "regression/gradient_boosting.hpp"
#include "regression/hist_gradient_boosting.hpp"
#include "regression/gaussian_process.hpp"
#include "regression/mlp.hpp"
