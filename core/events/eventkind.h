// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "core/events/event.h"

namespace Hookscope::EventKind {

// The family an event type belongs to, from its prefix: "comment" (ticket:comment:created,
// account-task:comment:created, …), "ticket", "account" (account:… and account-…:…), "user",
// "organization", "custom-object", "app" (installation notices), "request" (legacy request
// webhooks); empty for anything else. The table colours rows by it and the manifest's event
// picker groups the catalogue by it.
QString ofType(const QString &type);

// ofType() for a stored event, plus "invalid" for a body that did not parse and "unknown"
// when the type names no family.
QString of(const EventSummary &summary);

} // namespace Hookscope::EventKind
