// SPDX-License-Identifier: MIT
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
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
    void secretFromFile_data();
    void secretFromFile();
    void secretPrecedence();
    void secretFileErrors_data();
    void secretFileErrors();
    void secretFileOnlyForTheReceiver();
    void helpWarnsAboutSecretOnTheCommandLine();
    void helpNamesTheProgramAndListsCommands();
    void helpPerCommand_data();
    void helpPerCommand();
};

namespace {

// The long option names a help text lists ("--data-dir", …), in order.
QStringList optionsIn(const QString &help)
{
    QStringList names;
    static const QRegularExpression option(u"^  (?:-\\S+, )*(--[a-z-]+)"_s,
                                           QRegularExpression::MultilineOption);
    for (auto it = option.globalMatch(help); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

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

// A file in a temporary folder holding `content` exactly.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        return {};
    return path;
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

void tst_CommandLine::secretFromFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("secret");
    QTest::addRow("no newline") << QByteArray("s3cr3t-file") << u"s3cr3t-file"_s;
    QTest::addRow("trailing LF") << QByteArray("s3cr3t-file\n") << u"s3cr3t-file"_s;
    QTest::addRow("trailing CRLF") << QByteArray("s3cr3t-file\r\n") << u"s3cr3t-file"_s;
    QTest::addRow("trailing blank lines") << QByteArray("s3cr3t-file\n\n") << u"s3cr3t-file"_s;
    // Only the line ending goes: spaces inside or around the token are part of it.
    QTest::addRow("spaces kept") << QByteArray(" a b \n") << u" a b "_s;
    QTest::addRow("UTF-8") << QByteArray("s\xc3\xa9"
                                         "cret\n")
                           << u"s\u00e9cret"_s;
}

void tst_CommandLine::secretFromFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, secret);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, u"secret"_s, content);
    QVERIFY(!path.isEmpty());
    for (const QString &command : { QString(), u"listen"_s }) {
        QStringList args{ u"--secret-file"_s, path };
        if (!command.isEmpty())
            args.prepend(command);
        const CommandLine cl = parse(args);
        QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
        QCOMPARE(cl.receiver.secret, secret);
        // Like --secret, it wins over the keychain's secret for the whole session.
        QCOMPARE(cl.receiverOver(saved()).secret, secret);
    }
}

void tst_CommandLine::secretPrecedence()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = writeFile(dir, u"secret"_s, "from-file\n");
    QVERIFY(!file.isEmpty());
    qputenv("HOOKSCOPE_SECRET", "from-env");
    const QStringList fileOption{ u"--secret-file"_s, file };
    const QStringList cliOption{ u"--secret"_s, u"from-cli"_s };
    // --secret-file, then --secret, then $HOOKSCOPE_SECRET, then the keychain (saved).
    QCOMPARE(parse(fileOption + cliOption).receiver.secret, u"from-file"_s);
    QCOMPARE(parse(cliOption + fileOption).receiver.secret, u"from-file"_s);
    QCOMPARE(parse(fileOption).receiver.secret, u"from-file"_s);
    QCOMPARE(parse(cliOption).receiver.secret, u"from-cli"_s);
    QCOMPARE(parse({}).receiver.secret, u"from-env"_s);
    qunsetenv("HOOKSCOPE_SECRET");
    QCOMPARE(parse({}).receiverOver(saved()).secret, u"from-keychain"_s);
}

void tst_CommandLine::secretFileErrors_data()
{
    QTest::addColumn<QByteArray>("content"); // null: no such file; "<dir>": a folder
    QTest::addColumn<QString>("message");
    QTest::addRow("missing") << QByteArray() << u"cannot read"_s;
    QTest::addRow("a folder") << QByteArray("<dir>") << u"cannot read"_s;
    QTest::addRow("empty") << QByteArray("") << u"is empty"_s;
    QTest::addRow("only a newline") << QByteArray("\r\n") << u"is empty"_s;
    QTest::addRow("two lines") << QByteArray("hunter2-first\nhunter2-second\n")
                               << u"more than one line"_s;
    QTest::addRow("not UTF-8") << QByteArray("hunter2-\xff\xfe") << u"not UTF-8"_s;
    QTest::addRow("huge") << QByteArray(100 * 1024, 'h') << u"larger than"_s;
}

void tst_CommandLine::secretFileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = dir.filePath(u"secret"_s);
    if (content == "<dir>")
        path = dir.path();
    else if (!content.isNull())
        QVERIFY(!writeFile(dir, u"secret"_s, content).isEmpty());
    // The environment's secret does not stand in for a file that cannot be used.
    qputenv("HOOKSCOPE_SECRET", "from-env");
    for (const QString &command : { QString(), u"listen"_s }) {
        QStringList args{ u"--secret"_s, u"from-cli"_s, u"--secret-file"_s, path };
        if (!command.isEmpty())
            args.prepend(command);
        const CommandLine cl = parse(args);
        // A usage error (exit 2) that names the option and the file, never what is in it.
        QVERIFY2(cl.error.startsWith(u"--secret-file"_s), qPrintable(cl.error));
        QVERIFY2(cl.error.contains(message), qPrintable(cl.error));
        QVERIFY2(cl.error.contains(path), qPrintable(cl.error));
        QVERIFY2(!cl.error.contains(u"hunter2"_s), qPrintable(cl.error));
    }
}

