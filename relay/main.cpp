// SPDX-License-Identifier: MIT
// hookscope-relay: a smee-compatible webhook relay that keeps the raw bytes, buffers on disk
// while nobody listens and needs a token to read. See core/relay/relayserver.h.

#include <QCommandLineParser>
#include <QDebug>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QUrl>

#include <cstdio>

#include "core/common/unixsignalwatcher.h"
#include "core/relay/relayserver.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// One line per message: "<UTC time> <level> <message>", the message being
// "what key=value ...". Lines go to stderr, which systemd's journal and docker collect.
void logLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const char *level = "info";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtInfoMsg:
        level = "info";
        break;
    case QtWarningMsg:
        level = "warn";
        break;
    case QtCriticalMsg:
        level = "error";
        break;
    case QtFatalMsg:
        level = "fatal";
        break;
    }
    QString line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' '
            + QLatin1StringView(level) + u' ' + message;
    const QLatin1StringView category(context.category ? context.category : "default");
    // Qt's words for an upgrade we refused on purpose; the relay logs its own line for it.
    if (category == "qt.httpserver"_L1 && message.startsWith("WebSocket received but no slots"_L1))
        return;
    if (!category.startsWith("hookscope.relay"_L1) && category != "default"_L1)
        line += u" category="_s + category;
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

// "10M", "512k", "1G" or plain bytes; 0 only where `zeroAllowed`.
qint64 parseBytes(QString text, bool *ok, bool zeroAllowed = false)
{
    text = text.trimmed().toUpper();
    qint64 factor = 1;
    if (text.endsWith(u'B'))
        text.chop(1);
    if (text.endsWith(u'K'))
        factor = 1024;
    else if (text.endsWith(u'M'))
        factor = 1024 * 1024;
    else if (text.endsWith(u'G'))
        factor = 1024LL * 1024 * 1024;
    if (factor > 1)
        text.chop(1);
    const qint64 n = text.toLongLong(ok);
    *ok = *ok && (n > 0 || (zeroAllowed && n == 0)) && n <= (qint64(1) << 50) / factor;
    return n * factor;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hookscope-relay: %s\n", qPrintable(message));
    return 2;
}

constexpr auto AdminTokenVariable = "HOOKSCOPE_RELAY_ADMIN_TOKEN";

