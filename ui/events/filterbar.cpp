// SPDX-License-Identifier: MIT
#include "filterbar.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QStyle>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int MaxRecent = 20;
constexpr int DebounceMs = 250;
constexpr int BusyDelayMs = 150; // quicker answers do not flash the busy label

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent),
      m_combo(new QComboBox(this)),
      m_error(new QLabel(this)),
      m_busy(new QLabel(this)),
      m_help(new QToolButton(this))
{
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_combo->completer()->setCaseSensitivity(Qt::CaseSensitive);
    m_combo->lineEdit()->setPlaceholderText(
            tr("Filter: ticket:*   team:T123NHFDRF   payload.ticket.priorityName=Urgent   "
               "-status:repeat   refund   (Ctrl+F)"));
    m_combo->lineEdit()->setClearButtonEnabled(true);
    m_combo->setAccessibleName(tr("Event filter"));

    m_help->setText(u"?"_s);
    m_help->setAccessibleName(tr("Filter syntax help"));
    m_help->setToolTip(tr("Filter syntax (opens a help window)"));
    connect(m_help, &QToolButton::clicked, this, &FilterBar::showHelp);
    m_combo->lineEdit()->installEventFilter(this);

    m_busy->setText(tr("Filtering…"));
    m_busy->setToolTip(tr("Searching the stored payloads; the table shows the previous result "
                          "until this filter's is ready"));
    m_busy->setAccessibleName(tr("Filtering in progress"));
    m_busy->setVisible(false);
    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(BusyDelayMs);
    connect(&m_busyDelay, &QTimer::timeout, m_busy, &QWidget::show);

    // One line, always reserved: an error or hint appearing while typing must not push the
    // table down under the pointer.
    m_error->setVisible(false);
    m_error->setWordWrap(false);
    m_error->setMinimumHeight(m_error->fontMetrics().lineSpacing());
    {
        QSizePolicy policy = m_error->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        policy.setHorizontalPolicy(
                QSizePolicy::Ignored); // long messages are cut, not widening the bar
        m_error->setSizePolicy(policy);
    }
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"QLabel { color: #d62728; }"_s);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_combo, 1);
    row->addWidget(m_busy);
    row->addWidget(m_help);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_error);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::apply);
    connect(m_combo->lineEdit(), &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        apply();
        if (errorText().isEmpty())
            remember(text());
    });
    connect(m_combo, &QComboBox::activated, this, [this] { apply(); });
    connect(m_combo->lineEdit(), &QLineEdit::textChanged, this, [this](const QString &t) {
        // The clear button empties the text; refilling the recent list does too, for a moment,
        // and that must not drop the filter (Enter remembers the filter, which refills it).
        if (t.isEmpty() && !m_refillingRecent)
            apply();
    });
}

QString FilterBar::text() const
{
    return m_combo->currentText();
}

void FilterBar::setText(const QString &text)
{
    m_combo->setEditText(text);
    apply();
}

QLineEdit *FilterBar::lineEdit() const
{
    return m_combo->lineEdit();
}

QString FilterBar::errorText() const
{
    return m_error->isHidden() || m_showingHint ? QString() : m_error->text();
}

QString FilterBar::hintText() const
{
    return m_error->isHidden() || !m_showingHint ? QString() : m_error->text();
}

QStringList FilterBar::recentFilters() const
{
    QStringList out;
    for (int i = 0; i < m_combo->count(); ++i)
        out.append(m_combo->itemText(i));
    return out;
}

void FilterBar::setRecentFilters(const QStringList &filters)
{
    const QString current = text();
    const bool wasRefilling = std::exchange(m_refillingRecent, true);
    m_combo->clear();
    m_combo->addItems(filters.mid(0, MaxRecent));
    m_combo->setEditText(current);
    m_refillingRecent = wasRefilling;
}

void FilterBar::focusFilter()
{
    m_combo->lineEdit()->setFocus(Qt::ShortcutFocusReason);
    m_combo->lineEdit()->selectAll();
}

void FilterBar::setBusy(bool busy)
{
    if (busy) {
        if (m_busy->isHidden() && !m_busyDelay.isActive())
            m_busyDelay.start();
    } else {
        m_busyDelay.stop();
        m_busy->hide();
        m_busy->setText(tr("Filtering…"));
    }
}

void FilterBar::setProgress(int percent)
{
    m_busy->setText(tr("Filtering… %1%").arg(qBound(0, percent, 99)));
}

bool FilterBar::isBusy() const
{
    return m_busyDelay.isActive() || !m_busy->isHidden();
}

void FilterBar::remember(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    QStringList items = recentFilters();
    items.removeAll(text);
    items.prepend(text);
    setRecentFilters(items);
}

void FilterBar::apply()
{
    m_debounce.stop();
    const QString t = text();
    const FilterExpression filter = FilterExpression::parse(t);
    if (!filter.isValid()) {
        // Keep the last good filter in force; say exactly where this one breaks.
        m_error->setText(tr("Column %1: %2").arg(filter.errorColumn()).arg(filter.errorMessage()));
        m_error->setToolTip(m_error->text());
        m_error->setStyleSheet(u"QLabel { color: #d62728; }"_s);
        m_showingHint = false;
        m_error->setVisible(true);
        setErrorBorder(true);
        return;
    }
    // A valid filter that is probably a typo ("tema:") says what was probably meant.
    const QStringList hints = filter.hints();
    m_showingHint = !hints.isEmpty();
    m_error->setText(hints.isEmpty() ? QString() : hints.first());
    m_error->setToolTip(m_error->text());
    m_error->setStyleSheet(u"QLabel { color: #b07000; }"_s);
    m_error->setVisible(m_showingHint);
    setErrorBorder(false);
    if (t == m_lastApplied)
        return;
    m_lastApplied = t;
    Q_EMIT filterChanged(filter);
}

