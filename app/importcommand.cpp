// SPDX-License-Identifier: MIT
#include "importcommand.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <cstdio>

#include "app/cliio.h"
#include "core/common/datadir.h"
#include "core/export/eventimporter.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;
using namespace Hookscope::Cli;

namespace Hookscope {

namespace {

int usage(const QString &message)
{
    err() << "hookscope: " << message << "\nRun 'hookscope import --help' for usage." << Qt::endl;
    return ExitUsage;
}

// Imports one file (or standard input) and reports it. True when at least one event was
// imported and the file was read to its end.
bool importOne(EventImporter &importer, const QString &name, EventImporter::Format format)
{
    EventImporter::Result result;
    if (name == "-"_L1) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err() << "hookscope: cannot read standard input" << Qt::endl;
            return false;
        }
        result = importer.importDevice(&in, format);
    } else {
        result = importer.importFile(name, format);
    }
    const QString label = name == "-"_L1 ? u"(standard input)"_s : name;
    for (const EventImporter::Error &e : std::as_const(result.errors))
        err() << "hookscope: " << label << ": " << e.toString() << '\n';
    if (result.skipped > result.errors.size())
        err() << "hookscope: " << label << ": … and " << (result.skipped - result.errors.size())
              << " more\n";
    if (!result.fatalError.isEmpty())
        err() << "hookscope: " << label << ": " << result.fatalError << '\n';
    err().flush();
    out() << label << ": " << result.summaryText();
    if (result.format != EventImporter::Format::Auto)
        out() << " (" << EventImporter::formatName(result.format) << ')';
    out() << Qt::endl;
    return result.ok() && result.imported > 0;
}

} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            u"Imports events into the store from JSON Lines archives ('hookscope export --format "
            u"jsonl')\n"
            u"and HAR 1.2 files ('hookscope export --format har', browser devtools). Imported "
            u"events\n"
            u"keep their received time and are marked with source 'import'; type and summary are\n"
            u"derived from the body again. Secret headers and query parameters are redacted.\n"
            u"Exit codes: 0 ok, 1 a file could not be read or imported no event, 2 usage error."_s);
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help."_s);
    const QCommandLineOption dataDir(
            u"data-dir"_s,
            u"Where events are stored (default: $HOOKSCOPE_DATA_DIR or the user data folder)."_s,
            u"dir"_s);
    const QCommandLineOption format(
            u"format"_s, u"auto, jsonl or har (default auto: detected from the content)."_s,
            u"fmt"_s, u"auto"_s);
    parser.addOptions({ help, dataDir, format });
    parser.addPositionalArgument(u"files"_s, u"JSON Lines or HAR files; - for standard input."_s,
                                 u"FILE…"_s);
    if (!parser.parse(QStringList{ u"hookscope import"_s } + arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(u'\n'),
                     u"Usage: hookscope import [--data-dir D] [--format auto|jsonl|har] FILE…"_s);
        out() << text;
        out().flush();
        return ExitOk;
    }
    const std::optional<EventImporter::Format> fmt =
            EventImporter::formatFromName(parser.value(format));
    if (!fmt)
        return usage(u"--format must be auto, jsonl or har, not '%1'"_s.arg(parser.value(format)));
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usage(u"Name at least one file to import"_s);
    if (files.count(u"-"_s) > 1)
        return usage(u"Standard input (-) can be read only once"_s);

    EventStore store;
    if (!store.open(DataDir::resolve(parser.value(dataDir)))) {
        err() << "hookscope: " << store.errorString() << Qt::endl;
        return ExitFailure;
    }
    if (!store.recoveryNote().isEmpty())
        err() << "hookscope: " << store.recoveryNote() << Qt::endl;

    EventImporter importer(&store);
    bool allOk = true;
    for (const QString &file : files)
        allOk = importOne(importer, file, *fmt) && allOk;
    store.close();
    return allOk ? ExitOk : ExitFailure;
}

} // namespace Hookscope
