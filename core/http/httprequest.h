// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace Hookscope::Http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP/1.x request exactly as the parser framed it: the method, target and header
// fields byte for byte as sent (field values without their surrounding whitespace), and the
// body with its transfer coding removed. Everything that reads a request (limits,
// authorization, routing, the handler) reads this one parse.
struct Request
{
    QByteArray method;
    QByteArray target; // as sent: origin-form "/a?b", absolute-form "http://h/a?b", or "*"
    int minorVersion = 1; // HTTP/1.<minorVersion>
    HeaderList headers;
    QByteArray body;
    qint64 contentLength = -1; // -1: no Content-Length (none, or chunked)
    bool chunked = false;
    bool keepAlive = true; // the connection may carry another request after this one
    bool expectContinue = false;
    QHostAddress peer;

    // The first field named `name` (case-insensitive), or a null array.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers)
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    bool hasBody() const { return chunked || contentLength > 0; }
    bool isMethod(QByteArrayView m) const { return method == m; }

    // The target's path, still percent-encoded ("/" for "*" and for an absolute-form target
    // without one).
    QByteArrayView rawPath() const
    {
        QByteArrayView t(target);
        if (!t.startsWith('/')) {
            const qsizetype scheme = t.indexOf("://");
            if (scheme < 0)
                return "/";
            t = t.sliced(scheme + 3);
            const qsizetype slash = t.indexOf('/');
            const qsizetype question = t.indexOf('?');
            if (slash < 0 || (question >= 0 && question < slash))
                return "/";
            t = t.sliced(slash);
        }
        const qsizetype end = t.indexOf('?');
        return end < 0 ? t : t.first(end);
    }
    // The query after '?', still percent-encoded (empty without one). A target has no
    // fragment: '#' is not a valid target byte, so the parser refused it already.
    QByteArrayView rawQuery() const
    {
        const qsizetype q = QByteArrayView(target).indexOf('?');
        return q < 0 ? QByteArrayView() : QByteArrayView(target).sliced(q + 1);
    }
};

} // namespace Hookscope::Http
