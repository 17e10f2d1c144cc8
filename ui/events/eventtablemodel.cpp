// SPDX-License-Identifier: MIT
#include "eventtablemodel.h"

#include "core/events/eventkind.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int InsertIntervalMs = 16; // about one frame

} // namespace

EventTableModel::EventTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(InsertIntervalMs);
    connect(&m_insertTimer, &QTimer::timeout, this, &EventTableModel::flushPending);
}

void EventTableModel::setStore(EventStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        connect(m_store, &EventStore::eventsAdded, this, &EventTableModel::onEventsAdded);
        connect(m_store, &EventStore::eventsRemoved, this, &EventTableModel::onEventsRemoved);
        connect(m_store, &EventStore::cleared, this, &EventTableModel::reload);
        connect(m_store, &EventStore::annotationChanged, this,
                &EventTableModel::onAnnotationChanged);
    }
    reload();
}

void EventTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_strings.clear();
    m_annotations.clear();
    if (m_store) {
        m_annotations = m_store->annotations();
        m_rows = m_store->summaries();
        for (EventSummary &s : m_rows)
            intern(s);
    }
    endResetModel();
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const EventSummary &EventTableModel::summaryAt(int row) const
{
    return m_rows.at(row);
}

int EventTableModel::rowForId(qint64 id) const
{
    // Rows are in id order: binary search.
    const auto it =
            std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                             [](const EventSummary &s, qint64 value) { return s.id < value; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

QString EventTableModel::category(const EventSummary &s)
{
    return EventKind::of(s);
}

std::optional<qint64> EventTableModel::numericSortKey(const EventSummary &s, int column)
{
    switch (column) {
    case TimeColumn:
    case IdColumn:
        return s.id; // arrival order; ties in received time keep their order
    case OccurredColumn:
        return s.occurredAt;
    case SizeColumn:
        return s.size;
    default:
        return std::nullopt;
    }
}

QColor EventTableModel::categoryColor(const QString &category)
{
    // Hues chosen to stay apart for common colour-vision deficiencies; used as a translucent
    // tint so they work on light and dark palettes alike.
    static const QHash<QString, QColor> colors = {
        { u"ticket"_s, QColor(0x1f, 0x77, 0xb4) },
        { u"comment"_s, QColor(0x17, 0xbe, 0xcf) },
        { u"account"_s, QColor(0x2c, 0xa0, 0x2c) },
        { u"user"_s, QColor(0x94, 0x67, 0xbd) },
        { u"organization"_s, QColor(0x8c, 0x56, 0x4b) },
        { u"custom-object"_s, QColor(0xff, 0x7f, 0x0e) },
        { u"app"_s, QColor(0x7f, 0x7f, 0x7f) },
        { u"request"_s, QColor(0xbc, 0xbd, 0x22) },
        { u"invalid"_s, QColor(0xd6, 0x27, 0x28) },
        { u"unknown"_s, QColor(0xa0, 0xa0, 0xa0) },
    };
    return colors.value(category, QColor(0xa0, 0xa0, 0xa0));
}

QString EventTableModel::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventSummary &s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(s.receivedAt)
                    .toString(role == Qt::ToolTipRole ? u"yyyy-MM-dd HH:mm:ss.zzz t"_s
                                                      : u"HH:mm:ss.zzz"_s);
        case OccurredColumn:
            return s.occurredAt ? QDateTime::fromMSecsSinceEpoch(s.occurredAt)
                                          .toString(u"yyyy-MM-dd HH:mm:ss"_s)
                                : QString();
        case TypeColumn:
            return s.type;
        case TeamColumn:
            return s.team;
        case SummaryColumn:
            return s.summary;
        case EntityColumn:
            return s.entity;
        case SizeColumn:
            return formatSize(s.size);
        case SourceColumn:
            return s.source;
        case StatusColumn:
            return s.status;
        case ActorColumn:
            return s.actor;
        case EventIdColumn:
            return s.eventId;
        case IdColumn:
            return s.id;
        case MarkColumn: {
            const auto a = m_annotations.constFind(s.id);
            if (a == m_annotations.cend())
                return QString();
            if (role == Qt::ToolTipRole)
                return a->note.isEmpty() ? tr("Pinned") : a->note;
            return QString((a->pinned ? u"★"_s : QString())
                           + (a->note.isEmpty() ? QString() : u"✎"_s));
        }
        }
        break;
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
        case IdColumn:
        case OccurredColumn:
        case SizeColumn:
            return *numericSortKey(s, index.column());
        case MarkColumn:
            return int(m_annotations.value(s.id).pinned) * 2
                    + int(!m_annotations.value(s.id).note.isEmpty());
        default:
            return data(index, Qt::DisplayRole);
        }
    case IdRole:
        return s.id;
    case PinnedRole:
        return m_annotations.value(s.id).pinned;
    case NoteRole:
        return m_annotations.value(s.id).note;
    case CategoryRole:
        return category(s);
    case Qt::BackgroundRole: {
        QColor c = categoryColor(category(s));
        c.setAlpha(s.status == EventStatus::Invalid ? 70 : 34);
        return c;
    }
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && s.status != EventStatus::Ok)
            return s.status == EventStatus::Invalid ? QColor(0xd6, 0x27, 0x28)
                                                    : QColor(0xb0, 0x70, 0x00);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == IdColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == MarkColumn)
            return QVariant(Qt::AlignCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Type");
    case TeamColumn:
        return tr("Team");
    case SummaryColumn:
        return tr("Summary");
    case EntityColumn:
        return tr("Entity");
    case SizeColumn:
        return tr("Size");
    case SourceColumn:
        return tr("Source");
    case StatusColumn:
        return tr("Status");
    case ActorColumn:
        return tr("Actor");
    case EventIdColumn:
        return tr("Event ID");
    case OccurredColumn:
        return tr("Occurred");
    case IdColumn:
        return tr("#");
    case MarkColumn:
        return tr("★");
    }
    return {};
}

void EventTableModel::intern(EventSummary &s)
{
    for (QString *field : { &s.type, &s.team, &s.source, &s.status }) {
        const auto it = m_strings.constFind(*field);
        if (it != m_strings.cend())
            *field = *it;
        else
            m_strings.insert(*field);
    }
}

void EventTableModel::onEventsAdded(const QList<EventSummary> &events)
{
    for (EventSummary s : events) {
        intern(s);
        m_pending.push_back(std::move(s));
    }
    if (!m_insertTimer.isActive())
        m_insertTimer.start();
}

void EventTableModel::flushPending()
{
    m_insertTimer.stop();
    if (m_pending.empty())
        return;
    const int first = int(m_rows.size());
    const int count = int(m_pending.size());
    beginInsertRows({}, first, first + count - 1);
    for (EventSummary &s : m_pending) // append grows geometrically (no exact reserve here)
        m_rows.append(std::move(s));
    m_pending.clear();
    endInsertRows();
    Q_EMIT rowsAppended(count);
}

void EventTableModel::onAnnotationChanged(qint64 id)
{
    if (!m_store)
        return;
    const EventStore::Annotation a = m_store->annotation(id);
    if (a.isEmpty())
        m_annotations.remove(id);
    else
        m_annotations.insert(id, a);
    const int row = rowForId(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void EventTableModel::onEventsRemoved(qint64 upToId)
{
    flushPending();
    const auto it =
            std::upper_bound(m_rows.cbegin(), m_rows.cend(), upToId,
                             [](qint64 value, const EventSummary &s) { return value < s.id; });
    const int count = int(it - m_rows.cbegin());
    if (count == 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
}

} // namespace Hookscope
