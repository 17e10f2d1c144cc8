// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QToolButton;
class QPushButton;

namespace Hookscope {

// The in-window alert when there is no system tray to show a desktop notification: a small
// non-modal card floating over the top-right corner of its host widget. It hides itself after
// a while; clicking it (or its Show button, or Enter when focused) activates the event.
class AlertBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertBanner)

public:
    static constexpr int DefaultTimeoutMs = 10'000;

    // The banner is a child of host and follows its size.
    explicit AlertBanner(QWidget *host);

    // Shows (or replaces) the alert. eventId 0 means there is nothing to jump to.
    void showAlert(const QString &title, const QString &message, qint64 eventId);
    qint64 eventId() const;
    QString title() const;
    QString message() const;

    // 0 keeps the banner until it is closed or clicked.
    void setTimeout(int ms);
    int timeout() const;

    // Activates the shown event (as a click does) and hides the banner.
    void activate();

Q_SIGNALS:
    void activated(qint64 eventId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void place();

    QPointer<QWidget> m_host;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_message;
    QPushButton *m_show;
    QToolButton *m_close;
    QTimer m_hideTimer;
    qint64 m_eventId = 0;
};

} // namespace Hookscope
