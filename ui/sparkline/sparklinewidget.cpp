// SPDX-License-Identifier: MIT
#include "sparklinewidget.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "core/filter/filterexpression.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/theme/theme.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int HMargin = 8;
constexpr int VMargin = 4;
constexpr int PlotMinHeight = 24;
constexpr int LabelGap = 12;

QFont smallFont(const QFont &base)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    else
        f.setPixelSize(std::max(8, f.pixelSize() * 85 / 100));
    return f;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm"_s);
}

} // namespace

SparklineWidget::SparklineWidget(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Events per minute"));
    setToolTip(QString()); // tooltips are per bar, see event()
    updateAccessibleText();
}

void SparklineWidget::setModel(EventRateModel *model)
{
    disconnect(m_modelConnection);
    m_model = model;
    if (model)
        m_modelConnection =
                connect(model, &EventRateModel::changed, this, &SparklineWidget::onModelChanged);
    onModelChanged();
}

EventRateModel *SparklineWidget::model() const
{
    return m_model;
}

SparklineWidget::Style SparklineWidget::style() const
{
    return m_style;
}

void SparklineWidget::setStyle(Style style)
{
    m_style = style;
    update();
}

bool SparklineWidget::hasSelection() const
{
    return m_selTo > m_selFrom;
}

qint64 SparklineWidget::selectionFrom() const
{
    return m_selFrom;
}

qint64 SparklineWidget::selectionTo() const
{
    return m_selTo;
}

void SparklineWidget::clearSelection()
{
    if (!hasSelection())
        return;
    m_selFrom = m_selTo = 0;
    m_anchor = -1;
    update();
}

QString SparklineWidget::rangeFilter(qint64 fromMs, qint64 toMs)
{
    return FilterExpression::receivedRangeTerm(fromMs, toMs);
}

void SparklineWidget::followFilter(const QString &text)
{
    if (hasSelection() && !FilterExpression::hasTerm(text, rangeFilter(m_selFrom, m_selTo)))
        clearSelection();
}

QSize SparklineWidget::sizeHint() const
{
    return { 480, minimumSizeHint().height() };
}

QSize SparklineWidget::minimumSizeHint() const
{
    const int text = 2 * fontMetrics().height() + 2;
    const int plot = PlotMinHeight + QFontMetrics(smallFont(font())).height();
    return { labelWidth() + 120, 2 * VMargin + std::max(text, plot) };
}

int SparklineWidget::labelWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    const int title = QFontMetrics(bold).horizontalAdvance(tr("Events per minute"));
    const int detail =
            QFontMetrics(smallFont(font()))
                    .horizontalAdvance(tr("%1 in %2 min · peak %3").arg(99999).arg(60).arg(9999));
    return HMargin + std::max(title, detail) + LabelGap;
}

QRect SparklineWidget::plotRect() const
{
    const int axis = QFontMetrics(smallFont(font())).height();
    return QRect(QPoint(labelWidth(), VMargin),
                 QPoint(width() - HMargin - 1, height() - VMargin - axis - 1));
}

int SparklineWidget::bucketAt(const QPoint &pos) const
{
    const QRect plot = plotRect();
    if (!m_model || pos.x() < plot.left() || pos.x() > plot.right() || plot.width() <= 0)
        return -1;
    const int n = m_model->minutes();
    return std::clamp(int((pos.x() - plot.left()) * qint64(n) / std::max(1, plot.width())), 0,
                      n - 1);
}

QString SparklineWidget::toolTipFor(int bucket) const
{
    if (!m_model || bucket < 0 || bucket >= m_model->minutes())
        return {};
    const qint64 start = m_model->bucketStart(bucket);
    // No plural forms needed: "events: 1" reads right without a translation file.
    return tr("%1–%2 · events: %3")
            .arg(timeText(start), timeText(start + EventRateModel::MinuteMs))
            .arg(m_model->count(bucket));
}

