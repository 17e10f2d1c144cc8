// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "core/thena/eventcatalogue.h"
#include "core/thena/manifest.h"
#include "core/thena/teamids.h"
#include "core/thena/thenaclient.h"
#include "core/thena/thenarequest.h"
#include "core/thena/thenaresult.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

Manifest fixtureManifest()
{
    return Manifest(
            QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object());
}

const QString Endpoint = u"https://hooks.acme.example/thena?token=abc"_s;

// The fixture as a user leaves it after the wizard: its URLs from one endpoint, event names
// instead of the docs' ticket:* pattern. No issue at all.
Manifest cleanManifest()
{
    Manifest m = fixtureManifest();
    m.setEndpoint(Endpoint);
    m.setSubscribedEvents({ ManifestEvent::forEvent(u"ticket:created"_s),
                            ManifestEvent::forEvent(u"account:updated"_s) });
    return m;
}

QStringList describe(const QList<ManifestIssue> &issues)
{
    QStringList lines;
    for (const ManifestIssue &i : issues)
        lines.append((i.isError() ? u"E "_s : u"W "_s) + i.field + u": "_s + i.message);
    return lines;
}

const ManifestIssue *issueAt(const QList<ManifestIssue> &issues, const QString &field)
{
    for (const ManifestIssue &i : issues) {
        if (i.field == field)
            return &i;
    }
    return nullptr;
}

} // namespace

// The manifest model and the small parsers around it: event catalogue, team IDs, curl.
class tst_Manifest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureIsValid();
    void endpoints_data();
    void endpoints();
    void settingsAndConfiguration();
    void validation_data();
    void validation();
    void subscribedEvents_data();
    void subscribedEvents();
    void wrongSectionTypes();
    void accessorsAndPaths();
    void roundTrip();
    void parseErrors_data();
    void parseErrors();
    void defaultTemplate();
    void slugFrom_data();
    void slugFrom();

    void catalogue();
    void catalogueCategories();
    void catalogueKnown_data();
    void catalogueKnown();
    void glob_data();
    void glob();

    void catalogueExpand();
    void teamIds_data();
    void teamIds();
    void confirmedTeams();
    void baseUrls();

    void shellQuote_data();
    void shellQuote();
    void curlRendering();
};

void tst_Manifest::fixtureIsValid()
{
    // The docs' sample as it comes: nothing Thena would certainly refuse, but Hookscope points
    // at what the docs tell a user to change (the URLs inside webhooks and interactivity are
    // placeholders) and at the ticket:* pattern, which the docs only use for filtering.
    const QList<ManifestIssue> issues = fixtureManifest().validate();
    QVERIFY2(!Manifest::hasErrors(issues), qPrintable(describe(issues).join(u'\n')));
    QStringList warned;
    for (const ManifestIssue &i : issues)
        warned.append(i.field);
    QCOMPARE(
            warned,
            (QStringList{ u"integration.webhooks.events"_s, u"integration.webhooks.installations"_s,
                          u"integration.interactivity.request_url"_s,
                          u"integration.interactivity.message_menu_option_url"_s,
                          u"events.subscribe[0].event"_s }));
    QVERIFY(issueAt(issues, u"integration.interactivity.request_url"_s)
                    ->message.contains(u"placeholder"_s));
    QVERIFY(issueAt(issues, u"events.subscribe[0].event"_s)->message.contains(u"pattern"_s));

    const QList<ManifestIssue> clean = cleanManifest().validate();
    QVERIFY2(clean.isEmpty(), qPrintable(describe(clean).join(u'\n')));
}

void tst_Manifest::endpoints_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("style");
    QTest::addColumn<QStringList>("urls");

    QTest::addRow("receiver secret path")
            << u"https://x.ngrok.app/hooks/s3cret"_s << int(EndpointStyle::Path)
            << QStringList{ u"https://x.ngrok.app/hooks/s3cret/events"_s,
                            u"https://x.ngrok.app/hooks/s3cret/installations"_s,
                            u"https://x.ngrok.app/hooks/s3cret/interactivity"_s,
                            u"https://x.ngrok.app/hooks/s3cret/menu"_s };
    QTest::addRow("trailing slash")
            << u"https://x.example.org:8443/thena/"_s << int(EndpointStyle::Path)
            << QStringList{ u"https://x.example.org:8443/thena/events"_s,
                            u"https://x.example.org:8443/thena/installations"_s,
                            u"https://x.example.org:8443/thena/interactivity"_s,
                            u"https://x.example.org:8443/thena/menu"_s };
    QTest::addRow("token in the query kept")
            << u"https://hooks.acme.test/thena?token=a%2Bb"_s << int(EndpointStyle::Path)
            << QStringList{ u"https://hooks.acme.test/thena/events?token=a%2Bb"_s,
                            u"https://hooks.acme.test/thena/installations?token=a%2Bb"_s,
                            u"https://hooks.acme.test/thena/interactivity?token=a%2Bb"_s,
                            u"https://hooks.acme.test/thena/menu?token=a%2Bb"_s };
    QTest::addRow("bare host") << u"https://hooks.acme.test"_s << int(EndpointStyle::Path)
                               << QStringList{ u"https://hooks.acme.test/events"_s,
                                               u"https://hooks.acme.test/installations"_s,
                                               u"https://hooks.acme.test/interactivity"_s,
                                               u"https://hooks.acme.test/menu"_s };
    QTest::addRow("relay channel")
            << u"https://smee.io/AbC123"_s << int(EndpointStyle::Query)
            << QStringList{ u"https://smee.io/AbC123?endpoint=events"_s,
                            u"https://smee.io/AbC123?endpoint=installations"_s,
                            u"https://smee.io/AbC123?endpoint=interactivity"_s,
                            u"https://smee.io/AbC123?endpoint=menu"_s };
    QTest::addRow("not a URL") << u"hooks.acme.test/thena"_s << int(EndpointStyle::Path)
                               << QStringList();
    QTest::addRow("ftp") << u"ftp://hooks.acme.test/"_s << int(EndpointStyle::Path)
                         << QStringList();
}

