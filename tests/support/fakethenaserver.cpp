// SPDX-License-Identifier: MIT
#include "fakethenaserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;

namespace {

// NestJS-style error bodies, as Thena's API answers.
FakeThenaResponse nestError(int status, const QString &error, const QJsonValue &message)
{
    return FakeThenaResponse::json(
            status,
            { { u"message"_s, message }, { u"error"_s, error }, { u"statusCode"_s, status } });
}

bool isNonEmptyStringArray(const QJsonValue &value)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return false;
    const QJsonArray array = value.toArray();
    return std::all_of(array.begin(), array.end(),
                       [](const QJsonValue &v) { return v.isString() && !v.toString().isEmpty(); });
}

// Required fields of install, reinstall and uninstall bodies; the messages mimic class-validator.
QStringList installProblems(const QJsonObject &body, bool needsConfiguration)
{
    QStringList problems;
    if (!isNonEmptyStringArray(body.value(u"teamIds"_s)))
        problems.append(u"teamIds must be a non-empty array of strings"_s);
    if (!body.value(u"appId"_s).isString() || body.value(u"appId"_s).toString().isEmpty())
        problems.append(u"appId must be a non-empty string"_s);
    if (needsConfiguration && !body.value(u"appConfiguration"_s).isObject())
        problems.append(u"appConfiguration must be an object"_s);
    return problems;
}

} // namespace

QByteArray FakeThenaRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QJsonObject FakeThenaRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeThenaResponse FakeThenaResponse::json(int status, const QJsonObject &body)
{
    FakeThenaResponse r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

FakeThenaResponse FakeThenaResponse::keyRejected(const QString &message)
{
    return nestError(401, u"Unauthorized"_s, message);
}

FakeThenaResponse FakeThenaResponse::forbidden(const QString &message)
{
    return nestError(403, u"Forbidden"_s, message);
}

FakeThenaResponse FakeThenaResponse::badRequest(const QString &message)
{
    return nestError(400, u"Bad Request"_s, message);
}

FakeThenaResponse FakeThenaResponse::serverError()
{
    return json(500, { { u"message"_s, u"Internal server error"_s }, { u"statusCode"_s, 500 } });
}

FakeThenaResponse FakeThenaResponse::slow(const FakeThenaResponse &then,
                                          std::chrono::milliseconds delay)
{
    FakeThenaResponse r = then;
    if (r.body.isEmpty())
        r.body = "{}";
    r.delay = delay;
    return r;
}

FakeThenaResponse FakeThenaResponse::slow()
{
    return slow(FakeThenaResponse());
}

FakeThenaResponse FakeThenaResponse::malformedJson()
{
    FakeThenaResponse r;
    r.body = R"({"appId": "EGHG8R3K9HGU98JJ81W5EKQRM2X9", "clientId": )";
    return r;
}

FakeThenaResponse FakeThenaResponse::createAppGuide()
{
    FakeThenaResponse r;
    r.status = 201;
    r.body = Fixtures::read(u"create-app-response-guide.json"_s);
    return r;
}

FakeThenaResponse FakeThenaResponse::createAppReference()
{
    FakeThenaResponse r;
    r.status = 201;
    r.body = Fixtures::read(u"create-app-response-reference.json"_s);
    return r;
}

FakeThenaResponse FakeThenaResponse::createAppWrapped(const QString &idField, const QString &appId)
{
    return json(201,
                { { u"status"_s, true },
                  { u"data"_s,
                    QJsonObject{ { idField, appId },
                                 { u"name"_s, u"Hookscope monitor"_s },
                                 { u"slug"_s, u"hookscope-monitor-acme"_s } } } });
}

FakeThenaResponse FakeThenaResponse::teams()
{
    FakeThenaResponse r;
    r.body = Fixtures::read(u"list-teams-response.json"_s);
    return r;
}

FakeThenaResponse FakeThenaResponse::install()
{
    FakeThenaResponse r;
    r.status = 201;
    r.body = Fixtures::read(u"install-app-response.json"_s);
    return r;
}

FakeThenaServer::FakeThenaServer(QObject *parent)
    : QObject(parent), m_http(Hookscope::Http::ServerLimits{})
{
    m_http.setHandler([this](Hookscope::Http::Request &&request, Hookscope::Http::Reply reply) {
        handle(std::move(request), std::move(reply));
    });
}

bool FakeThenaServer::listen()
{
    return m_http.isListening() || m_http.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeThenaServer::port() const
{
    return m_http.serverPort();
}

QUrl FakeThenaServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port()));
}

void FakeThenaServer::setApiKey(const QString &apiKey)
{
    m_apiKey = apiKey;
}

