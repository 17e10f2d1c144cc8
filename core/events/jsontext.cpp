// SPDX-License-Identifier: MIT
#include "jsontext.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Hookscope::JsonText {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView json, qsizetype i)
{
    while (i < json.size() && isSpace(json.at(i)))
        ++i;
    return i;
}

// The index of the closing quote of the string that opens at `i` (json.size() - 1 when it
// is not closed). Every walk over the text below goes through here, so escapes are read one
// way only.
qsizetype stringEnd(QByteArrayView json, qsizetype i)
{
    for (++i; i < json.size() && json.at(i) != '"'; ++i) {
        if (json.at(i) == '\\')
            ++i;
    }
    return qMin(i, json.size() - 1);
}

// One past the end of the value that starts at `i`.
qsizetype valueEnd(QByteArrayView json, qsizetype i)
{
    if (i >= json.size())
        return i;
    const char c = json.at(i);
    if (c == '"')
        return stringEnd(json, i) + 1;
    if (c == '{' || c == '[') {
        int depth = 0;
        for (; i < json.size(); ++i) {
            const char d = json.at(i);
            if (d == '"') {
                i = stringEnd(json, i);
            } else if (d == '{' || d == '[') {
                ++depth;
            } else if (d == '}' || d == ']') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        return json.size();
    }
    // A number or a literal: up to the next delimiter.
    while (i < json.size() && !isSpace(json.at(i)) && json.at(i) != ',' && json.at(i) != '}'
           && json.at(i) != ']')
        ++i;
    return i;
}

// pretty() and compact(): one pass that replaces the whitespace between tokens.
QString layout(QByteArrayView json, int indent, bool oneLine)
{
    QByteArray out;
    out.reserve(oneLine ? json.size() : json.size() * 2);
    int depth = 0;
    auto newline = [&] {
        if (oneLine)
            return;
        out.append('\n');
        out.append(QByteArray(depth * indent, ' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        switch (c) {
        case '"': {
            // A string as written, escapes and all.
            const qsizetype start = i;
            i = stringEnd(json, i);
            out.append(json.sliced(start, i - start + 1));
            break;
        }
        case '{':
        case '[': {
            // An empty object or array stays on its line: {} and [].
            const qsizetype j = skipSpace(json, i + 1);
            if (j < json.size() && json.at(j) == (c == '{' ? '}' : ']')) {
                out.append(c).append(json.at(j));
                i = j;
                break;
            }
            out.append(c);
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out.append(c);
            break;
        case ',':
            out.append(',');
            newline();
            break;
        case ':':
            out.append(oneLine ? ":" : ": ");
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break; // whitespace between tokens: replaced by the layout above
        default:
            out.append(c); // numbers, true, false, null: as spelled
            break;
        }
    }
    return QString::fromUtf8(out);
}

} // namespace

QString pretty(QByteArrayView json, int indent)
{
    return layout(json, indent, false);
}

QString compact(QByteArrayView json)
{
    return layout(json, 0, true);
}

bool isContainer(QByteArrayView json)
{
    const qsizetype i = skipSpace(json, 0);
    return i < json.size() && (json.at(i) == '{' || json.at(i) == '[');
}

QList<Member> members(QByteArrayView json)
{
    QList<Member> out;
    qsizetype i = skipSpace(json, 0);
    if (i >= json.size() || (json.at(i) != '{' && json.at(i) != '['))
        return out;
    const bool object = json.at(i) == '{';
    const char close = object ? '}' : ']';
    ++i;
    while (true) {
        i = skipSpace(json, i);
        if (i >= json.size() || json.at(i) == close)
            break;
        Member m;
        if (object) {
            if (json.at(i) != '"')
                break;
            const qsizetype end = stringEnd(json, i);
            const QByteArrayView name = json.sliced(i + 1, qMax<qsizetype>(0, end - i - 1));
            // Most names have no escapes; those that do are decoded the one way JSON says.
            m.key = name.contains('\\') ? value(json.sliced(i, end - i + 1)).toString()
                                        : QString::fromUtf8(name);
            i = skipSpace(json, end + 1);
            if (i >= json.size() || json.at(i) != ':')
                break;
            i = skipSpace(json, i + 1);
        }
        const qsizetype end = valueEnd(json, i);
        if (end <= i)
            break;
        m.value = json.sliced(i, end - i);
        out.append(m);
        i = skipSpace(json, end);
        if (i < json.size() && json.at(i) == ',')
            ++i;
    }
    return out;
}

QJsonValue value(QByteArrayView json)
{
    // QJsonDocument parses objects and arrays only: a scalar is read as the one element of
    // an array.
    const bool container = isContainer(json);
    QByteArray text;
    text.reserve(json.size() + 2);
    if (!container)
        text.append('[');
    text.append(json.data(), json.size());
    if (!container)
        text.append(']');
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    if (doc.isObject())
        return doc.object();
    const QJsonArray array = doc.array();
    if (container)
        return array;
    return array.size() == 1 ? array.at(0) : QJsonValue(QJsonValue::Undefined);
}

} // namespace Hookscope::JsonText