void tst_CommandLine::secretFileOnlyForTheReceiver()
{
    // export and relay new run no receiver: they do not read the file, so a file that is not
    // there (the receiver's, on another machine) does not stop them.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(u"missing"_s);
    const CommandLine exported =
            parse({ u"export"_s, u"-o"_s, u"-"_s, u"--secret-file"_s, missing });
    QVERIFY2(exported.error.isEmpty(), qPrintable(exported.error));
    const CommandLine relayNew = parse({ u"relay"_s, u"new"_s, u"--secret-file"_s, missing });
    QVERIFY2(relayNew.error.isEmpty(), qPrintable(relayNew.error));
}

void tst_CommandLine::helpWarnsAboutSecretOnTheCommandLine()
{
    const QString help = parse({ u"--help"_s }).helpText;
    QVERIFY2(help.contains(u"--secret-file <file>"_s), qPrintable(help));
    const qsizetype at = help.indexOf(u"--secret <token>"_s);
    QVERIFY2(at >= 0, qPrintable(help));
    // The --secret entry itself says that `ps` shows it and what to use instead.
    const QString entry = help.mid(at, help.indexOf(u"\n  -"_s, at) - at);
    QVERIFY2(entry.contains(u"ps"_s) && entry.contains(u"--secret-file"_s)
                     && entry.contains(u"HOOKSCOPE_SECRET"_s),
             qPrintable(entry));
}

void tst_CommandLine::helpNamesTheProgramAndListsCommands()
{
    const CommandLine cl = parse({ u"--help"_s });
    QVERIFY(cl.showHelp);
    QVERIFY(cl.error.isEmpty());
    const QString help = cl.helpText;
    // Parsed before any QCoreApplication exists: Qt alone would say "<executable_name>".
    QVERIFY2(help.startsWith(u"Usage: hookscope [options]\n"_s), qPrintable(help));
    QVERIFY2(!help.contains(u"executable_name"_s), qPrintable(help));
    for (const QString &command :
         { u"listen"_s, u"export"_s, u"import"_s, u"relay new"_s, u"thena"_s })
        QVERIFY2(help.contains(u"\n  "_s + command + u' '), qPrintable(command));
    QVERIFY(help.contains(u"hookscope <command> --help"_s));
    // The desktop app's options only: not export's, listen's or relay new's.
    const QStringList options = optionsIn(help);
    for (const QString &own : { u"--help"_s, u"--version"_s, u"--data-dir"_s, u"--port"_s,
                                u"--secret-file"_s, u"--relay"_s, u"--forward-to"_s })
        QVERIFY2(options.contains(own), qPrintable(own + u" in "_s + options.join(u' ')));
    for (const QString &other : { u"--columns"_s, u"--format"_s, u"--bom"_s, u"--output"_s,
                                  u"--json"_s, u"--no-receiver"_s, u"--server"_s })
        QVERIFY2(!options.contains(other), qPrintable(other + u" in "_s + options.join(u' ')));
}

void tst_CommandLine::helpPerCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QStringList>("options");

    const QStringList receiver{ u"--help"_s,   u"--data-dir"_s,     u"--port"_s,
                                u"--bind"_s,   u"--allow-remote"_s, u"--secret-file"_s,
                                u"--secret"_s, u"--max-body"_s,     u"--rate-limit"_s,
                                u"--relay"_s };
    const QStringList forward{ u"--forward-to"_s, u"--forward-filter"_s, u"--forward-queue"_s,
                               u"--forward-timeout"_s, u"--forward-retries"_s };
    QTest::addRow("export") << QStringList{ u"export"_s, u"--help"_s }
                            << u"Usage: hookscope export [options]"_s
                            << QStringList{ u"--help"_s,   u"--data-dir"_s, u"--format"_s,
                                            u"--filter"_s, u"--columns"_s,  u"--output"_s,
                                            u"--bom"_s };
    // Help wins over what else is wrong (export needs -o otherwise).
    QTest::addRow("export, help last")
            << QStringList{ u"export"_s, u"--format"_s, u"har"_s, u"-h"_s }
            << u"Usage: hookscope export [options]"_s
            << QStringList{ u"--help"_s,    u"--data-dir"_s, u"--format"_s, u"--filter"_s,
                            u"--columns"_s, u"--output"_s,   u"--bom"_s };
    QTest::addRow("listen") << QStringList{ u"listen"_s, u"--help"_s }
                            << u"Usage: hookscope listen [options]"_s
                            << receiver + QStringList{ u"--json"_s, u"--no-receiver"_s } + forward;
    QTest::addRow("relay new") << QStringList{ u"relay"_s, u"new"_s, u"--help"_s }
                               << u"Usage: hookscope relay new [options]"_s
                               << QStringList{ u"--help"_s, u"--server"_s };
    QTest::addRow("no command") << QStringList{ u"--help"_s } << u"Usage: hookscope [options]"_s
                                << QStringList{ u"--help"_s, u"--version"_s } + receiver.mid(1)
                    + forward;
}

void tst_CommandLine::helpPerCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);
    QFETCH(QStringList, options);
    const CommandLine cl = parse(arguments);
    QVERIFY(cl.showHelp);
    QVERIFY2(cl.helpText.startsWith(usage + u'\n'), qPrintable(cl.helpText));
    QStringList listed = optionsIn(cl.helpText);
    listed.removeAll(u"--help-all"_s); // Qt's own, beside --help
    QCOMPARE(listed, options);
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
