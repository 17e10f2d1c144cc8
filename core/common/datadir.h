// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Hookscope::DataDir {

// The data directory: the explicit value when given (--data-dir), else
// $HOOKSCOPE_DATA_DIR, else QStandardPaths::AppDataLocation.
QString resolve(const QString &explicitDir = {});

} // namespace Hookscope::DataDir
