// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDialog>
#include <QPointer>
#include <QStringList>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;

namespace Hookscope {

class EventStore;
class Receiver;

// Help → Legacy request webhooks…: how to point Thena's older request webhooks (request
// created / request updated, set up in the dashboard rather than through an app) at this
// receiver, step by step in the dashboard's words; the URL and the authorization value to
// paste (the receiver's secret, hidden until shown); and a test request with a legacy
// request:created body through the real receiver, with what it became.
class LegacyWebhooksDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegacyWebhooksDialog)

public:
    // `endpointUrl`: the public URL to suggest (a tunnel's); empty suggests the receiver's own.
    LegacyWebhooksDialog(Receiver *receiver, EventStore *store, const QString &endpointUrl = {},
                         QWidget *parent = nullptr);

    // A window-modal dialog that deletes itself when closed.
    static LegacyWebhooksDialog *openFor(Receiver *receiver, EventStore *store,
                                         const QString &endpointUrl, QWidget *parent);

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *authorizationEdit() const { return m_authorization; }
    QPushButton *showAuthorizationButton() const { return m_show; }
    QPushButton *copyAuthorizationButton() const { return m_copyAuthorization; }
    QPushButton *copyUrlButton() const { return m_copyUrl; }
    QPushButton *testButton() const { return m_test; }
    QString stepsText() const;
    QString secretNote() const;
    QString testResultText() const;

    // A request:created body as Thena's legacy request webhooks post it.
    static QByteArray sampleBody();
    // POSTs sampleBody() to the receiver with `Authorization: <secret>`; testFinished() follows.
    void sendTestRequest();

Q_SIGNALS:
    void testFinished(int httpStatus);

private:
    QString secret() const;
    void updateUrlNote();
    void showTestResult(int status, const QByteArray &body, const QString &networkError);

    QPointer<Receiver> m_receiver;
    QPointer<EventStore> m_store;
    QNetworkAccessManager *m_network;
    QStringList m_steps; // the steps as shown, for stepsText()
    QLineEdit *m_url;
    QPushButton *m_copyUrl;
    QLabel *m_urlNote;
    QLineEdit *m_authorization;
    QPushButton *m_show;
    QPushButton *m_copyAuthorization;
    QLabel *m_secretNote;
    QPushButton *m_test;
    QLabel *m_testResult;
};

} // namespace Hookscope
