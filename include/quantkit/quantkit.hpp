// SPDX-License-Identifier: MIT
// quantkit/quantkit.hpp - umbrella header: every layer (convenience; prefer the layer headers)
#pragma once

#include "core.hpp"
#include "indicators.hpp"