void FilterBar::setErrorBorder(bool on)
{
    // No style sheet: one set on the line edit (a red border) fixed the palette of the field
    // and of its combo box, which then stayed white after switching to the dark theme. A
    // warning sign inside the field, beside the red message line, follows any palette.
    if (!m_errorMark) {
        m_errorMark = m_combo->lineEdit()->addAction(
                style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::LeadingPosition);
        m_errorMark->setToolTip(tr("This filter has an error (see below); the table keeps the "
                                   "last good filter"));
    }
    m_errorMark->setVisible(on);
}

bool FilterBar::hasErrorMark() const
{
    return m_errorMark && m_errorMark->isVisible();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_combo->lineEdit() && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape
        && !(m_combo->completer() && m_combo->completer()->popup()
             && m_combo->completer()->popup()->isVisible())
        && !m_combo->view()->isVisible() && !text().isEmpty()) {
        setText(QString()); // Esc clears the filter (the empty table says so)
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QToolButton *FilterBar::helpButton() const
{
    return m_help;
}

QDialog *FilterBar::helpDialog() const
{
    return m_helpDialog;
}

QString FilterBar::helpHtml()
{
    struct Row
    {
        QString example;
        QString meaning;
    };
    const Row rows[] = {
        { u"ticket:*"_s,
          tr("Event type glob: * any run of characters, ? one character. Also type:ticket:*") },
        { u"team:T123*  source:relay  status:invalid  actor:sam*  entity:#1042  id:evt_*"_s,
          tr("A field of the table (globs, case-insensitive); summary:word looks inside the "
             "summary") },
        { u"payload.ticket.priorityName=Urgent"_s,
          tr("A JSON path of the body compared with a value") },
        { u"=  !=  ~  >  <  >=  <="_s,
          tr("The comparisons: equal, not equal, contains, greater, less, at least, at most. "
             "Numbers compare as numbers, ISO dates as times, the rest as text") },
        { u"payload.ticket.count>3"_s, tr("A number comparison") },
        { u"since:15m  since:2026-11-20  until:2h"_s,
          tr("When the event happened (its arrival when the body has no time): 30s 15m 2h 7d "
             "1w ago, or a date or date-time (UTC without a zone); until:<date> includes that "
             "day") },
        { u"received:15m  received:2026-11-20T09:00Z..2026-11-20T09:05Z  received:..2h"_s,
          tr("When Hookscope received it: at or after the first time, before the second; "
             "either may be left out. Dragging across the sparkline writes this") },
        { u"refund"_s,
          tr("A bare word: anywhere in the summary, type, team, actor, entity or event ID, or "
             "a word of the payload that starts with it (refund, refunded; not prefund)") },
        { u"\"charged twice\""_s,
          tr("Words in a row; in the payload the last may be cut short, and punctuation only "
             "separates words") },
        { u"a b   a AND b   a && b"_s, tr("Both (terms next to each other are ANDed)") },
        { u"a OR b   a || b"_s, tr("Either; OR binds looser than AND") },
        { u"-a   !a   NOT a"_s, tr("Not") },
        { u"( a OR b ) c"_s, tr("Grouping") },
        { u"Esc"_s, tr("Clears the filter") },
    };
    QString html = u"<h3>"_s + tr("Filter syntax").toHtmlEscaped() + u"</h3>"_s
            + u"<table cellspacing='0' cellpadding='4'>"_s;
    for (const Row &row : rows)
        html += u"<tr><td valign='top' style='white-space:pre'><code>"_s
                + row.example.toHtmlEscaped() + u"</code></td><td valign='top'>"_s
                + row.meaning.toHtmlEscaped() + u"</td></tr>"_s;
    html += u"</table><p>"_s
            + tr("Keywords OR, AND, NOT are uppercase only. A bad filter is underlined in red "
                 "with its column; the table keeps the last good one.")
                      .toHtmlEscaped()
            + u"</p>"_s;
    return html;
}

void FilterBar::showHelp()
{
    if (!m_helpDialog) {
        // Parented to the bar (so it goes with the window) but a window of its own: it stays
        // open while the user types in the bar.
        m_helpDialog = new QDialog(this);
        m_helpDialog->setObjectName(u"filterHelp"_s);
        m_helpDialog->setWindowTitle(tr("Filter syntax"));
        m_helpDialog->setModal(false);
        auto *text = new QTextBrowser(m_helpDialog);
        text->setObjectName(u"filterHelpText"_s);
        text->setOpenLinks(false);
        text->setHtml(helpHtml());
        text->setTextInteractionFlags(Qt::TextBrowserInteraction);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_helpDialog);
        connect(buttons, &QDialogButtonBox::rejected, m_helpDialog, &QDialog::close);
        auto *layout = new QVBoxLayout(m_helpDialog);
        layout->addWidget(text, 1);
        layout->addWidget(buttons);
        // Readable without scrolling sideways on a 1024x700 screen.
        QSize size(720, 520);
        if (const QScreen *screen = this->screen())
            size = size.boundedTo(screen->availableSize() - QSize(40, 60));
        m_helpDialog->resize(size);
    }
    m_helpDialog->show();
    m_helpDialog->raise();
    m_helpDialog->activateWindow();
}

} // namespace Hookscope