void tst_Manifest::endpoints()
{
    QFETCH(QString, endpoint);
    QFETCH(int, style);
    QFETCH(QStringList, urls);

    const WebhookEndpoints derived = WebhookEndpoints::from(endpoint, EndpointStyle(style));
    Manifest m = fixtureManifest();
    const WebhookEndpoints before = m.endpoints();
    m.setEndpoint(endpoint, EndpointStyle(style));
    if (urls.isEmpty()) {
        QVERIFY(derived.isEmpty());
        QCOMPARE(m.endpoints(), before); // nothing changes for a bad endpoint
        return;
    }
    QCOMPARE((QStringList{ derived.events, derived.installations, derived.interactivity,
                           derived.messageMenuOption }),
             urls);
    // All four land where Thena's docs say: inside webhooks and interactivity.
    const QJsonObject integration = m.json().value(u"integration"_s).toObject();
    QCOMPARE(integration.value(u"webhooks"_s).toObject().value(u"events"_s).toString(), urls.at(0));
    QCOMPARE(integration.value(u"webhooks"_s).toObject().value(u"installations"_s).toString(),
             urls.at(1));
    QCOMPARE(integration.value(u"interactivity"_s).toObject().value(u"request_url"_s).toString(),
             urls.at(2));
    QCOMPARE(integration.value(u"interactivity"_s)
                     .toObject()
                     .value(u"message_menu_option_url"_s)
                     .toString(),
             urls.at(3));
    QCOMPARE(m.endpoints(), derived);
    // Other integration keys survive.
    QVERIFY(integration.contains(u"entry_points"_s));
}

void tst_Manifest::settingsAndConfiguration()
{
    Manifest m = cleanManifest();
    QVERIFY(m.settings().isEmpty());
    QCOMPARE(m.appConfiguration({}),
             ThenaClient::defaultAppConfiguration()); // nothing declared: the docs' body

    QJsonObject json = m.json();
    json.insert(u"configuration"_s,
                QJsonObject{ { u"required_settings"_s,
                               QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s },
                                                        { u"label"_s, u"Region"_s },
                                                        { u"description"_s, u"Data region"_s },
                                                        { u"type"_s, u"string"_s } },
                                           u"tenant"_s,
                                           QJsonObject{ { u"label"_s, u"no key: skipped"_s } } } },
                             { u"optional_settings"_s,
                               QJsonArray{ QJsonObject{ { u"name"_s, u"verbose"_s },
                                                        { u"type"_s, u"boolean"_s },
                                                        { u"default"_s, false } } } } });
    m = Manifest(json);
    const QList<ManifestSetting> settings = m.settings();
    QCOMPARE(settings.size(), 3);
    QCOMPARE(settings.at(0).key, u"region"_s);
    QCOMPARE(settings.at(0).label, u"Region"_s);
    QCOMPARE(settings.at(0).description, u"Data region"_s);
    QVERIFY(settings.at(0).required);
    QCOMPARE(settings.at(1).key, u"tenant"_s);
    QCOMPARE(settings.at(1).label, u"tenant"_s);
    QCOMPARE(settings.at(2).key, u"verbose"_s);
    QCOMPARE(settings.at(2).type, u"boolean"_s);
    QCOMPARE(settings.at(2).defaultValue, u"false"_s);
    QVERIFY(!settings.at(2).required);

    const QJsonObject config =
            m.appConfiguration({ { u"region"_s, u"eu"_s }, { u"unknown"_s, u"x"_s } });
    QCOMPARE(config.value(u"required_settings"_s).toArray(),
             (QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s }, { u"value"_s, u"eu"_s } },
                          QJsonObject{ { u"key"_s, u"tenant"_s }, { u"value"_s, u""_s } } }));
    QCOMPARE(config.value(u"optional_settings"_s).toArray(), QJsonArray()); // not given: not sent
    const QJsonObject withOptional = m.appConfiguration({ { u"verbose"_s, u"true"_s } });
    QCOMPARE(withOptional.value(u"optional_settings"_s).toArray(),
             (QJsonArray{ QJsonObject{ { u"key"_s, u"verbose"_s }, { u"value"_s, u"true"_s } } }));
}

