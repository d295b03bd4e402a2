// SPDX-License-Identifier: MIT
// quantkit/samplers.hpp - the samplers layer: parameter spaces, designs, resamplers
#pragma once

#include "samplers/point.hpp"
#include "samplers/sampler.hpp"
#include "samplers/space.hpp"
