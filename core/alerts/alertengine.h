// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

#include <chrono>

#include "core/alerts/alertrule.h"
#include "core/events/event.h"
#include "core/filter/filterexpression.h"

namespace Hookscope {

class EventStore;

// Evaluates the alert rules on every newly committed event and says when one matches.
//
// Rules live in `alerts.json` in the data directory:
//   {"version": 1, "rules": [{"id", "name", "filter", "enabled"}]}
// A file that cannot be read is never overwritten (save() refuses until a load succeeds).
//
// Each new event is tested against each enabled, valid rule on its summary first
// (FilterExpression::matchWithoutPayload); the body is loaded from the store only when a rule
// cannot be decided without it, and at most once per event.
//
// Notifications are rate limited per rule: the first match is raised at once and opens a
// window (minimumInterval(), 10 s by default); further matches in that window are counted and
// raised as one alert for the latest of them, with the count, when the window closes. So a
// burst never floods the desktop and no match goes unmentioned.
class AlertEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertEngine)

public:
    static constexpr std::chrono::milliseconds DefaultMinimumInterval{ 10'000 };

    explicit AlertEngine(QObject *parent = nullptr);
    ~AlertEngine() override;

    static QString fileName(); // "alerts.json"

    // Follows the store's eventsAdded from now on (nullptr: stop following).
    void setStore(EventStore *store);
    EventStore *store() const;

    // Reads <dataDir>/alerts.json; a missing file means no rules. False (with errorString())
    // on an unreadable or malformed file, which is then left untouched.
    bool load(const QString &dataDir);
    // Writes the rules atomically to the file of the last load() (or setDataDir()).
    bool save();
    void setDataDir(const QString &dataDir);
    QString filePath() const;
    QString errorString() const;

    QList<AlertRule> rules() const;
    // Replaces the rules (rules without an id get one). Rate-limit state is kept for rules
    // whose id survives.
    void setRules(const QList<AlertRule> &rules);
    // The parse error of a rule's filter ("Column 3: …"), empty when it is valid.
    static QString validate(const QString &filter);

    std::chrono::milliseconds minimumInterval() const;
    void setMinimumInterval(std::chrono::milliseconds interval);

    // Muted: rules are not evaluated and nothing is raised (e.g. from the tray menu).
    bool isMuted() const;
    void setMuted(bool muted);

    // Events from these sources never alert: demo data and imports are not news.
    // Default: {"demo", "import"}.
    QSet<QString> ignoredSources() const;
    void setIgnoredSources(const QSet<QString> &sources);

    // Evaluates the rules on committed events (what the store's eventsAdded triggers).
    void process(const QList<Hookscope::EventSummary> &events);

    // Per rule, since the rules were set: matches seen, and matches not raised on their own.
    qint64 matchCount(const QString &ruleId) const;
    qint64 suppressedCount(const QString &ruleId) const;

Q_SIGNALS:
    // `more`: further matches of the same rule folded into this alert by the rate limit.
    void alertRaised(const Hookscope::AlertRule &rule, const Hookscope::EventSummary &event,
                     int more);
    void rulesChanged();

private:
    struct RuleState
    {
        qint64 windowEnd = 0; // monotonic ms; no alert for this rule before it
        int pending = 0; // matches waiting for the window to close
        EventSummary latest; // the newest of them
        qint64 matches = 0;
        qint64 suppressed = 0;
    };

    void onMatch(const AlertRule &rule, const EventSummary &event, qint64 now);
    void flushWindows();
    void scheduleFlush(qint64 now);

    QPointer<EventStore> m_store;
    QMetaObject::Connection m_storeConnection;
    QString m_path;
    QString m_error;
    bool m_loadFailed = false;
    QList<AlertRule> m_rules;
    QHash<QString, RuleState> m_state;
    std::chrono::milliseconds m_interval = DefaultMinimumInterval;
    bool m_muted = false;
    QSet<QString> m_ignoredSources;
    QElapsedTimer m_clock;
    QTimer m_flushTimer;
};

} // namespace Hookscope
