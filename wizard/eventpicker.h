// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Hookscope {

// The manifest's event subscriptions as a checkable tree of documented event NAMES: one
// branch per category of the event catalogue ("All ticket events", a tristate parent that
// checks or unchecks the names below it), and one per custom object name typed in. Patterns
// such as ticket:* never come out of the tree; one that arrives in an imported manifest stays
// checked under "Other (from the JSON)" until "Expand to names" replaces it. Nothing checked
// means "all events".
class EventPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventPicker)

public:
    explicit EventPicker(QWidget *parent = nullptr);

    QStringList selectedEvents() const;
    void setSelectedEvents(const QStringList &events); // does not emit selectionChanged
    QTreeWidget *tree() const { return m_tree; }
    // The branch of a catalogue category ("ticket", "account", ...) or of a custom object.
    QTreeWidgetItem *categoryBranch(const QString &categoryId) const;
    QTreeWidgetItem *customObjectBranch(const QString &name) const;
    QTreeWidgetItem *otherBranch() const;
    QLineEdit *objectNameEdit() const { return m_objectName; }
    QPushButton *addObjectButton() const { return m_addObject; }
    QPushButton *expandButton() const { return m_expand; }

    // Adds the branch of a custom object with its four names, checked, and shows it; emits
    // selectionChanged. False when the name cannot be used.
    bool addCustomObject(const QString &name);
    // Replaces each selected pattern by the documented names it stands for; emits
    // selectionChanged when something changed.
    void expandPatterns();

Q_SIGNALS:
    void selectionChanged();

private:
    QTreeWidgetItem *addBranch(const QString &label, const QString &tooltip);
    QTreeWidgetItem *addEntry(QTreeWidgetItem *parent, const QString &event, const QString &label);
    QTreeWidgetItem *ensureCustomObjectBranch(const QString &name);
    void showBranch(QTreeWidgetItem *branch); // scrolled to, current and selected
    QStringList customObjectNames() const;
    void onItemChanged(QTreeWidgetItem *item);
    static void updateBranchState(QTreeWidgetItem *branch);
    void updateExpandButton();

    QTreeWidget *m_tree;
    QLineEdit *m_objectName;
    QPushButton *m_addObject;
    QPushButton *m_expand;
    bool m_updating = false;
};

} // namespace Hookscope
