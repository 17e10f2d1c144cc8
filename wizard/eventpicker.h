// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Hookscope {

// The manifest's event subscriptions as a checkable tree: one branch per category of the
// event catalogue, each with its pattern ("ticket:*") and its types; custom objects get
// their own branch per object name typed in. Nothing checked means "all events".
class EventPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventPicker)

public:
    explicit EventPicker(QWidget *parent = nullptr);

    QStringList selectedEvents() const;
    void setSelectedEvents(const QStringList &events); // does not emit selectionChanged
    QTreeWidget *tree() const { return m_tree; }
    bool addCustomObject(const QString &name);

Q_SIGNALS:
    void selectionChanged();

private:
    QTreeWidgetItem *addEntry(QTreeWidgetItem *parent, const QString &event, const QString &label);
    QTreeWidgetItem *customObjectBranch(const QString &name);

    QTreeWidget *m_tree;
    QLineEdit *m_objectName;
    QPushButton *m_addObject;
    bool m_updating = false;
};

} // namespace Hookscope
