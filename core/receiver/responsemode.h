// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Hookscope {

// Answers the receiver gives on purpose, so a user can watch how Thena retries before
// pointing production at a flaky endpoint: the next `count` deliveries (or every one while
// it is on), optionally only those matching a filter, are stored as usual and then
// answered with `status` after `delayMs`, or their connection is dropped.
struct ResponseMode
{
    Q_DECLARE_TR_FUNCTIONS(ResponseMode)

public:
    enum class Action { Status, Drop };

    Action action = Action::Status;
    int status = 503;
    int delayMs = 0;
    int count = 1; // deliveries to answer this way; 0: until switched off
    QString filter; // filter-bar syntax; empty: every delivery

    // "503 after 2 s", "dropped connection".
    QString answerText() const;
    // For the status bar: "Response mode: 503 to the next 3 deliveries matching ticket:*".
    QString describe(int remaining) const;
    // What the answer records: "status 503", "status 200, delay 2000 ms", "dropped".
    QString recordedMode() const;
    // The body of a status answer (JSON, says it was on purpose).
    QByteArray body(qint64 id) const;

    friend bool operator==(const ResponseMode &, const ResponseMode &) = default;
};

} // namespace Hookscope
