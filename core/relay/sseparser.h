// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Hookscope {

// One dispatched server-sent event.
struct SseEvent
{
    QString type = QStringLiteral("message"); // the `event:` field, "message" when absent
    QString data; // `data:` lines joined with LF
    QString lastEventId; // the stream's last event ID at dispatch time

    friend bool operator==(const SseEvent &, const SseEvent &) = default;
};

// An incremental parser for text/event-stream (WHATWG HTML, "Server-sent events",
// §9.2.6 "Interpreting an event stream"). Bytes may arrive split anywhere, even inside a
// UTF-8 sequence, a BOM or a CRLF pair; feed() returns the events completed so far.
//
// What it implements, all of it: an optional UTF-8 BOM at the very start; CR, LF and CRLF
// line ends (a CR at the end of one read and an LF at the start of the next are one line
// end); comment lines (leading ':'); `field: value` with one optional space removed;
// multi-line `data`; `event`; `id` (ignored when it contains U+0000; kept across events, and
// updated at dispatch even when the event has no data); `retry` (ASCII digits only); dispatch
// on a blank line; nothing dispatched for an event without data; an unterminated event at
// end of stream is discarded. Invalid UTF-8 becomes U+FFFD, as in browsers.
//
// Pure: no I/O, no Qt event loop, so it can be fuzzed.
class SseParser final
{
public:
    // Memory bound: a line or an event's data longer than this is discarded (and counted).
    static constexpr qsizetype DefaultMaxEventBytes = 64 * 1024 * 1024;

    explicit SseParser(qsizetype maxEventBytes = DefaultMaxEventBytes);

    QList<SseEvent> feed(QByteArrayView bytes);

    // A new connection: the stream starts over (BOM allowed again, partial line and
    // pending event dropped) but the last event ID and retry time are kept, as a
    // reconnecting EventSource keeps them.
    void restart();
    // Forgets everything, including the last event ID.
    void reset();

    QString lastEventId() const;
    void setLastEventId(const QString &id);
    // The last valid `retry:` value in milliseconds, -1 if none was seen.
    qint64 retryMs() const;
    // Lines or events dropped for exceeding the size bound.
    int oversizedCount() const;

private:
    void processLine(QByteArrayView line, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);

    qsizetype m_maxEventBytes;
    QByteArray m_line;
    QString m_data;
    QString m_eventType;
    QString m_lastEventIdBuffer;
    QString m_lastEventId;
    qint64 m_retryMs = -1;
    int m_oversized = 0;
    int m_bomBytesSeen = 0; // 0..3 while checking for a BOM at stream start
    bool m_bomChecked = false;
    bool m_lastWasCR = false; // the previous byte ended a line with CR
    bool m_lineTooLong = false; // skipping the rest of an oversized line
    bool m_dataTooLong = false; // the pending event exceeded the bound
};

} // namespace Hookscope
