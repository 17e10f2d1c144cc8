// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>
#include <QPointer>

class QAbstractItemView;

namespace Hookscope {

class EventFilterProxy;

// The line in the middle of an empty event table that says what to do: with no events at all,
// how to get one (send a test event, or the URL to give Thena); when the filter hides every
// event, which filter and how to clear it. A label on the view's viewport, in the palette's
// placeholder and link colours (so it reads in light and dark themes); hidden while the table
// has rows. Its links, and Esc in the table while a filter hides everything, ask the window
// to act through the signals.
class EmptyTableMessage final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyTableMessage)

public:
    EmptyTableMessage(QAbstractItemView *view, EventFilterProxy *proxy);

    // The URL to give Thena (the masked one is fine: it is shown, not copied); empty when the
    // receiver is not running.
    void setWebhookUrl(const QString &url);

    enum class State { Hidden, NoEvents, NoMatch };
    State state() const;

Q_SIGNALS:
    void sendTestEventRequested();
    void clearFilterRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void place();

    QPointer<QAbstractItemView> m_view;
    QPointer<EventFilterProxy> m_proxy;
    QString m_url;
    State m_state = State::Hidden;
};

} // namespace Hookscope
