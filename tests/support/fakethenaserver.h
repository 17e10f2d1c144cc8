// SPDX-License-Identifier: MIT
#pragma once

// A fake Thena API on loopback for tests (unit, CLI and wizard): the documented endpoints and
// shapes of docs/thena.md, the checks the real one makes (x-api-key, JSON body, required
// fields), and scripted answers per endpoint for every failure a client must survive.
//
// One server plays both the apps API and the platform API: point ThenaClient's two base URLs
// (or $HOOKSCOPE_THENA_APPS_URL and $HOOKSCOPE_THENA_PLATFORM_URL) at url().

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QQueue>
#include <QString>
#include <QTcpServer>
#include <QUrl>

#include <chrono>

#include "core/http/httpserver.h"

// One request as the fake received it.
struct FakeThenaRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // "/apps/create-app"
    QString query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    QJsonObject json() const; // the body as a JSON object ({} if not one)
};

// A scripted answer.
struct FakeThenaResponse
{
    int status = 200;
    QByteArray body;
    std::chrono::milliseconds delay{ 0 }; // answer this late (timeouts, cancel)
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static FakeThenaResponse json(int status, const QJsonObject &body);
    // 401 {"message":"Invalid API key","error":"Unauthorized","statusCode":401}
    static FakeThenaResponse
    keyRejected(const QString &message = QStringLiteral("Invalid API key"));
    // 403 {"message":…,"error":"Forbidden","statusCode":403}
    static FakeThenaResponse
    forbidden(const QString &message = QStringLiteral("Forbidden resource"));
    // 400 {"message":…,"error":"Bad Request","statusCode":400}
    static FakeThenaResponse badRequest(const QString &message);
    // 500 {"message":"Internal server error","statusCode":500}
    static FakeThenaResponse serverError();
    // `then`, `delay` late (by default 5 s, well past any short client timeout); without
    // `then`, 200 {}.
    static FakeThenaResponse slow(const FakeThenaResponse &then,
                                  std::chrono::milliseconds delay = std::chrono::seconds(5));
    static FakeThenaResponse slow();
    // 200 with a body cut off in the middle of a JSON object.
    static FakeThenaResponse malformedJson();
    // create-app answers: the guide's {appId, clientId, clientSecret} and the reference's
    // {uid, name, slug, ...} (201, from the fixtures); `data`-wrapped variants of either.
    static FakeThenaResponse createAppGuide();
    static FakeThenaResponse createAppReference();
    static FakeThenaResponse createAppWrapped(const QString &idField, const QString &appId);
    static FakeThenaResponse teams(); // list-teams-response.json
    static FakeThenaResponse install(); // 201 install-app-response.json
};

class FakeThenaServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeThenaServer)

public:
    static constexpr QLatin1StringView DefaultApiKey{ "thena-test-key-5f3c9a" };
    static constexpr QLatin1StringView TeamsPath{ "/v1/teams" };
    static constexpr QLatin1StringView CreateAppPath{ "/apps/create-app" };
    static constexpr QLatin1StringView InstallPath{ "/apps/install" };
    static constexpr QLatin1StringView ReinstallPath{ "/apps/reinstall" };
    static constexpr QLatin1StringView UninstallPath{ "/apps/uninstall" };

    explicit FakeThenaServer(QObject *parent = nullptr);

    bool listen(); // 127.0.0.1 on a free port
    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:<port>

    // The key the default handlers accept (DefaultApiKey unless changed).
    void setApiKey(const QString &apiKey);
    QString apiKey() const { return m_apiKey; }

    // Every request to `path` gets `response` (instead of the default handler) until reset().
    void setResponse(const QString &path, const FakeThenaResponse &response);
    // The next request to `path` gets `response`; queued answers come before setResponse's.
    void enqueueResponse(const QString &path, const FakeThenaResponse &response);
    // Back to the default handlers; the recorded requests are kept.
    void reset();

    const QList<FakeThenaRequest> &requests() const { return m_requests; }
    QList<FakeThenaRequest> requestsTo(const QString &path) const;
    void clearRequests() { m_requests.clear(); }

Q_SIGNALS:
    void requestReceived(); // after recording, before answering

private:
    void handle(Hookscope::Http::Request &&request, Hookscope::Http::Reply reply);
    FakeThenaResponse defaultResponse(const FakeThenaRequest &request) const;

    Hookscope::Http::Server m_http;
    QString m_apiKey = DefaultApiKey;
    QHash<QString, FakeThenaResponse> m_fixed;
    QHash<QString, QQueue<FakeThenaResponse>> m_queued;
    QList<FakeThenaRequest> m_requests;
};
