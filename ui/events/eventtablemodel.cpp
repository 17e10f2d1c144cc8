// SPDX-License-Identifier: MIT
#include "eventtablemodel.h"

#include "core/events/eventkind.h"
#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"

#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QReadWriteLock>
#include <QSettings>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int InsertIntervalMs = 16; // about one frame
constexpr int NoteTooltipLines = 6;
constexpr int NoteTooltipLineLength = 120;
const QString PayloadColumnsKey = u"table/payloadColumns"_s;
constexpr qsizetype PayloadCellOverhead = 64; // the cache node, the key, the variant
// Bounds of a background load chunk, whatever the measured speed says.
constexpr int MinChunkRows = 2'000;
constexpr int MaxChunkRows = 100'000;

} // namespace

EventTableModel::EventTableModel(QObject *parent)
    : QAbstractTableModel(parent),
      m_sharedRows(std::make_shared<CompactRows>()),
      m_rows(*m_sharedRows)
{
    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(InsertIntervalMs);
    connect(&m_insertTimer, &QTimer::timeout, this, &EventTableModel::flushPending);
    // A zero timer: each chunk goes in between the events the window has to handle (paints,
    // input, new deliveries), so the window stays responsive while a million rows load.
    m_loadTimer.setSingleShot(true);
    connect(&m_loadTimer, &QTimer::timeout, this, [this] {
        if (loadOlderChunk())
            m_loadTimer.start(0);
    });
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
    stopLoading();
    beginResetModel();
    m_pending.clear();
    m_annotations.clear();
    m_payloadCache.clear(); // a cleared store may hand out the same ids again
    QWriteLocker locker(&m_rows.lock());
    m_rows.clear();
    if (m_store) {
        m_annotations = m_store->annotations();
        // The newest rows first: what the table shows at once, following the newest.
        m_loadTotal = m_store->count();
        m_store->readSummaries(m_rows, 0, 0, m_firstLoadRows);
        m_loaded = m_rows.size();
        if (m_rows.size() == m_firstLoadRows && m_loaded < m_loadTotal) {
            m_loadBefore = m_rows.id(0);
            m_loadAfter = 0;
            // One allocation for every row to come: each chunk then copies only itself.
            m_rows.reserveFront(m_loadTotal - m_loaded);
        }
    }
    locker.unlock();
    m_payloadSortable = m_rows.size() <= m_payloadSortLimit;
    endResetModel();
    if (m_loadBefore > 0) {
        Q_EMIT loadProgress(m_loaded, m_loadTotal);
        // The first chunk a frame later: the window's first paint (the newest rows) comes
        // before it instead of after.
        m_loadTimer.start(InsertIntervalMs);
    }
}

bool EventTableModel::isLoading() const
{
    return m_loadBefore > 0;
}

void EventTableModel::finishLoading()
{
    while (loadOlderChunk()) { }
    m_loadTimer.stop();
}

void EventTableModel::setLoadChunkRows(int firstRows, int chunkRows)
{
    m_firstLoadRows = qMax(1, firstRows);
    m_chunkRows = qMax(1, chunkRows);
    m_adaptChunks = false; // exactly these sizes
}

void EventTableModel::stopLoading()
{
    m_loadTimer.stop();
    m_loadBefore = 0;
    m_loadAfter = 0;
    m_loadTotal = 0;
    m_loaded = 0;
}

