// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <optional>
#include <vector>

class QAbstractItemModel;
class QLabel;
class QTableWidget;

namespace Hookscope {

// Delivery statistics of the rows a view shows: per event type the number of events and the
// 50th and 99th percentiles (nearest rank) of their delivery lag (received − occurred), and
// the same over all rows. It reads the rows of `model` (the event table's filter proxy, or
// any model with EventTableModel's columns and roles) and recomputes, debounced, when they
// change. Non-modal: it can stay open beside the table while the filter changes.
class StatsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsDialog)

public:
    struct Row
    {
        QString type; // empty for the totals
        int count = 0; // events
        int lagCount = 0; // of which with an occurred time (a lag)
        std::optional<qint64> lagP50; // ms; nullopt without any lag
        std::optional<qint64> lagP99;
    };

    static constexpr int DebounceMs = 250;

    explicit StatsDialog(QAbstractItemModel *model, QWidget *parent = nullptr);

    // Per type, by count (most first), then by type.
    const QList<Row> &rows() const { return m_rows; }
    const Row &totals() const { return m_totals; }
    QTableWidget *table() const { return m_table; }

    // Recomputes now (the model's changes otherwise do after DebounceMs).
    void refresh();

    // The nearest-rank percentile p (0 < p ≤ 100) of ascending `sorted`: the value at rank
    // ⌈p/100 × n⌉. nullopt for no values.
    static std::optional<qint64> nearestRank(const std::vector<qint64> &sorted, double p);

Q_SIGNALS:
    void refreshed();

private:
    void scheduleRefresh();
    void fillTable();

    QPointer<QAbstractItemModel> m_model;
    QTableWidget *m_table;
    QLabel *m_summary;
    QTimer m_debounce;
    QList<Row> m_rows;
    Row m_totals;
};

} // namespace Hookscope
