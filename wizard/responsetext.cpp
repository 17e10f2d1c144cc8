// SPDX-License-Identifier: MIT
#include "responsetext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

bool isSecretKey(const QString &key)
{
    const QString k = key.toLower();
    return k.endsWith("token"_L1) || k.endsWith("secret"_L1) || k == "password"_L1
            || k == "x-api-key"_L1;
}

QJsonValue hideSecrets(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            *it = (isSecretKey(it.key()) && it->isString()) ? QJsonValue(u"[hidden]"_s)
                                                            : hideSecrets(*it);
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = hideSecrets(a.at(i));
        return a;
    }
    return value;
}

} // namespace

QString responseText(int httpStatus, const QByteArray &body, const QString &message)
{
    if (httpStatus == 0)
        return message;
    QString text = u"HTTP %1\n\n"_s.arg(httpStatus);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return text + QString::fromUtf8(body);
    const QJsonValue shown =
            hideSecrets(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
    const QJsonDocument out =
            shown.isObject() ? QJsonDocument(shown.toObject()) : QJsonDocument(shown.toArray());
    return text + QString::fromUtf8(out.toJson(QJsonDocument::Indented));
}

} // namespace Hookscope
