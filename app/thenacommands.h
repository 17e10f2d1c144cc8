// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace Hookscope {

// `hookscope thena <command> [options]`: manifest (writes a webhook app manifest, no API call),
// teams, create-app, install, uninstall against the Thena API. `arguments` are what follows
// `thena`. Needs a QCoreApplication (it runs an event loop while a call is in flight). Returns
// the exit code: 0 ok, 1 API, network or file error, 2 usage error or invalid manifest.
int runThena(const QStringList &arguments);

} // namespace Hookscope
