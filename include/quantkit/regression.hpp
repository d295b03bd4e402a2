// SPDX-License-Identifier: MIT
// quantkit/regression.hpp - the regression layer: models, ensembles, scaling, model selection,
// metrics, importance, save/load (needs Eigen)
#pragma once

#include "regression/model.hpp"
#include "regression/serialize.hpp"
