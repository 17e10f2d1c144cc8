// SPDX-License-Identifier: MIT
#pragma once

#include <QWizard>

#include "wizard/wizardcontext.h"

namespace Hookscope {

// Tools → Set up Thena webhooks…: API key → teams → endpoint → manifest → create app →
// install → done. Each page validates before Next; the choices are restored when the
// wizard is opened again.
class SetupWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupWizard)

public:
    enum PageId {
        ApiKeyPageId,
        TeamsPageId,
        EndpointPageId,
        ManifestPageId,
        CreatePageId,
        InstallPageId,
        DonePageId
    };

    SetupWizard(ThenaClient *client, SecretStore *secrets, AppRegistry *registry,
                Receiver *receiver, QWidget *parent = nullptr);
    ~SetupWizard() override;

    WizardContext &context();
    // Lets the endpoint page create a relay channel and start receiving from it.
    void setRelayClient(RelayClient *relay);
    // The receiver's store: the legacy webhooks dialog reports what its test request became.
    void setEventStore(EventStore *store);

    // Settings group where the (non-secret) choices are kept between runs.
    static QString settingsGroup();

Q_SIGNALS:
    // The user asked the Done page for a local test delivery.
    void testEventRequested();

private:
    void saveState() const;
    void restoreState();

    WizardContext m_context;
};

} // namespace Hookscope
