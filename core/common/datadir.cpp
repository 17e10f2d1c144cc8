// SPDX-License-Identifier: MIT
#include "datadir.h"

#include <QDir>
#include <QStandardPaths>

namespace Hookscope::DataDir {

QString resolve(const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir(explicitDir).absolutePath();
    const QString fromEnv = qEnvironmentVariable("HOOKSCOPE_DATA_DIR");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace Hookscope::DataDir
