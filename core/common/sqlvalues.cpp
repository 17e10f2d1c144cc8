// SPDX-License-Identifier: MIT
#include "sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Hookscope::SqlValues {

namespace {

// A JSON string of `latin1`'s bytes read as Latin-1, exactly as QJsonDocument writes it
// (compact): the same escapes, lower-case \u00xx, UTF-8 for bytes from 0x80.
void appendJsonString(QByteArray &out, QByteArrayView latin1)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out.append('"');
    for (const char ch : latin1) {
        const auto b = uchar(ch);
        if (b >= 0x80) {
            out.append(char(0xc0 | (b >> 6)));
            out.append(char(0x80 | (b & 0x3f)));
            continue;
        }
        switch (b) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (b < 0x20) {
                const char escape[] = { '\\', 'u', '0', '0', Hex[b >> 4], Hex[b & 0xf] };
                out.append(escape, sizeof escape);
            } else {
                out.append(ch);
            }
        }
    }
    out.append('"');
}

} // namespace

QByteArray headersToJsonUtf8(const HeaderList &headers)
{
    qsizetype size = 2;
    for (const auto &[name, value] : headers)
        size += name.size() + value.size() + 8;
    QByteArray out;
    out.reserve(size);
    out.append('[');
    for (qsizetype i = 0; i < headers.size(); ++i) {
        out.append(i == 0 ? "[" : ",[");
        appendJsonString(out, headers.at(i).first);
        out.append(',');
        appendJsonString(out, headers.at(i).second);
        out.append(']');
    }
    out.append(']');
    return out;
}

QString headersToJson(const HeaderList &headers)
{
    return QString::fromUtf8(headersToJsonUtf8(headers));
}

HeaderList headersFromJson(const QString &json)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    headers.reserve(array.size());
    for (const QJsonValue &pair : array) {
        const QJsonArray p = pair.toArray();
        headers.append({ p.at(0).toString().toLatin1(), p.at(1).toString().toLatin1() });
    }
    return headers;
}

} // namespace Hookscope::SqlValues
