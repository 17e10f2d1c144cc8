// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QReadWriteLock>
#include <QString>

#include <memory>
#include <vector>

#include "core/events/event.h"

namespace Hookscope {

// Event summaries in about a third of the memory of EventSummary, for the event table's
// million rows. An EventSummary is eight QStrings (≈ 700 bytes per row with their data);
// here a row is its integers, four indices into an intern table for the fields with few
// distinct values (type, team, source, status: one QString per distinct value, shared by
// every row) and its four free texts (event id, actor, entity, summary) as UTF-8 in an
// arena of fixed-size chunks, next to each other. Chunks never move or grow once written,
// so appending never invalidates a read; a chunk is freed once no live row points into it,
// which is how removals for retention give memory back.
//
// Rows are kept in the order they were appended (the table appends in id order; prepend()
// puts older rows in front while a load runs backwards).
//
// Each row has a key that stays its own while rows are put in front of it or removed before
// it (keyOf(), rowOfKey()), until clear() (or reverse()) starts over. A filter job hands
// back row keys, so its answer stays valid while the table loads and follows the store.
//
// Not thread-safe by itself. The owner reads without locking; readers on other threads hold
// lock() for reading, and the owner holds it for writing around every change while such
// readers may exist (EventTableModel does).
class CompactRows final
{
public:
    // One row as UTF-8 bytes (what SQLite hands out): no QString per cell.
    struct Utf8Row
    {
        qint64 id = 0;
        qint64 receivedAt = 0;
        qint64 occurredAt = 0;
        qint64 size = 0;
        QByteArrayView type, eventId, team, actor, entity, summary, source, status;
    };

    CompactRows();
    ~CompactRows();
    CompactRows(CompactRows &&other) noexcept;
    CompactRows &operator=(CompactRows &&other) noexcept;
    CompactRows(const CompactRows &) = delete;
    CompactRows &operator=(const CompactRows &) = delete;

    void append(const EventSummary &summary);
    void append(const Utf8Row &row);
    // Puts every row of `older` in front of these (the load of older chunks), leaving `older`
    // empty. Its arena chunks are taken over, not copied.
    void prepend(CompactRows &&older);
    // Reverses the row order (rows read newest first become id order).
    void reverse();
    // Removes the first `count` rows; chunks no remaining row uses are freed.
    void removeFirst(qsizetype count);
    void clear();
    void reserve(qsizetype rows);
    // Room for `rows` rows in front, so that prepend()s that fit copy only the rows they add
    // (a load that goes backwards in chunks knows how many rows are still to come).
    void reserveFront(qsizetype rows);

    qsizetype size() const { return qsizetype(m_rows.size() - m_first); }
    bool isEmpty() const { return size() == 0; }

    // The stable key of a row, and the row of a key (-1 when that row is gone or not there).
    qint64 keyOf(qsizetype row) const { return m_keyBase + row; }
    qsizetype rowOfKey(qint64 key) const
    {
        const qint64 row = key - m_keyBase;
        return row >= 0 && row < size() ? qsizetype(row) : -1;
    }
    // For readers on other threads (see above).
    QReadWriteLock &lock() const { return m_lock; }

    qint64 id(qsizetype row) const { return at(row).id; }
    qint64 receivedAt(qsizetype row) const { return at(row).receivedAt; }
    qint64 occurredAt(qsizetype row) const { return at(row).occurredAt; }
    qint64 bodySize(qsizetype row) const { return at(row).size; }
    const QString &type(qsizetype row) const { return m_values[at(row).type]; }
    const QString &team(qsizetype row) const { return m_values[at(row).team]; }
    const QString &source(qsizetype row) const { return m_values[at(row).source]; }
    const QString &status(qsizetype row) const { return m_values[at(row).status]; }
    // The interned fields as intern-table indices (equal values, equal indices) and the value
    // of an index: a filter decides a type glob once per distinct type.
    quint32 typeIndex(qsizetype row) const { return at(row).type; }
    quint32 teamIndex(qsizetype row) const { return at(row).team; }
    quint32 sourceIndex(qsizetype row) const { return at(row).source; }
    quint32 statusIndex(qsizetype row) const { return at(row).status; }
    const QString &internedValue(quint32 index) const { return m_values[index]; }
    // The free texts are decoded on each call.
    QString eventId(qsizetype row) const { return text(row, EventIdText); }
    QString actor(qsizetype row) const { return text(row, ActorText); }
    QString entity(qsizetype row) const { return text(row, EntityText); }
    QString summaryText(qsizetype row) const { return text(row, SummaryText); }
    // The same as the UTF-8 bytes in the arena (valid while the row is).
    QByteArrayView eventIdUtf8(qsizetype row) const { return textBytes(at(row), EventIdText); }
    QByteArrayView actorUtf8(qsizetype row) const { return textBytes(at(row), ActorText); }
    QByteArrayView entityUtf8(qsizetype row) const { return textBytes(at(row), EntityText); }
    QByteArrayView summaryUtf8(qsizetype row) const { return textBytes(at(row), SummaryText); }
    // The whole row, built now.
    EventSummary summary(qsizetype row) const;
    // The same into `out`, reusing its strings' buffers where it can (ASCII text into a
    // string nobody else holds): a loop over every row allocates (almost) nothing.
    void summaryInto(qsizetype row, EventSummary &out) const;

    // The first row whose id is >= id (rows in id order), size() when none.
    qsizetype lowerBound(qint64 id) const;

    // Distinct values in the intern table (type, team, source and status together).
    qsizetype internedValues() const { return qsizetype(m_values.size()); }
    // Arena chunks holding live rows' text (tests: freeing on removal).
    qsizetype arenaChunks() const;
    // Approximate heap bytes: the rows, the arena chunks, the intern table.
    qsizetype memoryBytes() const;

private:
    enum Text { EventIdText, ActorText, EntityText, SummaryText, TextCount };

    struct Row
    {
        qint64 id;
        qint64 receivedAt;
        qint64 occurredAt;
        qint64 size;
        quint32 type, team, source, status; // m_values indices
        quint32 chunk; // m_chunks index of the row's texts, next to each other
        quint32 offset; // in that chunk
        quint32 length[TextCount]; // bytes of each text
    };

    struct Chunk
    {
        std::unique_ptr<char[]> data;
        quint32 capacity = 0;
        quint32 used = 0;
        qsizetype rows = 0; // live rows pointing into it; freed at 0 (unless it is the current)
    };

    const Row &at(qsizetype row) const { return m_rows[size_t(m_first + row)]; }
    QString text(qsizetype row, Text which) const;
    QByteArrayView textBytes(const Row &r, Text which) const;
    quint32 intern(QByteArrayView utf8);
    void growInternTable();
    // Copies the texts into the arena; sets chunk, offset and length.
    void store(Row &row, const QByteArrayView (&texts)[TextCount]);
    void releaseChunkOf(const Row &row);

    std::vector<Row> m_rows;
    // Slots before it are free: rows removed (erased in one go now and then) or room kept
    // for prepend().
    size_t m_first = 0;
    std::vector<Chunk> m_chunks; // a freed chunk stays as an empty slot (indices are stable)
    quint32 m_current = 0; // the chunk appends go to; m_chunks.size() when none
    // Intern table: each distinct value once as QString and as UTF-8; an open-addressing
    // hash over the UTF-8 bytes finds it without building a QString.
    std::vector<QString> m_values;
    std::vector<QByteArray> m_utf8;
    std::vector<quint32> m_slots; // value index + 1; 0 empty
    qint64 m_keyBase = 0; // the key of row 0
    mutable QReadWriteLock m_lock;
};

} // namespace Hookscope
