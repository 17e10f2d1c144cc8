// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

namespace Hookscope {

class EventRateModel;

// "Events per minute" above the table: one bar (or a line) per minute of an EventRateModel,
// painted with the palette's colours so it follows the theme. Hovering shows the minute and
// its count; clicking a bar or dragging across bars selects that time range and emits
// rangeSelected(), which the window turns into a received:FROM..TO filter (the bars count
// events by when they were received, and so does that term). Keyboard: Left/Right move,
// Shift extends, Enter selects, Escape clears. The shading follows the filter: once its text
// no longer has the selection's term (followFilter()), the selection is gone.
class SparklineWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SparklineWidget)

public:
    enum class Style { Bars, Line };

    explicit SparklineWidget(QWidget *parent = nullptr);

    void setModel(EventRateModel *model);
    EventRateModel *model() const;

    Style style() const;
    void setStyle(Style style);

    bool hasSelection() const;
    qint64 selectionFrom() const; // ms since epoch, inclusive
    qint64 selectionTo() const; // exclusive
    void clearSelection();

    // Where the bars are drawn, and which bucket a point of the widget falls on (-1: none).
    QRect plotRect() const;
    int bucketAt(const QPoint &pos) const;
    QString toolTipFor(int bucket) const;

    // "received:2026-11-20T09:00:00Z..2026-11-20T09:05:00Z" for [fromMs, toMs).
    static QString rangeFilter(qint64 fromMs, qint64 toMs);

    // The filter now in force: clears the selection when `text` no longer has its term.
    void followFilter(const QString &text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void rangeSelected(qint64 fromMs, qint64 toMs);
    void selectionCleared();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    int labelWidth() const;
    QRectF barRect(int bucket, const QRect &plot, int max) const;
    void onModelChanged();
    void selectBuckets(int first, int last, bool emitSignal);
    void updateAccessibleText();

    QPointer<EventRateModel> m_model;
    QMetaObject::Connection m_modelConnection;
    Style m_style = Style::Bars;
    int m_hover = -1; // bucket under the pointer or the keyboard cursor
    int m_anchor = -1; // bucket where a drag (or Shift selection) started
    bool m_dragging = false;
    qint64 m_selFrom = 0; // selection by time, so it stays put while the window slides
    qint64 m_selTo = 0;
};

} // namespace Hookscope
