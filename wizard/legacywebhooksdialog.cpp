// SPDX-License-Identifier: MIT
#include "legacywebhooksdialog.h"

#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

#include "core/common/httpurl.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QLabel *stepLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}

// The URL without the receiver's token (in the path as /hooks/<token>, or as ?token=): with
// Thena's authorization header carrying it, the URL need not, and then no screen shows it.
QString withoutToken(const QString &url, const QString &secret)
{
    if (secret.isEmpty())
        return url;
    QUrl u(url);
    QString path = u.path();
    const QString hooks = u"/hooks/"_s + secret;
    if (const qsizetype at = path.indexOf(hooks); at >= 0)
        path.remove(at, hooks.size());
    u.setPath(path.isEmpty() ? u"/"_s : path);
    QUrlQuery query(u);
    if (query.queryItemValue(u"token"_s, QUrl::FullyDecoded) == secret)
        query.removeAllQueryItems(u"token"_s);
    u.setQuery(query);
    return u.toString(QUrl::FullyEncoded);
}

QLabel *number(int n, QWidget *parent)
{
    auto *label = new QLabel(u"%1."_s.arg(n), parent);
    label->setAlignment(Qt::AlignRight | Qt::AlignTop);
    return label;
}

} // namespace

LegacyWebhooksDialog::LegacyWebhooksDialog(Receiver *receiver, EventStore *store,
                                           const QString &endpointUrl, QWidget *parent)
    : QDialog(parent),
      m_receiver(receiver),
      m_store(store),
      m_network(new QNetworkAccessManager(this)),
      m_url(new QLineEdit(this)),
      m_copyUrl(new QPushButton(tr("Copy"), this)),
      m_urlNote(new QLabel(this)),
      m_authorization(new QLineEdit(this)),
      m_show(new QPushButton(tr("Show"), this)),
      m_copyAuthorization(new QPushButton(tr("Copy"), this)),
      m_secretNote(new QLabel(this)),
      m_test(new QPushButton(tr("Send a test request"), this)),
      m_testResult(new QLabel(this))
{
    setWindowTitle(tr("Legacy request webhooks"));
    auto *intro = new QLabel(tr("Thena's older request webhooks post <b>request created</b> and "
                                "<b>request updated</b> "
                                "notices. They are set up in the Thena dashboard, not through an "
                                "app. Hookscope stores "
                                "them as request:created and request:updated."),
                             this);
    intro->setWordWrap(true);

    const QString suggested = !endpointUrl.isEmpty() ? endpointUrl
            : m_receiver                             ? m_receiver->webhookUrl()
                                                     : QString();
    m_url->setText(withoutToken(suggested, secret()));
    m_url->setAccessibleName(tr("Webhook endpoint"));
    m_url->setPlaceholderText(tr("https://your-tunnel.example.com/hooks/…"));
    m_copyUrl->setAccessibleName(tr("Copy the webhook endpoint"));
    m_urlNote->setWordWrap(true);
    m_urlNote->setStyleSheet(u"QLabel { color: #b07000; }"_s);
    m_urlNote->setMinimumHeight(m_urlNote->fontMetrics().lineSpacing() * 2 + 2);
    m_urlNote->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_authorization->setReadOnly(true);
    m_authorization->setEchoMode(QLineEdit::Password);
    m_authorization->setText(secret());
    m_authorization->setAccessibleName(tr("Authorization value"));
    m_show->setCheckable(true);
    m_show->setAccessibleName(tr("Show the authorization value"));
    m_copyAuthorization->setAccessibleName(tr("Copy the authorization value"));
    m_secretNote->setWordWrap(true);
    const bool hasSecret = !secret().isEmpty();
    m_authorization->setVisible(hasSecret);
    m_show->setVisible(hasSecret);
    m_copyAuthorization->setVisible(hasSecret);
    m_secretNote->setText(
            hasSecret ? tr(
                    "This is the receiver's secret token. The URL above does not carry it, so "
                    "enter it "
                    "here: the receiver accepts “authorization: <token>” (or “Bearer <token>”).")
                      : tr("The receiver has no secret token, so it accepts deliveries without "
                           "one: leave the "
                           "value empty. To require one, set a secret token in Edit → Settings → "
                           "Receiver (it is "
                           "kept in the system keychain), then open this again."));

    auto *steps = new QGridLayout;
    steps->setColumnStretch(1, 1);
    int row = 0;
    const auto addStep = [&](const QString &text) {
        steps->addWidget(number(int(m_steps.size()) + 1, this), row, 0);
        steps->addWidget(stepLabel(text, this), row, 1);
        m_steps.append(text);
        ++row;
    };
    addStep(tr("In the Thena dashboard, open <b>Global Settings → Integrations</b>."));
    addStep(tr("Under <b>Webhooks</b>, choose <b>Add Integration</b>."));
    addStep(tr("Input your <b>Thena Access Key</b>."));
    addStep(tr("Specify the webhook endpoint:"));
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copyUrl);
    steps->addLayout(urlRow, row++, 1);
    steps->addWidget(m_urlNote, row++, 1);
    addStep(hasSecret ? tr("Specify a header authentication value under the header key "
                           "<b>authorization</b> (optional "
                           "for Thena, needed by this receiver):")
                      : tr("Optionally, specify a header authentication value under the header key "
                           "<b>authorization</b>:"));
    auto *authRow = new QHBoxLayout;
    authRow->addWidget(m_authorization, 1);
    authRow->addWidget(m_show);
    authRow->addWidget(m_copyAuthorization);
    steps->addLayout(authRow, row++, 1);
    steps->addWidget(m_secretNote, row++, 1);
    addStep(tr("Turn on the toggles <b>Request created</b> and <b>Request updated</b>, and save."));

    auto *testBox = new QHBoxLayout;
    testBox->addWidget(m_test);
    testBox->addWidget(m_testResult, 1);
    m_test->setToolTip(tr("Posts a sample request:created body to this computer's receiver, with "
                          "the authorization "
                          "value above, and shows what it became."));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const bool listening = m_receiver && m_receiver->isListening();
    m_test->setEnabled(listening);
    if (!listening)
        m_testResult->setText(
                tr("The receiver is not running: start it from Receiver → Restart receiver."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addLayout(steps);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Check that the receiver takes such a request:"), this));
    layout->addLayout(testBox);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(720, 520);

    connect(m_url, &QLineEdit::textChanged, this, &LegacyWebhooksDialog::updateUrlNote);
    connect(m_copyUrl, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_url->text().trimmed()); });
    connect(m_show, &QPushButton::toggled, this, [this](bool shown) {
        m_authorization->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_show->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_copyAuthorization, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(secret()); });
    connect(m_test, &QPushButton::clicked, this, &LegacyWebhooksDialog::sendTestRequest);
    updateUrlNote();
}

