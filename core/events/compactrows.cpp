// SPDX-License-Identifier: MIT
#include "compactrows.h"

#include <QHashFunctions>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "core/common/utf8text.h"

namespace Hookscope {

namespace {

// Big enough that a million rows need a few hundred chunks, small enough that the last,
// partly used one wastes little. A row whose texts would take more than a quarter of it
// gets a chunk of its own size instead (a very long summary).
constexpr quint32 ChunkBytes = 256 * 1024;
constexpr quint32 NoChunk = std::numeric_limits<quint32>::max();
// Removed rows are erased from the front of the vector once this many have gathered and
// they are at least half of it: removals stay O(1) each on average.
constexpr size_t EraseRemovedAfter = 4096;

} // namespace

CompactRows::CompactRows()
{
    m_current = NoChunk;
    m_slots.assign(64, 0);
}

CompactRows::~CompactRows() = default;
CompactRows::CompactRows(CompactRows &&other) noexcept
    : m_rows(std::move(other.m_rows)),
      m_first(std::exchange(other.m_first, 0)),
      m_chunks(std::move(other.m_chunks)),
      m_current(std::exchange(other.m_current, NoChunk)),
      m_values(std::move(other.m_values)),
      m_utf8(std::move(other.m_utf8)),
      m_slots(std::move(other.m_slots)),
      m_keyBase(other.m_keyBase)
{
    other.clear();
}

CompactRows &CompactRows::operator=(CompactRows &&other) noexcept
{
    if (this != &other) {
        m_rows = std::move(other.m_rows);
        m_first = std::exchange(other.m_first, 0);
        m_chunks = std::move(other.m_chunks);
        m_current = std::exchange(other.m_current, NoChunk);
        m_values = std::move(other.m_values);
        m_utf8 = std::move(other.m_utf8);
        m_slots = std::move(other.m_slots);
        m_keyBase = other.m_keyBase;
        other.clear();
    }
    return *this;
}

void CompactRows::clear()
{
    // Swapped with empty ones: clear() alone would keep a million rows' capacity.
    std::vector<Row>().swap(m_rows);
    m_first = 0;
    std::vector<Chunk>().swap(m_chunks);
    m_current = NoChunk;
    std::vector<QString>().swap(m_values);
    std::vector<QByteArray>().swap(m_utf8);
    m_slots.assign(64, 0);
    m_keyBase = 0;
}

void CompactRows::reserve(qsizetype rows)
{
    m_rows.reserve(m_first + size_t(qMax<qsizetype>(rows, 0)));
}

void CompactRows::reserveFront(qsizetype rows)
{
    const auto wanted = size_t(qMax<qsizetype>(rows, 0));
    if (m_first >= wanted)
        return;
    std::vector<Row> moved(wanted + size_t(size()));
    std::copy(m_rows.cbegin() + qsizetype(m_first), m_rows.cend(),
              moved.begin() + qsizetype(wanted));
    m_rows = std::move(moved);
    m_first = wanted;
}

void CompactRows::growInternTable()
{
    std::vector<quint32> slots(m_slots.size() * 2, 0);
    const size_t mask = slots.size() - 1;
    for (quint32 i = 0; i < quint32(m_utf8.size()); ++i) {
        size_t slot = qHash(QByteArrayView(m_utf8[i])) & mask;
        while (slots[slot] != 0)
            slot = (slot + 1) & mask;
        slots[slot] = i + 1;
    }
    m_slots = std::move(slots);
}

quint32 CompactRows::intern(QByteArrayView utf8)
{
    const size_t mask = m_slots.size() - 1;
    size_t slot = qHash(utf8) & mask;
    while (const quint32 entry = m_slots[slot]) {
        if (QByteArrayView(m_utf8[entry - 1]) == utf8)
            return entry - 1;
        slot = (slot + 1) & mask;
    }
    const auto index = quint32(m_values.size());
    m_utf8.emplace_back(utf8.toByteArray());
    m_values.push_back(QString::fromUtf8(utf8));
    m_slots[slot] = index + 1;
    if (m_values.size() * 2 >= m_slots.size())
        growInternTable();
    return index;
}

void CompactRows::store(Row &row, const QByteArrayView (&texts)[TextCount])
{
    quint32 total = 0;
    for (int i = 0; i < TextCount; ++i) {
        row.length[i] = quint32(texts[i].size());
        total += row.length[i];
    }
    if (total == 0) {
        row.chunk = NoChunk;
        row.offset = 0;
        return;
    }
    quint32 target = m_current;
    if (target == NoChunk || m_chunks[target].capacity - m_chunks[target].used < total) {
        Chunk chunk;
        chunk.capacity = total > ChunkBytes / 4 ? total : ChunkBytes;
        chunk.data.reset(new char[chunk.capacity]);
        target = quint32(m_chunks.size());
        m_chunks.push_back(std::move(chunk));
        if (total <= ChunkBytes / 4) {
            // The previous chunk stops taking appends; free it now if nothing lives in it.
            if (m_current != NoChunk && m_chunks[m_current].rows == 0)
                m_chunks[m_current] = Chunk();
            m_current = target;
        }
    }
    Chunk &chunk = m_chunks[target];
    row.chunk = target;
    row.offset = chunk.used;
    char *dst = chunk.data.get() + chunk.used;
    for (const QByteArrayView &t : texts) {
        if (!t.isEmpty())
            std::memcpy(dst, t.data(), size_t(t.size()));
        dst += t.size();
    }
    chunk.used += total;
    ++chunk.rows;
}

void CompactRows::append(const Utf8Row &in)
{
    Row row;
    row.id = in.id;
    row.receivedAt = in.receivedAt;
    row.occurredAt = in.occurredAt;
    row.size = in.size;
    row.type = intern(in.type);
    row.team = intern(in.team);
    row.source = intern(in.source);
    row.status = intern(in.status);
    const QByteArrayView texts[TextCount] = { in.eventId, in.actor, in.entity, in.summary };
    store(row, texts);
    m_rows.push_back(row);
}

void CompactRows::append(const EventSummary &s)
{
    const QByteArray type = s.type.toUtf8(), team = s.team.toUtf8(), source = s.source.toUtf8(),
                     status = s.status.toUtf8(), eventId = s.eventId.toUtf8(),
                     actor = s.actor.toUtf8(), entity = s.entity.toUtf8(),
                     summary = s.summary.toUtf8();
    Utf8Row row;
    row.id = s.id;
    row.receivedAt = s.receivedAt;
    row.occurredAt = s.occurredAt;
    row.size = s.size;
    row.type = type;
    row.team = team;
    row.source = source;
    row.status = status;
    row.eventId = eventId;
    row.actor = actor;
    row.entity = entity;
    row.summary = summary;
    append(row);
}

void CompactRows::prepend(CompactRows &&older)
{
    if (older.isEmpty()) {
        older.clear();
        return;
    }
    // Their intern indices become ours (few distinct values: one lookup each).
    std::vector<quint32> map(older.m_utf8.size());
    for (size_t i = 0; i < older.m_utf8.size(); ++i)
        map[i] = intern(older.m_utf8[i]);
    const auto base = quint32(m_chunks.size());
    for (Chunk &c : older.m_chunks)
        m_chunks.push_back(std::move(c));
    // Their current chunk takes no more appends: free it if nothing lives in it.
    if (older.m_current != NoChunk && m_chunks[base + older.m_current].rows == 0)
        m_chunks[base + older.m_current] = Chunk();

    // Into the free slots in front; without enough of them, make room for as many rows again
    // as there are (amortized: a backwards load copies each row a bounded number of times).
    const auto count = size_t(older.size());
    if (m_first < count)
        reserveFront(qsizetype(std::max(count, size_t(size()))) + qsizetype(count));
    m_first -= count;
    m_keyBase -= qint64(count);
    Row *out = m_rows.data() + m_first;
    for (size_t i = older.m_first; i < older.m_rows.size(); ++i) {
        Row r = older.m_rows[i];
        r.type = map[r.type];
        r.team = map[r.team];
        r.source = map[r.source];
        r.status = map[r.status];
        if (r.chunk != NoChunk)
            r.chunk += base;
        *out++ = r;
    }
    older.clear();
}

void CompactRows::reverse()
{
    std::reverse(m_rows.begin() + qsizetype(m_first), m_rows.end());
}

void CompactRows::releaseChunkOf(const Row &row)
{
    if (row.chunk == NoChunk)
        return;
    Chunk &chunk = m_chunks[row.chunk];
    if (--chunk.rows == 0 && row.chunk != m_current)
        chunk = Chunk(); // nothing lives in it any more
}

void CompactRows::removeFirst(qsizetype count)
{
    count = qBound<qsizetype>(0, count, size());
    for (qsizetype i = 0; i < count; ++i)
        releaseChunkOf(m_rows[m_first + size_t(i)]);
    m_first += size_t(count);
    m_keyBase += count;
    if (m_first == m_rows.size()) {
        m_rows.clear();
        m_first = 0;
    } else if (m_first >= EraseRemovedAfter && m_first * 2 >= m_rows.size()) {
        m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(m_first));
        m_first = 0;
    }
}

