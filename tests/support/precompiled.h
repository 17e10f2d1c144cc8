// SPDX-License-Identifier: MIT
// The headers the tests share, precompiled once for all of them (tests/CMakeLists.txt).
#pragma once

#include "core/precompiled.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
