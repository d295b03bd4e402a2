// SPDX-License-Identifier: MIT
// tests/pch_anchor.cpp - empty: makes quantkit_test_main build the tests' precompiled header
// (test_main.cpp skips it), which every test executable then reuses.
