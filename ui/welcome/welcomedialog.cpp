// SPDX-License-Identifier: MIT
#include "welcomedialog.h"

#include <QCommandLinkButton>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

const QString ShownKey = u"welcome/shown"_s;

} // namespace

WelcomeDialog::WelcomeDialog(const QString &webhookUrl, QWidget *parent)
    : QDialog(parent),
      m_wizard(new QCommandLinkButton(this)),
      m_listen(new QCommandLinkButton(this)),
      m_demo(new QCommandLinkButton(this))
{
    setWindowTitle(tr("Welcome to Hookscope"));
    setWindowIcon(QIcon(u":/hookscope/icons/hookscope.svg"_s));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/hookscope/icons/hookscope.svg"_s).pixmap(56, 56));
    icon->setAlignment(Qt::AlignTop);
    auto *title = new QLabel(tr("Welcome to Hookscope"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    title->setFont(big);
    auto *intro = new QLabel(
            tr("Hookscope receives your Thena webhook events, keeps every delivery and shows it "
               "live in a table you can filter and inspect. How would you like to start?"),
            this);
    intro->setWordWrap(true);
    auto *heading = new QVBoxLayout;
    heading->addWidget(title);
    heading->addWidget(intro);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addSpacing(8);
    top->addLayout(heading, 1);

    m_wizard->setText(tr("Set up Thena webhooks…"));
    m_wizard->setDescription(tr("Create a private Thena app that sends your team's events here. "
                                "You need a Thena API key; it is kept in the system keychain."));
    m_wizard->setAccessibleName(tr("Set up Thena webhooks"));

    m_listen->setText(tr("Just listen locally"));
    m_listen->setDescription(
            webhookUrl.isEmpty()
                    ? tr("Start with an empty table and point your own tools at the receiver.")
                    : tr("Start with an empty table; the receiver is listening at %1. "
                         "Receiver → Send a test event (Ctrl+T) shows the whole path.")
                              .arg(webhookUrl));
    m_listen->setAccessibleName(tr("Just listen locally"));

    m_demo->setText(tr("Open demo data"));
    m_demo->setDescription(tr(
            "Load a made-up morning of sample Thena events to explore the table, filters and "
            "inspector. They are marked “demo”: the filter -source:demo hides them. (File → Clear "
            "history removes every event, real ones too.)"));
    m_demo->setAccessibleName(tr("Open demo data"));

    auto *later =
            new QLabel(tr("All of this stays available later: Tools → Set up Thena webhooks… and "
                          "Help → Open demo data."),
                       this);
    later->setWordWrap(true);
    later->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->addLayout(top);
    layout->addSpacing(10);
    layout->addWidget(m_wizard);
    layout->addWidget(m_listen);
    layout->addWidget(m_demo);
    layout->addSpacing(6);
    layout->addWidget(later);

    connect(m_wizard, &QCommandLinkButton::clicked, this, [this] { choose(Choice::SetupWizard); });
    connect(m_listen, &QCommandLinkButton::clicked, this,
            [this] { choose(Choice::ListenLocally); });
    connect(m_demo, &QCommandLinkButton::clicked, this, [this] { choose(Choice::DemoData); });

    m_listen->setDefault(true);
    m_listen->setFocus();
    setMinimumWidth(560);
}

WelcomeDialog::Choice WelcomeDialog::choice() const
{
    return m_choice;
}

QCommandLinkButton *WelcomeDialog::button(Choice choice) const
{
    switch (choice) {
    case Choice::SetupWizard:
        return m_wizard;
    case Choice::ListenLocally:
        return m_listen;
    case Choice::DemoData:
        return m_demo;
    case Choice::None:
        break;
    }
    return nullptr;
}

bool WelcomeDialog::shouldShow(QSettings &settings)
{
    return !settings.value(ShownKey, false).toBool();
}

void WelcomeDialog::markShown(QSettings &settings)
{
    settings.setValue(ShownKey, true);
}

void WelcomeDialog::choose(Choice choice)
{
    m_choice = choice;
    accept();
}

} // namespace Hookscope
