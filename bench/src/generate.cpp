// SPDX-License-Identifier: MIT
// hookscope-bench-generate: writes N realistic events into <data-dir>/events.db through
// EventStore::submit (the receiver's path minus HTTP) and reports the store's rate.
//
//   hookscope-bench-generate --data-dir D --fixtures DIR [--events 1000000] [--seed 1] [--batch N]
//
// --batch N commits every N events (flush()) and reports the commit durations: with N = 8
// that is what the receiver's group commit does under wrk -c8, without HTTP.
//
// Events: the Thena fixtures (ticket created / comment / priority changed, account,
// custom object, legacy request created/updated, app installation, ~1% invalid JSON) with
// fresh event ids, 12 teams, 4 priorities, varied ticket numbers and topics (about one in
// five is about a refund), timestamps spread over the last 7 days in arrival order, and the
// request headers a delivery carries. Each body is parsed with EventParser like the receiver
// does. Prints progress on stderr and one "BENCHJSON {...}" line.
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cstdio>

#include "bench/src/benchutil.h"
#include "core/events/eventparser.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using HookscopeBench::nowNs;

namespace {

struct Kind
{
    const char *file;
    int weight;
    bool invalid = false;
};

// Weights per 1000 events.
const Kind Kinds[] = {
    { "platform-ticket-created.json", 240 },
    { "platform-ticket-comment-created.json", 220 },
    { "platform-ticket-priority-changed.json", 180 },
    { "platform-account-updated.json", 100 },
    { "platform-custom-object-deal-field-changed.json", 100 },
    { "legacy-request-created.json", 70 },
    { "legacy-request-updated.json", 60 },
    { "installation-app-installation.json", 20 },
    { "platform-ticket-created.json", 10, true }, // truncated: stored as invalid
};

struct Topic
{
    const char *title;
    const char *description;
    const char *aiTitle;
    const char *aiSummary;
    const char *tag;
};

// Topic 0 is the fixtures' own text (a refund). The others replace it.
const Topic Topics[] = {
    { "Charged twice for invoice 1042", "We were charged twice, please refund the duplicate.",
      "Duplicate charge refund", "Customer requests refund of a duplicate charge.", "refund" },
    { "Cannot log in after SSO change", "Since the SAML switch nobody on our team can sign in.",
      "SSO login failure", "Customer's users cannot sign in after an SSO change.", "access" },
    { "Export to CSV times out", "The nightly export stops after ten minutes with a timeout.",
      "CSV export timeout", "Customer's scheduled export times out.", "export" },
    { "Webhook deliveries delayed", "Our endpoint receives events about an hour late.",
      "Delayed webhooks", "Customer reports webhook deliveries arriving late.", "webhooks" },
    { "Add a dark mode to the portal", "Agents work night shifts and would like a dark theme.",
      "Dark mode request", "Customer asks for a dark theme in the portal.", "feature" },
};

const char *Teams[] = { "T123NHFDRF", "T456QWERTY", "T789ASDFGH", "T000ZXCVBN",
                        "T111POIUYT", "T222LKJHGF", "T333MNBVCX", "T444QAZWSX",
                        "T555EDCRFV", "T666TGBYHN", "T777UJMIKO", "T888PLMOKN" };
const char *Priorities[] = { "Urgent", "High", "Medium", "Low" };

void replaceAll(QByteArray &b, const char *from, const QByteArray &to)
{
    b.replace(QByteArray(from), to);
}

// Replaces the value of "key": "..." (string) or "key": 123 (number) after `from`.
void replaceValue(QByteArray &b, const QByteArray &key, const QByteArray &stringValue,
                  const QByteArray &numberValue)
{
    const qsizetype k = b.indexOf(key);
    if (k < 0)
        return;
    qsizetype v = b.indexOf(':', k + key.size()) + 1;
    while (v < b.size() && b.at(v) == ' ')
        ++v;
    if (b.at(v) == '"') {
        const qsizetype close = b.indexOf('"', v + 1);
        b.replace(v + 1, close - v - 1, stringValue);
    } else {
        qsizetype end = v;
        while (end < b.size()
               && (std::isdigit(static_cast<unsigned char>(b.at(end))) || b.at(end) == '.'))
            ++end;
        b.replace(v, end - v, numberValue);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dataDir;
    QString fixtures;
    qint64 count = 1'000'000;
    quint32 seed = 1;
    int batch = 0;
    std::vector<double> commitMs;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString a = args.at(i);
        const QString v = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (a == "--data-dir"_L1) {
            dataDir = v;
            ++i;
        } else if (a == "--fixtures"_L1) {
            fixtures = v;
            ++i;
        } else if (a == "--events"_L1) {
            count = v.toLongLong();
            ++i;
        } else if (a == "--seed"_L1) {
            seed = v.toUInt();
            ++i;
        } else if (a == "--batch"_L1) {
            batch = v.toInt();
            ++i;
        }
    }
    if (dataDir.isEmpty() || fixtures.isEmpty() || count <= 0) {
        std::fprintf(stderr,
                     "usage: hookscope-bench-generate --data-dir D --fixtures DIR [--events N] "
                     "[--seed S]\n");
        return 2;
    }

    std::vector<QByteArray> templates;
    std::vector<int> cumulative;
    int sum = 0;
    for (const Kind &k : Kinds) {
        QFile f(QDir(fixtures).filePath(QString::fromLatin1(k.file)));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read fixture %s\n", k.file);
            return 1;
        }
        QByteArray body = f.readAll();
        if (k.invalid)
            body.truncate(body.size() * 2 / 3);
        templates.push_back(body);
        sum += k.weight;
        cumulative.push_back(sum);
    }