void tst_Manifest::validation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("error"); // an error is expected at `path`
    QTest::addColumn<bool>("warning"); // a warning is expected at `path`
    QTest::addColumn<QString>("message");

    auto bad = [](const char *name, const QString &path, const QString &value,
                  const QString &message) {
        QTest::addRow("%s", name) << path << value << true << false << message;
    };
    auto warn = [](const char *name, const QString &path, const QString &value,
                   const QString &message) {
        QTest::addRow("%s", name) << path << value << false << true << message;
    };
    auto good = [](const char *name, const QString &path, const QString &value) {
        QTest::addRow("%s", name) << path << value << false << false << QString();
    };

    bad("name missing", u"app.name"_s, {}, u"App name is required"_s);
    bad("name blank", u"app.name"_s, u"   "_s, u"App name is required"_s);
    good("name", u"app.name"_s, u"Ticket monitor"_s);
    bad("visibility public", u"app.visibility"_s, u"public"_s, u"must be \"private\""_s);
    good("visibility private", u"app.visibility"_s, u"private"_s);
    // Invented rules never block: the server is the judge.
    warn("slug missing", u"app.slug"_s, {}, u"No slug"_s);
    warn("slug upper-case", u"app.slug"_s, u"Hookscope"_s, u"lowercase"_s);
    warn("slug leading dash", u"app.slug"_s, u"-hookscope"_s, u"lowercase"_s);
    warn("slug one character", u"app.slug"_s, u"h"_s, u"2 to 63"_s);
    warn("slug 64 characters", u"app.slug"_s, QString(64, u'a'), u"2 to 63"_s);
    warn("slug with space", u"app.slug"_s, u"my app"_s, u"lowercase"_s);
    warn("slug with underscore", u"app.slug"_s, u"my_app"_s, u"lowercase"_s);
    good("slug 63 characters", u"app.slug"_s, QString(63, u'a'));
    good("slug", u"app.slug"_s, u"9-lives-monitor"_s);
    warn("developer name missing", u"developer.name"_s, {}, u"No developer name"_s);
    warn("support email missing", u"developer.support_email"_s, {}, u"No support e-mail"_s);
    warn("support email no at", u"developer.support_email"_s, u"support"_s, u"e-mail address"_s);
    warn("support email no domain dot", u"developer.support_email"_s, u"support@acme"_s,
         u"e-mail address"_s);
    warn("support email two ats", u"developer.support_email"_s, u"a@b@c.io"_s, u"e-mail address"_s);
    good("support email", u"developer.support_email"_s, u"help+thena@acme.co.uk"_s);
    warn("website without scheme", u"developer.website"_s, u"acme.example"_s, u"http(s) URL"_s);
    warn("website ftp", u"developer.website"_s, u"ftp://acme.example"_s, u"http(s) URL"_s);
    warn("privacy javascript", u"developer.privacy_policy_url"_s, u"javascript:alert(1)"_s,
         u"http(s) URL"_s);
    warn("terms with space", u"developer.terms_url"_s, u"https://acme.example/our terms"_s,
         u"http(s) URL"_s);
    warn("docs no host", u"developer.documentation_url"_s, u"https://"_s, u"http(s) URL"_s);
    good("terms removed (optional)", u"developer.terms_url"_s, {});
    good("website http", u"developer.website"_s, u"http://acme.example"_s);
    bad("events URL missing", u"integration.webhooks.events"_s, {},
        u"Events webhook URL is required"_s);
    bad("events URL not a URL", u"integration.webhooks.events"_s, u"hooks.acme.example/thena"_s,
        u"http(s) URL"_s);
    warn("events URL loopback", u"integration.webhooks.events"_s,
         u"http://127.0.0.1:8787/hooks/abc"_s, u"cannot reach a local or private address"_s);
    warn("events URL localhost", u"integration.webhooks.events"_s, u"http://localhost:8787/"_s,
         u"cannot reach a local or private address"_s);
    warn("events URL private LAN", u"integration.webhooks.events"_s,
         u"https://192.168.1.20/hooks"_s, u"cannot reach a local or private address"_s);
    warn("events URL IPv6 loopback", u"integration.webhooks.events"_s, u"http://[::1]:8787/"_s,
         u"cannot reach a local or private address"_s);
    good("events URL public IP", u"integration.webhooks.events"_s,
         u"https://203.0.113.7/hooks?token=x"_s);
    warn("events URL placeholder", u"integration.webhooks.events"_s, u"https://YOUR_DOMAIN/thena"_s,
         u"placeholder"_s);
    bad("installations URL missing", u"integration.webhooks.installations"_s, {},
        u"Installations webhook URL is required"_s);
    bad("installations URL mailto", u"integration.webhooks.installations"_s,
        u"mailto:ops@acme.example"_s, u"http(s) URL"_s);
    warn("installations URL loopback", u"integration.webhooks.installations"_s,
         u"http://127.0.0.1:8787/"_s, u"cannot reach"_s);
    warn("interactivity URL missing", u"integration.interactivity.request_url"_s, {},
         u"webhooks and interactivity"_s);
    warn("interactivity URL placeholder", u"integration.interactivity.request_url"_s,
         u"https://hooks.acme.example/thena/interactivity?token=REPLACE"_s, u"placeholder"_s);
    warn("menu URL not a URL", u"integration.interactivity.message_menu_option_url"_s, u"menu"_s,
         u"http(s) URL"_s);
    warn("menu URL loopback", u"integration.interactivity.message_menu_option_url"_s,
         u"http://127.0.0.1:8787/menu"_s, u"cannot reach"_s);
}

void tst_Manifest::validation()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(bool, error);
    QFETCH(bool, warning);
    QFETCH(QString, message);

    Manifest m = cleanManifest();
    m.setText(path, value);
    const QList<ManifestIssue> issues = m.validate();
    const ManifestIssue *issue = issueAt(issues, path);
    if (!error && !warning) {
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues).join(u'\n')));
        return;
    }
    QVERIFY2(issue, qPrintable(describe(issues).join(u'\n')));
    QCOMPARE(issue->isError(), error);
    QVERIFY2(issue->message.contains(message), qPrintable(issue->message));
    QCOMPARE(Manifest::hasErrors(issues), error);
    QCOMPARE(issues.size(), 1); // one field, one issue: the rest of the fixture is fine
}

void tst_Manifest::subscribedEvents_data()
{
    QTest::addColumn<QJsonArray>("subscribe");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("error");
    QTest::addColumn<QString>("message");

    auto entry = [](const QString &event) {
        return QJsonObject{ { u"event"_s, event }, { u"reason"_s, u"r"_s } };
    };
    QTest::addRow("documented names")
            << QJsonArray{ entry(u"ticket:created"_s), entry(u"custom-object:deal:field-changed"_s),
                           entry(u"account-note:comment:created"_s),
                           entry(u"ticket:comment:reaction:added"_s) }
            << QString() << false << QString();
    QTest::addRow("category pattern")
            << QJsonArray{ entry(u"ticket:created"_s), entry(u"ticket:*"_s) }
            << u"events.subscribe[1].event"_s << false << u"stands for 11 documented"_s;
    QTest::addRow("account pattern misses account-*")
            << QJsonArray{ entry(u"account:*"_s) } << u"events.subscribe[0].event"_s << false
            << u"stands for 3 documented"_s;
    QTest::addRow("custom object pattern")
            << QJsonArray{ entry(u"custom-object:deal:*"_s) } << u"events.subscribe[0].event"_s
            << false << u"is a pattern"_s;
    QTest::addRow("unknown type") << QJsonArray{ entry(u"ticket:created"_s),
                                                 entry(u"tickets:created"_s) }
                                  << u"events.subscribe[1].event"_s << false
                                  << u"not in Thena's documented"_s;
    QTest::addRow("undocumented reaction")
            << QJsonArray{ entry(u"ticket:comment:reaction:removed"_s) }
            << u"events.subscribe[0].event"_s << false << u"not in Thena's documented"_s;
    QTest::addRow("placeholder left in")
            << QJsonArray{ entry(u"custom-object:<name>:created"_s) }
            << u"events.subscribe[0].event"_s << false << u"not in Thena's documented"_s;
    QTest::addRow("duplicate") << QJsonArray{ entry(u"ticket:created"_s),
                                              entry(u"ticket:created"_s) }
                               << u"events.subscribe[1].event"_s << false << u"listed twice"_s;
    QTest::addRow("empty event") << QJsonArray{ entry(u""_s) } << u"events.subscribe[0].event"_s
                                 << false << u"No event name"_s;
    QTest::addRow("string entry") << QJsonArray{ u"ticket:created"_s } << u"events.subscribe[0]"_s
                                  << false << u"object with an \"event\""_s;
    QTest::addRow("empty list means all")
            << QJsonArray() << u"events.subscribe"_s << false << u"Thena sends every event type"_s;
}