bool EventTableModel::loadOlderChunk()
{
    if (m_loadBefore <= 0 || !m_store)
        return false;
    QElapsedTimer timer;
    timer.start();
    CompactRows older;
    const int wanted = m_chunkRows;
    const bool ok = m_store->readSummaries(older, m_loadAfter, m_loadBefore, wanted);
    if (!older.isEmpty()) {
        beginInsertRows({}, 0, int(older.size()) - 1);
        m_loadBefore = older.id(0);
        m_loaded += older.size();
        const bool more = ok && older.size() == wanted;
        {
            QWriteLocker locker(&m_rows.lock());
            m_rows.prepend(std::move(older));
        }
        endInsertRows();
        updatePayloadSortable();
        if (!more)
            m_loadBefore = 0;
    } else {
        m_loadBefore = 0;
    }
    // The next chunk's size from this one's speed (the insert into the proxy and the view
    // included), so that each stays near the budget on this machine.
    if (m_adaptChunks) {
        const qint64 elapsedUs = std::max<qint64>(1, timer.nsecsElapsed() / 1000);
        m_chunkRows = int(std::clamp<qint64>(qint64(wanted) * LoadChunkBudgetMs * 1000 / elapsedUs,
                                             MinChunkRows, MaxChunkRows));
    }
    if (m_loadBefore > 0) {
        Q_EMIT loadProgress(m_loaded, m_loadTotal);
        return true;
    }
    // Done: the total is what was loaded (retention or a clear may have changed it meanwhile).
    m_loadTotal = m_loaded;
    Q_EMIT loadProgress(m_loaded, m_loaded);
    return false;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + int(m_payloadColumns.size());
}

int EventTableModel::addPayloadColumn(const QString &jsonPath)
{
    const QString path = jsonPath.trimmed();
    if (path.isEmpty())
        return -1;
    const int existing = payloadColumn(path);
    if (existing >= 0)
        return existing;
    insertPayloadColumns({ path });
    return columnCount() - 1;
}

bool EventTableModel::removePayloadColumn(int column)
{
    if (!isPayloadColumn(column))
        return false;
    beginRemoveColumns({}, column, column);
    const quint32 key = m_payloadColumns.takeAt(column - ColumnCount).key;
    endRemoveColumns();
    const QList<PayloadKey> keys = m_payloadCache.keys();
    for (const PayloadKey &k : keys) {
        if (k.second == key)
            m_payloadCache.remove(k);
    }
    return true;
}

QStringList EventTableModel::payloadColumns() const
{
    QStringList paths;
    paths.reserve(m_payloadColumns.size());
    for (const PayloadColumnInfo &c : m_payloadColumns)
        paths.append(c.path);
    return paths;
}

void EventTableModel::setPayloadColumns(const QStringList &jsonPaths)
{
    QStringList paths;
    for (const QString &p : jsonPaths) {
        const QString path = p.trimmed();
        if (!path.isEmpty() && !paths.contains(path))
            paths.append(path);
    }
    if (paths == payloadColumns())
        return;
    if (!m_payloadColumns.isEmpty()) {
        beginRemoveColumns({}, ColumnCount, columnCount() - 1);
        m_payloadColumns.clear();
        endRemoveColumns();
        m_payloadCache.clear();
    }
    insertPayloadColumns(paths);
}

void EventTableModel::insertPayloadColumns(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    const int first = columnCount();
    beginInsertColumns({}, first, first + int(paths.size()) - 1);
    for (const QString &path : paths)
        m_payloadColumns.append({ path, m_nextPayloadKey++ });
    endInsertColumns();
}

int EventTableModel::payloadColumn(const QString &jsonPath) const
{
    const QString path = jsonPath.trimmed();
    for (qsizetype i = 0; i < m_payloadColumns.size(); ++i) {
        if (m_payloadColumns.at(i).path == path)
            return ColumnCount + int(i);
    }
    return -1;
}

bool EventTableModel::isPayloadColumn(int column) const
{
    return column >= ColumnCount && column < columnCount();
}

bool EventTableModel::isSortable(int column) const
{
    if (isPayloadColumn(column))
        return m_payloadSortable;
    return column >= 0 && column < ColumnCount;
}

int EventTableModel::payloadSortLimit() const
{
    return m_payloadSortLimit;
}

void EventTableModel::setPayloadSortLimit(int rows)
{
    m_payloadSortLimit = qMax(0, rows);
    updatePayloadSortable();
}

void EventTableModel::updatePayloadSortable()
{
    const bool sortable = m_rows.size() <= m_payloadSortLimit;
    if (sortable == m_payloadSortable)
        return;
    m_payloadSortable = sortable;
    if (!m_payloadColumns.isEmpty())
        Q_EMIT headerDataChanged(Qt::Horizontal, ColumnCount, columnCount() - 1);
}