void FakeThenaServer::setResponse(const QString &path, const FakeThenaResponse &response)
{
    m_fixed.insert(path, response);
}

void FakeThenaServer::enqueueResponse(const QString &path, const FakeThenaResponse &response)
{
    m_queued[path].enqueue(response);
}

void FakeThenaServer::reset()
{
    m_fixed.clear();
    m_queued.clear();
}

QList<FakeThenaRequest> FakeThenaServer::requestsTo(const QString &path) const
{
    QList<FakeThenaRequest> result;
    for (const FakeThenaRequest &r : m_requests) {
        if (r.path == path)
            result.append(r);
    }
    return result;
}

void FakeThenaServer::handle(Hookscope::Http::Request &&request, Hookscope::Http::Reply reply)
{
    FakeThenaRequest recorded;
    recorded.method = request.method;
    recorded.path =
            QString::fromUtf8(QByteArray::fromPercentEncoding(request.rawPath().toByteArray()));
    recorded.query = QString::fromLatin1(request.rawQuery());
    recorded.headers = request.headers;
    recorded.body = std::move(request.body);
    m_requests.append(recorded);
    Q_EMIT requestReceived();

    FakeThenaResponse response;
    if (auto queue = m_queued.find(recorded.path); queue != m_queued.end() && !queue->isEmpty())
        response = queue->dequeue();
    else if (m_fixed.contains(recorded.path))
        response = m_fixed.value(recorded.path);
    else
        response = defaultResponse(recorded);

    auto send = [reply, response]() mutable {
        reply.send(response.status, response.body, response.contentType, response.headers);
    };
    if (response.delay.count() > 0)
        QTimer::singleShot(response.delay, this, send);
    else
        send();
}

FakeThenaResponse FakeThenaServer::defaultResponse(const FakeThenaRequest &request) const
{
    const QString &path = request.path;
    const bool known = path == TeamsPath || path == CreateAppPath || path == InstallPath
            || path == ReinstallPath || path == UninstallPath;
    const QByteArray expectedMethod = path == TeamsPath ? "GET" : "POST";
    if (!known || request.method != expectedMethod) {
        return nestError(404, u"Not Found"_s,
                         u"Cannot %1 %2"_s.arg(QString::fromLatin1(request.method), path));
    }
    // Guards before validation, as in the real API: no or wrong key is 401 whatever the body.
    if (request.header("x-api-key").isEmpty()
        || QString::fromUtf8(request.header("x-api-key")) != m_apiKey)
        return FakeThenaResponse::keyRejected();
    if (path == TeamsPath)
        return FakeThenaResponse::teams();

    if (!request.header("content-type").startsWith("application/json"))
        return nestError(415, u"Unsupported Media Type"_s,
                         u"Content-Type must be application/json"_s);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return FakeThenaResponse::badRequest(u"Request body must be a JSON object"_s);
    const QJsonObject body = doc.object();

    if (path == CreateAppPath) {
        QStringList problems;
        if (body.value(u"app_visibility"_s).toString() != "private"_L1)
            problems.append(u"app_visibility must be one of the following values: private"_s);
        const QJsonObject app = body.value(u"manifest"_s).toObject().value(u"app"_s).toObject();
        if (!body.value(u"manifest"_s).isObject())
            problems.append(u"manifest must be an object"_s);
        else if (app.value(u"name"_s).toString().isEmpty())
            problems.append(u"manifest.app.name should not be empty"_s);
        if (body.value(u"manifest"_s).isObject() && app.value(u"slug"_s).toString().isEmpty())
            problems.append(u"manifest.app.slug should not be empty"_s);
        if (!problems.isEmpty())
            return nestError(400, u"Bad Request"_s, QJsonArray::fromStringList(problems));
        return FakeThenaResponse::createAppGuide();
    }

    const QStringList problems = installProblems(body, path != UninstallPath);
    if (!problems.isEmpty())
        return nestError(400, u"Bad Request"_s, QJsonArray::fromStringList(problems));
    if (path == InstallPath) {
        // The fixture, for the teams and app actually asked for.
        QJsonObject answer =
                QJsonDocument::fromJson(Fixtures::read(u"install-app-response.json"_s)).object();
        answer.insert(u"appInstalledForTeams"_s, body.value(u"teamIds"_s));
        answer.insert(u"appIdentifier"_s, body.value(u"appId"_s));
        return FakeThenaResponse::json(201, answer);
    }
    if (path == ReinstallPath)
        return FakeThenaResponse::json(200,
                                       { { u"message"_s, u"App reinstalled successfully"_s } });
    return FakeThenaResponse::json(200, { { u"message"_s, u"App uninstalled successfully"_s } });
}
