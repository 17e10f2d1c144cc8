// SPDX-License-Identifier: MIT
#pragma once

// Damaging SQLite files on purpose, for the tests that prove a damaged store is noticed,
// reported and moved aside (tst_durability for the event store, tst_relaydurability for
// the relay's buffer).

#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringView>
#include <QTemporaryDir>
#include <QUuid>
#include <QVariant>

namespace Damage {

// PRAGMA quick_check of a database file, as SQLite itself judges it ("ok", its complaint,
// or the error that kept it from opening).
inline QString quickCheck(const QString &path)
{
    const QString name =
            QStringLiteral("tst-damage-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString verdict;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            verdict = q.exec(QStringLiteral("PRAGMA quick_check")) && q.next()
                    ? q.value(0).toString()
                    : q.lastError().text();
        } else {
            verdict = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return verdict.isEmpty() ? QStringLiteral("cannot open") : verdict;
}

// A damaged copy of `healthy` that SQLite agrees is damaged (tried on a scratch file up to
// 20 times), or an empty array. mode: "middle" (random bytes over two pages in the middle
// third), "header" (the first 100 bytes), anything else (a text file).
inline QByteArray damaged(const QByteArray &healthy, QStringView mode, QRandomGenerator &rng,
                          QString *verdict = nullptr)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        QByteArray bytes = healthy;
        if (mode == QLatin1StringView("middle")) {
            constexpr qsizetype Page = 4096;
            const qsizetype pages = bytes.size() / Page;
            const qsizetype first = pages / 3 + qsizetype(rng.bounded(int(pages / 3)));
            for (qsizetype i = first * Page; i < qMin(bytes.size(), (first + 2) * Page); ++i)
                bytes[i] = char(rng.bounded(256));
        } else if (mode == QLatin1StringView("header")) {
            for (int i = 0; i < 100; ++i)
                bytes[i] = char(rng.bounded(256));
        } else {
            bytes = "these are not the bytes of an SQLite database\n";
        }
        QTemporaryDir dir;
        const QString probe = dir.filePath(QStringLiteral("probe.db"));
        QFile out(probe);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return {};
        out.close();
        const QString judged = quickCheck(probe);
        if (judged != QLatin1StringView("ok")) {
            if (verdict)
                *verdict = judged;
            return bytes;
        }
    }
    return {};
}

} // namespace Damage
