// SPDX-License-Identifier: MIT
#include "eventpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include "core/events/eventparser.h"
#include "core/events/jsonpath.h"

namespace Hookscope {

namespace {

bool isFormContentType(const QByteArray &contentType)
{
    return contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded");
}

} // namespace

EventPayload::EventPayload(const QByteArray &body, const QByteArray &contentType)
    : m_body(body), m_contentType(contentType)
{
}

void EventPayload::ensureParsed() const
{
    if (m_parsed)
        return;
    m_parsed = true;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(m_body, &error);
    if (error.error != QJsonParseError::NoError)
        return;
    if (doc.isObject()) {
        m_root = doc.object();
        m_eventObject = EventParser::eventObject(doc.object());
    } else if (doc.isArray()) {
        m_root = doc.array();
    }
}

QJsonValue EventPayload::value(QStringView path) const
{
    ensureParsed();
    if (!m_eventObject.isEmpty()) {
        const QJsonValue v = JsonPath::resolve(m_eventObject, path);
        if (!v.isUndefined())
            return v;
    }
    return JsonPath::resolve(m_root, path);
}

const QString &EventPayload::text() const
{
    if (!m_textReady) {
        m_textReady = true;
        if (isFormContentType(m_contentType)) {
            QByteArray plus = m_body;
            plus.replace('+', ' ');
            m_text = QUrlQuery(QString::fromUtf8(plus)).toString(QUrl::FullyDecoded);
        } else {
            m_text = QString::fromUtf8(m_body);
        }
    }
    return m_text;
}

bool EventPayload::mayContainAscii(QByteArrayView asciiLower) const
{
    if (m_plainAscii < 0) {
        m_plainAscii = 1;
        for (const char c : std::as_const(m_body)) {
            if (static_cast<unsigned char>(c) >= 0x80 || c == '\\') {
                m_plainAscii = 0;
                break;
            }
        }
        if (m_plainAscii)
            m_lowerBody = m_body.toLower();
    }
    return !m_plainAscii || m_lowerBody.contains(asciiLower);
}

const BodyWords &EventPayload::words() const
{
    if (!m_words)
        m_words.emplace(QString::fromUtf8(m_body));
    return *m_words;
}

} // namespace Hookscope
