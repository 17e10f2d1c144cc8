// SPDX-License-Identifier: MIT
#include "demodata.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include "core/events/eventparser.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

const QString Prefix = u":/hookscope/demo/"_s;

using Overrides = QList<QPair<QString, QJsonValue>>;

struct Step
{
    int secondsAgo;
    QString file;
    Overrides set; // dotted paths inside the event object (the "message" of wrapped bodies)
};

// Sets a dotted path inside a JSON object, creating objects on the way.
void setPath(QJsonObject &object, QStringView path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(u'.');
    const QString key = path.left(dot < 0 ? path.size() : dot).toString();
    if (dot < 0) {
        object.insert(key, value);
        return;
    }
    QJsonObject child = object.value(key).toObject();
    setPath(child, path.mid(dot + 1), value);
    object.insert(key, child);
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

Overrides ticket(int number, const QString &title, const QString &priority, const QString &team,
                 const QString &teamName, const QString &customer)
{
    return {
        { u"teamId"_s, team },
        { u"payload.ticket.ticketId"_s, number },
        { u"payload.ticket.id"_s, u"demo_ticket_%1"_s.arg(number) },
        { u"payload.ticket.title"_s, title },
        { u"payload.ticket.aiGeneratedTitle"_s, title },
        { u"payload.ticket.priorityName"_s, priority },
        { u"payload.ticket.priorityId"_s, QString(u"PRI_"_s + priority.toUpper()) },
        { u"payload.ticket.teamId"_s, team },
        { u"payload.ticket.teamName"_s, teamName },
        { u"payload.ticket.customer.name"_s, customer },
    };
}

Overrides comment(int number, const QString &title, const QString &team, const QString &text)
{
    return {
        { u"teamId"_s, team },
        { u"payload.ticket.ticketId"_s, number },
        { u"payload.ticket.id"_s, u"demo_ticket_%1"_s.arg(number) },
        { u"payload.ticket.title"_s, title },
        { u"payload.ticket.teamId"_s, team },
        { u"payload.comment.content"_s, text },
        { u"payload.comment.contentHtml"_s, QString(u"<p>"_s + text.toHtmlEscaped() + u"</p>"_s) },
        { u"payload.comment.teamId"_s, team },
    };
}

QList<Step> script()
{
    const QString emea = u"T123NHFDRF"_s;
    const QString us = u"T456QWERTY"_s;
    const QString created = u"platform-ticket-created.json"_s;
    const QString commented = u"platform-ticket-comment-created.json"_s;
    const QString priority = u"platform-ticket-priority-changed.json"_s;
    const QString login = u"Cannot log in after password reset"_s;
    const QString export_ = u"CSV export times out for large views"_s;
    const QString webhooks = u"Webhook deliveries arrive late"_s;
    const QString sso = u"SSO certificate expires on Friday"_s;
    const QString refund = u"Refund not received yet"_s;
    return {
        { 44 * 60 + 10, created, {} }, // #1042 "Charged twice for invoice 1042", High
        { 41 * 60 + 30, commented, {} },
        { 38 * 60 + 5, priority, {} }, // #1042 High → Urgent
        { 35 * 60 + 40, created,
          ticket(1043, login, u"Medium"_s, us, u"Support US"_s, u"Pat Lee"_s) },
        { 35 * 60 + 12, commented,
          comment(1043, login, us,
                  u"Could you try the reset link again? It was valid for 15 minutes."_s) },
        { 33 * 60 + 2, u"platform-account-updated.json"_s, {} },
        { 30 * 60 + 48, created,
          ticket(1044, export_, u"Low"_s, emea, u"Support EMEA"_s, u"Ana Ruiz"_s) },
        { 28 * 60 + 20, commented, comment(1043, login, us, u"That worked, thank you!"_s) },
        { 25 * 60 + 33, u"platform-custom-object-deal-field-changed.json"_s, {} },
        { 22 * 60 + 51, created,
          ticket(1045, webhooks, u"High"_s, emea, u"Support EMEA"_s, u"Jo Doe"_s) },
        { 22 * 60 + 20, commented,
          comment(1045, webhooks, emea, u"Seeing delays of about 4 minutes since 09:00."_s) },
        { 22 * 60 + 2, commented,
          comment(1045, webhooks, emea, u"Escalating to the platform team."_s) },
        { 20 * 60 + 17,
          priority,
          { { u"payload.ticket.ticketId"_s, 1045 },
            { u"payload.ticket.title"_s, webhooks },
            { u"payload.previousTicket.priorityName"_s, u"High"_s } } },
        { 17 * 60 + 44, u"installation-app-installation.json"_s, {} },
        { 15 * 60 + 8, u"legacy-request-created.json"_s, {} },
        { 12 * 60 + 39, created,
          ticket(1046, u"Change the invoice address"_s, u"Low"_s, us, u"Support US"_s,
                 u"Sam Kim"_s) },
        { 10 * 60 + 3, commented,
          comment(1044, export_, emea,
                  u"A fix ships tomorrow; filtering the view first helps meanwhile."_s) },
        { 8 * 60 + 26,
          u"platform-account-updated.json"_s,
          { { u"payload.account.id"_s, u"ACC0002"_s },
            { u"payload.account.name"_s, u"Globex"_s },
            { u"payload.account.health"_s, u"Healthy"_s } } },
        { 6 * 60 + 15, u"legacy-request-updated.json"_s, {} },
        { 4 * 60 + 50, created,
          ticket(1047, sso, u"Medium"_s, emea, u"Support EMEA"_s, u"Jo Doe"_s) },
        { 4 * 60 + 31, commented,
          comment(1046, u"Change the invoice address"_s, us,
                  u"Updated, the next invoice uses the new address."_s) },
        { 2 * 60 + 40,
          priority,
          { { u"payload.ticket.ticketId"_s, 1047 },
            { u"payload.ticket.title"_s, sso },
            { u"payload.ticket.priorityName"_s, u"High"_s },
            { u"payload.previousTicket.priorityName"_s, u"Medium"_s } } },
        { 1 * 60 + 22, created,
          ticket(1048, refund, u"High"_s, us, u"Support US"_s, u"Pat Lee"_s) },
        { 1 * 60 + 5, commented,
          comment(1048, refund, us,
                  u"Refunds take 3–5 business days; I have checked it was sent."_s) },
        { 35, commented,
          comment(1047, sso, emea,
                  u"The new certificate is uploaded; please confirm on your side."_s) },
    };
}

QByteArray readTemplate(const QString &file)
{
    QFile f(Prefix + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Moves the body's own times to when the demo says it happened, and gives it a fresh ID.
void retime(QJsonObject &root, QJsonObject &event, bool wrapped, qint64 occurredAt,
            qint64 receivedAt, int index)
{
    const QString id = u"demo_%1_%2"_s.arg(occurredAt).arg(index);
    if (event.contains("eventType"_L1)) {
        event.insert(u"eventId"_s, id);
        if (event.value("timestamp"_L1).isDouble()) // unix seconds: the second it arrived in
            event.insert(u"timestamp"_s, double(receivedAt / 1000));
        else
            event.insert(u"timestamp"_s, iso(occurredAt));
        if (wrapped) {
            QJsonObject attributes = root.value("messageAttributes"_L1).toObject();
            if (attributes.contains("event_id"_L1)) {
                QJsonObject attr = attributes.value("event_id"_L1).toObject();
                attr.insert(u"Value"_s, id);
                attributes.insert(u"event_id"_s, attr);
                root.insert(u"messageAttributes"_s, attributes);
            }
        }
    } else if (root.contains("event_type"_L1)) {
        root.insert(u"created_at"_s, iso(occurredAt));
        root.insert(u"event_id"_s, id);
    } else if (root.value("request"_L1).isObject()) {
        QJsonObject request = root.value("request"_L1).toObject();
        const bool update =
                root.value("action"_L1).toString().compare("update"_L1, Qt::CaseInsensitive) == 0;
        request.insert(u"updatedAt"_s, iso(occurredAt));
        if (!update)
            request.insert(u"createdAt"_s, iso(occurredAt));
        else
            request.insert(u"createdAt"_s, iso(occurredAt - 9 * 60 * 1000));
        root.insert(u"request"_s, request);
    }
}

} // namespace

QStringList DemoData::templates()
{
    QStringList out;
    const QStringList names = QDir(Prefix).entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    for (const QString &name : names)
        out.append(Prefix + name);
    return out;
}

QList<Event> DemoData::events(qint64 nowMs)
{
    if (nowMs <= 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    const QList<Step> steps = script();
    QList<Event> out;
    out.reserve(steps.size());
    int index = 0;
    for (const Step &step : steps) {
        ++index;
        const QJsonDocument doc = QJsonDocument::fromJson(readTemplate(step.file));
        if (!doc.isObject())
            continue;
        QJsonObject root = doc.object();
        const bool wrapped = root.value("message"_L1).isObject();
        QJsonObject event = wrapped ? root.value("message"_L1).toObject() : root;
        for (const auto &[path, value] : step.set)
            setPath(event, path, value);

        const qint64 receivedAt = nowMs - qint64(step.secondsAgo) * 1000;
        const qint64 occurredAt =
                receivedAt - 350 - (index * 37) % 400; // Thena sends within a second
        if (wrapped) {
            retime(root, event, true, occurredAt, receivedAt, index);
            root.insert(u"message"_s, event);
        } else {
            root = event;
            retime(root, root, false, occurredAt, receivedAt, index);
        }

        Event e;
        e.body = QJsonDocument(root).toJson(QJsonDocument::Indented);
        e.contentType = u"application/json"_s;
        e.method = u"POST"_s;
        e.path = u"/demo"_s;
        e.remoteAddress = u"demo"_s;
        e.headers = { { "Content-Type", "application/json" },
                      { "User-Agent", "Hookscope demo data" },
                      { "X-Hookscope-Demo", "1" } };
        EventParser::parse(e.body, "application/json").applyTo(e);
        e.summary.summary.prepend(SummaryPrefix);
        e.summary.source = EventSource::Demo;
        e.summary.receivedAt = receivedAt;
        e.summary.size = e.body.size();
        out.append(std::move(e));
    }
    return out;
}

} // namespace Hookscope
