// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/common/mailbox.h"
#include "core/events/event.h"
#include "core/store/eventannotations.h"
#include "core/store/eventschema.h"
#include "core/store/eventinlet.h"
#include "core/store/eventwriter.h"
#include "core/store/fieldindex.h"
#include "core/store/fulltextindex.h"
#include "core/store/summaryreader.h"
#include "core/store/walcheckpointer.h"

namespace Hookscope {

namespace SqliteFile {
class BackgroundCheck;
}

// The durable event log: one SQLite file (WAL) in the data directory. Its parts: the schema
// and its migrations (EventSchema), the full-text index (FullTextIndex), pins, notes and
// forward attempts (EventAnnotations), the write queue (GroupCommitQueue), summaries read
// through SQLite's own API (SummaryReader) and WAL checkpoints on a thread (WalCheckpointer).
//
// Writes are group-committed on a thread of their own (EventWriter): submit() (this thread)
// or inlet() (any thread) queues an event; the writer stores whatever is queued in one
// transaction when it is free, so batches grow with the load and nobody waits for the disk.
// Only then are the submitters' callbacks run, so a receiver acknowledges a delivery only
// once it is on disk. Each commit comes back to this thread as one eventsAdded().
// Readers (the table model, exports, another process) use their own queries and see
// committed rows only.
class EventStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStore)

public:
    static constexpr int SchemaVersion = EventSchema::Version;
    static constexpr qint64 DefaultRetention = 1'000'000;

    // Called once the event is committed (id > 0) or could not be stored (id 0 + error).
    using Completion = std::function<void(qint64 id, const QString &error)>;

    explicit EventStore(QObject *parent = nullptr);
    ~EventStore() override;

    // Opens <dataDir>/events.db: a new file is created at the current schema, an older one
    // migrated step by step. A damaged database is moved aside
    // (recoveryNote() says where) and a fresh one created; a database from a newer version
    // is left untouched and open() fails with a message saying so.
    bool open(const QString &dataDir);
    // Opens read-only: for `hookscope export` beside a running writer. Never migrates.
    bool openReadOnly(const QString &dataDir);
    void close();
    bool isOpen() const;
    QString errorString() const;
    QString recoveryNote() const;
    QString databasePath() const;
    bool hasFullTextIndex() const;
    // Events up to this id are in the full-text index (schema 5). The writer indexes new rows
    // in the background, in large batches, a fraction of a second after they are committed
    // (indexing every commit would cost a new index segment each time), and catches up before
    // answering a full-text query itself; a reader on its own connection may see the index a
    // little behind and must check newer rows itself. -1 without an index.
    qint64 fullTextIndexedUpTo() const;
    // Indexes every committed row not yet in the full-text index now (a writer only; false
    // otherwise, or without an index).
    bool catchUpFullText();

    static QString databaseFileName();

    // Queues an event for the next group commit; `done` runs on this thread. The summary's
    // id and status are assigned by the store (a repeat of a known eventId gets status
    // "repeat").
    void submit(Event event, Completion done = {});
    // The same from any other thread (see EventInlet). It lives as long as anyone holds it.
    std::shared_ptr<const EventInlet> inlet() const;
    // Waits until everything submitted so far is committed, and runs its completions and
    // eventsAdded() now.
    void flush();
    // Events submitted (from any thread) whose commit this thread has not finished yet.
    int pendingCount() const;

    void setRetention(qint64 maxEvents);
    qint64 retention() const;

    qint64 count() const;
    qint64 maxId() const;
    std::optional<Event> event(qint64 id) const;
    using QObject::event; // event(QEvent *) stays callable; the overload above only adds one
    // The content type and body of one event, nothing else (no headers or request data to
    // decode): the cheap read by id for the table's payload columns. nullopt when not stored.
    struct Payload
    {
        QByteArray contentType;
        QByteArray body;
    };
    std::optional<Payload> payload(qint64 id) const;
    // Summaries with id > afterId in id order; limit < 0 means all.
    QList<EventSummary> summaries(qint64 afterId = 0, qint64 limit = -1) const;
    // The same as compact rows, straight from SQLite's bytes, for afterId < id < beforeId
    // (beforeId <= 0: no bound), with newest >= 0 only the newest that many; appended to
    // `rows` in id order (SummaryReader::appendSummaries). False on a read error.
    bool readSummaries(CompactRows &rows, qint64 afterId, qint64 beforeId,
                       qint64 newest = -1) const;
    // Streams whole events in id order (starting after afterId) until `visit` returns false.
    // Returns false on a database error.
    bool forEachEvent(const std::function<bool(const Event &)> &visit, qint64 afterId = 0) const;
    // Streams summary, content type and body only (no headers or request data): the cheap
    // walk for filters that look into payloads.
    bool
    forEachPayload(const std::function<bool(const EventSummary &, const QByteArray &contentType,
                                            const QByteArray &body)> &visit,
                   qint64 afterId = 0) const;
    // Streams the summary-level fields only (plus org and request line): for exports that
    // need no body.
    bool forEachSummary(const std::function<bool(const Event &)> &visit, qint64 afterId = 0) const;
    // Ids of events whose body matches an FTS5 query (nullopt when FTS is unavailable). The
    // writer catches the index up first, so every committed row is answered for.
    std::optional<QSet<qint64>> fullTextMatches(const QString &words);
    // Streams, in id order, the ids up to upToId (< 0: all) of events whose body has
    // `phrase` as an FTS5 prefix phrase: its words one after the other, the last one as the
    // start of a word (the rules of BodyWords; "charged tw" finds "charged twice"), until
    // `visit` returns false. False when there is no full-text index or the query fails. The
    // writer catches the index up first; a reader answers up to fullTextIndexedUpTo().
    bool forEachFullTextPrefixMatch(const QString &phrase, qint64 upToId,
                                    const std::function<bool(qint64 id)> &visit);

    bool clear();

    // The field index (schema 8, FieldIndex): a writer registers these JSON paths (the
    // payload comparisons of a filter) and fills their values in the background; nothing
    // for a read-only store. Cheap when they are registered already.
    void requestFieldIndex(const QStringList &paths);
    // A writer: back-fills every registered path now and waits for it. False otherwise.
    bool catchUpFieldIndex();
    // Ids up to this are in the field index for `path` (maxId() when it is complete), -1 when
    // the path is not registered. Read from the file: a reader sees what the writer committed.
    qint64 fieldIndexedUpTo(const QString &path) const;
    // Rows the writer's back-fill still has to read (0 when done, or for a reader).
    qint64 fieldIndexRowsBehind() const;
    // The payload comparisons of `filter` answered from the field index for the events up to
    // upToId, as far as it reaches (answer.reach(); 0 when the index cannot answer them: a
    // path not registered or not caught up that far, an operator it does not serve). False
    // on a database error.
    bool answerFromFieldIndex(const FilterExpression &filter, qint64 upToId,
                              FieldIndex::Answer &answer,
                              const std::function<bool()> &cancelled = {}) const;

    // What the receiver answered event `id` (schema 7), once the writer has recorded it:
    // nullopt for relayed, imported and demo events, and for an answer not written yet.
    std::optional<EventAnswer> answer(qint64 id) const;

    // Pins and notes: the user's own marks on events, kept beside them (schema 3).
    using Annotation = EventAnnotation;
    bool setPinned(qint64 id, bool pinned);
    bool setNote(qint64 id, const QString &note);
    Annotation annotation(qint64 id) const;
    QHash<qint64, Annotation> annotations() const;

    // Where an event was forwarded or replayed to, and how it went (schema 4).
    using ForwardAttempt = Hookscope::ForwardAttempt;
    bool recordForward(qint64 id, const QString &target, int status, qint64 latencyMs,
                       const QString &error);
    QList<ForwardAttempt> forwards(qint64 id) const;

