// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the relay tests: an HTTP call that waits, a raw SSE reader (chunked
// decoding + SseParser, so the bytes on the wire are what is checked) and hookscope-relay as
// a child process. Loopback only.

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <optional>

#include "core/relay/sseparser.h"

namespace RelayTest {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpResult
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers)
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
};

inline HttpResult send(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url,
                       const QByteArray &body = {}, const Headers &headers = {},
                       int timeoutMs = 15000)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply =
            verb == "HEAD" ? nam.head(request) : nam.sendCustomRequest(request, verb, body);
    HttpResult out;
    out.finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs);
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    reply->abort();
    delete reply;
    return out;
}

// A subscriber that reads an SSE response byte by byte as a real client would.
class SseStream
{
public:
    SseStream() { m_socket.setProxy(QNetworkProxy::NoProxy); }

    bool open(quint16 port, const QByteArray &target, const Headers &headers = {})
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                             5000))
            return false;
        QByteArray request =
                "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        for (const auto &[name, value] : headers)
            request += name + ": " + value + "\r\n";
        m_socket.write(request + "\r\n");
        return true;
    }

    // The response status (0 on timeout).
    int status(int timeoutMs = 10000)
    {
        (void)QTest::qWaitFor(
                [this] {
                    poll();
                    return m_status != 0 || closed();
                },
                timeoutMs);
        return m_status;
    }
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : m_headers)
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QByteArray errorBody() const { return m_body; }

    // Waits until `n` events (of any type) arrived in total.
    bool waitForEvents(qsizetype n, int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
                [&] {
                    poll();
                    return m_events.size() >= n;
                },
                timeoutMs);
    }
    QList<Hookscope::SseEvent> events(const QString &type = {}) const
    {
        if (type.isEmpty())
            return m_events;
        QList<Hookscope::SseEvent> out;
        for (const auto &e : m_events)
            if (e.type == type)
                out.append(e);
        return out;
    }
    // Ends: the server finished the chunked body or closed.
    bool waitForEnd(int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
                [this] {
                    poll();
                    return m_ended || closed();
                },
                timeoutMs);
    }
    bool ended() const { return m_ended; }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    void close() { m_socket.abort(); }
    void poll()
    {
        m_raw += m_socket.readAll();
        if (m_status == 0) {
            const qsizetype end = m_raw.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_raw.left(end).split('\n');
            m_status = lines.first().split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    m_headers.append({ lines.at(i).left(colon).trimmed(),
                                       lines.at(i).mid(colon + 1).trimmed() });
            }
            m_raw.remove(0, end + 4);
            m_chunked = header("Transfer-Encoding").contains("chunked");
        }
        if (!m_chunked) {
            m_body += m_raw;
            m_raw.clear();
            return;
        }
        while (!m_ended) {
            const qsizetype lineEnd = m_raw.indexOf("\r\n");
            if (lineEnd < 0)
                return;
            bool ok = false;
            const qsizetype size = m_raw.left(lineEnd).toLongLong(&ok, 16);
            if (!ok)
                qFatal("bad chunk size line: %s", m_raw.left(lineEnd).constData());
            if (m_raw.size() < lineEnd + 2 + size + 2)
                return;
            if (size == 0) {
                m_ended = true;
                return;
            }
            m_events += m_parser.feed(QByteArrayView(m_raw).sliced(lineEnd + 2, size));
            m_raw.remove(0, lineEnd + 2 + size + 2);
        }
    }

private:
    QTcpSocket m_socket;
    QByteArray m_raw;
    QByteArray m_body;
    int m_status = 0;
    Headers m_headers;
    bool m_chunked = false;
    bool m_ended = false;
    Hookscope::SseParser m_parser;
    QList<Hookscope::SseEvent> m_events;
};

// hookscope-relay as a child process. Logs go to the process's stderr, which is kept.
class RelayProcess
{
public:
    ~RelayProcess() { kill(); }

    // Starts on `port` (0: any) and waits for the "listening ... port=N" line.
    bool start(const QString &dataDir, quint16 port = 0, const QStringList &extraArgs = {})
    {
        m_log.clear();
        m_process.setProgram(QStringLiteral(HOOKSCOPE_RELAY_EXE));
        m_process.setArguments(QStringList{ QStringLiteral("--port"), QString::number(port),
                                            QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                            QStringLiteral("--data-dir"), dataDir }
                               + extraArgs);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression listening(QStringLiteral(" listening .*port=(\\d+)"));
        QRegularExpressionMatch match;
        const bool ok = QTest::qWaitFor(
                [&] {
                    m_log += m_process.readAllStandardError();
                    match = listening.match(QString::fromUtf8(m_log));
                    return match.hasMatch() || m_process.state() == QProcess::NotRunning;
                },
                15000);
        if (!ok || !match.hasMatch())
            return false;
        m_port = quint16(match.captured(1).toUInt());
        return true;
    }

    // SIGTERM and wait for a clean exit.
    bool terminate(int timeoutMs = 15000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return true;
        m_process.terminate();
        const bool ok = QTest::qWaitFor(
                [this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        m_log += m_process.readAllStandardError();
        return ok && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    quint16 port() const { return m_port; }
    QByteArray log()
    {
        m_log += m_process.readAllStandardError();
        return m_log;
    }

private:
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

} // namespace RelayTest
