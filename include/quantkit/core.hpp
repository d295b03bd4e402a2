// SPDX-License-Identifier: MIT
// quantkit/core.hpp - the core layer: errors, timestamps, bars and series, validation, random
// streams, the parallel executor (standard library only)
#pragma once

#include "config.hpp"
#include "core/bar.hpp"
#include "core/bar_series.hpp"
#include "core/error.hpp"
#include "core/journal.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"
#include "core/time.hpp"
#include "core/validate.hpp"
#include "version.hpp"