Q_SIGNALS:
    // Emitted after each commit with the new rows, in id order.
    void eventsAdded(const QList<Hookscope::EventSummary> &events);
    // Retention removed every row with id <= upToId.
    void eventsRemoved(qint64 upToId);
    void cleared();
    void annotationChanged(qint64 id);
    // A commit failed: the batch's submitters got the error too.
    void storeError(const QString &message);

private:
    bool openDatabase(const QString &dataDir, bool readOnly);
    bool configure(bool readOnly, bool fullCheck);
    bool writeAnnotation(qint64 id, const Annotation &annotation);
    bool moveAside(const QString &reason);
    // A commit, back on this thread: counts, eventsAdded(), retention.
    void finishBatch(const EventWriter::Result &result);
    // Gives what this thread submitted since the last time to the writer, in one go.
    void handOver();
    void applyRetention();
    bool exec(const QString &sql);

    QString m_connectionName;
    QString m_path;
    QString m_error;
    QString m_recoveryNote;
    bool m_open = false;
    bool m_readOnly = false;
    bool m_damaged = false;
    bool m_stampOnClose = false;
    QString m_damageReason;
    // PRAGMA quick_check of a large, cleanly closed file, run after the open (SqliteFile).
    std::unique_ptr<SqliteFile::BackgroundCheck> m_backgroundCheck;
    qint64 m_retention = DefaultRetention;
    mutable qint64 m_count = 0; // -1: not counted yet (a reader counts on the first count())
    qint64 m_maxId = 0;
    std::shared_ptr<EventWriter> m_writer; // the inlet holds it too, until close()
    std::shared_ptr<EventInlet> m_inlet;
    Mailbox m_mailbox; // the writer's completions and commits, back on this thread
    qint64 m_finishedCount = 0; // events whose commit finishBatch() has seen
    std::vector<EventWriter::Entry> m_local; // submit()ted here, not handed over yet
    bool m_localPosted = false;
    FullTextIndex m_fullText;
    EventAnnotations m_annotations;
    WalCheckpointer m_checkpointer;
    mutable SummaryReader m_summaryReader; // summaries() through SQLite's own API
};

} // namespace Hookscope