void tst_Manifest::subscribedEvents()
{
    QFETCH(QJsonArray, subscribe);
    QFETCH(QString, field);
    QFETCH(bool, error);
    QFETCH(QString, message);

    QJsonObject json = cleanManifest().json();
    QJsonObject events = json.value(u"events"_s).toObject();
    events.insert(u"subscribe"_s, subscribe);
    json.insert(u"events"_s, events);
    const QList<ManifestIssue> issues = Manifest(json).validate();
    if (field.isEmpty()) {
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues).join(u'\n')));
        return;
    }
    const ManifestIssue *issue = issueAt(issues, field);
    QVERIFY2(issue, qPrintable(describe(issues).join(u'\n')));
    QCOMPARE(issue->isError(), error);
    QVERIFY2(issue->message.contains(message), qPrintable(issue->message));
}

void tst_Manifest::wrongSectionTypes()
{
    QJsonObject json = cleanManifest().json();
    json.insert(u"app"_s, 5);
    json.insert(u"activities"_s, QJsonObject());
    json.insert(u"events"_s, QJsonObject{ { u"subscribe"_s, u"ticket:*"_s } });
    const QList<ManifestIssue> issues = Manifest(json).validate();
    // No app object means no name: certain to fail. The other sections are the server's call.
    QVERIFY(issueAt(issues, u"app"_s) && issueAt(issues, u"app"_s)->isError());
    QVERIFY(issueAt(issues, u"app.slug"_s) && !issueAt(issues, u"app.slug"_s)->isError());
    QVERIFY(issueAt(issues, u"activities"_s) && !issueAt(issues, u"activities"_s)->isError());
    QVERIFY(issueAt(issues, u"events.subscribe"_s)
            && !issueAt(issues, u"events.subscribe"_s)->isError());
}

void tst_Manifest::accessorsAndPaths()
{
    Manifest m;
    m.setAppName(u"Monitor"_s);
    m.setSlug(u"monitor"_s);
    m.setDescription(u"d"_s);
    m.setCategory(u"webhooks"_s);
    m.setDeveloperName(u"Acme"_s);
    m.setDeveloperWebsite(u"https://acme.example"_s);
    m.setSupportEmail(u"s@acme.example"_s);
    m.setPrivacyPolicyUrl(u"https://acme.example/p"_s);
    m.setTermsUrl(u"https://acme.example/t"_s);
    m.setDocumentationUrl(u"https://acme.example/d"_s);
    m.setEventsWebhookUrl(u"https://hooks.acme.example/e"_s);
    m.setInstallationsWebhookUrl(u"https://hooks.acme.example/i"_s);
    const QJsonObject json = m.json();
    QCOMPARE(json.value(u"app"_s).toObject().value(u"slug"_s).toString(), u"monitor"_s);
    QCOMPARE(json.value(u"developer"_s).toObject().value(u"support_email"_s).toString(),
             u"s@acme.example"_s);
    QCOMPARE(json.value(u"integration"_s)
                     .toObject()
                     .value(u"webhooks"_s)
                     .toObject()
                     .value(u"installations"_s)
                     .toString(),
             u"https://hooks.acme.example/i"_s);
    QCOMPARE(m.text(ManifestField::PrivacyPolicyUrl), u"https://acme.example/p"_s);
    QCOMPARE(m.text(u"developer.documentation_url"), u"https://acme.example/d"_s);
    QCOMPARE(m.termsUrl(), u"https://acme.example/t"_s);
    QCOMPARE(m.category(), u"webhooks"_s);

    // Empty removes the key; absent reads as empty.
    m.setTermsUrl({});
    QVERIFY(!m.json().value(u"developer"_s).toObject().contains(u"terms_url"_s));
    QCOMPARE(m.termsUrl(), QString());
    QCOMPARE(m.text(u"no.such.path"), QString());

    m.setInteractivityRequestUrl(u"https://hooks.acme.example/r"_s);
    m.setMessageMenuOptionUrl(u"https://hooks.acme.example/m"_s);
    QCOMPARE(m.text(u"integration.interactivity.request_url"), u"https://hooks.acme.example/r"_s);
    QCOMPARE(m.text(u"integration.interactivity.message_menu_option_url"),
             u"https://hooks.acme.example/m"_s);
    m.setSubscribedEvents({ ManifestEvent::forEvent(u"ticket:priority:changed"_s),
                            { u"account:updated"_s, u"why"_s, {} } });
    QCOMPARE(m.subscribedEventNames(),
             (QStringList{ u"ticket:priority:changed"_s, u"account:updated"_s }));
    const QList<ManifestEvent> events = m.subscribedEvents();
    QCOMPARE(events.at(0).reason, u"Monitor ticket:priority:changed in Hookscope"_s);
    QCOMPARE(events.at(0).description, u"Priority changes"_s); // the docs' own words
    QCOMPARE(ManifestEvent::forEvent(u"custom-object:deal:created"_s).description,
             u"Custom object creation"_s);
    QCOMPARE(ManifestEvent::forEvent(u"ticket:*"_s).description, u"Events matching ticket:*"_s);
    QCOMPARE(events.at(1), (ManifestEvent{ u"account:updated"_s, u"why"_s, {} }));
    const QJsonArray subscribe =
            m.json().value(u"events"_s).toObject().value(u"subscribe"_s).toArray();
    QCOMPARE(subscribe.at(1).toObject(),
             (QJsonObject{ { u"event"_s, u"account:updated"_s }, { u"reason"_s, u"why"_s } }));
    QCOMPARE(m.json().value(u"events"_s).toObject().value(u"publish"_s).toArray(), QJsonArray());
    QVERIFY2(m.validate().isEmpty(), qPrintable(describe(m.validate()).join(u'\n')));
}

