// SPDX-License-Identifier: MIT
#include "responsemode.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QString duration(int ms)
{
    return ms % 1000 == 0 ? ResponseMode::tr("%1 s").arg(ms / 1000)
                          : ResponseMode::tr("%1 ms").arg(ms);
}

} // namespace

QString ResponseMode::answerText() const
{
    if (action == Action::Drop)
        return delayMs > 0 ? tr("connection dropped after %1").arg(duration(delayMs))
                           : tr("connection dropped");
    return delayMs > 0 ? tr("%1 after %2").arg(status).arg(duration(delayMs))
                       : QString::number(status);
}

QString ResponseMode::describe(int remaining) const
{
    const QString which = filter.isEmpty() ? QString() : tr(" matching %1").arg(filter);
    if (count <= 0)
        return tr("Response mode: %1 to every delivery%2").arg(answerText(), which);
    if (remaining == 1)
        return tr("Response mode: %1 to the next delivery%2").arg(answerText(), which);
    return tr("Response mode: %1 to the next %2 deliveries%3")
            .arg(answerText(), QString::number(remaining), which);
}

QString ResponseMode::recordedMode() const
{
    QString text = action == Action::Drop ? u"dropped"_s : u"status %1"_s.arg(status);
    if (delayMs > 0)
        text += u", delay %1 ms"_s.arg(delayMs);
    return text;
}

QByteArray ResponseMode::body(qint64 id) const
{
    const bool ok = status >= 200 && status < 300;
    QJsonObject o{ { u"ok"_s, ok }, { u"id"_s, id } };
    if (!ok)
        o.insert(u"error"_s,
                 u"Hookscope response mode: answered %1 on purpose (the event is stored)"_s.arg(
                         status));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace Hookscope
