// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include "core/filter/filterexpression.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Hookscope {

// The one-line filter: typing applies after a short pause (or at once on Enter); a bad
// expression is shown inline with its column and the table keeps the last good filter.
// While a filter that looks into bodies is being answered, "Filtering…" shows beside it.
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    QStringList recentFilters() const;
    void setRecentFilters(const QStringList &filters);
    QString errorText() const;
    QString hintText() const; // a probable typo in a valid filter; empty otherwise
    QLineEdit *lineEdit() const;

    void focusFilter();

    // The table is still answering the filter (EventFilterProxy::filteringChanged): shows
    // "Filtering…" unless the answer comes within a moment.
    void setBusy(bool busy);
    bool isBusy() const;

Q_SIGNALS:
    void filterChanged(const Hookscope::FilterExpression &filter);

private:
    void apply();
    void remember(const QString &text);

    QComboBox *m_combo;
    QLabel *m_error;
    QLabel *m_busy;
    QTimer m_busyDelay;
    QToolButton *m_help;
    QTimer m_debounce;
    QString m_lastApplied;
    bool m_refillingRecent = false;
    bool m_showingHint = false;
};

} // namespace Hookscope
