// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace Hookscope {

// The server's answer as the wizard shows it: "HTTP <status>", then the body, pretty-printed
// when it is JSON, with the values of secret-looking fields (botToken, clientSecret, any key
// ending in "token" or "secret") replaced by "[hidden]". `message` stands in when no HTTP
// answer arrived.
QString responseText(int httpStatus, const QByteArray &body, const QString &message);

} // namespace Hookscope
