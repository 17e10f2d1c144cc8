// SPDX-License-Identifier: MIT
#include "donepage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/receiver/receiver.h"
#include "wizard/legacywebhooksdialog.h"
#include "wizard/pages/createpage.h"
#include "wizard/wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

DonePage::DonePage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent), m_context(context), m_text(new QLabel(this))
{
    setTitle(tr("Done"));
    setFinalPage(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *test = new QPushButton(tr("Send a local &test event"), this);
    connect(test, &QPushButton::clicked, this, &DonePage::testEventRequested);
    auto *legacy = new QLabel(
            tr("Also receiving Thena's older request webhooks (request created / request updated)? "
               "<a href=\"#legacy\">Set them up for this receiver…</a>"),
            this);
    legacy->setWordWrap(true);
    connect(legacy, &QLabel::linkActivated, this, [this] {
        const QString url = m_context->endpointUrl.startsWith(u"http://127."_s)
                ? QString()
                : m_context->endpointUrl;
        LegacyWebhooksDialog::openFor(m_context->receiver, m_context->store, url, this);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(test, 0, Qt::AlignLeft);
    layout->addSpacing(12);
    layout->addWidget(legacy);
    layout->addStretch(1);
}

QString DonePage::text() const
{
    return m_text->text();
}

void DonePage::initializePage()
{
    const bool listening = m_context->receiver && m_context->receiver->isListening();
    QString text = tr("<p>Thena now delivers the events of %n team(s) to<br><b>%1</b></p>", nullptr,
                      int(m_context->installedTeams.size()))
                           .arg(maskedUrl(m_context->manifest.eventsWebhookUrl().isEmpty()
                                                  ? m_context->endpointUrl
                                                  : m_context->manifest.eventsWebhookUrl(),
                                          m_context)
                                        .toHtmlEscaped());
    text += listening
            ? tr("<p>The receiver is listening on %1. Events appear in the main window's table as "
                 "they arrive; select one to inspect its payload.</p>")
                      .arg(m_context->receiver->displayUrl().toHtmlEscaped())
            : tr("<p><span style='color:#d62728'>The receiver is not running.</span> Start it from "
                 "Receiver → Restart receiver.</p>");
    if (!m_context->endpointUrl.startsWith(u"http://127."_s)
        && !m_context->endpointUrl.startsWith(u"http://localhost"_s))
        text += tr(
                "<p>Keep the tunnel or relay to this computer running while you watch events.</p>");
    text += tr("<p>In Thena, open the app settings and check that the app appears there (Thena's "
               "docs: after "
               "installation the webhook app appears in your app settings).</p>");
    text += tr("<p>Manage the app later under Tools → Thena apps.</p>");
    m_text->setText(text);
}

} // namespace Hookscope
