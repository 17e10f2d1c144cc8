// SPDX-License-Identifier: MIT
#include "settingsdialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "core/common/secrets.h"
#include "core/thena/thenaclient.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * 1024;
const QColor WarningColor(0xd6, 0x27, 0x28);

QLabel *pageTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    label->setFont(f);
    return label;
}

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A size spin box shows whole units; a value set elsewhere in bytes (e.g. --max-body 5000)
// must survive the dialog unchanged unless the user edits it.
qint64 bytesFrom(const QSpinBox *box, qint64 initialBytes, qint64 unit)
{
    const qint64 shown = std::max<qint64>(1, (initialBytes + unit / 2) / unit);
    return box->value() == shown ? initialBytes : box->value() * unit;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, const QString &secret, QWidget *parent)
    : QDialog(parent),
      m_initial(settings),
      m_initialSecret(secret),
      m_pages(new QListWidget(this)),
      m_stack(new QStackedWidget(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                             | QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setWindowTitle(tr("Settings"));

    m_pages->setAccessibleName(tr("Settings pages"));
    m_pages->setSpacing(2);
    m_pages->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);

    addPage(buildReceiverPage(), tr("Receiver"));
    addPage(buildLimitsPage(), tr("Limits"));
    addPage(buildRetentionPage(), tr("Retention"));
    addPage(buildAppearancePage(), tr("Appearance"));
    addPage(buildThenaPage(), tr("Thena API"));
    m_pages->setFixedWidth(m_pages->sizeHintForColumn(0) + 2 * m_pages->frameWidth() + 24);

    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::WindowText, WarningColor);
    m_problem->setPalette(warning);
    m_problem->setWordWrap(true);

    auto *body = new QHBoxLayout;
    body->addWidget(m_pages);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_pages, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] {
                load(AppSettings{}); // the secret is not a default: it stays as it is
            });
    m_buttons->button(QDialogButtonBox::RestoreDefaults)
            ->setAccessibleName(tr("Restore default settings"));

    load(settings);
    m_secret->setText(secret);
    m_pages->setCurrentRow(0);
    updateState();
    resize(620, 380);
}

void SettingsDialog::addPage(QWidget *page, const QString &title)
{
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(title, m_pages);
    item->setSizeHint(QSize(m_pages->fontMetrics().horizontalAdvance(title) + 24,
                            m_pages->fontMetrics().height() + 12));
}

QWidget *SettingsDialog::buildReceiverPage()
{
    auto *page = new QWidget(this);
    m_port = new QSpinBox(page);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setAccessibleName(tr("Receiver port"));
    m_bind = new QComboBox(page);
    m_bind->setEditable(true);
    m_bind->addItems({ u"127.0.0.1"_s, u"::1"_s, u"0.0.0.0"_s, u"::"_s });
    m_bind->setAccessibleName(tr("Bind address"));
    m_bind->setToolTip(tr(
            "127.0.0.1 and ::1 accept deliveries from this computer only (use a tunnel for Thena); "
            "0.0.0.0 and :: accept them from the network"));
    m_bindWarning = new QLabel(page);
    m_bindWarning->setWordWrap(true);
    QPalette warning = m_bindWarning->palette();
    warning.setColor(QPalette::WindowText, WarningColor);
    m_bindWarning->setPalette(warning);
    m_allowRemote = new QCheckBox(tr("Allow deliveries from other computers"), page);
    m_allowRemote->setAccessibleName(tr("Allow deliveries from other computers"));

    m_secret = new QLineEdit(page);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("None: every request is accepted"));
    m_secret->setAccessibleName(tr("Secret token"));
    m_showSecret = new QPushButton(tr("Sho&w"), page);
    m_showSecret->setCheckable(true);
    m_showSecret->setAccessibleName(tr("Show secret token"));
    m_generate = new QPushButton(tr("&Generate"), page);
    m_generate->setAccessibleName(tr("Generate a secret token"));
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_showSecret);
    secretRow->addWidget(m_generate);

    auto *form = new QFormLayout;
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Bind address:"), m_bind);
    form->addRow(QString(), m_bindWarning);
    form->addRow(QString(), m_allowRemote);
    auto *secretLabel = new QLabel(tr("&Secret token:"), page);
    secretLabel->setBuddy(m_secret);
    form->addRow(secretLabel, secretRow);
    form->addRow(
            QString(),
            note(tr("Deliveries must then carry it (/hooks/<token>, ?token= or an Authorization "
                    "header). It is kept in the system keychain, never in the settings file."),
                 page));

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 0, 0, 0);
    layout->addWidget(pageTitle(tr("Receiver"), page));
    layout->addLayout(form);
    layout->addWidget(note(
            tr("The receiver restarts with these settings when you press OK. Options given on the "
               "command line (--port, --bind, --secret) take precedence for that session."),
            page));
    layout->addStretch(1);

    connect(m_port, &QSpinBox::valueChanged, this, &SettingsDialog::updateState);
    connect(m_bind, &QComboBox::editTextChanged, this, &SettingsDialog::updateState);
    connect(m_allowRemote, &QCheckBox::toggled, this, &SettingsDialog::updateState);
    connect(m_secret, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(m_showSecret, &QPushButton::toggled, this, [this](bool show) {
        m_secret->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        m_showSecret->setText(show ? tr("Hi&de") : tr("Sho&w"));
    });
    connect(m_generate, &QPushButton::clicked, this,
            [this] { m_secret->setText(Secrets::randomToken()); });
    return page;
}

