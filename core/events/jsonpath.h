// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QStringView>

namespace Hookscope::JsonPath {

// Resolves a dotted path such as "payload.ticket.priorityName", "payload.ticket.tags[0]"
// or "payload.ticket.tags.0" against a JSON value. Returns an undefined QJsonValue when any
// step is missing. An empty path returns the value itself.
QJsonValue resolve(const QJsonValue &root, QStringView path);

// Scalars as text (numbers without exponent noise, booleans as true/false, null as
// empty); arrays and objects as compact JSON.
QString toText(const QJsonValue &value);

} // namespace Hookscope::JsonPath
