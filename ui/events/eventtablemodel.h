// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <vector>

#include "core/events/event.h"
#include "core/store/eventstore.h"

namespace Hookscope {

// The event table's source model: one compact EventSummary per row, in id (arrival) order.
// It follows the store: committed events arrive through EventStore::eventsAdded and are
// inserted in batches at most every frame, so a burst of thousands of deliveries costs a
// handful of beginInsertRows() calls rather than one per event.
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)

public:
    enum Column {
        TimeColumn,
        TypeColumn,
        TeamColumn,
        SummaryColumn,
        EntityColumn,
        SizeColumn,
        SourceColumn,
        StatusColumn,
        ActorColumn,
        EventIdColumn,
        OccurredColumn,
        IdColumn,
        MarkColumn, // ★ pinned, ✎ has a note
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, // raw value for sorting (numbers stay numbers)
        IdRole, // store id (qint64)
        CategoryRole, // ticket, comment, account, user, organization, custom-object, app, request,
                      // unknown, invalid
        PinnedRole, // bool
        NoteRole, // QString
    };

    explicit EventTableModel(QObject *parent = nullptr);

    // Loads every stored summary and follows the store from then on.
    void setStore(EventStore *store);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const EventSummary &summaryAt(int row) const;
    int rowForId(qint64 id) const; // -1 when not loaded
    // Inserts what is queued now instead of at the next frame (tests, shutdown).
    void flushPending();

    static QString category(const EventSummary &summary); // EventKind::of()
    // The sort key of the numeric columns (time and id: arrival order; occurred; size), shared
    // by data(SortRole) and the proxy's direct comparison; nullopt for the other columns.
    static std::optional<qint64> numericSortKey(const EventSummary &summary, int column);
    static QColor categoryColor(const QString &category);
    static QString formatSize(qint64 bytes);

Q_SIGNALS:
    // After each batch insert: how many rows were added.
    void rowsAppended(int count);

private:
    void onEventsAdded(const QList<Hookscope::EventSummary> &events);
    void onEventsRemoved(qint64 upToId);
    void onAnnotationChanged(qint64 id);
    void reload();
    // Few distinct values, a million rows: share one string per value.
    void intern(EventSummary &summary);

    QPointer<EventStore> m_store;
    // QList, not std::vector: the store's list is taken over as it is (no second copy of a
    // million rows at load), and retention's removals from the front cost no move.
    QList<EventSummary> m_rows;
    std::vector<EventSummary> m_pending;
    QSet<QString> m_strings;
    QHash<qint64, EventStore::Annotation> m_annotations; // only the few annotated events
    QTimer m_insertTimer;
};

} // namespace Hookscope