void tst_Manifest::roundTrip()
{
    const QByteArray text = Fixtures::read(u"manifest-webhook-app.json"_s);
    JsonTextError error;
    const std::optional<Manifest> parsed = Manifest::fromJson(text, &error);
    QVERIFY(parsed);
    QVERIFY(!error.isError());
    QCOMPARE(parsed->json(), QJsonDocument::fromJson(text).object());
    for (auto format : { QJsonDocument::Indented, QJsonDocument::Compact }) {
        const std::optional<Manifest> again = Manifest::fromJson(parsed->toJson(format));
        QVERIFY(again);
        QCOMPARE(*again, *parsed);
    }

    // Edits through the form keep what has no form: icons, scopes, activities, metadata.
    Manifest edited = *parsed;
    edited.setAppName(u"Renamed ✓"_s);
    edited.setEndpoint(u"https://relay.example/hooks/abc"_s);
    const std::optional<Manifest> back = Manifest::fromJson(edited.toJson());
    QVERIFY(back);
    QCOMPARE(back->appName(), u"Renamed ✓"_s);
    QCOMPARE(back->eventsWebhookUrl(), u"https://relay.example/hooks/abc/events"_s);
    QCOMPARE(back->installationsWebhookUrl(), u"https://relay.example/hooks/abc/installations"_s);
    QCOMPARE(back->interactivityRequestUrl(), u"https://relay.example/hooks/abc/interactivity"_s);
    QCOMPARE(back->messageMenuOptionUrl(), u"https://relay.example/hooks/abc/menu"_s);
    for (const QString &kept : { u"scopes"_s, u"activities"_s, u"metadata"_s, u"configuration"_s })
        QCOMPARE(back->json().value(kept), parsed->json().value(kept));
    QCOMPARE(back->json().value(u"app"_s).toObject().value(u"icons"_s),
             parsed->json().value(u"app"_s).toObject().value(u"icons"_s));
    QCOMPARE(back->json().value(u"integration"_s).toObject().value(u"entry_points"_s),
             parsed->json().value(u"integration"_s).toObject().value(u"entry_points"_s));
}

void tst_Manifest::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::addRow("empty") << QByteArray("  \n") << 1 << 1 << u"the manifest is empty"_s;
    QTest::addRow("array") << QByteArray("[1, 2]") << 1 << 1 << u"must be a JSON object"_s;
    QTest::addRow("indented array")
            << QByteArray("\n\n   [\"app\"]") << 3 << 4 << u"must be a JSON object"_s;
    QTest::addRow("bare string") << QByteArray("\n\n   \"app\"") << 3 << 4 << QString();
    QTest::addRow("bad literal") << QByteArray("{\"a\": tru}") << 1 << 7 << u"illegal value"_s;
    QTest::addRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6 << QString();
    // A missing comma: where it belongs, after the value on the line before, not at the next
    // key (Qt says "unterminated object" there).
    QTest::addRow("missing comma")
            << QByteArray("{\n  \"app\": {\n    \"name\": \"x\"\n    \"slug\": \"y\"\n  }\n}") << 3
            << 16 << u"missing comma after this value"_s;
    QTest::addRow("missing comma on line 7")
            << QByteArray("{\n  \"app\": {\n    \"name\": \"x\",\n    \"slug\": \"y\"\n  },\n"
                          "  \"events\": {\n    \"subscribe\": []\n    \"other\": 1\n  }\n}")
            << 7 << 20 << u"missing comma"_s;
    QTest::addRow("missing comma after an object")
            << QByteArray("{\"a\": {}\n \"b\": 1}") << 1 << 9 << u"missing comma"_s;
    QTest::addRow("missing comma in an array")
            << QByteArray("{\"a\": [1,\n  2\n  3]}") << 2 << 4 << u"missing comma"_s;
    QTest::addRow("unexpected after a value")
            << QByteArray("{\"a\": 1 ;}") << 1 << 9 << u"unexpected ';'"_s;
    QTest::addRow("trailing comma") << QByteArray("{\n  \"a\": 1,\n}") << 3 << 1 << QString();
    QTest::addRow("unterminated") << QByteArray("{\"app\": {\"name\": \"x\"") << 1 << 20
                                  << QString();
    // Columns count characters, not bytes: "é" and "✓" are one each.
    QTest::addRow("non-ASCII before error")
            << QByteArray("{\"a\": \"é✓\", ]") << 1 << 13 << QString();
}

void tst_Manifest::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);

    JsonTextError error;
    QVERIFY(!Manifest::fromJson(text, &error));
    QVERIFY(error.isError());
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QVERIFY(!error.message.isEmpty());
    if (!message.isEmpty())
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY(error.toString().startsWith(u"line %1, column %2: "_s.arg(line).arg(column)));
}

void tst_Manifest::defaultTemplate()
{
    const QString url = u"https://relay.example/hooks/s3cret"_s;
    Manifest m = Manifest::defaultTemplate(url);
    QCOMPARE(m.endpoints(), WebhookEndpoints::from(url));
    QCOMPARE(m.interactivityRequestUrl(), url + u"/interactivity"_s);
    QCOMPARE(m.slug(), u"hookscope-monitor"_s);
    QVERIFY(!m.appName().isEmpty());
    // Documented names only: every ticket and account event, no pattern.
    const QStringList names = m.subscribedEventNames();
    QStringList expected = EventCatalogue::builtin().expand(u"ticket:*"_s);
    for (const QString &type : EventCatalogue::builtin().types())
        if (EventCatalogue::categoryOf(type) == "account"_L1)
            expected.append(type);
    QCOMPARE(names, expected);
    QVERIFY(names.contains(u"account-health:changed"_s));
    for (const QString &name : names)
        QVERIFY2(EventCatalogue::builtin().isDocumented(name), qPrintable(name));
    for (const QString &section :
         { u"app"_s, u"developer"_s, u"integration"_s, u"events"_s, u"scopes"_s, u"configuration"_s,
           u"activities"_s, u"metadata"_s })
        QVERIFY2(m.json().contains(section), qPrintable(section));

    // Only what the user must say is missing.
    QList<ManifestIssue> issues = m.validate();
    QStringList fields;
    for (const ManifestIssue &i : issues)
        fields.append(i.field);
    QCOMPARE(fields, (QStringList{ u"developer.name"_s, u"developer.support_email"_s }));
    m.setDeveloperName(u"Acme"_s);
    m.setSupportEmail(u"support@acme.example"_s);
    issues = m.validate();
    QVERIFY2(issues.isEmpty(), qPrintable(describe(issues).join(u'\n')));

    // Without a URL the webhooks are left to fill in; the local receiver's URL is warned about.
    QVERIFY(issueAt(Manifest::defaultTemplate().validate(), u"integration.webhooks.events"_s)
                    ->isError());
    QVERIFY(!issueAt(Manifest::defaultTemplate().validate(),
                     u"integration.interactivity.request_url"_s)
                     ->isError());
    const QList<ManifestIssue> local =
            Manifest::defaultTemplate(u"http://127.0.0.1:8787/hooks/abc"_s).validate();
    QVERIFY(!issueAt(local, u"integration.webhooks.events"_s)->isError());

    // And it goes out as the create-app body with private visibility.
    ThenaClient client;
    const QJsonObject body =
            QJsonDocument::fromJson(client.createAppRequest(m.json()).body).object();
    QCOMPARE(body.value(u"app_visibility"_s).toString(), u"private"_s);
    QCOMPARE(body.value(u"manifest"_s).toObject(), m.json());
}

