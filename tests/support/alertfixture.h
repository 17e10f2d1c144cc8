// SPDX-License-Identifier: MIT
#pragma once

// What the AlertEngine and alert-dialog tests share: a real store in a temporary directory,
// an engine on it, and helpers to make rules and store fixture deliveries.

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "core/alerts/alertengine.h"
#include "core/events/eventparser.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"

namespace Hookscope::Testing {

class AlertFixture
{
public:
    // Call from init(): QVERIFY failures end the test function.
    void setUp()
    {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
        store = std::make_unique<EventStore>();
        QVERIFY2(store->open(dir->path()), qPrintable(store->errorString()));
        engine = std::make_unique<AlertEngine>();
        engine->setStore(store.get());
        QVERIFY(engine->load(dir->path()));
    }

    void tearDown()
    {
        engine.reset();
        store.reset();
        dir.reset();
    }

    static AlertRule rule(const QString &name, const QString &filter, bool enabled = true)
    {
        AlertRule r;
        r.id = AlertRule::newId();
        r.name = name;
        r.filter = filter;
        r.enabled = enabled;
        return r;
    }

    // Submits the fixtures as deliveries and commits them: the engine sees them through the
    // store's eventsAdded, exactly as in the app.
    QList<EventSummary> storeFixtures(const QStringList &fixtures,
                                      const QString &source = QString(EventSource::Local))
    {
        QSignalSpy added(store.get(), &EventStore::eventsAdded);
        for (const QString &name : fixtures) {
            Event event;
            event.body = Fixtures::read(name);
            event.contentType = QStringLiteral("application/json");
            event.method = QStringLiteral("POST");
            event.path = QStringLiteral("/");
            EventParser::parse(event.body, "application/json").applyTo(event);
            event.summary.source = source;
            event.summary.receivedAt = QDateTime::currentMSecsSinceEpoch();
            event.summary.size = event.body.size();
            store->submit(std::move(event));
        }
        store->flush();
        QList<EventSummary> out;
        for (const QList<QVariant> &args : std::as_const(added))
            out += args.at(0).value<QList<EventSummary>>();
        return out;
    }

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<EventStore> store;
    std::unique_ptr<AlertEngine> engine;
};

} // namespace Hookscope::Testing
