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
    // Not AppDataLocation: that depends on the organization and application names, which
    // some commands set before resolving and others after, and `hookscope import` then
    // filled a store the app never read. One fixed name for every command.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QLatin1StringView("/hookscope");
}

} // namespace Hookscope::DataDir
