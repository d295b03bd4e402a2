// SPDX-License-Identifier: MIT
// quantkit/samplers.hpp - the samplers layer: parameter spaces, designs, discrepancies, resamplers
#pragma once

#include "samplers/block_length.hpp"
#include "samplers/discrepancy.hpp"
#include "samplers/grid.hpp"
#include "samplers/halton.hpp"
#include "samplers/lhs.hpp"
#include "samplers/point.hpp"
#include "samplers/resample.hpp"
#include "samplers/sampler.hpp"
#include "samplers/sobol.hpp"
#include "samplers/space.hpp"
