// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Hookscope {

// Read-only view of one event body for filters and export columns. The JSON is parsed on
// first use only, so summary-only filters never pay for it.
class EventPayload final
{
public:
    EventPayload(const QByteArray &body, const QByteArray &contentType);

    // Resolves a JSON path (see JsonPath::resolve) against the event object (the inner
    // "message" of a wrapped delivery) and, failing that, against the body's root.
    QJsonValue value(QStringView path) const;

    // The body as searchable text: UTF-8 (lossy for invalid bytes); form bodies decoded.
    const QString &text() const;

private:
    void ensureParsed() const;

    QByteArray m_body;
    QByteArray m_contentType;
    mutable bool m_parsed = false;
    mutable bool m_textReady = false;
    mutable QJsonValue m_root;
    mutable QJsonObject m_eventObject;
    mutable QString m_text;
};

} // namespace Hookscope