QWidget *SettingsDialog::buildLimitsPage()
{
    auto *page = new QWidget(this);
    m_maxBody = new QSpinBox(page);
    m_maxBody->setRange(1, 1024);
    m_maxBody->setSuffix(tr(" MiB"));
    m_maxBody->setAccessibleName(tr("Largest accepted body"));
    m_maxHeader = new QSpinBox(page);
    m_maxHeader->setRange(1, 16 * 1024);
    m_maxHeader->setSuffix(tr(" KiB"));
    m_maxHeader->setAccessibleName(tr("Largest accepted headers"));
    m_connections = new QSpinBox(page);
    m_connections->setRange(1, 100'000);
    m_connections->setAccessibleName(tr("Simultaneous connections"));
    m_idle = new QSpinBox(page);
    m_idle->setRange(1, 24 * 60 * 60);
    m_idle->setSuffix(tr(" s"));
    m_idle->setAccessibleName(tr("Idle connection timeout"));
    m_requestTimeout = new QSpinBox(page);
    m_requestTimeout->setRange(1, 60 * 60);
    m_requestTimeout->setSuffix(tr(" s"));
    m_requestTimeout->setAccessibleName(tr("Request timeout"));
    m_rate = new QSpinBox(page);
    m_rate->setRange(0, 1'000'000);
    m_rate->setSingleStep(100);
    m_rate->setGroupSeparatorShown(true);
    m_rate->setSuffix(tr(" per second"));
    m_rate->setSpecialValueText(tr("No limit"));
    m_rate->setAccessibleName(tr("Deliveries per second from one client"));

    auto *form = new QFormLayout;
    form->addRow(tr("Largest &body:"), m_maxBody);
    form->addRow(tr("Largest &headers:"), m_maxHeader);
    form->addRow(tr("Simultaneous &connections:"), m_connections);
    form->addRow(tr("Close &idle connections after:"), m_idle);
    form->addRow(tr("A request must arrive &within:"), m_requestTimeout);
    form->addRow(tr("Deliveries from one &client:"), m_rate);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 0, 0, 0);
    layout->addWidget(pageTitle(tr("Limits"), page));
    layout->addLayout(form);
    layout->addWidget(note(
            tr("Larger bodies are refused with 413 and larger headers with 431 before anything is "
               "buffered; Thena then retries. Connections beyond the limit are closed at once. A "
               "request "
               "still incomplete after the timeout gets 408 (slow senders). A client sending "
               "faster than "
               "its rate (bursts of twice that) gets 429 with Retry-After; behind a tunnel the "
               "client is "
               "the address in X-Forwarded-For, and local tools on this machine are not limited."),
            page));
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildRetentionPage()
{
    auto *page = new QWidget(this);
    m_retention = new QSpinBox(page);
    m_retention->setRange(100, 100'000'000);
    m_retention->setSingleStep(10'000);
    m_retention->setGroupSeparatorShown(true);
    m_retention->setSuffix(tr(" events"));
    m_retention->setAccessibleName(tr("Events to keep"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Keep the newest:"), m_retention);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 0, 0, 0);
    layout->addWidget(pageTitle(tr("Retention"), page));
    layout->addLayout(form);
    layout->addWidget(
            note(tr("When the store holds more, the oldest events are deleted after each commit. "
                    "File → Clear history deletes everything at once."),
                 page));
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildAppearancePage()
{
    auto *page = new QWidget(this);
    m_system = new QRadioButton(tr("Follow the &system"), page);
    m_light = new QRadioButton(tr("&Light"), page);
    m_dark = new QRadioButton(tr("&Dark"), page);
    auto *group = new QButtonGroup(page);
    for (QRadioButton *b : { m_system, m_light, m_dark }) {
        group->addButton(b);
        b->setAccessibleName(b->text().remove(u'&'));
    }

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 0, 0, 0);
    layout->addWidget(pageTitle(tr("Appearance"), page));
    layout->addWidget(new QLabel(tr("Theme:"), page));
    layout->addWidget(m_system);
    layout->addWidget(m_light);
    layout->addWidget(m_dark);
    layout->addWidget(note(
            tr("Event colours in the table are translucent tints and read well in both themes."),
            page));
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildThenaPage()
{
    auto *page = new QWidget(this);
    m_appsUrl = new QLineEdit(page);
    m_appsUrl->setPlaceholderText(ThenaClient::defaultAppsUrl().toString());
    m_appsUrl->setAccessibleName(tr("Apps API URL"));
    m_appsUrl->setClearButtonEnabled(true);
    m_platformUrl = new QLineEdit(page);
    m_platformUrl->setPlaceholderText(ThenaClient::defaultPlatformUrl().toString());
    m_platformUrl->setAccessibleName(tr("Platform API URL"));
    m_platformUrl->setClearButtonEnabled(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Apps API:"), m_appsUrl);
    form->addRow(tr("&Platform API:"), m_platformUrl);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 0, 0, 0);
    layout->addWidget(pageTitle(tr("Thena API"), page));
    layout->addLayout(form);
    layout->addWidget(note(
            tr("Where the setup wizard and Tools → Thena apps send their calls: create, install "
               "and "
               "uninstall go to the apps API, the list of teams to the platform API. Leave a field "
               "empty for the built-in URL. $%1 and $%2 override these fields when set.")
                    .arg(ThenaClient::AppsUrlVariable, ThenaClient::PlatformUrlVariable),
            page));
    QStringList overridden;
    for (const QLatin1StringView variable :
         { ThenaClient::AppsUrlVariable, ThenaClient::PlatformUrlVariable }) {
        const QString value = qEnvironmentVariable(variable.data());
        if (!value.isEmpty())
            overridden.append(u"$%1=%2"_s.arg(variable, value));
    }
    if (!overridden.isEmpty())
        layout->addWidget(note(tr("Set now: %1").arg(overridden.join(u", "_s)), page));
    layout->addStretch(1);

    connect(m_appsUrl, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(m_platformUrl, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    return page;
}

void SettingsDialog::load(const AppSettings &s)
{
    m_port->setValue(s.port);
    m_bind->setEditText(s.bindAddress);
    m_allowRemote->setChecked(!s.isLoopbackOnly());
    m_maxBody->setValue(int(std::max<qint64>(1, (s.maxBodyBytes + MiB / 2) / MiB)));
    m_maxHeader->setValue(int(std::max<qint64>(1, (s.maxHeaderBytes + KiB / 2) / KiB)));
    m_connections->setValue(s.maxConnections);
    m_idle->setValue(std::max(1, (s.idleTimeoutMs + 500) / 1000));
    m_requestTimeout->setValue(std::max(1, (s.requestTimeoutMs + 500) / 1000));
    m_rate->setValue(s.ratePerClient);
    m_retention->setValue(int(std::min<qint64>(s.retention, m_retention->maximum())));
    themeButton(s.theme)->setChecked(true);
    m_appsUrl->setText(s.thenaAppsUrl);
    m_platformUrl->setText(s.thenaPlatformUrl);
    updateState();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.port = quint16(m_port->value());
    s.bindAddress = m_bind->currentText().trimmed();
    s.maxBodyBytes = bytesFrom(m_maxBody, m_initial.maxBodyBytes, MiB);
    s.maxHeaderBytes = bytesFrom(m_maxHeader, m_initial.maxHeaderBytes, KiB);
    s.maxConnections = m_connections->value();
    s.idleTimeoutMs = int(bytesFrom(m_idle, m_initial.idleTimeoutMs, 1000));
    s.requestTimeoutMs = int(bytesFrom(m_requestTimeout, m_initial.requestTimeoutMs, 1000));
    s.ratePerClient = m_rate->value();
    s.retention = m_retention->value()
                    == int(std::min<qint64>(m_initial.retention, m_retention->maximum()))
            ? m_initial.retention
            : m_retention->value();
    s.theme = m_dark->isChecked()  ? ThemeMode::Dark
            : m_light->isChecked() ? ThemeMode::Light
                                   : ThemeMode::System;
    s.thenaAppsUrl = m_appsUrl->text().trimmed();
    s.thenaPlatformUrl = m_platformUrl->text().trimmed();
    return s;
}

QString SettingsDialog::secret() const
{
    return m_secret->text().trimmed();
}

bool SettingsDialog::secretChanged() const
{
    return secret() != m_initialSecret;
}

QString SettingsDialog::problem() const
{
    const QString text = m_bind->currentText().trimmed();
    const QHostAddress address(text);
    if (address.isNull())
        return tr("“%1” is not an IP address (for example 127.0.0.1 or 0.0.0.0).").arg(text);
    if (!address.isLoopback() && !m_allowRemote->isChecked())
        return tr(
                "Confirm that deliveries from other computers are allowed, or bind to 127.0.0.1.");
    for (const QLineEdit *edit : { m_appsUrl, m_platformUrl }) {
        const QString url = edit ? edit->text().trimmed() : QString();
        if (!url.isEmpty() && !AppSettings::isHttpUrl(url))
            return tr("“%1” is not an http(s) URL (for example https://apps-studio.thena.ai).")
                    .arg(url);
    }
    return {};
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    return Page(m_stack->currentIndex());
}

void SettingsDialog::setCurrentPage(Page page)
{
    m_pages->setCurrentRow(int(page));
}

QRadioButton *SettingsDialog::themeButton(ThemeMode mode) const
{
    switch (mode) {
    case ThemeMode::Light:
        return m_light;
    case ThemeMode::Dark:
        return m_dark;
    case ThemeMode::System:
        break;
    }
    return m_system;
}

QPushButton *SettingsDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void SettingsDialog::updateState()
{
    if (!m_bind || !m_allowRemote || !m_problem || !m_appsUrl || !m_platformUrl)
        return;
    const QHostAddress address(m_bind->currentText().trimmed());
    const bool remote = !address.isNull() && !address.isLoopback();
    QString warning;
    if (remote) {
        warning =
                tr("Reachable from the network: anyone who can reach this computer on port %1 can "
                   "post events.")
                        .arg(m_port->value() == 0 ? tr("(any)") : QString::number(m_port->value()));
        if (m_secret->text().trimmed().isEmpty())
            warning += u' ' + tr("Set a secret token below so that only Thena can.");
    }
    m_bindWarning->setText(warning);
    m_bindWarning->setVisible(remote);
    m_allowRemote->setVisible(remote);

    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    okButton()->setEnabled(why.isEmpty());
}

} // namespace Hookscope
