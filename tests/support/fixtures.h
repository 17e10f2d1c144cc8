// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>

// Test fixtures live in tests/fixtures/ (the project's own copies of the documented shapes).
namespace Fixtures {

inline QString path(const QString &name)
{
    return QDir(QStringLiteral(HOOKSCOPE_FIXTURES_DIR)).filePath(name);
}

inline QByteArray read(const QString &name)
{
    QFile file(path(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

// Every delivery body fixture: platform-*, installation-*, legacy-*.
inline QStringList eventFixtures()
{
    return QDir(QStringLiteral(HOOKSCOPE_FIXTURES_DIR))
            .entryList({ QStringLiteral("platform-*.json"), QStringLiteral("installation-*.json"),
                         QStringLiteral("legacy-*.json") },
                       QDir::Files, QDir::Name);
}

} // namespace Fixtures
