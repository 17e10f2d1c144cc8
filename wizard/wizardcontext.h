// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "core/receiver/receiver.h"
#include "core/relay/relayclient.h"
#include "core/store/eventstore.h"

#include "core/thena/manifest.h"
#include "core/thena/thenaresult.h"

namespace Hookscope {

class AppRegistry;
class SecretStore;
class ThenaClient;

// What the setup wizard's pages share: the services they call and what the user has chosen
// so far. Everything here except the API key (which lives in ThenaClient and the keychain),
// the client secret (keychain) and the app settings' values is saved when the wizard closes
// and restored when it is opened again.
struct WizardContext
{
    ThenaClient *client = nullptr;
    SecretStore *secrets = nullptr;
    AppRegistry *registry = nullptr;
    QPointer<Receiver> receiver; // may be absent or not listening
    QPointer<RelayClient> relay; // set when the app can receive from a relay channel
    QPointer<EventStore> store; // where the receiver stores, for the legacy webhooks test

    QList<ThenaTeam> availableTeams; // from the API, when listing worked
    QStringList teamIds; // chosen
    QString endpointUrl; // the base endpoint the manifest's four URLs derive from
    EndpointStyle endpointStyle = EndpointStyle::Path;
    Manifest manifest;
    ThenaCreatedApp createdApp; // appId empty until created (or an existing app chosen)
    ThenaInstallResult installResult;
    QStringList installedTeams; // of createdApp, as confirmed by the server
    QHash<QString, QString> settingValues; // the manifest's app settings, key -> value
};

} // namespace Hookscope