QString EventTableModel::payloadColumnTitle(const QString &jsonPath)
{
    // Segments as JsonPath reads them: up to the next '.' or '['; "[k]" is one of its own.
    QList<qsizetype> starts;
    const qsizetype n = jsonPath.size();
    qsizetype pos = 0;
    while (pos < n) {
        if (jsonPath.at(pos) == u'.') {
            ++pos;
            continue;
        }
        starts.append(pos);
        if (jsonPath.at(pos) == u'[') {
            const qsizetype close = jsonPath.indexOf(u']', pos);
            pos = close < 0 ? n : close + 1;
        } else {
            while (pos < n && jsonPath.at(pos) != u'.' && jsonPath.at(pos) != u'[')
                ++pos;
        }
    }
    if (starts.size() <= 2)
        return jsonPath;
    return jsonPath.sliced(starts.at(starts.size() - 2));
}

void EventTableModel::savePayloadColumns(QSettings &settings) const
{
    settings.setValue(PayloadColumnsKey, payloadColumns());
}

void EventTableModel::restorePayloadColumns(QSettings &settings)
{
    setPayloadColumns(settings.value(PayloadColumnsKey).toStringList());
}

qint64 EventTableModel::payloadLoads() const
{
    return m_payloadLoads;
}

qsizetype EventTableModel::cachedPayloadValues() const
{
    return m_payloadCache.size();
}

EventTableModel::PayloadCell EventTableModel::payloadCell(qint64 id, int column) const
{
    const PayloadKey wanted{ id, m_payloadColumns.at(column - ColumnCount).key };
    if (const PayloadCell *cached = m_payloadCache.object(wanted))
        return *cached;
    // One read and one parse for the row: every payload column of it is resolved now (the
    // view asks for the row's other cells next).
    std::optional<EventStore::Payload> stored;
    if (m_store) {
        stored = m_store->payload(id);
        ++m_payloadLoads;
    }
    const EventPayload payload(stored ? stored->body : QByteArray(),
                               stored ? stored->contentType : QByteArray());
    PayloadCell result;
    for (const PayloadColumnInfo &c : m_payloadColumns) {
        auto cell = std::make_unique<PayloadCell>();
        if (stored) {
            const QJsonValue value = payload.value(c.path);
            cell->text = JsonPath::toText(value);
            if (cell->text.size() > PayloadCellMaxChars)
                cell->text = cell->text.left(PayloadCellMaxChars - 1) + u'…';
            if (value.isDouble())
                cell->sortKey = value.toDouble();
            else if (!value.isNull() && !value.isUndefined())
                cell->sortKey = cell->text;
        }
        const PayloadKey key{ id, c.key };
        if (key == wanted)
            result = *cell;
        const qsizetype cost =
                qsizetype(sizeof(PayloadCell)) + cell->text.size() * 2 + PayloadCellOverhead;
        m_payloadCache.insert(key, cell.release(), cost);
    }
    return result;
}

EventSummary EventTableModel::summaryAt(int row) const
{
    return m_rows.summary(row);
}

void EventTableModel::summaryInto(int row, EventSummary &out) const
{
    m_rows.summaryInto(row, out);
}

qsizetype EventTableModel::rowMemoryBytes() const
{
    return m_rows.memoryBytes();
}

int EventTableModel::rowForId(qint64 id) const
{
    // Rows are in id order: binary search.
    const qsizetype row = m_rows.lowerBound(id);
    return row < m_rows.size() && m_rows.id(row) == id ? int(row) : -1;
}

std::optional<qint64> EventTableModel::numericSortKeyAt(int row, int column) const
{
    switch (column) {
    case TimeColumn:
    case IdColumn:
        return m_rows.id(row); // as numericSortKey()
    case OccurredColumn:
        return m_rows.occurredAt(row);
    case SizeColumn:
        return m_rows.bodySize(row);
    case LagColumn:
        return lagAt(row).value_or(std::numeric_limits<qint64>::min());
    default:
        return std::nullopt;
    }
}

