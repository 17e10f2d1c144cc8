// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Hookscope {

// A group of event types for the manifest's event picker.
struct EventCategory
{
    QString id; // "ticket", "account", "comment", "user", "organization", "custom-object"
    QString title; // "Tickets", ...
    QStringList types; // as listed in the catalogue (custom objects keep "<name>")
    QString pattern; // the category as a Hookscope filter ("ticket:*"); custom objects:
                     // "custom-object:<name>:*", see withObjectName(). Patterns are for the
                     // filter bar: a manifest lists the names (EventCatalogue::expand()).
};

// The Thena platform event types (core/thena/event-types.txt, a resource), grouped into
// categories. Comments are their own category: ticket:comment:* and account-*:comment:*.
// Custom-object types carry a "<name>" placeholder for the object's name.
//
// Patterns are globs: '*' matches any run of characters (':' included), '?' one character,
// as in Thena's docs (ticket:*) and in Hookscope's filter language.
class EventCatalogue final
{
public:
    static constexpr QLatin1StringView NamePlaceholder{ "<name>" };

    // The catalogue shipped with Hookscope.
    static const EventCatalogue &builtin();
    // One type per line; blank lines and lines starting with '#' are skipped.
    static EventCatalogue parse(const QString &text);

    const QStringList &types() const { return m_types; }
    // In a fixed order: ticket, account, comment, user, organization, custom-object; only
    // non-empty categories.
    QList<EventCategory> categories() const;

    // The category id of a type (or pattern): "comment" for ticket:comment:created and
    // account-task:comment:created, "account" for account-health:changed, ... Empty when none fits.
    static QString categoryOf(const QString &type);

    // A custom object name Thena can use: letters, digits, '_' and '-'.
    static bool isValidObjectName(const QString &name);
    // "custom-object:<name>:created" + "deal" -> "custom-object:deal:created"; empty when the
    // name is not valid.
    static QString withObjectName(const QString &typeOrPattern, const QString &name);
    // "custom-object:deal:*"; empty when the name is not valid.
    static QString customObjectPattern(const QString &name);

    // The documented names a pattern stands for, in catalogue order: "ticket:*" -> every
    // ticket:… name (comments and reactions included), "account*" -> account and account-…
    // names. Custom-object names are included for each of `objectNames` ("custom-object:*"
    // with {"deal"} -> the four custom-object:deal:… names). A name that is not a pattern is
    // returned as is (documented or not).
    QStringList expand(const QString &eventOrPattern, const QStringList &objectNames = {}) const;
    // A name Thena's docs list (custom-object:<any valid name>:created and so on).
    bool isDocumented(const QString &name) const;
    // The docs' one-line description of a name ("New ticket creation"); empty when none.
    QString description(const QString &type) const;

    // True when `eventOrPattern` is a listed type (any object name for custom objects) or a
    // pattern that matches at least one.
    bool isKnown(const QString &eventOrPattern) const;
    static bool isPattern(const QString &text);
    static bool globMatches(const QString &pattern, const QString &type);

private:
    QStringList m_types;
    QHash<QString, QString> m_descriptions;
};

} // namespace Hookscope
