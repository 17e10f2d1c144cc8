// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>
#include <QString>

namespace Hookscope {

// Which of an app's four URLs a delivery was sent to. The setup wizard and `hookscope thena
// manifest` derive all four from one endpoint (WebhookEndpoints in core/thena/manifest.h):
// a path suffix (…/hooks/<token>/events) or, for relay channels whose URL is a single path
// segment, a query item (…/<channel>?endpoint=events).
enum class EndpointRole {
    Unknown,
    Events, // integration.webhooks.events
    Installations, // integration.webhooks.installations
    Interactivity, // integration.interactivity.request_url
    MessageMenuOption, // integration.interactivity.message_menu_option_url
};

namespace EndpointRoles {

inline constexpr QLatin1StringView QueryKey{ "endpoint" };

// "events", "installations", "interactivity", "menu"; empty for Unknown.
QLatin1StringView suffix(EndpointRole role);

// The role named by the last path segment, else by the query's endpoint= item.
EndpointRole of(const QString &path, const QString &query);

// The event type of a delivery to an interactivity URL whose body does not name its own type:
// "interactivity:request", "interactivity:message-menu-option"; empty for the other roles
// (events and installation notices name their type in the body).
QString typeLabel(EndpointRole role);

} // namespace EndpointRoles

} // namespace Hookscope