std::optional<qint64> EventTableModel::lagAt(int row) const
{
    if (m_rows.occurredAt(row) == 0)
        return std::nullopt;
    return m_rows.receivedAt(row) - m_rows.occurredAt(row);
}

QString EventTableModel::categoryAt(int row) const
{
    // EventKind reads the type and the status only: both are shared strings, no copy.
    EventSummary s;
    s.type = m_rows.type(row);
    s.status = m_rows.status(row);
    return category(s);
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
    case LagColumn:
        // Events without an occurred time sort before every lag (last when descending).
        return lagMs(s).value_or(std::numeric_limits<qint64>::min());
    default:
        return std::nullopt;
    }
}

std::optional<qint64> EventTableModel::lagMs(const EventSummary &s)
{
    if (s.occurredAt == 0)
        return std::nullopt;
    return s.receivedAt - s.occurredAt;
}

QString EventTableModel::formatLag(qint64 ms)
{
    const QString sign = ms < 0 ? u"−"_s : QString();
    const double a = std::abs(double(ms));
    constexpr double Second = 1000, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour;
    // Each unit up to where its rounded value would read as the next unit.
    if (a < Second)
        return sign + u"%1 ms"_s.arg(qint64(a));
    if (a < Minute - 50)
        return sign + u"%1 s"_s.arg(a / Second, 0, 'f', 1);
    if (a < Hour - Minute / 2)
        return sign + u"%1 min"_s.arg(qRound64(a / Minute));
    if (a < Day - Hour / 20)
        return sign + u"%1 h"_s.arg(a / Hour, 0, 'f', 1);
    return sign + u"%1 d"_s.arg(a / Day, 0, 'f', 1);
}

QString EventTableModel::formatTime(qint64 msecsSinceEpoch, const QDateTime &now)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    const QDate day = t.date(), today = now.date();
    if (day == today)
        return t.toString(u"HH:mm:ss"_s);
    if (day.year() == today.year())
        return t.toString(u"MMM d HH:mm:ss"_s);
    return t.toString(u"MMM d yyyy HH:mm:ss"_s);
}

QString EventTableModel::isoTime(qint64 msecsSinceEpoch)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    return local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

QString EventTableModel::elidedNote(const QString &note)
{
    QStringList lines = note.trimmed().split(u'\n');
    bool cut = false;
    if (lines.size() > NoteTooltipLines) {
        lines.resize(NoteTooltipLines);
        cut = true;
    }
    for (QString &line : lines) {
        if (line.size() > NoteTooltipLineLength) {
            line = line.left(NoteTooltipLineLength - 1) + u'…';
        }
    }
    if (cut)
        lines.last() += u" …"_s;
    return lines.join(u'\n');
}

