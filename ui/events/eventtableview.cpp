// SPDX-License-Identifier: MIT
#include "eventtableview.h"

#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>

#include "ui/events/columnfitter.h"
#include "ui/events/eventtablemodel.h"

namespace Hookscope {

EventTableView::EventTableView(EventTableModel *source, QWidget *parent)
    : QTableView(parent), m_source(source)
{
    setSortingEnabled(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setWordWrap(false);
    setShowGrid(false);
    setAlternatingRowColors(false);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setAccessibleName(tr("Events"));
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &EventTableView::showHeaderMenu);
}

void EventTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    sortByColumn(EventTableModel::TimeColumn, Qt::AscendingOrder);
    configureColumns();
}

void EventTableView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QScrollBar *bar = verticalScrollBar();
    const int count = end - start + 1;
    const bool hadRows = model() && model()->rowCount(parent) > count;
    const bool perItem = verticalScrollMode() == QAbstractItemView::ScrollPerItem;
    const int rowHeight = qMax(1, verticalHeader()->defaultSectionSize());
    // The first visible row before the insert (uniform rows: from the scroll position).
    const int topRow = perItem ? bar->value() : bar->value() / rowHeight;
    QTableView::rowsInserted(parent, start, end);
    if (parent.isValid() || !hadRows || start > topRow)
        return;
    const int value = bar->value() + (perItem ? count : count * rowHeight);
    updateGeometries(); // the range with the new rows, before moving within it
    bar->setValue(value);
}

void EventTableView::configureColumns()
{
    QHeaderView *header = horizontalHeader();
    header->resizeSection(EventTableModel::TimeColumn, 110);
    header->resizeSection(EventTableModel::TypeColumn, 220);
    header->resizeSection(EventTableModel::TeamColumn, 110);
    header->setSectionResizeMode(EventTableModel::SummaryColumn, QHeaderView::Stretch);
    header->resizeSection(EventTableModel::EntityColumn, 90);
    header->resizeSection(EventTableModel::SizeColumn, 70);
    header->resizeSection(EventTableModel::SourceColumn, 60);
    header->resizeSection(EventTableModel::StatusColumn, 60);
    header->resizeSection(EventTableModel::LagColumn, 70);
    // Lag is one click away (the header menu) and summed up in View → Delivery statistics.
    for (int c :
         { EventTableModel::ActorColumn, EventTableModel::EventIdColumn,
           EventTableModel::OccurredColumn, EventTableModel::IdColumn, EventTableModel::LagColumn })
        header->setSectionHidden(c, true);
    header->moveSection(header->visualIndex(EventTableModel::MarkColumn), 0);
    header->resizeSection(EventTableModel::MarkColumn, 34);
    // In a narrow window (1024 px) the summary keeps room to be read: type, team and entity
    // give up width first, and get it back when the window grows.
    new ColumnFitter(this, EventTableModel::SummaryColumn,
                     { { EventTableModel::TypeColumn, 130 },
                       { EventTableModel::TeamColumn, 90 },
                       { EventTableModel::EntityColumn, 60 } },
                     220);
}

QList<qint64> EventTableView::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &row : selectionModel()->selectedRows())
        ids.append(row.data(EventTableModel::IdRole).toLongLong());
    if (ids.isEmpty() && currentIndex().isValid())
        ids.append(currentIndex().data(EventTableModel::IdRole).toLongLong());
    return ids;
}

void EventTableView::showPayloadColumn(const QString &jsonPath)
{
    const int column = m_source->addPayloadColumn(jsonPath);
    if (column < 0)
        return;
    horizontalHeader()->setSectionHidden(column, false);
    if (currentIndex().isValid())
        scrollTo(currentIndex().siblingAtColumn(column));
}

void EventTableView::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    menu.setToolTipsVisible(true); // a payload column's tooltip: its full path
    QHeaderView *header = horizontalHeader();
    for (int c = 0; c < m_source->columnCount(); ++c) {
        if (c == EventTableModel::ColumnCount)
            menu.addSection(tr("Payload columns"));
        QAction *a = menu.addAction(m_source->headerData(c, Qt::Horizontal).toString());
        a->setToolTip(m_source->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        connect(a, &QAction::toggled, header,
                [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    // Payload columns are removed by path: removing one renumbers those after it.
    const QStringList paths = m_source->payloadColumns();
    if (!paths.isEmpty()) {
        menu.addSeparator();
        const int clicked = header->logicalIndexAt(pos);
        if (m_source->isPayloadColumn(clicked)) {
            const QString path = paths.at(clicked - EventTableModel::ColumnCount);
            QAction *remove = menu.addAction(
                    tr("Remove column “%1”").arg(EventTableModel::payloadColumnTitle(path)));
            connect(remove, &QAction::triggered, this,
                    [this, path] { m_source->removePayloadColumn(m_source->payloadColumn(path)); });
        }
        QMenu *removeMenu = menu.addMenu(tr("Remove column"));
        for (const QString &path : paths) {
            QAction *remove = removeMenu->addAction(path);
            connect(remove, &QAction::triggered, this,
                    [this, path] { m_source->removePayloadColumn(m_source->payloadColumn(path)); });
        }
    }
    menu.exec(header->mapToGlobal(pos));
}

} // namespace Hookscope
