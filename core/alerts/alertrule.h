// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Hookscope {

// A saved filter that raises a notification when a new event matches it. The expression is
// kept as text (FilterExpression grammar), so a rule that no longer parses is kept and shown
// with its error instead of being dropped.
struct AlertRule
{
    QString id; // stable key for rate limiting and editing; see newId()
    QString name;
    QString filter;
    bool enabled = true;

    // {"id", "name", "filter", "enabled"}
    QJsonObject toJson() const;
    // nullopt when the object has no "filter" string; a missing id gets a new one.
    static std::optional<AlertRule> fromJson(const QJsonObject &object);
    static QString newId();

    friend bool operator==(const AlertRule &, const AlertRule &) = default;
};

} // namespace Hookscope
