// SPDX-License-Identifier: MIT
#include "walcheckpointer.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Hookscope {

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

bool WalCheckpointer::isRunning() const
{
    return m_thread.joinable();
}

void WalCheckpointer::start(const QString &databasePath)
{
    stop();
    m_stop = false;
    m_thread = std::thread([this, databasePath] { run(databasePath); });
}

void WalCheckpointer::stop()
{
    if (!m_thread.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::run(QString path)
{
    const QString name =
            u"hookscope-checkpoint-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=1000"_s);
        if (db.open()) {
            QSqlQuery q(db);
            std::unique_lock lock(m_mutex);
            while (!m_wake.wait_for(lock, std::chrono::milliseconds(IntervalMs),
                                    [this] { return m_stop; })) {
                lock.unlock();
                // PASSIVE: copies what no reader still needs, never waits for the writer.
                if (!q.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                    qCDebug(lcStore) << "background checkpoint:" << q.lastError().text();
                q.finish();
                lock.lock();
            }
        } else {
            qCWarning(lcStore) << "background checkpoints unavailable:" << db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace Hookscope
