// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Hookscope::Secrets {

// Compares without an early exit, so the time taken says nothing about where two
// secrets differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// A URL-safe random token with `bytes` bytes of entropy (from the system CSPRNG).
QString randomToken(int bytes = 24);

// "abcd…" style hint for showing which secret is configured without revealing it.
QString mask(const QString &secret);

} // namespace Hookscope::Secrets
