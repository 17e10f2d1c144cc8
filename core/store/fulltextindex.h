// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace Hookscope {

// The event store's FTS5 index over bodies (schema 5): a cache of committed rows, filled by
// the writer in large batches a fraction of a second after the commits (one index segment
// per commit cost more than the rest of a delivery), and caught up before the writer answers
// a full-text query itself. A reader on another connection sees it as far as
// fts_state.upto says and checks newer rows itself.
class FullTextIndex final
{
public:
    static constexpr qint64 BatchRows = 20'000;

    FullTextIndex();
    Q_DISABLE_COPY_MOVE(FullTextIndex)

    // Binds to an open connection; `writer` false for a read-only store. maxId() tells how far
    // the committed rows go. Reads whether the file has the index and how far it reaches.
    void attach(const QString &connectionName, bool writer, std::function<qint64()> maxId);
    // The writer's indexing runs elsewhere (EventWriter's thread): catchUp() and
    // indexedUpTo() ask it, and scheduleUpdate() leaves it to it.
    void setIndexer(std::function<bool()> catchUp, std::function<qint64()> indexedUpTo);
    void detach();

    bool isAvailable() const { return m_available; }
    // Events up to this id are in the index; -1 without one. A reader asks the file.
    qint64 indexedUpTo() const;

    // The writer: index new rows soon (after a commit).
    void scheduleUpdate();
    // The writer: index every committed row now. False without an index or on an error.
    bool catchUp();

    // Ids of events whose body has all of `words` (FTS5 words); nullopt without an index.
    std::optional<QSet<qint64>> matches(const QString &words) const;
    // Ids up to upToId (< 0: all), in order, whose body has `phrase` as an FTS5 prefix phrase.
    bool forEachPrefixMatch(const QString &phrase, qint64 upToId,
                            const std::function<bool(qint64 id)> &visit) const;

private:
    bool indexBatch(qint64 maxRows);

    QString m_connectionName;
    std::function<qint64()> m_maxId;
    std::function<bool()> m_indexerCatchUp;
    std::function<qint64()> m_indexerUpTo;
    bool m_available = false;
    bool m_writer = false;
    qint64 m_upTo = -1;
    QTimer m_timer;
};

} // namespace Hookscope
