// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Hookscope {

// The Thena API calls Hookscope makes (docs/thena.md).
enum class ThenaCall { ListTeams, CreateApp, Install, Reinstall, Uninstall };

// "list teams", "create app", ... for messages.
QString thenaCallName(ThenaCall call);

// One Thena API request as plain data: what ThenaClient sends and what "Copy as curl" shows.
// It never holds the API key: ThenaClient adds the x-api-key header from memory when sending,
// so nothing rendered from a request can leak it.
struct ThenaRequest
{
    enum class KeyStyle {
        Redacted, // -H 'x-api-key: <redacted>'
        EnvironmentVariable, // -H "x-api-key: $HOOKSCOPE_API_KEY" (the variable `hookscope thena`
                             // reads)
    };

    ThenaCall call = ThenaCall::ListTeams;
    QByteArray method = "GET";
    QUrl url;
    QByteArray body; // exactly the bytes sent; empty for GET

    // An equivalent curl command line (POSIX shell), one option per line joined with " \".
    QString toCurl(KeyStyle keyStyle = KeyStyle::Redacted) const;

    // `word` as one POSIX shell word: single-quoted, each ' written as '\''.
    static QString shellQuote(const QString &word);
};

} // namespace Hookscope
