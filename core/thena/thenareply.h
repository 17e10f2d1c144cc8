// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

#include "core/thena/thenarequest.h"
#include "core/thena/thenaresult.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Hookscope {

// One call in flight. Made by ThenaClient, a child of it; the caller deletes it (deleteLater)
// once done with the result. finished() is emitted exactly once, never before the call that
// made the reply has returned (also for failures known before sending); cancel() may emit it
// from within, as QNetworkReply::abort() does.
class ThenaReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThenaReply)

public:
    ~ThenaReply() override;

    const ThenaRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    // Valid once finished.
    const ThenaResult &result() const { return m_result; }

    // Aborts the call: finished() follows with ThenaError::Cancelled. No effect once finished.
    void cancel();

Q_SIGNALS:
    void finished();

private:
    friend class ThenaClient;
    ThenaReply(const ThenaRequest &request, QObject *parent);

    void start(QNetworkAccessManager *nam, const QString &apiKey,
               std::chrono::milliseconds timeout);
    void fail(ThenaError error, const QString &message); // before or instead of sending
    void onNetworkFinished();
    void onTimeout();
    void finish(ThenaResult result);
    QByteArray redacted(QByteArray text) const;
    QString redacted(QString text) const;

    ThenaRequest m_request;
    ThenaResult m_result;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    std::chrono::milliseconds m_timeout{ 0 };
    QString m_apiKey; // only to redact an echo of it from answers; cleared when finished
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_tlsFailed = false;
};

} // namespace Hookscope
