// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Hookscope {

// Finds a running ngrok agent's public URL for our receiver: asks the agent's local API
// (GET http://127.0.0.1:4040/api/tunnels) and picks the tunnel whose config.addr points at
// the given local port, https before http. Other tunnels (cloudflared, a reverse proxy)
// cannot be detected: their public URL is pasted.
class NgrokDetector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NgrokDetector)

public:
    enum class Result {
        Found, // match() is set
        NoMatchingTunnel, // the agent runs, but no http(s) tunnel points at the port
        AgentNotRunning, // nothing answers at the API address
        BadAnswer, // something answers, but not like ngrok's agent
    };
    Q_ENUM(Result)

    struct Tunnel
    {
        QString name;
        QUrl publicUrl;
        QString proto; // "https", "http", "tcp", ...
        QString addr; // config.addr: "http://localhost:8787", "8787", ...
    };

    static QUrl defaultApiBase();

    explicit NgrokDetector(QObject *parent = nullptr);
    ~NgrokDetector() override;

    void setApiBase(const QUrl &base); // tests point this at a fake agent
    QUrl apiBase() const;
    void setTimeoutMs(int ms);

    // Asks the agent; finished() follows once (also on failure). A new call cancels the last.
    void detect(quint16 localPort);
    bool isRunning() const;

    Result result() const;
    QList<Tunnel> tunnels() const;
    std::optional<Tunnel> match() const;
    QString errorString() const;

    static std::optional<QList<Tunnel>> parseTunnels(const QByteArray &json,
                                                     QString *error = nullptr);
    static std::optional<Tunnel> pick(const QList<Tunnel> &tunnels, quint16 localPort);
    // True when an ngrok `addr` ("8787", "localhost:8787", "http://127.0.0.1:8787", ...)
    // forwards to this machine's `port`.
    static bool addrPointsAt(const QString &addr, quint16 port);

Q_SIGNALS:
    void finished(Hookscope::NgrokDetector::Result result);

private:
    std::unique_ptr<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_reply;
    QUrl m_apiBase;
    int m_timeoutMs = 3000;
    Result m_result = Result::AgentNotRunning;
    QList<Tunnel> m_tunnels;
    std::optional<Tunnel> m_match;
    QString m_error;
};

} // namespace Hookscope
