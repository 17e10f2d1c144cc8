// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QString>

#include "core/thena/thenareply.h"

namespace Hookscope {

// The server's answer as the wizard shows it: "HTTP <status>", then the body, pretty-printed
// when it is JSON, with the values of secret-looking fields (botToken, clientSecret, any key
// ending in "token" or "secret") replaced by "[hidden]". `message` stands in when no HTTP
// answer arrived.
QString responseText(int httpStatus, const QByteArray &body, const QString &message);

// The reply a page was waiting for, now finished: taken out of `pending` (so the page is no
// longer busy) and deleted once control returns to the event loop. Null when none was pending.
inline ThenaReply *takeFinished(QPointer<ThenaReply> &pending)
{
    ThenaReply *reply = pending;
    if (!reply)
        return nullptr;
    pending.clear();
    reply->deleteLater();
    return reply;
}

} // namespace Hookscope
