// SPDX-License-Identifier: MIT
#include "thenarequest.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Hookscope {

QString thenaCallName(ThenaCall call)
{
    switch (call) {
    case ThenaCall::ListTeams:
        return u"list teams"_s;
    case ThenaCall::CreateApp:
        return u"create app"_s;
    case ThenaCall::Install:
        return u"install"_s;
    case ThenaCall::Reinstall:
        return u"reinstall"_s;
    case ThenaCall::Uninstall:
        return u"uninstall"_s;
    }
    return {};
}

QString ThenaRequest::shellQuote(const QString &word)
{
    QString quoted = word;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString ThenaRequest::toCurl(KeyStyle keyStyle) const
{
    QStringList parts;
    QString first = u"curl"_s;
    if (method != "GET")
        first += u" -X "_s + QString::fromLatin1(method);
    parts.append(first + u' ' + shellQuote(url.toString(QUrl::FullyEncoded)));
    // Double quotes only where the shell must expand the variable; its name is fixed text.
    parts.append(keyStyle == KeyStyle::EnvironmentVariable
                         ? u"-H \"x-api-key: $HOOKSCOPE_API_KEY\""_s
                         : u"-H "_s + shellQuote(u"x-api-key: <redacted>"_s));
    parts.append(u"-H "_s + shellQuote(u"Content-Type: application/json"_s));
    if (!body.isEmpty() || method != "GET")
        parts.append(u"--data-raw "_s + shellQuote(QString::fromUtf8(body)));
    return parts.join(u" \\\n  "_s);
}

} // namespace Hookscope
