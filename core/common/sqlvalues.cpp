// SPDX-License-Identifier: MIT
#include "sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Hookscope::SqlValues {

QString headersToJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{ QString::fromLatin1(name), QString::fromLatin1(value) });
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
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