void tst_Manifest::slugFrom_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("slug");
    QTest::addRow("words") << u"Hookscope monitor"_s << u"hookscope-monitor"_s;
    QTest::addRow("punctuation") << u"  Acme's Support: Monitor!! "_s
                                 << u"acme-s-support-monitor"_s;
    QTest::addRow("accents") << u"Équipe Café"_s << u"equipe-cafe"_s;
    QTest::addRow("digits first") << u"24/7 desk"_s << u"24-7-desk"_s;
    QTest::addRow("too short") << u"A"_s << QString();
    QTest::addRow("nothing usable") << u"東京"_s << QString();
    QTest::addRow("long") << QString(80, u'x') << QString(63, u'x');
}

void tst_Manifest::slugFrom()
{
    QFETCH(QString, name);
    QFETCH(QString, slug);
    QCOMPARE(Manifest::slugFrom(name), slug);
}

void tst_Manifest::catalogue()
{
    const EventCatalogue &c = EventCatalogue::builtin();
    // The resource is the project's copy of the fixture: same types, same order.
    QStringList expected;
    const QStringList lines = QString::fromUtf8(Fixtures::read(u"event-types.txt"_s)).split(u'\n');
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty() && !line.startsWith(u'#'))
            expected.append(line.trimmed());
    }
    QCOMPARE(c.types(), expected);
    QCOMPARE(c.types().size(), 35);
    QCOMPARE(c.description(u"ticket:created"_s), u"New ticket creation"_s);
    QCOMPARE(c.description(u"custom-object:lead:field-changed"_s), u"Field value changes"_s);
    QCOMPARE(c.description(u"ticket:exploded"_s), QString());

    const EventCatalogue parsed = EventCatalogue::parse(
            u"# comment\n\nticket:created - New\r\nticket:created\n user:updated \n"_s);
    QCOMPARE(parsed.types(), (QStringList{ u"ticket:created"_s, u"user:updated"_s }));
    QCOMPARE(parsed.description(u"ticket:created"_s), u"New"_s);
}

void tst_Manifest::catalogueCategories()
{
    const QList<EventCategory> categories = EventCatalogue::builtin().categories();
    QStringList ids;
    int total = 0;
    for (const EventCategory &cat : categories) {
        ids.append(cat.id);
        total += int(cat.types.size());
        QVERIFY(!cat.title.isEmpty());
        for (const QString &type : cat.types)
            QCOMPARE(EventCatalogue::categoryOf(type), cat.id);
    }
    QCOMPARE(ids,
             (QStringList{ u"ticket"_s, u"account"_s, u"comment"_s, u"user"_s, u"organization"_s,
                           u"custom-object"_s }));
    QCOMPARE(total, int(EventCatalogue::builtin().types().size())); // every type in exactly one

    const EventCategory &ticket = categories.at(0);
    QCOMPARE(ticket.pattern, u"ticket:*"_s);
    QVERIFY(ticket.types.contains(u"ticket:priority:changed"_s));
    QVERIFY(!ticket.types.contains(u"ticket:comment:created"_s));
    const EventCategory &comment = categories.at(2);
    QCOMPARE(comment.types,
             (QStringList{ u"ticket:comment:created"_s, u"ticket:comment:updated"_s,
                           u"ticket:comment:deleted"_s, u"ticket:comment:reaction:added"_s,
                           u"account-task:comment:created"_s, u"account-activity:comment:created"_s,
                           u"account-note:comment:created"_s }));
    const EventCategory &account = categories.at(1);
    QVERIFY(account.types.contains(u"account-health:changed"_s));
    QVERIFY(account.types.contains(u"account-custom_field_value:added"_s));
    const EventCategory &custom = categories.at(5);
    QCOMPARE(custom.types.size(), 4);
    QCOMPARE(custom.pattern, u"custom-object:<name>:*"_s);

    QCOMPARE(EventCatalogue::customObjectPattern(u"deal"_s), u"custom-object:deal:*"_s);
    QCOMPARE(EventCatalogue::withObjectName(custom.types.first(), u"deal_v2"_s),
             u"custom-object:deal_v2:created"_s);
    QCOMPARE(EventCatalogue::customObjectPattern(u"has space"_s), QString());
    QCOMPARE(EventCatalogue::customObjectPattern(u"a:b"_s), QString());
    QCOMPARE(EventCatalogue::customObjectPattern({}), QString());
    QCOMPARE(EventCatalogue::categoryOf(u"request:created"_s), QString());
}

void tst_Manifest::catalogueKnown_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<bool>("known");
    QTest::addRow("type") << u"ticket:created"_s << true;
    QTest::addRow("category pattern") << u"ticket:*"_s << true;
    QTest::addRow("everything") << u"*"_s << true;
    QTest::addRow("comment pattern") << u"account-*:comment:created"_s << true;
    QTest::addRow("custom object type") << u"custom-object:deal:created"_s << true;
    QTest::addRow("custom object pattern") << u"custom-object:deal:*"_s << true;
    QTest::addRow("any custom object") << u"custom-object:*"_s << true;
    QTest::addRow("single char wildcard") << u"user:?pdated"_s << true;
    QTest::addRow("unknown action") << u"ticket:exploded"_s << false;
    QTest::addRow("custom object without name") << u"custom-object:created"_s << false;
    QTest::addRow("placeholder") << u"custom-object:<name>:created"_s << false;
    QTest::addRow("pattern matching nothing") << u"invoice:*"_s << false;
    QTest::addRow("case matters") << u"Ticket:created"_s << false;
}

