// SPDX-License-Identifier: MIT
// quantkit/costs.hpp - the cost-model layer (standard library only)
#pragma once

#include "costs/composite.hpp"
#include "costs/concepts.hpp"
#include "costs/models.hpp"
