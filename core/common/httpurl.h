// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>
#include <QUrl>

namespace Hookscope {

// A URL Hookscope can send to or be sent to: valid, http or https, with a host. How the text
// was parsed (strict, trimmed) is the caller's business; this is the one check.
inline bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1StringView("https")
                || url.scheme() == QLatin1StringView("http"));
}

} // namespace Hookscope
