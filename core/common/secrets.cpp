// SPDX-License-Identifier: MIT
#include "secrets.h"

#include <QByteArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Hookscope::Secrets {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // The length is not secret (tokens have a fixed format); the content is.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMax(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0 && !a.isEmpty();
}

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString mask(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    if (secret.size() <= 6)
        return u"••••"_s;
    return secret.left(3) + u"••••"_s;
}

} // namespace Hookscope::Secrets
