// SPDX-License-Identifier: MIT
#include "columnfitter.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

#include <utility>

namespace Hookscope {

ColumnFitter::ColumnFitter(QTableView *table, int stretchColumn, QList<Shrinkable> shrinkable,
                           int minimum)
    : QObject(table),
      m_header(table->horizontalHeader()),
      m_stretch(stretchColumn),
      m_shrinkable(std::move(shrinkable)),
      m_minimum(minimum)
{
    for (const Shrinkable &s : std::as_const(m_shrinkable))
        m_preferred.insert(s.column, m_header->sectionSize(s.column));
    // A width the user sets by hand is the one to come back to.
    connect(m_header, &QHeaderView::sectionResized, this, [this](int column, int, int size) {
        if (!m_fitting && m_preferred.contains(column))
            m_preferred[column] = size;
    });
    m_viewport = table->viewport();
    m_viewport->installEventFilter(this);
}

bool ColumnFitter::eventFilter(QObject *watched, QEvent *event)
{
    // Only the stored pointer is compared: during the table's destruction its viewport still
    // sends events, and the table may no longer be asked anything.
    if (event->type() == QEvent::Resize && watched == m_viewport)
        fit();
    return QObject::eventFilter(watched, event);
}

void ColumnFitter::fit()
{
    if (!m_viewport)
        return;
    const int available = m_viewport->width();
    if (available <= 0 || m_header->isSectionHidden(m_stretch))
        return;
    int others = 0;
    for (int c = 0; c < m_header->count(); ++c)
        if (c != m_stretch && !m_header->isSectionHidden(c))
            others += m_header->sectionSize(c);
    const bool wasFitting = std::exchange(m_fitting, true);
    int room = available - others - m_minimum; // < 0: the stretching column is too narrow
    for (const Shrinkable &s : std::as_const(m_shrinkable)) {
        if (m_header->isSectionHidden(s.column))
            continue;
        const int size = m_header->sectionSize(s.column);
        const int preferred = m_preferred.value(s.column, size);
        if (room < 0) {
            const int give = qMin(-room, size - qMin(s.minimum, size));
            if (give > 0) {
                m_header->resizeSection(s.column, size - give);
                room += give;
            }
        } else if (size < preferred) {
            const int take = qMin(room, preferred - size);
            if (take > 0) {
                m_header->resizeSection(s.column, size + take);
                room -= take;
            }
        }
    }
    m_fitting = wasFitting;
}

} // namespace Hookscope
