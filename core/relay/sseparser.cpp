// SPDX-License-Identifier: MIT
#include "sseparser.h"

#include <QStringDecoder>

#include <limits>

namespace Hookscope {

namespace {

constexpr char Bom[] = "\xEF\xBB\xBF";

// QString::fromUtf8 would drop a BOM at the start of a value; only the stream's first BOM
// may go, and that one is handled before lines are split.
QString decode(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless
                                   | QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

} // namespace

SseParser::SseParser(qsizetype maxEventBytes) : m_maxEventBytes(maxEventBytes) { }

void SseParser::restart()
{
    m_line.clear();
    m_data.clear();
    m_eventType.clear();
    m_lastEventIdBuffer = m_lastEventId;
    m_bomBytesSeen = 0;
    m_bomChecked = false;
    m_lastWasCR = false;
    m_lineTooLong = false;
    m_dataTooLong = false;
}

void SseParser::reset()
{
    m_lastEventId.clear();
    m_retryMs = -1;
    m_oversized = 0;
    restart();
}

QString SseParser::lastEventId() const
{
    return m_lastEventId;
}

void SseParser::setLastEventId(const QString &id)
{
    m_lastEventId = id;
    m_lastEventIdBuffer = id;
}

qint64 SseParser::retryMs() const
{
    return m_retryMs;
}

int SseParser::oversizedCount() const
{
    return m_oversized;
}

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    QList<SseEvent> out;
    if (!m_bomChecked) {
        // The BOM may itself arrive split: hold back a matching prefix until it is decided.
        qsizetype i = 0;
        while (m_bomBytesSeen < 3 && i < bytes.size() && bytes[i] == Bom[m_bomBytesSeen]) {
            ++m_bomBytesSeen;
            ++i;
        }
        if (m_bomBytesSeen == 3) {
            m_bomChecked = true;
            bytes = bytes.sliced(i);
        } else if (i < bytes.size()) {
            // Not a BOM after all: the bytes held back are ordinary stream bytes.
            m_bomChecked = true;
            const QByteArray held(Bom, m_bomBytesSeen);
            bytes = bytes.sliced(i);
            out += feed(held);
        } else {
            return out;
        }
    }

    qsizetype start = 0;
    const qsizetype n = bytes.size();
    auto appendToLine = [this](QByteArrayView part) {
        if (m_lineTooLong || part.isEmpty())
            return;
        if (m_line.size() + part.size() > m_maxEventBytes) {
            m_lineTooLong = true;
            m_line.clear();
            m_line.squeeze();
            return;
        }
        m_line.append(part);
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char c = bytes[i];
        if (m_lastWasCR) {
            m_lastWasCR = false;
            if (c == '\n') { // the LF of a CRLF pair whose CR ended the previous line
                start = i + 1;
                continue;
            }
        }
        if (c != '\r' && c != '\n')
            continue;
        appendToLine(bytes.sliced(start, i - start));
        if (m_lineTooLong) {
            m_lineTooLong = false;
            m_dataTooLong = true; // the event this line belonged to is incomplete: drop it
        } else {
            processLine(m_line, out);
        }
        m_line.clear();
        start = i + 1;
        m_lastWasCR = c == '\r';
    }
    appendToLine(bytes.sliced(start));
    return out;
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return; // comment
    QByteArrayView field = line;
    QByteArrayView value;
    if (const qsizetype colon = line.indexOf(':'); colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }
    if (field == "data") {
        if (m_dataTooLong)
            return;
        if (m_data.size() + value.size() + 1 > m_maxEventBytes) {
            m_dataTooLong = true;
            m_data.clear();
            m_data.squeeze();
            return;
        }
        m_data += decode(value);
        m_data += u'\n';
    } else if (field == "event") {
        m_eventType = decode(value);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventIdBuffer = decode(value);
    } else if (field == "retry") {
        bool digits = !value.isEmpty();
        for (const char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (digits) {
            bool ok = false;
            const qint64 ms = value.toLongLong(&ok);
            m_retryMs = ok ? ms : std::numeric_limits<qint64>::max();
        }
    }
    // Any other field is ignored.
}

void SseParser::dispatch(QList<SseEvent> &out)
{
    // The last event ID changes at every dispatch, even one that delivers nothing.
    m_lastEventId = m_lastEventIdBuffer;
    if (m_dataTooLong) {
        ++m_oversized;
        m_dataTooLong = false;
        m_data.clear();
        m_eventType.clear();
        return;
    }
    if (m_data.isEmpty()) {
        m_eventType.clear();
        return;
    }
    m_data.chop(1); // the LF after the last data line
    SseEvent event;
    if (!m_eventType.isEmpty())
        event.type = m_eventType;
    event.data = std::move(m_data);
    event.lastEventId = m_lastEventId;
    out.append(std::move(event));
    m_data = QString();
    m_eventType.clear();
}

} // namespace Hookscope
