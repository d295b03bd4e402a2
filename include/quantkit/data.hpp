// SPDX-License-Identifier: MIT
// quantkit/data.hpp - the data layer: CSV read/write, resampling, gaps, synthetic series
// (standard library only)
#pragma once

#include "data/csv.hpp"
#include "data/gaps.hpp"
#include "data/resample.hpp"
#include "data/synthetic.hpp"
