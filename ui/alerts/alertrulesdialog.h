// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>

#include "core/alerts/alertrule.h"

class QCheckBox;
class QAction;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Hookscope {

// Tools → Alert rules…: the list of rules (enabled, name, filter, state) above an editor for
// the selected one. The filter is checked as it is typed, with the same messages as the filter
// bar ("Column 10: unbalanced quote…"); OK stays disabled while any rule is unusable.
class AlertRulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertRulesDialog)

public:
    enum Column { EnabledColumn, NameColumn, FilterColumn, StateColumn, ColumnCount };

    explicit AlertRulesDialog(const QList<AlertRule> &rules, QWidget *parent = nullptr);

    QList<AlertRule> rules() const;
    // Adds a rule and selects it for editing (e.g. "New alert from the current filter").
    void addRule(const QString &name = {}, const QString &filter = {});
    void removeCurrentRule();
    void setCurrentRule(int row);
    int currentRule() const;

    // Why OK is disabled, empty when every rule is usable.
    QString problem() const;
    bool isAcceptable() const;

    // For tests and accessibility checks.
    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *filterEdit() const { return m_filter; }
    QCheckBox *enabledBox() const { return m_enabled; }
    QString filterError() const; // the editor's live error, empty when the filter is valid
    QPushButton *okButton() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static QString ruleProblem(const AlertRule &rule);
    void fillRow(int row);
    void loadEditor();
    void onEditorChanged();
    void onItemChanged();
    void updateState();

    QList<AlertRule> m_rules;
    QTableWidget *m_table;
    QLabel *m_empty;
    QLineEdit *m_name;
    QLineEdit *m_filter;
    QAction *m_filterMark = nullptr; // the warning sign in m_filter while it has an error
    QLabel *m_filterError;
    QCheckBox *m_enabled;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    bool m_updating = false;
};

} // namespace Hookscope
