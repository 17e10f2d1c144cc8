// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "core/export/eventexporter.h"
#include "core/filter/filterexpression.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace Hookscope {

// Export of the rows matching the current filter: format, columns (table columns plus any
// JSON paths), BOM. The export itself runs on a worker thread over its own read-only store
// connection, with a cancellable progress dialog.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    ExportDialog(const QString &dataDir, const FilterExpression &filter, qint64 matchingRows,
                 QWidget *parent = nullptr);

    static constexpr int HarFormat = 100; // combo value beside EventExporter::Format's

    EventExporter::Format format() const;
    void setFormat(EventExporter::Format format);
    bool isHar() const;
    void setHar();
    QStringList columns() const;
    bool utf8Bom() const;

    // Runs the export to `fileName` (progress dialog, cancel); returns false with a message
    // on failure or cancellation. Also used by tests, with the dialog never shown.
    bool exportTo(const QString &fileName, QString *message);

private:
    void chooseFileAndExport();

    QString m_dataDir;
    FilterExpression m_filter;
    qint64 m_matchingRows;
    QComboBox *m_format;
    QListWidget *m_columns;
    QLineEdit *m_extra;
    QCheckBox *m_bom;
    QLabel *m_problem;
};

} // namespace Hookscope
