// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "app/clicommands.h"
#include "app/commandline.h"
#include "app/desktopapp.h"
#include "app/importcommand.h"
#include "app/thenacommands.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(u"Hookscope"_s);
    QCoreApplication::setOrganizationDomain(u"hookscope.dev"_s);
    QCoreApplication::setApplicationName(u"hookscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    return args;
}

int runGui(int argc, char **argv, const CommandLine &cl)
{
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(u"Hookscope"_s);
    QApplication::setDesktopFileName(u"dev.hookscope.Hookscope"_s);

    // UI strings in the user's language when a translation is bundled (:/i18n, from
    // translations/*.ts).
    QTranslator translator;
    if (translator.load(QLocale(), u"hookscope"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&translator);

    DesktopApp desktop(cl);
    if (!desktop.start()) {
        QMessageBox::critical(nullptr, u"Hookscope"_s, desktop.errorString());
        return 1;
    }
    QTimer::singleShot(0, &desktop, &DesktopApp::offerWelcome);
    const int code = QApplication::exec();
    desktop.shutdown();
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList args = argumentsOf(argc, argv);
    {
        // Parse before any QApplication exists: `listen` and `export` need no display.
        QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
        QCoreApplication::setApplicationName(u"hookscope"_s);
    }
    if (args.size() > 1 && args.at(1) == "thena"_L1) {
        // `hookscope thena …` has its own options (API calls, no receiver).
        QCoreApplication app(argc, argv);
        setIdentity();
        return runThena(args.mid(2));
    }
    if (args.size() > 1 && args.at(1) == "import"_L1) {
        // `hookscope import …` has its own options (files, --format auto|jsonl|har).
        QCoreApplication app(argc, argv);
        setIdentity();
        return runImport(args.mid(2));
    }
    const CommandLine cl = CommandLine::parse(args);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (cl.showHelp) {
        out << cl.helpText;
        return 0;
    }
    if (cl.showVersion) {
        out << "hookscope " << HOOKSCOPE_VERSION << Qt::endl;
        return 0;
    }
    if (!cl.error.isEmpty()) {
        err << "hookscope: " << cl.error << "\nRun 'hookscope --help' for usage." << Qt::endl;
        return 2;
    }
    if (cl.command == Command::Gui)
        return runGui(argc, argv, cl);

    QCoreApplication app(argc, argv);
    setIdentity();
    switch (cl.command) {
    case Command::Listen:
        return runListen(cl);
    case Command::Export:
        return runExport(cl);
    case Command::RelayNew:
        return runRelayNew(cl);
    case Command::Gui:
        break;
    }
    return 2;
}
