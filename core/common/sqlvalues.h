// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "core/events/event.h"

namespace Hookscope::SqlValues {

// SQLite stores a null QString as NULL; the text columns of both stores are NOT NULL.
inline QString text(const QString &s)
{
    return s.isNull() ? QString(QLatin1StringView("")) : s;
}

// Request headers as a TEXT column: [["name","value"],…] with every byte mapped through
// Latin-1, so header bytes come back exactly, whatever their encoding.
QString headersToJson(const HeaderList &headers);
// The same text, UTF-8 encoded: what the writer binds (byte for byte what QJsonDocument
// writes in compact form, without building a document).
QByteArray headersToJsonUtf8(const HeaderList &headers);
HeaderList headersFromJson(const QString &json);

} // namespace Hookscope::SqlValues
