// SPDX-License-Identifier: MIT
// quantkit/stats.hpp - the statistics layer (needs Boost.Math for distributions)
#pragma once

#include "stats/descriptive.hpp"
#include "stats/running_moments.hpp"
