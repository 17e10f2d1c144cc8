// SPDX-License-Identifier: MIT
#include "jsontext.h"

#include <QByteArray>

namespace Hookscope::JsonText {

QString pretty(QByteArrayView json, int indent)
{
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    auto newline = [&] {
        out.append('\n');
        out.append(QByteArray(depth * indent, ' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        switch (c) {
        case '"': {
            // A string as written, escapes and all.
            const qsizetype start = i;
            for (++i; i < json.size() && json.at(i) != '"'; ++i) {
                if (json.at(i) == '\\')
                    ++i;
            }
            out.append(json.sliced(start, qMin(i, json.size() - 1) - start + 1));
            break;
        }
        case '{':
        case '[': {
            // An empty object or array stays on its line: {} and [].
            qsizetype j = i + 1;
            while (j < json.size()
                   && (json.at(j) == ' ' || json.at(j) == '\t' || json.at(j) == '\n'
                       || json.at(j) == '\r'))
                ++j;
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
            out.append(": ");
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

} // namespace Hookscope::JsonText
