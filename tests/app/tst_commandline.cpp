// SPDX-License-Identifier: MIT
#include <QTest>

#include "app/commandline.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The command line as parsed, and how it overrides the saved settings for the receiver.
class tst_CommandLine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("HOOKSCOPE_SECRET"); }
    void optionsWinOverSavedSettings();
    void savedSettingsStandWithoutOptions();
    void usageErrors_data();
    void usageErrors();
};

namespace {

CommandLine parse(const QStringList &arguments)
{
    return CommandLine::parse(QStringList{ u"hookscope"_s } + arguments);
}

ReceiverConfig saved()
{
    ReceiverConfig s;
    s.address = QHostAddress(u"0.0.0.0"_s);
    s.port = 8787;
    s.secret = u"from-keychain"_s;
    s.limits.request.maxBodyBytes = 4096;
    s.ratePerClient = 5;
    return s;
}

} // namespace

void tst_CommandLine::optionsWinOverSavedSettings()
{
    const CommandLine cl =
            parse({ u"--port"_s, u"18787"_s, u"--bind"_s, u"127.0.0.1"_s, u"--max-body"_s,
                    u"1000"_s, u"--rate-limit"_s, u"0"_s, u"--secret"_s, u"from-cli"_s });
    QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
    const ReceiverConfig r = cl.receiverOver(saved());
    QCOMPARE(r.port, quint16(18787)); // Settings → OK must not move a receiver started on --port
    QCOMPARE(r.address, QHostAddress(QHostAddress::LocalHost)); // explicit, even the default
    QCOMPARE(r.limits.request.maxBodyBytes, qint64(1000));
    QCOMPARE(r.ratePerClient, 0);
    QCOMPARE(r.secret, u"from-cli"_s);
    // Applying the same command line to the same settings again changes nothing: the app
    // restarts the receiver only when something did change.
    QVERIFY(cl.receiverOver(saved()) == r);
}

void tst_CommandLine::savedSettingsStandWithoutOptions()
{
    const CommandLine cl = parse({});
    QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
    QVERIFY(cl.receiverOver(saved()) == saved());

    qputenv("HOOKSCOPE_SECRET", "from-env");
    QCOMPARE(parse({}).receiverOver(saved()).secret, u"from-env"_s);
}

void tst_CommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad port") << QStringList{ u"--port"_s, u"99999"_s } << u"--port"_s;
    QTest::addRow("bad bind") << QStringList{ u"--bind"_s, u"localhost!"_s } << u"--bind"_s;
    QTest::addRow("remote without consent")
            << QStringList{ u"--bind"_s, u"0.0.0.0"_s } << u"--allow-remote"_s;
}

void tst_CommandLine::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CommandLine cl = parse(arguments);
    QVERIFY2(cl.error.contains(message), qPrintable(cl.error));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
