// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Hookscope::JsonText {

// The JSON text re-indented (`indent` spaces a level), everything else exactly as received:
// keys in their order, strings and numbers with their own spelling and escapes. QJsonDocument
// would sort the keys and respell numbers; the inspector shows what Thena sent. The input must
// be valid JSON (QJsonDocument::fromJson accepted it); whitespace outside strings is replaced.
QString pretty(QByteArrayView json, int indent = 4);

} // namespace Hookscope::JsonText