// The admin token: from --admin-token-file, else from $HOOKSCOPE_RELAY_ADMIN_TOKEN, else
// none. Never from a plain option (the command line shows in `ps`). Empty and true: no token;
// false: *error says what is wrong.
bool readAdminToken(const QString &file, QString *token, QString *error)
{
    QByteArray bytes;
    QString source;
    if (!file.isEmpty()) {
        source = u"--admin-token-file %1"_s.arg(file);
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = u"%1: cannot read it: %2"_s.arg(source, f.errorString());
            return false;
        }
        bytes = f.read(4096 + 1);
        if (bytes.size() > 4096) {
            *error = u"%1: the token must be one line (at most 4096 bytes)"_s.arg(source);
            return false;
        }
    } else if (qEnvironmentVariableIsSet(AdminTokenVariable)) {
        source = QString::fromLatin1(AdminTokenVariable);
        bytes = qgetenv(AdminTokenVariable);
        if (bytes.trimmed().isEmpty())
            return true; // set to nothing: no token
    } else {
        return true;
    }
    bytes = bytes.trimmed(); // a file's final newline
    if (bytes.isEmpty()) {
        *error = u"%1: the admin token is empty"_s.arg(source);
        return false;
    }
    // What a client can send after "Authorization: Bearer " (visible ASCII, one line).
    for (const char c : std::as_const(bytes)) {
        if (c < 0x21 || c > 0x7e) {
            *error = u"%1: the admin token must be one line of visible ASCII characters"_s.arg(
                    source);
            return false;
        }
    }
    *token = QString::fromLatin1(bytes);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"hookscope-relay"_s);
    QCoreApplication::setOrganizationName(u"hookscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));

    const RelayServerConfig defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(
            u"A smee-compatible webhook relay: keeps raw bodies, buffers on disk while no one "
            u"listens, needs a channel token to read."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(u"port"_s,
                                  u"TCP port (0: any free port). Default %1."_s.arg(defaults.port),
                                  u"N"_s, QString::number(defaults.port));
    const QCommandLineOption bind(
            u"bind"_s, u"Address to listen on. Default 127.0.0.1 (put a TLS proxy in front)."_s,
            u"ADDR"_s, u"127.0.0.1"_s);
    const QCommandLineOption dataDir(
            u"data-dir"_s,
            u"Where channels and buffered deliveries are kept. Default $STATE_DIRECTORY "
            u"(systemd), else the user's data directory."_s,
            u"DIR"_s);
    const QCommandLineOption publicUrl(
            u"public-url"_s,
            u"Base URL the world uses, e.g. https://relay.example.com. Default "
            u"http://<bind>:<port>."_s,
            u"URL"_s);
    const QCommandLineOption maxBody(
            u"max-body"_s, u"Largest accepted body (413 beyond), e.g. 10M. Default 10M."_s,
            u"BYTES"_s, u"10M"_s);
    const QCommandLineOption ping(u"ping-interval"_s,
                                  u"Seconds between pings on open streams. Default %1."_s.arg(
                                          defaults.pingIntervalMs / 1000),
                                  u"S"_s, QString::number(defaults.pingIntervalMs / 1000));
    const QCommandLineOption rate(
            u"rate"_s,
            u"Deliveries per second per channel (429 beyond). Default %1."_s.arg(
                    defaults.ratePerSecond),
            u"N"_s, QString::number(defaults.ratePerSecond));
    const QCommandLineOption burst(
            u"burst"_s, u"Burst allowed above --rate. Default %1."_s.arg(defaults.rateBurst),
            u"N"_s, QString::number(defaults.rateBurst));
    const QCommandLineOption maxSubscribers(
            u"max-subscribers"_s,
            u"Readers per channel. Default %1."_s.arg(defaults.maxSubscribersPerChannel), u"N"_s,
            QString::number(defaults.maxSubscribersPerChannel));
    const QCommandLineOption maxEvents(
            u"max-events"_s,
            u"Buffered deliveries per channel; the oldest go first. Default %1."_s.arg(
                    defaults.buffer.maxEventsPerChannel),
            u"N"_s, QString::number(defaults.buffer.maxEventsPerChannel));
    const QCommandLineOption maxBuffer(
            u"max-buffer"_s,
            u"Buffered bytes per channel, counting everything stored for a delivery (headers, "
            u"body, path, query, ...); the oldest go first. At least what one delivery of "
            u"--max-body can take. Default 256M."_s,
            u"BYTES"_s, u"256M"_s);
    const QCommandLineOption maxDisk(
            u"max-disk"_s,
            u"Buffered bytes of all channels together (0: no bound). Over it, events every "
            u"reader has received go first, oldest first across channels; events not yet "
            u"received are never evicted for it: deliveries that do not fit are refused "
            u"(507 + Retry-After). Default 1G."_s,
            u"BYTES"_s, u"1G"_s);
    const QCommandLineOption adminTokenFile(
            u"admin-token-file"_s,
            u"File holding the admin token (one line): GET /healthz shows its counts only to "
            u"'Authorization: Bearer <token>'. Default: $%1, else no token (counts never "
            u"shown). Never given on the command line itself."_s.arg(
                    QLatin1StringView(AdminTokenVariable)),
            u"FILE"_s);
    const QCommandLineOption idle(u"idle-timeout"_s,
                                  u"Seconds before an idle connection is closed. Default %1."_s.arg(
                                          defaults.limits.idleTimeoutMs / 1000),
                                  u"S"_s, QString::number(defaults.limits.idleTimeoutMs / 1000));
    const QCommandLineOption ttl(
            u"channel-ttl"_s, u"Days before an unused channel is removed (0: never). Default 30."_s,
            u"DAYS"_s, u"30"_s);
    parser.addOptions({ port, bind, dataDir, publicUrl, maxBody, ping, rate, burst, maxSubscribers,
                        maxEvents, maxBuffer, maxDisk, idle, ttl, adminTokenFile });
    parser.process(app);

    RelayServerConfig config;
    bool ok = false;
    const int portNumber = parser.value(port).toInt(&ok);
    if (!ok || portNumber < 0 || portNumber > 65535)
        return fail(u"--port must be 0..65535"_s);
    config.port = quint16(portNumber);
    if (!config.address.setAddress(parser.value(bind)))
        return fail(u"--bind is not an IP address: %1"_s.arg(parser.value(bind)));
    if (parser.isSet(publicUrl)) {
        config.publicUrl = QUrl(parser.value(publicUrl), QUrl::StrictMode);
        if (!config.publicUrl.isValid()
            || (config.publicUrl.scheme() != "http"_L1 && config.publicUrl.scheme() != "https"_L1))
            return fail(u"--public-url must be an http(s) URL"_s);
    }
    config.limits.request.maxBodyBytes = parseBytes(parser.value(maxBody), &ok);
    if (!ok)
        return fail(u"--max-body: give bytes, e.g. 10M"_s);
    config.buffer.maxBytesPerChannel = parseBytes(parser.value(maxBuffer), &ok);
    if (!ok)
        return fail(u"--max-buffer: give bytes, e.g. 256M"_s);
    // A channel must hold at least one delivery that passed the request limits, as
    // RelayStore::storedBytes() counts it: header bytes may be stored twice over (escaped,
    // and the content type again), the target decoded from the request line.
    const Http::RequestLimits &request = config.limits.request;
    const qint64 largestDelivery = request.maxBodyBytes + 4 * request.maxHeaderBytes
            + 2 * request.maxRequestLineBytes
            + RelayStore::HeaderFieldOverheadBytes * request.maxHeaderFields
            + RelayStore::RowOverheadBytes + 1024;
    if (config.buffer.maxBytesPerChannel < largestDelivery) {
        qWarning().noquote() << u"hookscope-relay: --max-buffer raised to %1 bytes: a channel must "
                                u"hold one delivery as large as --max-body and the header limits "
                                u"allow"_s.arg(largestDelivery);
        config.buffer.maxBytesPerChannel = largestDelivery;
    }
    config.buffer.maxTotalBytes = parseBytes(parser.value(maxDisk), &ok, true);
    if (!ok)
        return fail(u"--max-disk: give bytes, e.g. 1G (0: no bound)"_s);
    if (config.buffer.maxTotalBytes > 0 && config.buffer.maxTotalBytes < largestDelivery) {
        qWarning().noquote() << u"hookscope-relay: --max-disk raised to %1 bytes (one delivery "
                                u"of the largest size)"_s.arg(largestDelivery);
        config.buffer.maxTotalBytes = largestDelivery;
    }
    if (parser.isSet(adminTokenFile) && parser.value(adminTokenFile).isEmpty())
        return fail(u"--admin-token-file: give a file"_s);
    QString adminTokenError;
    if (!readAdminToken(parser.value(adminTokenFile), &config.adminToken, &adminTokenError))
        return fail(adminTokenError);
    const double pingSeconds = parser.value(ping).toDouble(&ok);
    if (!ok || pingSeconds <= 0)
        return fail(u"--ping-interval must be a positive number of seconds"_s);
    config.pingIntervalMs = qMax(10, int(pingSeconds * 1000));
    config.ratePerSecond = parser.value(rate).toDouble(&ok);
    if (!ok || config.ratePerSecond <= 0)
        return fail(u"--rate must be positive"_s);
    config.rateBurst = parser.value(burst).toInt(&ok);
    if (!ok || config.rateBurst < 1)
        return fail(u"--burst must be at least 1"_s);
    config.maxSubscribersPerChannel = parser.value(maxSubscribers).toInt(&ok);
    if (!ok || config.maxSubscribersPerChannel < 1)
        return fail(u"--max-subscribers must be at least 1"_s);
    config.buffer.maxEventsPerChannel = parser.value(maxEvents).toLongLong(&ok);
    if (!ok || config.buffer.maxEventsPerChannel < 1)
        return fail(u"--max-events must be at least 1"_s);
    const double idleSeconds = parser.value(idle).toDouble(&ok);
    if (!ok || idleSeconds <= 0)
        return fail(u"--idle-timeout must be positive"_s);
    config.limits.idleTimeoutMs = int(idleSeconds * 1000);
    const double ttlDays = parser.value(ttl).toDouble(&ok);
    if (!ok || ttlDays < 0)
        return fail(u"--channel-ttl must be 0 or more days"_s);
    config.channelTtlMs = qint64(ttlDays * 24 * 3600 * 1000);

    QString dir = parser.value(dataDir);
    if (dir.isEmpty())
        dir = qEnvironmentVariable("STATE_DIRECTORY").section(u':', 0, 0);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    config.dataDir = QDir(dir).absolutePath();

    qInstallMessageHandler(logLine);
    RelayServer server;
    server.setConfig(config);
    UnixSignalWatcher signals;
    if (!server.start()) {
        qCritical().noquote() << "cannot start" << u"error=\"%1\""_s.arg(server.errorString());
        return 1;
    }
    QObject::connect(
            &signals, &UnixSignalWatcher::terminationRequested, &server, [&server](int number) {
                if (server.isShuttingDown()) {
                    // A second signal: stop waiting for slow readers.
                    server.stop();
                    QCoreApplication::exit(0);
                    return;
                }
                qInfo().noquote() << "signal" << u"number=%1 action=shutdown"_s.arg(number);
                server.shutdown();
            });
    QObject::connect(&server, &RelayServer::stopped, &app, [] { QCoreApplication::exit(0); });
    return QCoreApplication::exec();
}
