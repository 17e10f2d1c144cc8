// SPDX-License-Identifier: MIT
#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

#include <optional>

#include "core/thena/secretstore.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Hookscope;

// SecretStore on both of its paths. This executable runs twice under CTest:
//  - tst_secretstore: as every unit test, with HOOKSCOPE_NO_KEYCHAIN=1 and no session bus
//    needed: the no-keychain path and the session fallback.
//  - tst_secretstore_dbus: inside `dbus-run-session` with a gnome-keyring-daemon unlocked in a
//    temporary HOME (HOOKSCOPE_REAL_KEYCHAIN=1): a real Secret Service round trip.
class tst_SecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void names();
    void disabledByEnvironment();
    void noSessionBus();
    void realKeychainRoundTrip();

private:
    static std::optional<SecretResult> await(const std::function<void(SecretStore::Callback)> &op,
                                             int timeoutMs = 20000);
    static bool realKeychainRun()
    {
        return qEnvironmentVariable("HOOKSCOPE_REAL_KEYCHAIN") == "1"_L1;
    }

    QByteArray m_noKeychain;
};

std::optional<SecretResult>
tst_SecretStore::await(const std::function<void(SecretStore::Callback)> &op, int timeoutMs)
{
    std::optional<SecretResult> result;
    op([&result](const SecretResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}

void tst_SecretStore::init()
{
    m_noKeychain = qgetenv("HOOKSCOPE_NO_KEYCHAIN");
}

void tst_SecretStore::cleanup()
{
    if (m_noKeychain.isNull())
        qunsetenv("HOOKSCOPE_NO_KEYCHAIN");
    else
        qputenv("HOOKSCOPE_NO_KEYCHAIN", m_noKeychain);
}

void tst_SecretStore::names()
{
    QCOMPARE(SecretStore::apiKeyName(), u"api-key"_s);
    QCOMPARE(SecretStore::clientSecretName(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s),
             u"client-secret/EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    SecretStore store;
    QCOMPARE(store.service(), u"Hookscope"_s);
}

void tst_SecretStore::disabledByEnvironment()
{
    qputenv("HOOKSCOPE_NO_KEYCHAIN", "1");
    SecretStore store;
    QCOMPARE(store.state(), SecretStore::State::Unavailable);
    const QString expected =
            u"No keychain service is running (disabled by HOOKSCOPE_NO_KEYCHAIN=1): the key is kept for this session only"_s;
    QCOMPARE(store.unavailableReason(), expected);

    QObject context;
    const auto written = await(
            [&](auto cb) { store.write(SecretStore::apiKeyName(), u"key-123"_s, &context, cb); });
    QVERIFY(written);
    QVERIFY(written->ok);
    QVERIFY(!written->inKeychain);
    QCOMPARE(written->message, expected);

    const auto read = await([&](auto cb) { store.read(SecretStore::apiKeyName(), &context, cb); });
    QVERIFY(read && read->ok && read->found);
    QCOMPARE(read->value, u"key-123"_s);
    QVERIFY(!read->inKeychain);

    const auto missing = await(
            [&](auto cb) { store.read(SecretStore::clientSecretName(u"A1"_s), &context, cb); });
    QVERIFY(missing && missing->ok && !missing->found);

    const auto removed =
            await([&](auto cb) { store.remove(SecretStore::apiKeyName(), &context, cb); });
    QVERIFY(removed && removed->ok);
    const auto gone = await([&](auto cb) { store.read(SecretStore::apiKeyName(), &context, cb); });
    QVERIFY(gone && gone->ok && !gone->found);

    // The session is this store's: another store (another run) has nothing.
    const auto again =
            await([&](auto cb) { store.write(SecretStore::apiKeyName(), u"k"_s, &context, cb); });
    QVERIFY(again && again->ok);
    SecretStore other;
    const auto elsewhere =
            await([&](auto cb) { other.read(SecretStore::apiKeyName(), &context, cb); });
    QVERIFY(elsewhere && elsewhere->ok && !elsewhere->found);

    // Callbacks are asynchronous, and skipped when their context is gone.
    bool called = false;
    {
        QObject shortLived;
        store.read(SecretStore::apiKeyName(), &shortLived,
                   [&called](const SecretResult &) { called = true; });
        QVERIFY(!called);
    }
    QTest::qWait(20);
    QVERIFY(!called);
}

void tst_SecretStore::noSessionBus()
{
    if (realKeychainRun())
        QSKIP("this run has a session bus; the no-bus path runs in tst_secretstore");
    // What a headless server or a container looks like: no D-Bus session bus anywhere.
    qunsetenv("HOOKSCOPE_NO_KEYCHAIN");
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    qputenv("XDG_RUNTIME_DIR", "/nonexistent-hookscope-runtime"); // no $XDG_RUNTIME_DIR/bus either

    SecretStore store;
    store.setService(u"Hookscope-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
    store.setTimeout(8s);
    QCOMPARE(store.state(), SecretStore::State::Unknown);
    QObject context;
    QElapsedTimer clock;
    clock.start();
    const auto written = await(
            [&](auto cb) { store.write(SecretStore::apiKeyName(), u"key-456"_s, &context, cb); });
    QVERIFY2(written, "no answer at all");
    QVERIFY(written->ok);
    QVERIFY(!written->inKeychain);
    QCOMPARE(store.state(), SecretStore::State::Unavailable);
    QVERIFY2(written->message.startsWith(u"No keychain service is running ("_s),
             qPrintable(written->message));
    QVERIFY2(written->message.endsWith(u"): the key is kept for this session only"_s),
             qPrintable(written->message));
    qInfo("no session bus: %s (%lld ms)", qPrintable(written->message), clock.elapsed());

    // The session fallback keeps working, without waiting on the keychain again.
    clock.restart();
    const auto read = await([&](auto cb) { store.read(SecretStore::apiKeyName(), &context, cb); });
    QVERIFY(read && read->ok && read->found);
    QCOMPARE(read->value, u"key-456"_s);
    QVERIFY(clock.elapsed() < 1000);
}

void tst_SecretStore::realKeychainRoundTrip()
{
    const QString mode = qEnvironmentVariable("HOOKSCOPE_REAL_KEYCHAIN");
    if (mode.startsWith(u"missing:"_s))
        QSKIP(qPrintable(
                u"%1 is not installed: no real keychain to test against (install dbus-daemon and gnome-keyring)"_s
                        .arg(mode.mid(8))));
    if (!realKeychainRun())
        QSKIP("runs in the tst_secretstore_dbus CTest entry (dbus-run-session + "
              "gnome-keyring-daemon)");
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "expected to run inside dbus-run-session");
    QVERIFY(!qEnvironmentVariableIsSet("HOOKSCOPE_NO_KEYCHAIN"));

    const QString service =
            u"Hookscope-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString key = u"thena-key-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString clientSecret = SecretStore::clientSecretName(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QObject context;
    {
        SecretStore store;
        store.setService(service);
        const auto written =
                await([&](auto cb) { store.write(SecretStore::apiKeyName(), key, &context, cb); });
        QVERIFY2(written, "the keychain did not answer");
        QVERIFY2(written->ok && written->inKeychain, qPrintable(written->message));
        QVERIFY(written->message.isEmpty());
        QCOMPARE(store.state(), SecretStore::State::Available);
        const auto secret =
                await([&](auto cb) { store.write(clientSecret, u"cs_live_x"_s, &context, cb); });
        QVERIFY2(secret && secret->ok && secret->inKeychain,
                 secret ? qPrintable(secret->message) : "no answer");
    }
    {
        // A new store has no session copy: this value comes from gnome-keyring.
        SecretStore store;
        store.setService(service);
        const auto read =
                await([&](auto cb) { store.read(SecretStore::apiKeyName(), &context, cb); });
        QVERIFY2(read && read->ok && read->found, read ? qPrintable(read->message) : "no answer");
        QVERIFY(read->inKeychain);
        QCOMPARE(read->value, key);
        const auto secret = await([&](auto cb) { store.read(clientSecret, &context, cb); });
        QVERIFY(secret && secret->found);
        QCOMPARE(secret->value, u"cs_live_x"_s);

        const auto removed =
                await([&](auto cb) { store.remove(SecretStore::apiKeyName(), &context, cb); });
        QVERIFY2(removed && removed->ok, removed ? qPrintable(removed->message) : "no answer");
        await([&](auto cb) { store.remove(clientSecret, &context, cb); });
    }
    {
        SecretStore store;
        store.setService(service);
        const auto gone =
                await([&](auto cb) { store.read(SecretStore::apiKeyName(), &context, cb); });
        QVERIFY(gone && gone->ok);
        QVERIFY(!gone->found);
        QCOMPARE(store.state(), SecretStore::State::Available);
        // Deleting what is not there is not an error.
        const auto again =
                await([&](auto cb) { store.remove(SecretStore::apiKeyName(), &context, cb); });
        QVERIFY(again && again->ok);
    }
}

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
