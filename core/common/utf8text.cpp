// SPDX-License-Identifier: MIT
#include "utf8text.h"

#include <algorithm>

namespace Hookscope::Utf8Text {

bool isAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (uchar(c) >= 0x80)
            return false;
    }
    return true;
}

void assign(QString &out, QByteArrayView bytes)
{
    if (!isAscii(bytes)) {
        out = QString::fromUtf8(bytes);
        return;
    }
    const qsizetype n = bytes.size();
    if (!out.isDetached() || out.capacity() < n) {
        QString fresh;
        fresh.reserve(std::max<qsizetype>(n, 64)); // room for the next rows
        out = std::move(fresh);
    }
    out.resize(n); // within capacity and unshared: no allocation
    char16_t *dst = reinterpret_cast<char16_t *>(out.data());
    for (qsizetype i = 0; i < n; ++i)
        dst[i] = char16_t(uchar(bytes[i]));
}

} // namespace Hookscope::Utf8Text
