// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Hookscope::DataDir {

// The data directory: the explicit value when given (--data-dir), else
// $HOOKSCOPE_DATA_DIR, else "hookscope" in QStandardPaths::GenericDataLocation
// (~/.local/share/hookscope on Linux), the same for the app and every command.
QString resolve(const QString &explicitDir = {});

} // namespace Hookscope::DataDir
