// SPDX-License-Identifier: MIT
#include "emptytablemessage.h"

#include <QAbstractItemView>
#include <QStyle>
#include <QEvent>
#include <QKeyEvent>

#include "ui/events/eventfilterproxy.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {
constexpr int MaxWidth = 560;
constexpr int Margin = 16;
} // namespace

EmptyTableMessage::EmptyTableMessage(QAbstractItemView *view, EventFilterProxy *proxy)
    : QLabel(view->viewport()), m_view(view), m_proxy(proxy)
{
    setObjectName(u"emptyTableMessage"_s);
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setAlignment(Qt::AlignCenter);
    setOpenExternalLinks(false);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    setForegroundRole(QPalette::PlaceholderText);
    setAutoFillBackground(false);
    connect(this, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == "test"_L1)
            Q_EMIT sendTestEventRequested();
        else if (link == "clear"_L1)
            Q_EMIT clearFilterRequested();
    });

    view->viewport()->installEventFilter(this);
    view->installEventFilter(this);
    const auto follow = [this](QAbstractItemModel *model) {
        if (!model)
            return;
        connect(model, &QAbstractItemModel::rowsInserted, this, &EmptyTableMessage::refresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &EmptyTableMessage::refresh);
        connect(model, &QAbstractItemModel::modelReset, this, &EmptyTableMessage::refresh);
        connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyTableMessage::refresh);
    };
    follow(proxy);
    follow(proxy ? proxy->sourceModel() : nullptr);
    if (proxy)
        connect(proxy, &EventFilterProxy::filterFinished, this, &EmptyTableMessage::refresh);
    refresh();
}

void EmptyTableMessage::setWebhookUrl(const QString &url)
{
    m_url = url;
    refresh();
}

EmptyTableMessage::State EmptyTableMessage::state() const
{
    return m_state;
}

void EmptyTableMessage::refresh()
{
    const QAbstractItemModel *source = m_proxy ? m_proxy->sourceModel() : nullptr;
    const int shown = m_proxy ? m_proxy->rowCount() : 0;
    const int total = source ? source->rowCount() : shown;
    if (total == 0) {
        m_state = State::NoEvents;
        if (m_url.isEmpty())
            setText(tr("No events yet. The receiver is not running: restart it (Receiver menu), "
                       "change its port in Settings (Ctrl+,), or receive from a relay channel."));
        else
            setText(tr("No events yet. <a href=\"test\">Send a test event</a> (Ctrl+T) or "
                       "point Thena at<br><code>%1</code>")
                            .arg(m_url.toHtmlEscaped()));
    } else if (shown == 0) {
        m_state = State::NoMatch;
        const QString filter = m_proxy->filter().text().trimmed();
        setText(tr("No event matches <code>%1</code>. <a href=\"clear\">Clear the filter</a> "
                   "(Esc)")
                        .arg(filter.toHtmlEscaped()));
    } else {
        m_state = State::Hidden;
    }
    setVisible(m_state != State::Hidden);
    if (m_state != State::Hidden)
        place();
}

void EmptyTableMessage::place()
{
    if (!m_view)
        return;
    const QRect area = m_view->viewport()->rect().adjusted(Margin, Margin, -Margin, -Margin);
    const int width = std::max(1, std::min(MaxWidth, area.width()));
    const int height = std::min(area.height(), heightForWidth(width));
    setGeometry(
            QStyle::alignedRect(layoutDirection(), Qt::AlignCenter, QSize(width, height), area));
}

bool EmptyTableMessage::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::Resize)
        place();
    if (m_view && watched == m_view && event->type() == QEvent::KeyPress
        && m_state == State::NoMatch && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        Q_EMIT clearFilterRequested();
        return true;
    }
    return QLabel::eventFilter(watched, event);
}

} // namespace Hookscope
