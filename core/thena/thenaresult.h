// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/thena/thenarequest.h"

namespace Hookscope {

// Why a call failed, in the terms a user can act on.
enum class ThenaError {
    None,
    KeyRejected, // 401/403, or no key set
    Validation, // any other 4xx: the server's `message` says what to fix
    Server, // 5xx
    Network, // no HTTP answer: refused, unreachable, DNS, reset
    Tls, // TLS handshake or certificate failure
    Timeout, // no complete answer within ThenaClient::timeout()
    Cancelled, // ThenaReply::cancel()
    BadResponse, // a 2xx/3xx answer we cannot use: not JSON, missing fields, a redirect
};

// "KeyRejected", "Validation", ... (stable names for --json output and logs).
QString thenaErrorName(ThenaError error);

// One entry of GET /v1/teams.
struct ThenaTeam
{
    QString id;
    QString teamId; // the ID used in install calls and dashboard URLs (falls back to id)
    QString name;
    QString identifier; // short code, e.g. "EMEA"
    QString parentTeamId; // empty for a top-level team
    bool isActive = true;
    bool isPrivate = false;
};

// The answer to create-app. The docs disagree on its shape (docs/thena.md): appId comes from
// `appId`, `uid`, `data.appId` or `data.uid`; the client ID and secret only from the guide's
// shape.
struct ThenaCreatedApp
{
    QString appId;
    QString name;
    QString slug;
    QString clientId;
    QString clientSecret; // store it in the keychain (SecretStore), never in settings
};

// The answer to install (and to reinstall, when it has the same shape). botToken is not
// kept: it is a credential Hookscope has no use for.
struct ThenaInstallResult
{
    QString appName;
    QString botSub;
    QString botTokenKey;
    QString installedByEmail;
    QStringList appInstalledForTeams;
    QString appIdentifier;
    QString installedByOrgId;

    // The teams to record as installed after a 2xx answer to `call` for `requested`: those the
    // answer lists in appInstalledForTeams (in the order requested). Install documents that
    // list, so an install answer without it confirms nothing; reinstall's answer is not
    // documented, so without a list the requested teams are taken as confirmed.
    QStringList confirmedTeams(ThenaCall call, const QStringList &requested) const;
};

// The outcome of one call. Whatever happened, `httpStatus` and `body` say what the server
// answered so the UI can show it verbatim: where our picture of the API is a guess, the
// user is never stuck behind it.
struct ThenaResult
{
    ThenaCall call = ThenaCall::ListTeams;
    bool ok = false;
    ThenaError error = ThenaError::None;
    QString message; // user-facing, e.g. "API key rejected (401): Invalid API key"
    QString serverMessage; // the server's `message` (or `error`) field, when present
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QByteArray body; // the response body as received (an echoed API key is redacted)

    QList<ThenaTeam> teams; // ListTeams
    ThenaCreatedApp app; // CreateApp
    ThenaInstallResult install; // Install, Reinstall (when the body has that shape)

    // The result of a complete HTTP answer: classifies the status, parses the body.
    static ThenaResult fromHttp(ThenaCall call, int httpStatus, const QByteArray &body);
    // A failure without a usable HTTP answer (network, TLS, timeout, cancel).
    static ThenaResult failure(ThenaCall call, ThenaError error, const QString &message,
                               int httpStatus = 0, const QByteArray &body = {});
    // The `message` of a JSON error body: a string, an array of strings (joined with "; "),
    // or `error` when there is no message. Empty when the body is not such an object.
    static QString serverMessageOf(const QByteArray &body);
};

} // namespace Hookscope
