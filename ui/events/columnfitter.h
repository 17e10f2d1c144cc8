// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QWidget>

class QHeaderView;
class QTableView;

namespace Hookscope {

// Keeps the stretching column of a table readable in a narrow window: when the others leave
// it less than `minimum` pixels, the given columns give up width (down to their own
// minimums, in the order given); when the window grows again they get it back, up to the
// widths the user last chose.
class ColumnFitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnFitter)

public:
    struct Shrinkable
    {
        int column;
        int minimum;
    };

    // Owned by `table` (its child): it goes with the table.
    ColumnFitter(QTableView *table, int stretchColumn, QList<Shrinkable> shrinkable, int minimum);

    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_viewport;
    QHeaderView *m_header;
    int m_stretch;
    QList<Shrinkable> m_shrinkable;
    int m_minimum;
    QHash<int, int> m_preferred; // the widths chosen by the user (or set at start)
    bool m_fitting = false;
};

} // namespace Hookscope
