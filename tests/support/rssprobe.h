// SPDX-License-Identifier: MIT
#pragma once

// The memory side of the hostile-input suites (tst_hostile, tst_framing): how much this
// process (servers and clients) grew across an attack.

#include <QtGlobal>

#include "tests/support/httpclient.h"

// AddressSanitizer keeps freed memory in quarantine (up to 256 MiB), so RSS says little about
// what the code holds on to there: the growth is still measured and printed, not asserted.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool UnderAddressSanitizer = true;
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
constexpr bool UnderAddressSanitizer = true;
#  else
constexpr bool UnderAddressSanitizer = false;
#  endif
#else
constexpr bool UnderAddressSanitizer = false;
#endif

// Peak RSS growth of this process across an attack: sampled, and the kernel's peak where it
// can be reset.
class RssProbe
{
public:
    RssProbe()
        : m_before(HttpClient::residentSetBytes()),
          m_peakReset(HttpClient::resetResidentSetPeak()),
          m_sampled(m_before)
    {
    }
    void sample() { m_sampled = qMax(m_sampled, HttpClient::residentSetBytes()); }
    qint64 growth()
    {
        sample();
        const qint64 kernelPeak = m_peakReset ? HttpClient::residentSetPeakBytes() : -1;
        return qMax(m_sampled, kernelPeak) - m_before;
    }
    // Whether growth() is worth an assertion here.
    bool available() const { return m_before > 0 && !UnderAddressSanitizer; }

private:
    qint64 m_before;
    bool m_peakReset;
    qint64 m_sampled;
};