    EventStore store;
    store.setRetention(qMax<qint64>(EventStore::DefaultRetention, count));
    if (!store.open(dataDir)) {
        std::fprintf(stderr, "cannot open store: %s\n", qPrintable(store.errorString()));
        return 1;
    }
    const qint64 already = store.count();

    QRandomGenerator rng(seed);
    const qint64 span = 7LL * 24 * 3600 * 1000;
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 startMs = endMs - span;
    const QByteArray ct = "application/json";
    int64_t makeNs = 0, parseNs = 0, submitNs = 0;
    qint64 bodyBytes = 0;
    qint64 committed = 0;
    qint64 failed = 0;
    const int64_t t0 = nowNs();

    for (qint64 i = 0; i < count; ++i) {
        const int64_t a = nowNs();
        const int pick = int(rng.bounded(sum));
        size_t kind = 0;
        while (cumulative[kind] <= pick)
            ++kind;
        QByteArray body = templates[kind];
        const qint64 received = startMs + span * i / count + qint64(rng.bounded(50));
        const qint64 occurred = received - qint64(rng.bounded(2000));
        const QByteArray iso = QDateTime::fromMSecsSinceEpoch(occurred, Qt::UTC)
                                       .toString(Qt::ISODateWithMs)
                                       .toLatin1();
        const QByteArray eventTail =
                QByteArray::number(seed) + 'G' + QByteArray::number(i).rightJustified(12, '0');
        replaceValue(body, "\"timestamp\"", iso, QByteArray::number(occurred / 1000));
        const Topic &topic = Topics[rng.bounded(int(std::size(Topics)))];
        const QByteArray ticket = QByteArray::number(1000 + rng.bounded(90000));
        if (&topic != &Topics[0]) {
            replaceAll(body, Topics[0].title, topic.title);
            replaceAll(body, Topics[0].description, topic.description);
            replaceAll(body, Topics[0].aiTitle, topic.aiTitle);
            replaceAll(body, Topics[0].aiSummary, topic.aiSummary);
            replaceAll(body, "\"refund\"", QByteArray("\"") + topic.tag + '"');
            replaceAll(body, "Customer asks for a refund of a duplicate charge.", topic.aiSummary);
            replaceAll(body,
                       "We were charged twice for invoice 1042, \\\"please\\\" refund; thanks.",
                       topic.description);
        }
        replaceAll(body, "1042", ticket);
        replaceAll(body, "T123NHFDRF", Teams[rng.bounded(int(std::size(Teams)))]);
        replaceAll(body, "\"priorityName\": \"High\"",
                   QByteArray("\"priorityName\": \"") + Priorities[rng.bounded(4)] + '"');
        {
            // Last, so that no other replacement touches it. The eventId: keep "evt_" and replace
            // the rest.
            const qsizetype k = body.indexOf("\"eventId\"");
            if (k >= 0) {
                const qsizetype v = body.indexOf("\"evt_", k) + 5;
                const qsizetype close = body.indexOf('"', v);
                body.replace(v, close - v, eventTail);
            }
        }

        Event event;
        event.summary.receivedAt = received;
        event.summary.source = EventSource::Local;
        event.method = u"POST"_s;
        event.path = u"/hooks/[secret]"_s;
        event.remoteAddress = u"127.0.0.1"_s;
        event.contentType = QString::fromLatin1(ct);
        event.headers = { { "Host", "127.0.0.1:8787" },
                          { "User-Agent", "Thena-Webhooks/1.0" },
                          { "Content-Type", ct },
                          { "Content-Length", QByteArray::number(body.size()) },
                          { "X-Thena-Signature",
                            "sha256="
                                    + QByteArray::number(rng.generate64(), 16)
                                              .rightJustified(16, '0')
                                              .repeated(4) },
                          { "Accept-Encoding", "gzip" } };
        bodyBytes += body.size();
        event.body = std::move(body);
        const int64_t b = nowNs();
        const ParsedEvent parsed = EventParser::parse(event.body, ct);
        parsed.applyTo(event);
        const int64_t c = nowNs();
        store.submit(std::move(event), [&committed, &failed](qint64 id, const QString &) {
            if (id > 0)
                ++committed;
            else
                ++failed;
        });
        if (batch > 0 && (i + 1) % batch == 0) {
            const int64_t f = nowNs();
            store.flush();
            commitMs.push_back(double(nowNs() - f) / 1e6);
        }
        const int64_t d = nowNs();
        makeNs += b - a;
        parseNs += c - b;
        submitNs += d - c;
        if ((i + 1) % 100000 == 0)
            std::fprintf(stderr, "generate: %lld / %lld events (%.0f events/s into the store)\n",
                         static_cast<long long>(i + 1), static_cast<long long>(count),
                         double(i + 1) / (double(submitNs) / 1e9));
    }
    const int64_t e = nowNs();
    store.flush();
    submitNs += nowNs() - e;
    const int64_t total = nowNs() - t0;
    const bool fts = store.hasFullTextIndex();
    const qint64 stored = store.count();
    store.close();
    qint64 fileBytes = 0;
    for (const char *suffix : { "", "-wal", "-shm" })
        fileBytes += QFileInfo(QDir(dataDir).filePath(u"events.db"_s + QLatin1StringView(suffix)))
                             .size();

