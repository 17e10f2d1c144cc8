// SPDX-License-Identifier: MIT
#include "alertengine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <optional>

#include "core/events/eventpayload.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int FormatVersion = 1;

} // namespace

AlertEngine::AlertEngine(QObject *parent)
    : QObject(parent), m_ignoredSources{ QString(EventSource::Demo), QString(EventSource::Import) }
{
    m_clock.start();
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &AlertEngine::flushWindows);
}

AlertEngine::~AlertEngine() = default;

QString AlertEngine::fileName()
{
    return u"alerts.json"_s;
}

void AlertEngine::setStore(EventStore *store)
{
    disconnect(m_storeConnection);
    m_store = store;
    if (store)
        m_storeConnection = connect(store, &EventStore::eventsAdded, this, &AlertEngine::process);
}

EventStore *AlertEngine::store() const
{
    return m_store;
}

void AlertEngine::setDataDir(const QString &dataDir)
{
    m_path = QDir(dataDir).filePath(fileName());
}

QString AlertEngine::filePath() const
{
    return m_path;
}

QString AlertEngine::errorString() const
{
    return m_error;
}

bool AlertEngine::load(const QString &dataDir)
{
    setDataDir(dataDir);
    m_error.clear();
    m_loadFailed = false;
    QList<AlertRule> rules;
    QFile file(m_path);
    if (!file.exists()) {
        setRules(rules);
        return true;
    }
    const auto fail = [this](const QString &why) {
        m_error = why;
        m_loadFailed = true;
        setRules({});
        return false;
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"Cannot read %1: %2"_s.arg(m_path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"%1 is damaged (%2); it is left untouched"_s.arg(m_path,
                                                                      parseError.errorString()));
    if (!doc.isObject())
        return fail(u"%1 is damaged (not a JSON object); it is left untouched"_s.arg(m_path));
    if (doc.object().value(u"version"_s).toInt() > FormatVersion)
        return fail(u"%1 was written by a newer Hookscope; it is left untouched"_s.arg(m_path));
    const QJsonArray array = doc.object().value(u"rules"_s).toArray();
    for (const QJsonValue &value : array) {
        if (const std::optional<AlertRule> rule = AlertRule::fromJson(value.toObject()))
            rules.append(*rule);
    }
    setRules(rules);
    return true;
}

bool AlertEngine::save()
{
    if (m_path.isEmpty()) {
        m_error = u"No data directory for the alert rules"_s;
        return false;
    }
    if (m_loadFailed) {
        // Keep the damaged file for the user rather than replacing it with what we could read.
        return false;
    }
    QJsonArray array;
    for (const AlertRule &rule : std::as_const(m_rules))
        array.append(rule.toJson());
    const QJsonObject root{ { u"version"_s, FormatVersion }, { u"rules"_s, array } };
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = u"Cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        m_error = u"Cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    m_error.clear();
    return true;
}

QList<AlertRule> AlertEngine::rules() const
{
    return m_rules;
}

void AlertEngine::setRules(const QList<AlertRule> &rules)
{
    m_rules = rules;
    QHash<QString, RuleState> state;
    for (AlertRule &rule : m_rules) {
        if (rule.id.isEmpty())
            rule.id = AlertRule::newId();
        state.insert(rule.id, m_state.value(rule.id));
    }
    m_state = std::move(state);
    Q_EMIT rulesChanged();
}

QString AlertEngine::validate(const QString &filter)
{
    const FilterExpression expression = FilterExpression::parse(filter);
    if (expression.isValid())
        return {};
    return u"Column %1: %2"_s.arg(expression.errorColumn()).arg(expression.errorMessage());
}

std::chrono::milliseconds AlertEngine::minimumInterval() const
{
    return m_interval;
}

void AlertEngine::setMinimumInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
}

bool AlertEngine::isMuted() const
{
    return m_muted;
}