void tst_Manifest::catalogueKnown()
{
    QFETCH(QString, event);
    QFETCH(bool, known);
    QCOMPARE(EventCatalogue::builtin().isKnown(event), known);
}

void tst_Manifest::catalogueExpand()
{
    const EventCatalogue &c = EventCatalogue::builtin();
    const QStringList ticket = c.expand(u"ticket:*"_s);
    QCOMPARE(ticket.size(), 11);
    QCOMPARE(ticket.first(), u"ticket:created"_s);
    QVERIFY(ticket.contains(u"ticket:comment:reaction:added"_s));
    // account:* is three names; account* also takes account-health, account-status and the rest.
    QCOMPARE(c.expand(u"account:*"_s),
             (QStringList{ u"account:created"_s, u"account:updated"_s, u"account:deleted"_s }));
    QVERIFY(c.expand(u"account*"_s).contains(u"account-health:changed"_s));
    QVERIFY(c.expand(u"account*"_s).contains(u"account-note:comment:created"_s));
    // Custom objects need names.
    QCOMPARE(c.expand(u"custom-object:*"_s), QStringList());
    QCOMPARE(c.expand(u"custom-object:*"_s, { u"deal"_s, u"lead"_s }).size(), 8);
    QCOMPARE(c.expand(u"custom-object:deal:*"_s, { u"deal"_s }),
             (QStringList{ u"custom-object:deal:created"_s, u"custom-object:deal:updated"_s,
                           u"custom-object:deal:deleted"_s,
                           u"custom-object:deal:field-changed"_s }));
    QCOMPARE(c.expand(u"*"_s).size(), c.types().size() - 4);
    QCOMPARE(c.expand(u"ticket:created"_s), QStringList{ u"ticket:created"_s });
    QCOMPARE(c.expand(u"invoice:*"_s), QStringList());

    QVERIFY(c.isDocumented(u"ticket:created"_s));
    QVERIFY(c.isDocumented(u"custom-object:deal_v2:field-changed"_s));
    QVERIFY(!c.isDocumented(u"custom-object:<name>:created"_s));
    QVERIFY(!c.isDocumented(u"custom-object:a b:created"_s));
    QVERIFY(!c.isDocumented(u"ticket:*"_s));
    QVERIFY(!c.isDocumented(u"ticket:comment:reaction:removed"_s));
}

void tst_Manifest::glob_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("matches");
    QTest::addRow("exact") << u"ticket:created"_s << u"ticket:created"_s << true;
    QTest::addRow("star spans colons") << u"ticket:*"_s << u"ticket:comment:created"_s << true;
    QTest::addRow("star empty") << u"ticket:*"_s << u"ticket:"_s << true;
    QTest::addRow("star middle") << u"custom-object:*:created"_s << u"custom-object:deal:created"_s
                                 << true;
    QTest::addRow("star middle mismatch")
            << u"custom-object:*:created"_s << u"custom-object:deal:updated"_s << false;
    QTest::addRow("question") << u"user:?reated"_s << u"user:created"_s << true;
    QTest::addRow("question needs one") << u"user:created?"_s << u"user:created"_s << false;
    QTest::addRow("backtracking") << u"*a*b"_s << u"xaybab"_s << true;
    QTest::addRow("prefix only") << u"ticket"_s << u"ticket:created"_s << false;
    QTest::addRow("empty pattern") << QString() << u"x"_s << false;
}

void tst_Manifest::glob()
{
    QFETCH(QString, pattern);
    QFETCH(QString, type);
    QFETCH(bool, matches);
    QCOMPARE(EventCatalogue::globMatches(pattern, type), matches);
    QCOMPARE(EventCatalogue::isPattern(pattern), pattern.contains(u'*') || pattern.contains(u'?'));
}

void tst_Manifest::teamIds_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("badEntries");

    QTest::addRow("one ID") << u"T123NHFDRF"_s << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("dashboard URL") << u"https://dashboard.thena.ai/dashboard/T123NHFDRF"_s
                                   << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("URL trailing slash") << u"https://dashboard.thena.ai/dashboard/T123NHFDRF/"_s
                                        << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("URL query and fragment")
            << u"https://dashboard.thena.ai/dashboard/T123NHFDRF?tab=settings#x"_s
            << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("URL without scheme") << u"dashboard.thena.ai/dashboard/T456QWERTY"_s
                                        << QStringList{ u"T456QWERTY"_s } << QStringList();
    QTest::addRow("URL below the team")
            << u"https://dashboard.thena.ai/dashboard/T123NHFDRF/settings"_s
            << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("ticket page of the team")
            << u"https://dashboard.thena.ai/dashboard/T123NHFDRF/tickets/1042"_s
            << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("other URL ending in a number")
            << u"https://thena.example/teams/T456QWERTY/page/2024"_s
            << QStringList{ u"T456QWERTY"_s } << QStringList();
    QTest::addRow("comma list") << u"T123NHFDRF,T456QWERTY"_s
                                << QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s } << QStringList();
    QTest::addRow("mixed separators")
            << u" T123NHFDRF ;\n https://dashboard.thena.ai/dashboard/T456QWERTY/\tT789ABCDEF, "_s
            << QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s, u"T789ABCDEF"_s } << QStringList();
    QTest::addRow("duplicates")
            << u"T123NHFDRF https://dashboard.thena.ai/dashboard/T123NHFDRF T123NHFDRF"_s
            << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("JSON array pasted")
            << u"[\"T123NHFDRF\", \"T456QWERTY\"]"_s
            << QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s } << QStringList();
    QTest::addRow("JSON array spaced")
            << u"[ \"T123NHFDRF\" ]"_s << QStringList{ u"T123NHFDRF"_s } << QStringList();
    QTest::addRow("lower case refused")
            << u"t123nhfdrf"_s << QStringList() << QStringList{ u"t123nhfdrf"_s };
    QTest::addRow("too short") << u"T12"_s << QStringList() << QStringList{ u"T12"_s };
    QTest::addRow("too long") << QString(33, u'T') << QStringList()
                              << QStringList{ QString(33, u'T') };
    QTest::addRow("punctuation") << u"T123-NHF"_s << QStringList() << QStringList{ u"T123-NHF"_s };
    QTest::addRow("URL without ID") << u"https://dashboard.thena.ai/"_s << QStringList()
                                    << QStringList{ u"https://dashboard.thena.ai/"_s };
    QTest::addRow("URL with other page")
            << u"https://dashboard.thena.ai/dashboard/settings"_s << QStringList()
            << QStringList{ u"https://dashboard.thena.ai/dashboard/settings"_s };
    QTest::addRow("good and bad") << u"T123NHFDRF, oops, T456QWERTY"_s
                                  << QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s }
                                  << QStringList{ u"oops"_s };
    QTest::addRow("empty") << u" ,, \n"_s << QStringList() << QStringList();
}