QByteArrayView CompactRows::textBytes(const Row &r, Text which) const
{
    if (r.length[which] == 0)
        return {};
    quint32 offset = r.offset;
    for (int i = 0; i < which; ++i)
        offset += r.length[i];
    return QByteArrayView(m_chunks[r.chunk].data.get() + offset, qsizetype(r.length[which]));
}

QString CompactRows::text(qsizetype row, Text which) const
{
    return QString::fromUtf8(textBytes(at(row), which));
}

EventSummary CompactRows::summary(qsizetype row) const
{
    EventSummary s;
    const Row &r = at(row);
    s.id = r.id;
    s.receivedAt = r.receivedAt;
    s.occurredAt = r.occurredAt;
    s.size = r.size;
    s.type = m_values[r.type];
    s.team = m_values[r.team];
    s.source = m_values[r.source];
    s.status = m_values[r.status];
    s.eventId = QString::fromUtf8(textBytes(r, EventIdText));
    s.actor = QString::fromUtf8(textBytes(r, ActorText));
    s.entity = QString::fromUtf8(textBytes(r, EntityText));
    s.summary = QString::fromUtf8(textBytes(r, SummaryText));
    return s;
}

void CompactRows::summaryInto(qsizetype row, EventSummary &out) const
{
    const Row &r = at(row);
    out.id = r.id;
    out.receivedAt = r.receivedAt;
    out.occurredAt = r.occurredAt;
    out.size = r.size;
    out.type = m_values[r.type];
    out.team = m_values[r.team];
    out.source = m_values[r.source];
    out.status = m_values[r.status];
    Utf8Text::assign(out.eventId, textBytes(r, EventIdText));
    Utf8Text::assign(out.actor, textBytes(r, ActorText));
    Utf8Text::assign(out.entity, textBytes(r, EntityText));
    Utf8Text::assign(out.summary, textBytes(r, SummaryText));
}

qsizetype CompactRows::lowerBound(qint64 id) const
{
    const auto begin = m_rows.cbegin() + qsizetype(m_first);
    const auto it = std::lower_bound(begin, m_rows.cend(), id,
                                     [](const Row &r, qint64 value) { return r.id < value; });
    return qsizetype(it - begin);
}

qsizetype CompactRows::arenaChunks() const
{
    return std::count_if(m_chunks.cbegin(), m_chunks.cend(),
                         [](const Chunk &c) { return c.data != nullptr; });
}

qsizetype CompactRows::memoryBytes() const
{
    qsizetype bytes =
            qsizetype(m_rows.capacity() * sizeof(Row) + m_chunks.capacity() * sizeof(Chunk)
                      + m_slots.capacity() * sizeof(quint32));
    for (const Chunk &c : m_chunks)
        bytes += c.capacity;
    for (size_t i = 0; i < m_values.size(); ++i)
        bytes += qsizetype(sizeof(QString) + sizeof(QByteArray)) + m_values[i].capacity() * 2
                + m_utf8[i].capacity();
    return bytes;
}

} // namespace Hookscope
