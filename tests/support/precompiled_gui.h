// SPDX-License-Identifier: MIT
// The headers the GUI tests share, precompiled once for all of them (tests/CMakeLists.txt).
#pragma once

#include "tests/support/precompiled.h"
#include "ui/precompiled.h"
