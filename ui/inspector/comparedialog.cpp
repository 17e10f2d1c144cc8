// SPDX-License-Identifier: MIT
#include "comparedialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMap>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/events/eventdiff.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QTableWidget *makeTable(const QString &first, const QString &before, const QString &after,
                        QWidget *parent)
{
    auto *table = new QTableWidget(parent);
    table->setColumnCount(3);
    table->setHorizontalHeaderLabels({ first, before, after });
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setMinimumSectionSize(1);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    return table;
}

QString describe(const Event &e)
{
    return u"#%1  %2  %3"_s.arg(QString::number(e.summary.id),
                                e.summary.type.isEmpty() ? u"–"_s : e.summary.type,
                                QDateTime::fromMSecsSinceEpoch(e.summary.receivedAt)
                                        .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
}

bool isJson(const QByteArray &body)
{
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError;
}

} // namespace

CompareDialog::CompareDialog(const Event &before, const Event &after, QWidget *parent)
    : QDialog(parent),
      m_summary(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_fields(makeTable(tr("Field"), describe(before), describe(after), this)),
      m_headers(makeTable(tr("Header"), describe(before), describe(after), this))
{
    setWindowTitle(tr("Compare events %1 and %2").arg(before.summary.id).arg(after.summary.id));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setAccessibleName(tr("Fields that differ"));
    m_headers->setAccessibleName(tr("Headers that differ"));

    fillFields(before, after);
    fillHeaders(before, after);

    m_tabs->addTab(m_fields, tr("Body (%1)").arg(m_fieldCount));
    m_tabs->addTab(m_headers, tr("Headers (%1)").arg(m_headerCount));
    QStringList parts;
    parts << (m_bodyNote.isEmpty()
                      ? (m_fieldCount == 0 ? tr("The bodies are the same.")
                                           : tr("%n field(s) differ.", nullptr, m_fieldCount))
                      : m_bodyNote);
    parts << (m_headerCount == 0
                      ? tr("Headers and request details are the same.")
                      : tr("%n header(s) or request detail(s) differ.", nullptr, m_headerCount));
    m_summary->setText(parts.join(u' '));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(900, 520);
}

QTableWidget *CompareDialog::fieldsTable() const
{
    return m_fields;
}

QTableWidget *CompareDialog::headersTable() const
{
    return m_headers;
}

QString CompareDialog::summaryText() const
{
    return m_summary->text();
}

void CompareDialog::fillFields(const Event &before, const Event &after)
{
    QList<EventDiff::Change> changes;
    if (isJson(before.body) && isJson(after.body)) {
        changes = EventDiff::compare(before.body, after.body);
    } else if (before.body != after.body) {
        // Form, text or binary bodies have no fields: say whether they differ at all.
        m_bodyNote = tr("The bodies differ (not both JSON, so not compared field by field).");
        changes.append({ EventDiff::Change::Kind::Changed, tr("(body)"),
                         tr("%n byte(s)", nullptr, int(before.body.size())),
                         tr("%n byte(s)", nullptr, int(after.body.size())) });
    }
    m_fieldCount = int(changes.size());
    QFont absentFont = m_fields->font();
    absentFont.setItalic(true);
    auto cell = [&](const QString &json, const QString &absent) {
        auto *item = new QTableWidgetItem(json.isEmpty() ? absent : json);
        item->setToolTip(json);
        if (json.isEmpty()) {
            item->setFont(absentFont);
            item->setForeground(palette().brush(QPalette::PlaceholderText));
        }
        return item;
    };
    m_fields->setRowCount(m_fieldCount);
    for (int r = 0; r < m_fieldCount; ++r) {
        const EventDiff::Change &c = changes.at(r);
        m_fields->setItem(r, 0, new QTableWidgetItem(c.path));
        m_fields->setItem(r, 1, cell(c.before, tr("(absent)")));
        m_fields->setItem(r, 2, cell(c.after, tr("(absent)")));
    }
    m_fields->resizeColumnToContents(0);
    m_fields->setColumnWidth(1, qMax(m_fields->columnWidth(1), 260));
}

void CompareDialog::fillHeaders(const Event &before, const Event &after)
{
    // Header names compare without case (HTTP says so); a name sent twice is one entry with
    // its values in order. The request's details come first, under their own names.
    struct Row
    {
        QString name;
        QString before, after;
        bool inBefore = false, inAfter = false;
    };
    QList<Row> rows = {
        { tr("Method"), before.method, after.method, true, true },
        { tr("Path"), before.path, after.path, true, true },
        { tr("Query"), before.query, after.query, true, true },
        { tr("Content type"), before.contentType, after.contentType, true, true },
        { tr("Remote address"), before.remoteAddress, after.remoteAddress, true, true },
        { tr("Source"), before.summary.source, after.summary.source, true, true },
    };
    QMap<QString, Row> headers; // by lowercase name: sorted, so both sides line up
    auto collect = [&](const HeaderList &list, bool isBefore) {
        for (const auto &[name, value] : list) {
            Row &row = headers[QString::fromLatin1(name).toLower()];
            if (row.name.isEmpty())
                row.name = QString::fromLatin1(name);
            QString &text = isBefore ? row.before : row.after;
            bool &present = isBefore ? row.inBefore : row.inAfter;
            if (present)
                text += u", "_s;
            text += QString::fromUtf8(value);
            present = true;
        }
    };
    collect(before.headers, true);
    collect(after.headers, false);
    rows.append(headers.values());

    QFont absentFont = m_headers->font();
    absentFont.setItalic(true);
    for (const Row &row : std::as_const(rows)) {
        if (row.inBefore == row.inAfter && row.before == row.after)
            continue;
        const int r = m_headers->rowCount();
        m_headers->insertRow(r);
        m_headers->setItem(r, 0, new QTableWidgetItem(row.name));
        auto side = [&](const QString &text, bool present) {
            auto *item = new QTableWidgetItem(present ? text : tr("(not sent)"));
            item->setToolTip(text);
            if (!present) {
                item->setFont(absentFont);
                item->setForeground(palette().brush(QPalette::PlaceholderText));
            }
            return item;
        };
        m_headers->setItem(r, 1, side(row.before, row.inBefore));
        m_headers->setItem(r, 2, side(row.after, row.inAfter));
    }
    m_headerCount = m_headers->rowCount();
    m_headers->resizeColumnToContents(0);
    m_headers->setColumnWidth(1, qMax(m_headers->columnWidth(1), 260));
}

} // namespace Hookscope
