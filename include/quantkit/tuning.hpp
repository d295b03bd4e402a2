// SPDX-License-Identifier: MIT
// quantkit/tuning.hpp - the tuning layer: tune() with grid/random/quasi-random, genetic, CMA-ES,
// Bayesian and surrogate-model search, sensitivity, Pareto fronts, overfitting guards,
// walk-forward optimisation (needs Eigen, Boost.Math through stats)
#pragma once

#include "tuning/bayes.hpp"
#include "tuning/cmaes.hpp"
#include "tuning/genetic.hpp"
#include "tuning/guards.hpp"
#include "tuning/pareto.hpp"
#include "tuning/search.hpp"
#include "tuning/sensitivity.hpp"
#include "tuning/surrogate.hpp"
#include "tuning/test_functions.hpp"
#include "tuning/trial.hpp"
#include "tuning/tune.hpp"
#include "tuning/walk_forward.hpp"