QRectF SparklineWidget::barRect(int bucket, const QRect &plot, int max) const
{
    const int n = m_model->minutes();
    const qreal step = qreal(plot.width()) / n;
    const qreal gap = step >= 4 ? 1.0 : 0.0;
    const int count = m_model->count(bucket);
    qreal h = max > 0 ? qreal(plot.height() - 1) * count / max : 0;
    if (count > 0)
        h = std::max<qreal>(h, 2); // a single event stays visible next to a busy minute
    const qreal x = plot.left() + bucket * step;
    return QRectF(x + gap / 2, plot.bottom() - h, std::max<qreal>(step - gap, 1), h);
}

void SparklineWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const QColor accent = pal.color(QPalette::Highlight);
    const QFont small = smallFont(font());
    const QRect plot = plotRect();

    // Caption: what this is, and the numbers at a glance.
    QFont bold = font();
    bold.setBold(true);
    const int minutes = m_model ? m_model->minutes() : EventRateModel::DefaultMinutes;
    const qint64 total = m_model ? m_model->total() : 0;
    const int max = m_model ? m_model->maxCount() : 0;
    const int textTop = (height() - fontMetrics().height() - QFontMetrics(small).height()) / 2;
    p.setPen(text);
    p.setFont(bold);
    p.drawText(QRect(HMargin, textTop, labelWidth() - HMargin, fontMetrics().height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("Events per minute"));
    p.setFont(small);
    p.setPen(dim);
    p.drawText(QRect(HMargin, textTop + fontMetrics().height(), labelWidth() - HMargin,
                     QFontMetrics(small).height()),
               Qt::AlignLeft | Qt::AlignVCenter,
               tr("%1 in %2 min · peak %3").arg(total).arg(minutes).arg(max));

    // Time axis under the plot: the window's start, its middle, now.
    const QRect axis(plot.left(), plot.bottom() + 1, plot.width(),
                     height() - VMargin - plot.bottom() - 1);
    if (m_model) {
        p.drawText(axis, Qt::AlignLeft | Qt::AlignVCenter, timeText(m_model->bucketStart(0)));
        p.drawText(axis, Qt::AlignHCenter | Qt::AlignVCenter,
                   timeText(m_model->bucketStart(minutes / 2)));
    }
    p.drawText(axis, Qt::AlignRight | Qt::AlignVCenter, tr("now"));

    // Baseline.
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());

    if (!m_model || total == 0) {
        p.setPen(dim);
        p.drawText(plot, Qt::AlignCenter, tr("No events in the last %1 min").arg(minutes));
        return;
    }

    // Selection behind the bars.
    if (hasSelection()) {
        const int first = std::max(0, m_model->bucketAt(m_selFrom));
        const int last = m_model->bucketAt(m_selTo - 1);
        if (last >= 0) {
            const qreal step = qreal(plot.width()) / minutes;
            QColor sel = accent;
            sel.setAlpha(60);
            p.fillRect(QRectF(plot.left() + first * step, plot.top(), (last - first + 1) * step,
                              plot.height()),
                       sel);
        }
    }

    p.setRenderHint(QPainter::Antialiasing, m_style == Style::Line);
    if (m_style == Style::Bars) {
        for (int b = 0; b < minutes; ++b) {
            if (m_model->count(b) == 0)
                continue;
            QColor c = accent;
            if (b
                == m_hover) // towards the text colour: darker on light themes, lighter on dark ones
                c = Theme::isDark(pal) ? accent.lighter(140) : accent.darker(130);
            p.fillRect(barRect(b, plot, max), c);
        }
    } else {
        QPainterPath line;
        for (int b = 0; b < minutes; ++b) {
            const QRectF r = barRect(b, plot, max);
            const QPointF pt(r.center().x(), m_model->count(b) ? r.top() : plot.bottom());
            if (b == 0)
                line.moveTo(pt);
            else
                line.lineTo(pt);
        }
        QPainterPath area = line;
        area.lineTo(plot.right(), plot.bottom());
        area.lineTo(plot.left(), plot.bottom());
        area.closeSubpath();
        QColor fill = accent;
        fill.setAlpha(50);
        p.fillPath(area, fill);
        p.setPen(QPen(accent, 1.5));
        p.drawPath(line);
    }
    if (m_hover >= 0 && (m_style == Style::Line || m_model->count(m_hover) == 0)) {
        // Mark the hovered minute even where there is no bar to highlight.
        const qreal step = qreal(plot.width()) / minutes;
        QColor c = accent;
        c.setAlpha(90);
        p.fillRect(QRectF(plot.left() + m_hover * step, plot.top(), std::max<qreal>(step, 1),
                          plot.height()),
                   c);
    }
    if (hasFocus()) {
        p.setPen(QPen(accent, 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(plot.adjusted(0, 0, -1, 0));
    }
}

void SparklineWidget::mousePressEvent(QMouseEvent *event)
{
    const int bucket = bucketAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || bucket < 0 || !m_model) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_anchor = bucket;
    m_dragging = true;
    selectBuckets(bucket, bucket, false);
}

void SparklineWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragging && m_model) {
        // Dragging past either end selects up to that end.
        const QRect plot = plotRect();
        const int bucket =
                bucketAt(QPoint(std::clamp(pos.x(), plot.left(), plot.right()), pos.y()));
        selectBuckets(std::min(m_anchor, bucket), std::max(m_anchor, bucket), false);
    }
    const int hover = plotRect().contains(pos) ? bucketAt(pos) : -1;
    if (hover != m_hover) {
        m_hover = hover;
        update();
        if (hover >= 0)
            QToolTip::showText(event->globalPosition().toPoint(), toolTipFor(hover), this);
        else
            QToolTip::hideText();
    }
    QWidget::mouseMoveEvent(event);
}

void SparklineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        if (hasSelection())
            Q_EMIT rangeSelected(m_selFrom, m_selTo);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void SparklineWidget::keyPressEvent(QKeyEvent *event)
{
    if (!m_model) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int n = m_model->minutes();
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int from = m_hover >= 0 ? m_hover : n - 1;
        const int to = std::clamp(from + (event->key() == Qt::Key_Left ? -1 : 1), 0, n - 1);
        if (event->modifiers() & Qt::ShiftModifier) {
            if (m_anchor < 0)
                m_anchor = from;
            selectBuckets(std::min(m_anchor, to), std::max(m_anchor, to), false);
        } else {
            m_anchor = -1;
        }
        m_hover = to;
        update();
        QToolTip::showText(
                mapToGlobal(barRect(to, plotRect(), m_model->maxCount()).center().toPoint()),
                toolTipFor(to), this);
        return;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (!hasSelection() && m_hover >= 0)
            selectBuckets(m_hover, m_hover, false);
        if (hasSelection())
            Q_EMIT rangeSelected(m_selFrom, m_selTo);
        return;
    case Qt::Key_Escape:
        if (hasSelection()) {
            clearSelection();
            Q_EMIT selectionCleared();
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

void SparklineWidget::leaveEvent(QEvent *event)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

bool SparklineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int bucket = plotRect().contains(help->pos()) ? bucketAt(help->pos()) : -1;
        if (bucket >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(bucket), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void SparklineWidget::selectBuckets(int first, int last, bool emitSignal)
{
    if (!m_model || first < 0 || last < first)
        return;
    m_selFrom = m_model->bucketStart(first);
    m_selTo = m_model->bucketStart(last) + EventRateModel::MinuteMs;
    update();
    if (emitSignal)
        Q_EMIT rangeSelected(m_selFrom, m_selTo);
}

void SparklineWidget::onModelChanged()
{
    updateAccessibleText();
    update();
}

void SparklineWidget::updateAccessibleText()
{
    if (!m_model) {
        setAccessibleDescription(QString());
        return;
    }
    setAccessibleDescription(tr("%1 events in the last %2 minutes; at most %3 in one minute")
                                     .arg(m_model->total())
                                     .arg(m_model->minutes())
                                     .arg(m_model->maxCount()));
}

} // namespace Hookscope
