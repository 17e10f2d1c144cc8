// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include "core/filter/filterexpression.h"

class QComboBox;
class QAction;
class QDialog;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Hookscope {

// The one-line filter: typing applies after a short pause (or at once on Enter); a bad
// expression is shown inline with its column and the table keeps the last good filter.
// While a filter that looks into bodies is being answered, "Filtering…" shows beside it.
// Esc in the bar clears the filter; "?" opens the syntax help in a window of its own that
// stays until closed.
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
    bool hasErrorMark() const; // the warning sign inside the field (an invalid filter)
    QLineEdit *lineEdit() const;

    void focusFilter();

    // The syntax help (non-modal; created on first use). Opened by the "?" button.
    void showHelp();
    QDialog *helpDialog() const; // null until first shown
    QToolButton *helpButton() const;
    // The help's text as HTML: every example escaped, operators kept on one line.
    static QString helpHtml();

    // The table is still answering the filter (EventFilterProxy::filteringChanged): shows
    // "Filtering…" unless the answer comes within a moment.
    void setBusy(bool busy);
    bool isBusy() const;
    // How far the answer is while the stored bodies are read (EventFilterProxy::
    // filterProgress): "Filtering… 35%". Cleared by setBusy(false).
    void setProgress(int percent);

Q_SIGNALS:
    void filterChanged(const Hookscope::FilterExpression &filter);

private:
    void apply();
    void remember(const QString &text);
    void setErrorBorder(bool on);
    bool eventFilter(QObject *watched, QEvent *event) override;

    QComboBox *m_combo;
    QLabel *m_error;
    QLabel *m_busy;
    QTimer m_busyDelay;
    QToolButton *m_help;
    QDialog *m_helpDialog = nullptr;
    QAction *m_errorMark = nullptr;
    QTimer m_debounce;
    QString m_lastApplied;
    bool m_refillingRecent = false;
    bool m_showingHint = false;
};

} // namespace Hookscope