LegacyWebhooksDialog *LegacyWebhooksDialog::openFor(Receiver *receiver, EventStore *store,
                                                    const QString &endpointUrl, QWidget *parent)
{
    auto *dialog = new LegacyWebhooksDialog(receiver, store, endpointUrl, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QString LegacyWebhooksDialog::secret() const
{
    return m_receiver ? m_receiver->config().secret : QString();
}

QString LegacyWebhooksDialog::stepsText() const
{
    return m_steps.join(u'\n');
}

QString LegacyWebhooksDialog::secretNote() const
{
    return m_secretNote->text();
}

QString LegacyWebhooksDialog::testResultText() const
{
    return m_testResult->text();
}

void LegacyWebhooksDialog::updateUrlNote()
{
    const QUrl url(m_url->text().trimmed());
    const QHostAddress host(url.host());
    QString note;
    if (!isHttpUrl(url))
        note = tr("Enter an http(s) URL.");
    else if (host.isLoopback() || url.host() == "localhost"_L1)
        note = tr("%1 is this computer: Thena's cloud cannot reach it. Paste the public URL of a "
                  "tunnel or relay "
                  "that forwards to the receiver.")
                       .arg(url.host());
    m_urlNote->setText(note);
}

QByteArray LegacyWebhooksDialog::sampleBody()
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QJsonObject person{ { u"id"_s, u"UHOOKSCOPE"_s },
                              { u"name"_s, u"hookscope"_s },
                              { u"email"_s, u""_s } };
    const QJsonObject request{
        { u"requestId"_s, u"hookscope-test-%1"_s.arg(QDateTime::currentMSecsSinceEpoch()) },
        { u"AI_requestTitle"_s, u"Hookscope test request"_s },
        { u"description"_s, u"A sample legacy request webhook sent by Hookscope."_s },
        { u"customer_name"_s, u"Hookscope"_s },
        { u"status"_s, u"OPEN"_s },
        { u"createdAt"_s, now },
        { u"updatedAt"_s, now },
        { u"sender"_s, person },
        { u"requestor"_s, person },
    };
    return QJsonDocument(QJsonObject{ { u"action"_s, u"CREATE"_s }, { u"request"_s, request } })
            .toJson(QJsonDocument::Compact);
}

void LegacyWebhooksDialog::sendTestRequest()
{
    if (!m_receiver || !m_receiver->isListening())
        return;
    // The receiver's own address without the token in the path: the header carries it, as
    // Thena's legacy webhooks would.
    QUrl url(m_receiver->webhookUrl());
    url.setPath(u"/"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("User-Agent", "Hookscope legacy webhook test");
    if (!secret().isEmpty())
        request.setRawHeader("Authorization", secret().toUtf8());
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Sending…"));
    QNetworkReply *reply = m_network->post(request, sampleBody());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_test->setEnabled(m_receiver && m_receiver->isListening());
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        showTestResult(status, reply->readAll(), status == 0 ? reply->errorString() : QString());
        Q_EMIT testFinished(status);
    });
}

void LegacyWebhooksDialog::showTestResult(int status, const QByteArray &body,
                                          const QString &networkError)
{
    if (status == 0) {
        m_testResult->setStyleSheet(u"QLabel { color: #d62728; }"_s);
        m_testResult->setText(tr("No answer: %1").arg(networkError));
        return;
    }
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const qint64 id = answer.value("id"_L1).toInteger();
    if (status >= 200 && status < 300) {
        QString type;
        if (m_store && id > 0)
            if (const std::optional<Event> event = m_store->event(id))
                type = event->summary.type;
        m_testResult->setStyleSheet(u"QLabel { color: #2ca02c; }"_s);
        m_testResult->setText(type.isEmpty() ? tr("%1 — stored as event %2").arg(status).arg(id)
                                             : tr("%1 — stored as %2").arg(status).arg(type));
        return;
    }
    QString error = answer.value("error"_L1).toString();
    if (error.isEmpty())
        error = QString::fromUtf8(body).simplified().left(200);
    m_testResult->setStyleSheet(u"QLabel { color: #d62728; }"_s);
    m_testResult->setText(tr("%1 — %2").arg(status).arg(error));
}

} // namespace Hookscope
