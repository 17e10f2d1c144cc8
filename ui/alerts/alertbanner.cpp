// SPDX-License-Identifier: MIT
#include "alertbanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int Margin = 12;
constexpr int MaxWidth = 440;
constexpr int Radius = 6;
constexpr int AccentWidth = 4;
const QColor Accent(0xff, 0x7f, 0x0e); // the alert orange, readable on light and dark

} // namespace

AlertBanner::AlertBanner(QWidget *host)
    : QFrame(host),
      m_host(host),
      m_icon(new QLabel(this)),
      m_title(new QLabel(this)),
      m_message(new QLabel(this)),
      m_show(new QPushButton(tr("&Show event"), this)),
      m_close(new QToolButton(this))
{
    setAccessibleName(tr("Alert"));
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_StyledBackground, false);

    m_icon->setPixmap(QIcon(u":/hookscope/icons/hookscope.svg"_s).pixmap(28, 28));
    m_icon->setFixedSize(28, 28);
    m_icon->setAlignment(Qt::AlignTop);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_show->setAccessibleName(tr("Show the event of this alert"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss alert"));

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_show);
    text->addLayout(buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(AccentWidth + 10, 10, 6, 10);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    m_hideTimer.setSingleShot(true);
    m_hideTimer.setInterval(DefaultTimeoutMs);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    connect(m_show, &QPushButton::clicked, this, &AlertBanner::activate);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);

    if (host)
        host->installEventFilter(this);
    hide();
}

void AlertBanner::showAlert(const QString &title, const QString &message, qint64 eventId)
{
    m_eventId = eventId;
    m_title->setText(title);
    m_message->setText(message);
    m_show->setVisible(eventId > 0);
    setAccessibleDescription(title + u". "_s + message);
    place();
    show();
    raise();
    if (m_hideTimer.interval() > 0)
        m_hideTimer.start();
}

qint64 AlertBanner::eventId() const
{
    return m_eventId;
}

QString AlertBanner::title() const
{
    return m_title->text();
}

QString AlertBanner::message() const
{
    return m_message->text();
}

void AlertBanner::setTimeout(int ms)
{
    m_hideTimer.setInterval(ms);
    if (ms <= 0)
        m_hideTimer.stop();
}

int AlertBanner::timeout() const
{
    return m_hideTimer.interval();
}

void AlertBanner::activate()
{
    hide();
    if (m_eventId > 0)
        Q_EMIT activated(m_eventId);
}

void AlertBanner::place()
{
    if (!m_host)
        return;
    const int width = std::min(MaxWidth, m_host->width() - 2 * Margin);
    const int height = heightForWidth(width) > 0 ? heightForWidth(width) : sizeHint().height();
    setGeometry(m_host->width() - Margin - width, Margin, width, height);
}

bool AlertBanner::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_host && event->type() == QEvent::Resize && isVisible())
        place();
    return QFrame::eventFilter(watched, event);
}

void AlertBanner::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath card;
    card.addRoundedRect(r, Radius, Radius);
    // A card slightly apart from the window in both themes: Base is white in light palettes
    // and the darkest surface in dark ones, ToolTipBase would be yellow on some platforms.
    p.fillPath(card, palette().color(QPalette::Base));
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawPath(card);
    QPainterPath accent;
    accent.addRoundedRect(QRectF(r.left(), r.top(), AccentWidth + Radius, r.height()), Radius,
                          Radius);
    p.setClipRect(QRectF(r.left(), r.top(), AccentWidth, r.height()));
    p.fillPath(accent, Accent);
}

void AlertBanner::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint())) {
        activate();
        return;
    }
    QFrame::mouseReleaseEvent(event);
}

void AlertBanner::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        activate();
        return;
    case Qt::Key_Escape:
        hide();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

void AlertBanner::enterEvent(QEnterEvent *event)
{
    m_hideTimer.stop(); // do not vanish under the pointer
    QFrame::enterEvent(event);
}

void AlertBanner::leaveEvent(QEvent *event)
{
    if (isVisible() && m_hideTimer.interval() > 0)
        m_hideTimer.start();
    QFrame::leaveEvent(event);
}

} // namespace Hookscope
