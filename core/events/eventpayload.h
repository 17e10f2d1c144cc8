// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

#include "core/filter/bodywords.h"

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

    // The words of the body as received (UTF-8, not decoded from JSON escapes or forms),
    // split by the full-text index's rules: what bare words of a filter are matched against.
    const BodyWords &words() const;

    // A cheap test that spares parsing: false only when the body surely does not hold
    // asciiLower (lowercase ASCII) in any JSON string, key or literal, compared ignoring ASCII
    // case: it is plain ASCII without a backslash (so no escape can hide text) and does not
    // contain it. True in every other case.
    bool mayContainAscii(QByteArrayView asciiLower) const;

private:
    void ensureParsed() const;

    QByteArray m_body;
    QByteArray m_contentType;
    mutable bool m_parsed = false;
    mutable bool m_textReady = false;
    mutable QJsonValue m_root;
    mutable QJsonObject m_eventObject;
    mutable QString m_text;
    mutable std::optional<BodyWords> m_words;
    mutable int m_plainAscii = -1; // -1: not looked at yet
    mutable QByteArray m_lowerBody; // when plain ASCII
};

} // namespace Hookscope
