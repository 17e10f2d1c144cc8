// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Hookscope::Utf8Text {

bool isAscii(QByteArrayView bytes);

// out = the text of the UTF-8 `bytes`, in out's own buffer when they are ASCII (nearly
// always, for ids, actors and entities) and the buffer is not shared: a loop over a million
// rows allocates (almost) nothing once the buffer has grown.
void assign(QString &out, QByteArrayView bytes);

} // namespace Hookscope::Utf8Text
