// SPDX-License-Identifier: MIT
#include "filtervalues.h"

#include <QDate>
#include <QDateTime>

#include <cmath>

#include "core/filter/glob.h"

namespace Hookscope::Filter {

std::optional<qint64> parseIsoTime(QStringView s, bool *dateOnly)
{
    if (s.size() < 10 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3])
        || s[4] != u'-' || !isDigit(s[5]) || !isDigit(s[6]) || s[7] != u'-' || !isDigit(s[8])
        || !isDigit(s[9]))
        return std::nullopt;
    if (s.size() == 10) {
        const QDate date = QDate::fromString(s.toString(), Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        if (dateOnly)
            *dateOnly = true;
        return date.startOfDay(Qt::UTC).toMSecsSinceEpoch();
    }
    const QChar sep = s[10];
    if (s.size() < 16 || (sep != u'T' && sep != u't' && sep != u' '))
        return std::nullopt;
    QString iso = s.toString();
    iso[10] = u'T';
    const QChar last = iso.back();
    if (last == u'z')
        iso.back() = u'Z';
    const bool hasZone = last == u'Z' || last == u'z' || iso.indexOf(u'+', 11) >= 0
            || iso.indexOf(u'-', 11) >= 0;
    if (!hasZone)
        iso.append(u'Z');
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dateOnly)
        *dateOnly = false;
    return dt.toMSecsSinceEpoch();
}

std::optional<qint64> parseDuration(QStringView s)
{
    if (s.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        qint64 number = 0;
        const qsizetype digitsStart = i;
        while (i < s.size() && isDigit(s[i])) {
            if (number > 1'000'000'000)
                return std::nullopt;
            number = number * 10 + (s[i].unicode() - u'0');
            ++i;
        }
        if (i == digitsStart || i == s.size())
            return std::nullopt;
        qint64 unit = 0;
        switch (foldChar(s[i]).unicode()) {
        case u's':
            unit = 1000;
            break;
        case u'm':
            unit = 60 * 1000;
            break;
        case u'h':
            unit = 60 * 60 * 1000;
            break;
        case u'd':
            unit = 24 * 60 * 60 * 1000;
            break;
        case u'w':
            unit = 7 * 24 * 60 * 60 * 1000;
            break;
        default:
            return std::nullopt;
        }
        ++i;
        total += number * unit;
    }
    return total;
}

std::optional<double> parseNumber(QStringView s)
{
    if (s.isEmpty())
        return std::nullopt;
    // Only plain decimal numbers: QString::toDouble() would also take "inf"/"nan".
    const QChar first = s.front();
    if (!isDigit(first) && first != u'-' && first != u'+' && first != u'.')
        return std::nullopt;
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    return d;
}

} // namespace Hookscope::Filter