void tst_Manifest::teamIds()
{
    QFETCH(QString, input);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, badEntries);

    const TeamIdList parsed = TeamIds::parse(input);
    QCOMPARE(parsed.ids, ids);
    QStringList bad;
    for (const TeamIdError &e : parsed.errors) {
        bad.append(e.entry);
        QVERIFY(!e.message.isEmpty());
    }
    QCOMPARE(bad, badEntries);
    QCOMPARE(parsed.isValid(), !ids.isEmpty() && badEntries.isEmpty());
    for (const QString &id : ids)
        QVERIFY(TeamIds::isValid(id));

    // The same entries given one by one (repeated --team) give the same answer.
    const TeamIdList split = TeamIds::parse(input.split(u','));
    QCOMPARE(split.ids, ids);
}

void tst_Manifest::confirmedTeams()
{
    ThenaInstallResult answer;
    const QStringList requested{ u"T123NHFDRF"_s, u"T456QWERTY"_s };
    // Install documents appInstalledForTeams: no list confirms nothing.
    QCOMPARE(answer.confirmedTeams(ThenaCall::Install, requested), QStringList());
    // Reinstall's answer is undocumented: a 2xx without a list is taken at its word.
    QCOMPARE(answer.confirmedTeams(ThenaCall::Reinstall, requested), requested);
    answer.appInstalledForTeams = { u"T456QWERTY"_s, u"T999OTHER1"_s };
    QCOMPARE(answer.confirmedTeams(ThenaCall::Install, requested), QStringList{ u"T456QWERTY"_s });
    QCOMPARE(answer.confirmedTeams(ThenaCall::Reinstall, requested),
             QStringList{ u"T456QWERTY"_s });
}

void tst_Manifest::baseUrls()
{
    qunsetenv("HOOKSCOPE_THENA_APPS_URL");
    qunsetenv("HOOKSCOPE_THENA_PLATFORM_URL");
    QCOMPARE(ThenaClient::defaultAppsUrl(), QUrl(u"https://apps-studio.thena.ai"_s));
    QCOMPARE(ThenaClient::defaultPlatformUrl(u"  "_s), QUrl(u"https://platform.thena.ai"_s));
    // Settings (or --apps-url) replace the built-in URL ...
    QCOMPARE(ThenaClient::defaultAppsUrl(u"http://127.0.0.1:9/apps"_s),
             QUrl(u"http://127.0.0.1:9/apps"_s));
    // ... and the environment variable, when set, wins over both.
    qputenv("HOOKSCOPE_THENA_PLATFORM_URL", "http://127.0.0.1:7");
    QCOMPARE(ThenaClient::defaultPlatformUrl(u"http://127.0.0.1:9"_s),
             QUrl(u"http://127.0.0.1:7"_s));
    qunsetenv("HOOKSCOPE_THENA_PLATFORM_URL");
}

void tst_Manifest::shellQuote_data()
{
    QTest::addColumn<QString>("word");
    QTest::addRow("plain") << u"hello"_s;
    QTest::addRow("empty") << QString();
    QTest::addRow("single quote") << u"it's"_s;
    QTest::addRow("only quotes") << u"'''"_s;
    QTest::addRow("shell syntax") << u"$HOME `id` $(id) \"x\" \\ ; | & > < * ? ~ #"_s;
    QTest::addRow("newlines") << u"line one\nline 'two'\n"_s;
    QTest::addRow("JSON with quotes") << u"{\"description\":\"Sam's 'team'\"}"_s;
    QTest::addRow("unicode") << u"café ✓"_s;
}

void tst_Manifest::shellQuote()
{
    QFETCH(QString, word);
    const QString quoted = ThenaRequest::shellQuote(word);
    QVERIFY(quoted.startsWith(u'\'') && quoted.endsWith(u'\''));
    // A real POSIX shell gives the word back unchanged.
    QProcess sh;
    sh.start(u"/bin/sh"_s, { u"-c"_s, u"printf '%s' "_s + quoted });
    QVERIFY(sh.waitForFinished(10000));
    QCOMPARE(sh.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), word);
}

void tst_Manifest::curlRendering()
{
    ThenaRequest post;
    post.call = ThenaCall::CreateApp;
    post.method = "POST";
    post.url = QUrl(u"https://apps-studio.thena.ai/apps/create-app"_s);
    post.body = R"({"app_visibility":"private","manifest":{"app":{"name":"Sam's monitor"}}})";
    QCOMPARE(post.toCurl(), uR"(curl -X POST 'https://apps-studio.thena.ai/apps/create-app' \
  -H 'x-api-key: <redacted>' \
  -H 'Content-Type: application/json' \
  --data-raw '{"app_visibility":"private","manifest":{"app":{"name":"Sam'\''s monitor"}}}')"_s);
    QCOMPARE(
            post.toCurl(ThenaRequest::KeyStyle::EnvironmentVariable).split(u'\n').at(1),
            u"  -H \"x-api-key: $HOOKSCOPE_API_KEY\" \\"_s); // the variable `hookscope thena` reads
    QCOMPARE(ThenaClient::ApiKeyVariable, "HOOKSCOPE_API_KEY"_L1);

    ThenaRequest get;
    get.url = QUrl(u"https://platform.thena.ai/v1/teams?q=it's"_s);
    QCOMPARE(get.toCurl(), uR"(curl 'https://platform.thena.ai/v1/teams?q=it'\''s' \
  -H 'x-api-key: <redacted>' \
  -H 'Content-Type: application/json')"_s);
}

QTEST_GUILESS_MAIN(tst_Manifest)
#include "tst_manifest.moc"