    const double storeRate = double(count) / (double(submitNs) / 1e9);
    std::printf(
            "generated %lld events (%lld committed, %lld failed) in %.1f s: store %.0f events/s "
            "(submit+commit only), parse %.1f us/event, %.1f MB of bodies, database %.1f MB%s\n",
            static_cast<long long>(count), static_cast<long long>(committed),
            static_cast<long long>(failed), double(total) / 1e9, storeRate,
            double(parseNs) / 1e3 / double(count), double(bodyBytes) / 1e6, double(fileBytes) / 1e6,
            fts ? " (with FTS5)" : "");
    if (batch > 0)
        std::printf("commits of %d events: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms "
                    "(%zu commits)\n",
                    batch, HookscopeBench::percentile(commitMs, 50),
                    HookscopeBench::percentile(commitMs, 99),
                    HookscopeBench::percentile(commitMs, 99.9),
                    HookscopeBench::percentile(commitMs, 100), commitMs.size());
    std::printf("BENCHJSON "
                "{\"events\":%lld,\"committed\":%lld,\"failed\":%lld,\"stored\":%lld,"
                "\"preexisting\":%lld,"
                "\"seconds\":%.3f,\"store_seconds\":%.3f,\"store_rate\":%.1f,\"parse_us\":%.2f,"
                "\"make_us\":%.2f,"
                "\"body_mb\":%.2f,\"db_mb\":%.2f,\"fts\":%s}\n",
                static_cast<long long>(count), static_cast<long long>(committed),
                static_cast<long long>(failed), static_cast<long long>(stored),
                static_cast<long long>(already), double(total) / 1e9, double(submitNs) / 1e9,
                storeRate, double(parseNs) / 1e3 / double(count),
                double(makeNs) / 1e3 / double(count), double(bodyBytes) / 1e6,
                double(fileBytes) / 1e6, fts ? "true" : "false");
    return failed == 0 ? 0 : 1;
}
