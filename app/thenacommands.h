// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace Hookscope {

// `hookscope thena <command> [options]`: teams, create-app, install, uninstall against the
// Thena API. `arguments` are what follows `thena`. Needs a QCoreApplication (it runs an event
// loop while a call is in flight). Returns the exit code: 0 ok, 1 API or network error,
// 2 usage error.
int runThena(const QStringList &arguments);

} // namespace Hookscope
