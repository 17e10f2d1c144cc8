// SPDX-License-Identifier: MIT
#include "exportdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>

#include "core/export/exportjob.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

ExportDialog::ExportDialog(const QString &dataDir, const FilterExpression &filter,
                           qint64 matchingRows, QWidget *parent)
    : QDialog(parent),
      m_dataDir(dataDir),
      m_filter(filter),
      m_matchingRows(matchingRows),
      m_format(new QComboBox(this)),
      m_columns(new QListWidget(this)),
      m_extra(new QLineEdit(this)),
      m_bom(new QCheckBox(
              tr("Start with a UTF-8 byte order mark (helps Excel open non-ASCII text)"), this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Export events"));
    m_format->addItem(tr("CSV (RFC 4180)"), int(EventExporter::Format::Csv));
    m_format->addItem(tr("JSON Lines"), int(EventExporter::Format::JsonLines));
    m_format->addItem(tr("HAR 1.2 (browser devtools, HTTP Toolkit)"), HarFormat);

    const QStringList defaults = EventExporter::defaultColumns();
    for (const QString &column : EventExporter::builtinColumns()) {
        auto *item = new QListWidgetItem(column, m_columns);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(defaults.contains(column) ? Qt::Checked : Qt::Unchecked);
    }
    m_columns->setAccessibleName(tr("Columns"));
    m_extra->setPlaceholderText(tr("More columns as JSON paths, comma-separated: "
                                   "payload.ticket.priorityName, payload.ticket.tags"));
    m_extra->setAccessibleName(tr("JSON path columns"));
    m_problem->setStyleSheet(u"QLabel { color: #d62728; }"_s);
    m_problem->setWordWrap(true);

    auto *what = new QLabel(
            filter.isEmpty()
                    ? tr("All %n stored event(s) will be exported.", nullptr, int(matchingRows))
                    : tr("The %n event(s) matching <code>%1</code> will be exported.", nullptr,
                         int(matchingRows))
                              .arg(filter.text().toHtmlEscaped()),
            this);
    what->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Columns:"), m_columns);
    form->addRow(tr("JSON paths:"), m_extra);
    form->addRow(QString(), m_bom);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &ExportDialog::chooseFileAndExport);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        m_bom->setEnabled(!isHar() && format() == EventExporter::Format::Csv);
        m_columns->setEnabled(!isHar()); // a HAR entry has a fixed shape
        m_extra->setEnabled(!isHar());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(560, 520);
}

EventExporter::Format ExportDialog::format() const
{
    return EventExporter::Format(m_format->currentData().toInt());
}

bool ExportDialog::isHar() const
{
    return m_format->currentData().toInt() == HarFormat;
}

void ExportDialog::setHar()
{
    m_format->setCurrentIndex(m_format->findData(HarFormat));
}

void ExportDialog::setFormat(EventExporter::Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

QStringList ExportDialog::columns() const
{
    QStringList out;
    for (int i = 0; i < m_columns->count(); ++i)
        if (m_columns->item(i)->checkState() == Qt::Checked)
            out.append(m_columns->item(i)->text());
    for (const QString &path : m_extra->text().split(u',', Qt::SkipEmptyParts))
        if (!path.trimmed().isEmpty())
            out.append(path.trimmed());
    return out;
}

bool ExportDialog::utf8Bom() const
{
    return m_bom->isChecked();
}

void ExportDialog::chooseFileAndExport()
{
    const QString problem = isHar() ? QString()
            : columns().isEmpty()   ? tr("Choose at least one column.")
                                    : EventExporter::columnError(columns());
    m_problem->setText(problem);
    if (!problem.isEmpty())
        return;
    const bool csv = !isHar() && format() == EventExporter::Format::Csv;
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
            + u"/hookscope-events."_s
            + (isHar()       ? u"har"_s
                       : csv ? u"csv"_s
                             : u"jsonl"_s);
    const QString fileName =
            QFileDialog::getSaveFileName(this, tr("Export events"), suggested,
                                         isHar()       ? tr("HAR files (*.har)")
                                                 : csv ? tr("CSV files (*.csv)")
                                                       : tr("JSON Lines (*.jsonl *.ndjson)"));
    if (fileName.isEmpty())
        return;
    QString message;
    if (exportTo(fileName, &message)) {
        accept();
        return;
    }
    m_problem->setText(message);
}

bool ExportDialog::exportTo(const QString &fileName, QString *message)
{
    std::atomic_bool cancel{ false };
    std::atomic<qint64> rows{ 0 };
    ExportRequest request;
    request.dataDir = m_dataDir;
    request.filter = m_filter;
    request.format = isHar()                               ? ExportRequest::Format::Har
            : format() == EventExporter::Format::JsonLines ? ExportRequest::Format::JsonLines
                                                           : ExportRequest::Format::Csv;
    request.columns = columns();
    request.csv.utf8Bom = utf8Bom();
    request.output = fileName;
    ExportResult result;

    // The job opens its own read-only connection on the worker: SQL connections stay in
    // their thread, and the receiver keeps writing meanwhile.
    QThread *worker = QThread::create([&] { result = ExportJob::run(request, &cancel, &rows); });

    QProgressDialog progress(tr("Exporting events…"), tr("Cancel"), 0,
                             int(qMin<qint64>(m_matchingRows, INT_MAX)), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, &progress, [&] {
        progress.setValue(int(qMin<qint64>(rows.load(), progress.maximum())));
        if (progress.wasCanceled())
            cancel.store(true);
    });
    QEventLoop loop;
    connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    poll.start();
    worker->start();
    loop.exec();
    poll.stop();
    worker->wait();
    delete worker;
    progress.reset();

    if (!result.ok) {
        if (message)
            *message = result.error;
        return false;
    }
    if (message)
        *message = tr("%n event(s) exported to %1", nullptr, int(result.rows)).arg(fileName);
    return true;
}

} // namespace Hookscope