void AlertEngine::setMuted(bool muted)
{
    m_muted = muted;
    if (muted) {
        // What was waiting for its window is dropped with the rest: muted means quiet.
        for (RuleState &s : m_state)
            s.pending = 0;
        m_flushTimer.stop();
    }
}

QSet<QString> AlertEngine::ignoredSources() const
{
    return m_ignoredSources;
}

void AlertEngine::setIgnoredSources(const QSet<QString> &sources)
{
    m_ignoredSources = sources;
}

qint64 AlertEngine::matchCount(const QString &ruleId) const
{
    return m_state.value(ruleId).matches;
}

qint64 AlertEngine::suppressedCount(const QString &ruleId) const
{
    return m_state.value(ruleId).suppressed;
}

void AlertEngine::process(const QList<EventSummary> &events)
{
    if (m_muted || events.isEmpty())
        return;
    // Parsed per batch: relative times (since:15m) must count from now, not from when the
    // rule was saved. Copies, because a receiver of alertRaised may replace the rules.
    struct Active
    {
        AlertRule rule;
        FilterExpression expression;
    };
    QList<Active> active;
    for (const AlertRule &rule : std::as_const(m_rules)) {
        if (!rule.enabled || rule.filter.trimmed().isEmpty())
            continue;
        FilterExpression expression = FilterExpression::parse(rule.filter);
        if (expression.isValid())
            active.append({ rule, std::move(expression) });
    }
    if (active.isEmpty())
        return;

    const qint64 now = m_clock.elapsed();
    for (const EventSummary &event : events) {
        if (m_ignoredSources.contains(event.source))
            continue;
        std::optional<Event> full; // loaded on the first rule that needs the body
        std::optional<EventPayload> payload;
        bool loadTried = false;
        for (const Active &a : std::as_const(active)) {
            bool matched = false;
            if (const std::optional<bool> quick = a.expression.matchWithoutPayload(event)) {
                matched = *quick;
            } else {
                if (!loadTried) {
                    loadTried = true;
                    if (m_store)
                        full = m_store->event(event.id);
                    if (full)
                        payload.emplace(full->body, full->contentType.toUtf8());
                }
                matched = a.expression.matches(event, payload ? &*payload : nullptr);
            }
            if (matched)
                onMatch(a.rule, event, now);
        }
    }
    scheduleFlush(now);
}

void AlertEngine::onMatch(const AlertRule &rule, const EventSummary &event, qint64 now)
{
    auto it = m_state.find(rule.id);
    if (it == m_state.end())
        return; // replaced by a slot of an earlier alert in this batch
    ++it->matches;
    if (now >= it->windowEnd && it->pending == 0) {
        it->windowEnd = now + m_interval.count();
        Q_EMIT alertRaised(rule, event, 0);
        return;
    }
    ++it->suppressed;
    ++it->pending;
    it->latest = event;
}

void AlertEngine::flushWindows()
{
    const qint64 now = m_clock.elapsed();
    struct Due
    {
        AlertRule rule;
        EventSummary event;
        int more = 0;
    };
    QList<Due> due;
    for (const AlertRule &rule : std::as_const(m_rules)) {
        auto it = m_state.find(rule.id);
        if (it == m_state.end() || it->pending == 0 || now < it->windowEnd)
            continue;
        due.append({ rule, it->latest, it->pending - 1 });
        it->pending = 0;
        it->windowEnd = now + m_interval.count();
    }
    for (const Due &d : std::as_const(due))
        Q_EMIT alertRaised(d.rule, d.event, d.more);
    scheduleFlush(now);
}

void AlertEngine::scheduleFlush(qint64 now)
{
    qint64 next = -1;
    for (const RuleState &s : std::as_const(m_state)) {
        if (s.pending > 0 && (next < 0 || s.windowEnd < next))
            next = s.windowEnd;
    }
    if (next < 0) {
        m_flushTimer.stop();
        return;
    }
    m_flushTimer.start(std::chrono::milliseconds(std::max<qint64>(0, next - now)));
}

} // namespace Hookscope
