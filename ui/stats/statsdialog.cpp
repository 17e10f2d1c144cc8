// SPDX-License-Identifier: MIT
#include "statsdialog.h"

#include <QAbstractItemModel>
#include <QDialogButtonBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/events/eventtablemodel.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

enum StatsColumn { TypeCol, CountCol, LagCountCol, P50Col, P99Col, StatsColumnCount };

struct Samples
{
    int count = 0;
    std::vector<qint64> lags;
};

StatsDialog::Row rowOf(const QString &type, Samples &samples)
{
    std::sort(samples.lags.begin(), samples.lags.end());
    StatsDialog::Row row;
    row.type = type;
    row.count = samples.count;
    row.lagCount = int(samples.lags.size());
    row.lagP50 = StatsDialog::nearestRank(samples.lags, 50);
    row.lagP99 = StatsDialog::nearestRank(samples.lags, 99);
    return row;
}

QTableWidgetItem *textItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidgetItem *numberItem(qint64 value, const QString &text)
{
    QTableWidgetItem *item = textItem(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidgetItem *lagItem(const std::optional<qint64> &lag)
{
    QTableWidgetItem *item =
            numberItem(lag.value_or(0), lag ? EventTableModel::formatLag(*lag) : QString());
    if (lag)
        item->setToolTip(StatsDialog::tr("%1 ms").arg(*lag));
    return item;
}

} // namespace

StatsDialog::StatsDialog(QAbstractItemModel *model, QWidget *parent)
    : QDialog(parent),
      m_model(model),
      m_table(new QTableWidget(0, StatsColumnCount, this)),
      m_summary(new QLabel(this))
{
    setWindowTitle(tr("Delivery statistics"));
    setModal(false);
    m_table->setHorizontalHeaderLabels(
            { tr("Type"), tr("Events"), tr("With lag"), tr("Lag p50"), tr("Lag p99") });
    m_table->horizontalHeaderItem(LagCountCol)
            ->setToolTip(tr("Events whose body says when they occurred"));
    m_table->horizontalHeaderItem(P50Col)->setToolTip(
            tr("Median delivery lag (received − occurred), nearest rank"));
    m_table->horizontalHeaderItem(P99Col)->setToolTip(
            tr("99th percentile of the delivery lag (received − occurred), nearest rank"));
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(TypeCol, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Delivery statistics per event type"));
    m_summary->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 420);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &StatsDialog::refresh);
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &StatsDialog::scheduleRefresh);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &StatsDialog::scheduleRefresh);
        connect(m_model, &QAbstractItemModel::modelReset, this, &StatsDialog::scheduleRefresh);
        connect(m_model, &QAbstractItemModel::layoutChanged, this, &StatsDialog::scheduleRefresh);
    }
    refresh();
}

void StatsDialog::scheduleRefresh()
{
    if (!m_debounce.isActive())
        m_debounce.start(); // at most one recomputation per interval, however many changes
}

std::optional<qint64> StatsDialog::nearestRank(const std::vector<qint64> &sorted, double p)
{
    if (sorted.empty())
        return std::nullopt;
    const auto n = double(sorted.size());
    const auto rank = qBound<qint64>(1, qint64(std::ceil(p / 100.0 * n)), qint64(sorted.size()));
    return sorted[size_t(rank - 1)];
}

void StatsDialog::refresh()
{
    m_debounce.stop();
    QHash<QString, Samples> byType;
    Samples all;
    const int rowCount = m_model ? m_model->rowCount() : 0;
    for (int r = 0; r < rowCount; ++r) {
        const QString type =
                m_model->index(r, EventTableModel::TypeColumn).data(Qt::DisplayRole).toString();
        const QVariant lag =
                m_model->index(r, EventTableModel::LagColumn).data(EventTableModel::LagRole);
        Samples &samples = byType[type];
        ++samples.count;
        ++all.count;
        if (lag.isValid()) {
            samples.lags.push_back(lag.toLongLong());
            all.lags.push_back(lag.toLongLong());
        }
    }
    m_rows.clear();
    m_rows.reserve(byType.size());
    for (auto it = byType.begin(); it != byType.end(); ++it)
        m_rows.append(rowOf(it.key(), it.value()));
    std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        return a.count != b.count ? a.count > b.count : a.type < b.type;
    });
    m_totals = rowOf(QString(), all);
    fillTable();
    Q_EMIT refreshed();
}

void StatsDialog::fillTable()
{
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(m_rows.size()) + (m_rows.isEmpty() ? 0 : 1));
    const auto fill = [this](int r, const Row &row, const QString &label) {
        m_table->setItem(r, TypeCol, textItem(label));
        m_table->setItem(r, CountCol, numberItem(row.count, QString::number(row.count)));
        m_table->setItem(r, LagCountCol, numberItem(row.lagCount, QString::number(row.lagCount)));
        m_table->setItem(r, P50Col, lagItem(row.lagP50));
        m_table->setItem(r, P99Col, lagItem(row.lagP99));
    };
    for (int r = 0; r < m_rows.size(); ++r)
        fill(r, m_rows.at(r), m_rows.at(r).type);
    if (!m_rows.isEmpty()) {
        const int last = int(m_rows.size());
        fill(last, m_totals, tr("All types"));
        for (int c = 0; c < StatsColumnCount; ++c) {
            QFont bold = m_table->item(last, c)->font();
            bold.setBold(true);
            m_table->item(last, c)->setFont(bold);
        }
    }
    m_summary->setText(m_totals.count == 0
                               ? tr("No events are shown in the table.")
                               : tr("Over the %n event(s) the table shows now (its filter "
                                    "applies); lag is received minus occurred time.",
                                    nullptr, m_totals.count));
}

} // namespace Hookscope
