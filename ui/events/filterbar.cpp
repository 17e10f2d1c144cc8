// SPDX-License-Identifier: MIT
#include "filterbar.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QToolTip>
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
    m_help->setToolTip(
            tr("<b>Filter syntax</b><br>"
               "<code>ticket:*</code> event type glob (<code>*</code> any run, <code>?</code> one "
               "character)<br>"
               "<code>team:T123*</code> <code>source:relay</code> <code>status:invalid</code> "
               "<code>actor:sam*</code><br>"
               "<code>payload.ticket.priorityName=Urgent</code> also <code>!=</code> "
               "<code>~</code> (contains) <code>&gt;</code> <code>&lt;</code><br>"
               "<code>since:15m</code> <code>since:2026-11-20</code> <code>until:…</code><br>"
               "<code>refund</code> a bare word: anywhere in the summary, type, team, actor, "
               "entity or event ID, "
               "or a word of the payload that starts with it (refund, refunded; not prefund)<br>"
               "<code>\"charged twice\"</code> words in a row; in the payload the last may be cut "
               "short and punctuation only separates words<br>"
               "terms are ANDed; <code>OR</code> between terms; <code>-term</code> negates; "
               "<code>( )</code> group"));
    connect(m_help, &QToolButton::clicked, this, [this] {
        QToolTip::showText(m_help->mapToGlobal(QPoint(0, m_help->height())), m_help->toolTip(),
                           m_help);
    });

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
    }
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
        m_combo->lineEdit()->setStyleSheet(u"QLineEdit { border: 1px solid #d62728; }"_s);
        return;
    }
    // A valid filter that is probably a typo ("tema:") says what was probably meant.
    const QStringList hints = filter.hints();
    m_showingHint = !hints.isEmpty();
    m_error->setText(hints.isEmpty() ? QString() : hints.first());
    m_error->setToolTip(m_error->text());
    m_error->setStyleSheet(u"QLabel { color: #b07000; }"_s);
    m_error->setVisible(m_showingHint);
    m_combo->lineEdit()->setStyleSheet(QString());
    if (t == m_lastApplied)
        return;
    m_lastApplied = t;
    Q_EMIT filterChanged(filter);
}

} // namespace Hookscope
