// SPDX-License-Identifier: MIT
#include "jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Hookscope::JsonPath {

namespace {

QJsonValue step(const QJsonValue &current, QStringView key)
{
    if (current.isObject())
        return current.toObject().value(key);
    if (current.isArray()) {
        bool ok = false;
        const qsizetype index = key.toLongLong(&ok);
        const QJsonArray array = current.toArray();
        if (ok && index >= 0 && index < array.size())
            return array.at(index);
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

QJsonValue resolve(const QJsonValue &root, QStringView path)
{
    QJsonValue current = root;
    qsizetype pos = 0;
    const qsizetype n = path.size();
    while (pos < n) {
        // A segment runs to the next '.' or '['; "[k]" is a segment of its own.
        QStringView key;
        if (path.at(pos) == u'[') {
            const qsizetype close = path.indexOf(u']', pos);
            if (close < 0)
                return QJsonValue(QJsonValue::Undefined);
            key = path.sliced(pos + 1, close - pos - 1);
            if (key.size() >= 2 && (key.front() == u'"' || key.front() == u'\'')
                && key.back() == key.front())
                key = key.sliced(1, key.size() - 2);
            pos = close + 1;
        } else {
            qsizetype end = pos;
            while (end < n && path.at(end) != u'.' && path.at(end) != u'[')
                ++end;
            key = path.sliced(pos, end - pos);
            pos = end;
        }
        if (pos < n && path.at(pos) == u'.')
            ++pos;
        if (key.isEmpty())
            continue;
        current = step(current, key);
        if (current.isUndefined())
            return current;
    }
    return current;
}

QString toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const qint64 i = value.toInteger();
        if (double(i) == d)
            return QString::number(i);
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace Hookscope::JsonPath
