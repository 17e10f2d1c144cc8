// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QTableView>

namespace Hookscope {

class EventTableModel;

// The event table as the main window shows it: rows selected whole, no grid, compact rows,
// movable columns with the useful ones shown and the rest one click away (the header's
// menu, which also lists and removes payload columns), widths that keep the summary
// readable in a narrow window (ColumnFitter). Give it the proxy with setModel(); `source`
// is the EventTableModel behind that proxy (its columns, payload columns included).
class EventTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableView)

public:
    explicit EventTableView(EventTableModel *source, QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    // The store ids of the selected rows (the current row when none is selected).
    QList<qint64> selectedIds() const;
    // Adds a payload column for `jsonPath` (or finds it), shows it and scrolls to it.
    void showPayloadColumn(const QString &jsonPath);
    // The header's menu: every column with a tick, payload columns with Remove.
    void showHeaderMenu(const QPoint &pos);

protected:
    // Rows put in above the first visible one (older rows loading in front, or new ones at
    // the top of a descending sort) leave the visible rows where they are on screen.
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

private:
    void configureColumns();

    EventTableModel *m_source;
};

} // namespace Hookscope