QString EventTableModel::noteTitle(int row) const
{
    return tr("Note — %1 at %2")
            .arg(m_rows.type(row),
                 formatTime(m_rows.receivedAt(row), QDateTime::currentDateTime()));
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
    // Each field is read from the compact row on its own: a cell never builds the whole row.
    const int row = index.row();
    const qint64 id = m_rows.id(row);
    if (index.column() >= ColumnCount) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            return payloadCell(id, index.column()).text;
        case SortRole:
            // Above the limit the proxy would read every body to sort: arrival order instead.
            if (!m_payloadSortable)
                return id;
            return payloadCell(id, index.column()).sortKey;
        case Qt::TextAlignmentRole:
            if (payloadCell(id, index.column()).sortKey.typeId() == QMetaType::Double)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            break; // the row's colours and roles below
        }
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return role == Qt::ToolTipRole
                    ? isoTime(m_rows.receivedAt(row))
                    : formatTime(m_rows.receivedAt(row), QDateTime::currentDateTime());
        case LagColumn: {
            const std::optional<qint64> lag = lagAt(row);
            if (!lag)
                return role == Qt::ToolTipRole ? tr("The event carries no occurred time")
                                               : QString();
            return role == Qt::ToolTipRole ? tr("Received %1 ms after it occurred").arg(*lag)
                                           : formatLag(*lag);
        }
        case OccurredColumn: {
            const qint64 occurred = m_rows.occurredAt(row);
            return occurred
                    ? QDateTime::fromMSecsSinceEpoch(occurred).toString(u"yyyy-MM-dd HH:mm:ss"_s)
                    : QString();
        }
        case TypeColumn:
            return m_rows.type(row);
        case TeamColumn:
            return m_rows.team(row);
        case SummaryColumn:
            return m_rows.summaryText(row);
        case EntityColumn:
            return m_rows.entity(row);
        case SizeColumn:
            return formatSize(m_rows.bodySize(row));
        case SourceColumn:
            return m_rows.source(row);
        case StatusColumn:
            return m_rows.status(row);
        case ActorColumn:
            return m_rows.actor(row);
        case EventIdColumn:
            return m_rows.eventId(row);
        case IdColumn:
            return id;
        case MarkColumn: {
            const auto a = m_annotations.constFind(id);
            if (a == m_annotations.cend())
                return QString();
            if (role == Qt::ToolTipRole) {
                return a->note.isEmpty() ? tr("Pinned") : elidedNote(a->note);
            }
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
        case LagColumn:
            return *numericSortKeyAt(row, index.column());
        case MarkColumn:
            return int(m_annotations.value(id).pinned) * 2
                    + int(!m_annotations.value(id).note.isEmpty());
        default:
            return data(index, Qt::DisplayRole);
        }
    case IdRole:
        return id;
    case PinnedRole:
        return m_annotations.value(id).pinned;
    case NoteRole:
        return m_annotations.value(id).note;
    case LagRole:
        if (const std::optional<qint64> lag = lagAt(row))
            return *lag;
        return {};
    case CategoryRole:
        return categoryAt(row);
    case Qt::BackgroundRole: {
        QColor c = categoryColor(categoryAt(row));
        c.setAlpha(m_rows.status(row) == EventStatus::Invalid ? 70 : 34);
        return c;
    }
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && m_rows.status(row) != EventStatus::Ok)
            return m_rows.status(row) == EventStatus::Invalid ? QColor(0xd6, 0x27, 0x28)
                                                              : QColor(0xb0, 0x70, 0x00);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == IdColumn
            || index.column() == LagColumn)
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
    if (orientation == Qt::Horizontal && isPayloadColumn(section)) {
        const QString &path = m_payloadColumns.at(section - ColumnCount).path;
        if (role == Qt::DisplayRole)
            return payloadColumnTitle(path);
        if (role == Qt::ToolTipRole) {
            if (m_payloadSortable)
                return path;
            return tr("%1\nMore than %L2 events: sorting by this column keeps arrival order "
                      "(it would read every stored body)")
                    .arg(path)
                    .arg(m_payloadSortLimit);
        }
        return {};
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == LagColumn)
        return tr("Delivery lag: when Hookscope received the event minus when it occurred");
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
    case LagColumn:
        return tr("Lag");
    }
    return {};
}

void EventTableModel::onEventsAdded(const QList<EventSummary> &events)
{
    m_pending.insert(m_pending.end(), events.cbegin(), events.cend());
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
    {
        QWriteLocker locker(&m_rows.lock());
        for (const EventSummary &s : m_pending)
            m_rows.append(s);
    }
    m_pending.clear();
    endInsertRows();
    updatePayloadSortable();
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
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void EventTableModel::onEventsRemoved(qint64 upToId)
{
    flushPending();
    // Rows still to load from below that id are gone from the store too.
    if (m_loadBefore > 0)
        m_loadAfter = qMax(m_loadAfter, upToId); // the next chunk reads nothing at or below it
    const int count = upToId == std::numeric_limits<qint64>::max()
            ? int(m_rows.size())
            : int(m_rows.lowerBound(upToId + 1));
    if (count == 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    {
        QWriteLocker locker(&m_rows.lock());
        m_rows.removeFirst(count);
    }
    endRemoveRows();
    updatePayloadSortable();
}

} // namespace Hookscope
