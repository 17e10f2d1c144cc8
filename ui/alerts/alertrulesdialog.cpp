// SPDX-License-Identifier: MIT
#include "alertrulesdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/filter/filterexpression.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

const QColor ErrorColor(0xd6, 0x27, 0x28);

// One line, always reserved (as the filter bar's message line): a message appearing or going
// while the user types must not move the fields and buttons below it. A long message is cut
// (its tooltip has it whole) rather than wrapped onto more lines.
void reserveMessageLine(QLabel *label)
{
    label->setWordWrap(false);
    label->setMinimumHeight(label->fontMetrics().lineSpacing());
    QSizePolicy policy = label->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    policy.setHorizontalPolicy(QSizePolicy::Ignored);
    policy.setVerticalPolicy(QSizePolicy::Fixed);
    label->setSizePolicy(policy);
}

} // namespace

AlertRulesDialog::AlertRulesDialog(const QList<AlertRule> &rules, QWidget *parent)
    : QDialog(parent),
      m_rules(rules),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_empty(new QLabel(m_table->viewport())),
      m_name(new QLineEdit(this)),
      m_filter(new QLineEdit(this)),
      m_filterError(new QLabel(this)),
      m_enabled(new QCheckBox(tr("&Enabled"), this)),
      m_add(new QPushButton(tr("&Add"), this)),
      m_remove(new QPushButton(tr("&Remove"), this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Alert Rules"));
    resize(720, 460);

    auto *intro = new QLabel(
            tr("An alert rule is a saved filter: when a new event matches it, Hookscope shows a "
               "notification (at most one per rule every 10 seconds; the rest are counted)."),
            this);
    intro->setWordWrap(true);

    m_table->setHorizontalHeaderLabels({ tr("On"), tr("Name"), tr("Filter"), tr("State") });
    m_table->setAccessibleName(tr("Alert rules"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    header->resizeSection(NameColumn, 160);
    header->setSectionResizeMode(FilterColumn, QHeaderView::Stretch);
    header->resizeSection(StateColumn, 140);
    header->setHighlightSections(false);

    m_empty->setText(tr("No alert rules yet.\nAdd one, for example a rule with the filter\n"
                        "ticket:priority:changed payload.ticket.priorityName=Urgent"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->setWordWrap(true);
    m_table->viewport()->installEventFilter(this);

    m_add->setAccessibleName(tr("Add alert rule"));
    m_remove->setAccessibleName(tr("Remove alert rule"));
    auto *side = new QVBoxLayout;
    side->addWidget(m_add);
    side->addWidget(m_remove);
    side->addStretch(1);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_table, 1);
    listRow->addLayout(side);

    m_name->setAccessibleName(tr("Rule name"));
    m_name->setPlaceholderText(tr("Urgent tickets"));
    m_filter->setAccessibleName(tr("Rule filter"));
    m_filter->setPlaceholderText(u"ticket:priority:changed payload.ticket.priorityName=Urgent"_s);
    m_filter->setToolTip(tr(
            "The filter bar's language: event types (ticket:*), fields (team:, source:, status:), "
            "payload paths (payload.ticket.priorityName=Urgent), words, OR, -negation"));
    m_enabled->setAccessibleName(tr("Rule enabled"));
    m_filterError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_filterError->palette();
    errorPalette.setColor(QPalette::WindowText, ErrorColor);
    m_filterError->setPalette(errorPalette);
    reserveMessageLine(m_filterError); // always shown, empty when the filter is fine:
    // QFormLayout collapses a hidden row whatever its size policy says
    m_filterError->setAccessibleName(tr("Filter error"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Filter:"), m_filter);
    form->addRow(QString(), m_filterError);
    form->addRow(QString(), m_enabled);

    m_problem->setPalette(errorPalette);
    reserveMessageLine(m_problem);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(listRow, 1);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, [this] { addRule(); });
    connect(m_remove, &QPushButton::clicked, this, &AlertRulesDialog::removeCurrentRule);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AlertRulesDialog::loadEditor);
    connect(m_table, &QTableWidget::itemChanged, this, &AlertRulesDialog::onItemChanged);
    connect(m_name, &QLineEdit::textEdited, this, &AlertRulesDialog::onEditorChanged);
    connect(m_filter, &QLineEdit::textEdited, this, &AlertRulesDialog::onEditorChanged);
    connect(m_enabled, &QCheckBox::toggled, this, &AlertRulesDialog::onEditorChanged);

    m_table->setRowCount(int(m_rules.size()));
    for (int row = 0; row < m_rules.size(); ++row)
        fillRow(row);
    if (!m_rules.isEmpty())
        setCurrentRule(0);
    loadEditor();
}

QList<AlertRule> AlertRulesDialog::rules() const
{
    return m_rules;
}

void AlertRulesDialog::addRule(const QString &name, const QString &filter)
{
    AlertRule rule;
    rule.id = AlertRule::newId();
    rule.name = name.isEmpty() ? tr("New rule") : name;
    rule.filter = filter;
    m_rules.append(rule);
    m_table->setRowCount(int(m_rules.size()));
    fillRow(int(m_rules.size()) - 1);
    setCurrentRule(int(m_rules.size()) - 1);
    m_filter->setFocus();
}

void AlertRulesDialog::removeCurrentRule()
{
    const int row = currentRule();
    if (row < 0)
        return;
    {
        // The table's selection moves while the row goes: load the editor once, afterwards.
        const QScopedValueRollback guard(m_updating, true);
        m_rules.removeAt(row);
        m_table->removeRow(row);
        if (!m_rules.isEmpty())
            setCurrentRule(std::min(row, int(m_rules.size()) - 1));
    }
    loadEditor();
}

void AlertRulesDialog::setCurrentRule(int row)
{
    m_table->setCurrentCell(row, NameColumn);
    m_table->selectRow(row);
}

int AlertRulesDialog::currentRule() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    return selected.isEmpty() ? -1 : selected.first()->row();
}

QString AlertRulesDialog::filterError() const
{
    return m_filterError->text();
}

QPushButton *AlertRulesDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString AlertRulesDialog::ruleProblem(const AlertRule &rule)
{
    if (rule.filter.trimmed().isEmpty())
        return tr("Needs a filter");
    const FilterExpression expression = FilterExpression::parse(rule.filter);
    if (!expression.isValid())
        return tr("Column %1: %2").arg(expression.errorColumn()).arg(expression.errorMessage());
    return {};
}

QString AlertRulesDialog::problem() const
{
    for (const AlertRule &rule : m_rules) {
        const QString why = ruleProblem(rule);
        if (!why.isEmpty())
            return tr("Rule “%1”: %2").arg(rule.name, why);
    }
    return {};
}

bool AlertRulesDialog::isAcceptable() const
{
    return problem().isEmpty();
}

void AlertRulesDialog::fillRow(int row)
{
    const AlertRule &rule = m_rules.at(row);
    const QScopedValueRollback guard(m_updating, true);
    auto item = [this, row](int column) {
        QTableWidgetItem *it = m_table->item(row, column);
        if (!it) {
            it = new QTableWidgetItem;
            m_table->setItem(row, column, it);
        }
        return it;
    };
    QTableWidgetItem *enabled = item(EnabledColumn);
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    enabled->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
    enabled->setData(Qt::AccessibleTextRole, rule.enabled ? tr("Enabled") : tr("Disabled"));
    item(NameColumn)->setText(rule.name);
    item(FilterColumn)->setText(rule.filter);
    item(FilterColumn)->setToolTip(rule.filter);
    const QString why = ruleProblem(rule);
    QTableWidgetItem *state = item(StateColumn);
    state->setText(why.isEmpty() ? (rule.enabled ? tr("Active") : tr("Off")) : why);
    state->setToolTip(why);
    state->setForeground(why.isEmpty() ? m_table->palette().brush(QPalette::Text)
                                       : QBrush(ErrorColor));
}

void AlertRulesDialog::loadEditor()
{
    if (m_updating)
        return;
    const int row = currentRule();
    const bool has = row >= 0;
    {
        const QScopedValueRollback guard(m_updating, true);
        m_name->setText(has ? m_rules.at(row).name : QString());
        m_filter->setText(has ? m_rules.at(row).filter : QString());
        m_enabled->setChecked(has && m_rules.at(row).enabled);
    }
    m_name->setEnabled(has);
    m_filter->setEnabled(has);
    m_enabled->setEnabled(has);
    m_remove->setEnabled(has);
    updateState();
}

void AlertRulesDialog::onEditorChanged()
{
    const int row = currentRule();
    if (m_updating || row < 0)
        return;
    AlertRule &rule = m_rules[row];
    rule.name = m_name->text();
    rule.filter = m_filter->text();
    rule.enabled = m_enabled->isChecked();
    fillRow(row);
    updateState();
}

void AlertRulesDialog::onItemChanged()
{
    if (m_updating)
        return;
    // Only the checkbox column is user-changeable in the table itself.
    for (int row = 0; row < m_rules.size(); ++row) {
        const QTableWidgetItem *enabled = m_table->item(row, EnabledColumn);
        const bool on = enabled && enabled->checkState() == Qt::Checked;
        if (on != m_rules.at(row).enabled) {
            m_rules[row].enabled = on;
            fillRow(row);
            if (row == currentRule()) {
                const QScopedValueRollback guard(m_updating, true);
                m_enabled->setChecked(on);
            }
        }
    }
    updateState();
}

void AlertRulesDialog::updateState()
{
    const int row = currentRule();
    const QString editorError = row >= 0 && !m_rules.at(row).filter.trimmed().isEmpty()
            ? ruleProblem(m_rules.at(row))
            : QString();
    m_filterError->setText(editorError);
    m_filterError->setToolTip(editorError); // the line may cut a long message
    // A warning sign in the field, not a style sheet border: that changed the field's height
    // (moving the form) and fixed its palette (it stayed light in the dark theme).
    if (!m_filterMark)
        m_filterMark = m_filter->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                           QLineEdit::TrailingPosition);
    m_filterMark->setToolTip(editorError);
    m_filterMark->setVisible(!editorError.isEmpty());

    const QString why = problem();
    m_problem->setText(why);
    m_problem->setToolTip(why);
    m_problem->setVisible(!why.isEmpty() && editorError.isEmpty());
    okButton()->setEnabled(why.isEmpty());
    okButton()->setToolTip(why);

    m_empty->setVisible(m_rules.isEmpty());
    m_empty->setGeometry(m_table->viewport()->rect());
}

bool AlertRulesDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_empty->setGeometry(m_table->viewport()->rect());
    return QDialog::eventFilter(watched, event);
}

} // namespace Hookscope
