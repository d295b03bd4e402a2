// SPDX-License-Identifier: MIT
// tests/test_main.cpp - the one doctest main, shared by every test executable (OBJECT library)
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
