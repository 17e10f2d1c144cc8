// SPDX-License-Identifier: MIT
#include "eventpicker.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "thena/eventcatalogue.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {
constexpr int EventRole = Qt::UserRole;
constexpr int ObjectRole = Qt::UserRole + 1; // custom-object branch: its object name
}

EventPicker::EventPicker(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_objectName(new QLineEdit(this))
    , m_addObject(new QPushButton(tr("Add object"), this))
{
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Subscribed events"));
    m_tree->setUniformRowHeights(true);
    const EventCatalogue &catalogue = EventCatalogue::builtin();
    for (const EventCategory &category : catalogue.categories()) {
        if (category.id == "custom-object"_L1)
            continue; // per object name, below
        auto *branch = new QTreeWidgetItem(m_tree, {category.title});
        branch->setFlags(Qt::ItemIsEnabled);
        QFont bold = branch->font(0);
        bold.setBold(true);
        branch->setFont(0, bold);
        if (!category.pattern.isEmpty())
            addEntry(branch, category.pattern, tr("%1  (every %2 event, including future ones)").arg(category.pattern, category.id));
        for (const QString &type : category.types)
            addEntry(branch, type, type);
    }
    m_tree->expandToDepth(0);

    m_objectName->setPlaceholderText(tr("custom object name, e.g. deal"));
    m_objectName->setAccessibleName(tr("Custom object name"));
    connect(m_objectName, &QLineEdit::returnPressed, m_addObject, &QPushButton::click);
    connect(m_addObject, &QPushButton::clicked, this, [this] {
        if (addCustomObject(m_objectName->text().trimmed()))
            m_objectName->clear();
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        if (!m_updating)
            Q_EMIT selectionChanged();
    });

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Custom objects:"), this));
    row->addWidget(m_objectName, 1);
    row->addWidget(m_addObject);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addLayout(row);
}

QTreeWidgetItem *EventPicker::addEntry(QTreeWidgetItem *parent, const QString &event, const QString &label)
{
    auto *item = new QTreeWidgetItem(parent, {label});
    item->setData(0, EventRole, event);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(0, Qt::Unchecked);
    item->setToolTip(0, event);
    return item;
}

QTreeWidgetItem *EventPicker::customObjectBranch(const QString &name)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, ObjectRole).toString() == name)
            return m_tree->topLevelItem(i);
    return nullptr;
}

bool EventPicker::addCustomObject(const QString &name)
{
    if (!EventCatalogue::isValidObjectName(name)) {
        m_objectName->setStyleSheet(u"QLineEdit { border: 1px solid #d62728; }"_s);
        m_objectName->setToolTip(tr("Use letters, digits, '_' or '-'"));
        return false;
    }
    m_objectName->setStyleSheet(QString());
    if (customObjectBranch(name))
        return true;
    const bool wasUpdating = std::exchange(m_updating, true);
    auto *branch = new QTreeWidgetItem(m_tree, {tr("Custom object “%1”").arg(name)});
    branch->setData(0, ObjectRole, name);
    branch->setFlags(Qt::ItemIsEnabled);
    QFont bold = branch->font(0);
    bold.setBold(true);
    branch->setFont(0, bold);
    const QString pattern = EventCatalogue::customObjectPattern(name);
    addEntry(branch, pattern, tr("%1  (every event of this object)").arg(pattern));
    for (const QString &type : EventCatalogue::builtin().types())
        if (type.startsWith("custom-object:"_L1))
            addEntry(branch, EventCatalogue::withObjectName(type, name), EventCatalogue::withObjectName(type, name));
    branch->setExpanded(true);
    m_updating = wasUpdating;
    return true;
}

QStringList EventPicker::selectedEvents() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *branch = m_tree->topLevelItem(i);
        for (int j = 0; j < branch->childCount(); ++j)
            if (branch->child(j)->checkState(0) == Qt::Checked)
                out.append(branch->child(j)->data(0, EventRole).toString());
    }
    return out;
}

void EventPicker::setSelectedEvents(const QStringList &events)
{
    const bool wasUpdating = std::exchange(m_updating, true);
    // Custom objects named in the manifest get their branch first.
    for (const QString &event : events) {
        if (!event.startsWith("custom-object:"_L1))
            continue;
        const QString name = event.section(u':', 1, 1);
        if (EventCatalogue::isValidObjectName(name))
            addCustomObject(name);
    }
    QStringList unmatched = events;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *branch = m_tree->topLevelItem(i);
        for (int j = 0; j < branch->childCount(); ++j) {
            QTreeWidgetItem *item = branch->child(j);
            const QString event = item->data(0, EventRole).toString();
            item->setCheckState(0, events.contains(event) ? Qt::Checked : Qt::Unchecked);
            unmatched.removeAll(event);
        }
    }
    // Anything else the JSON names (a type we do not list) stays visible and checked.
    if (!unmatched.isEmpty()) {
        QTreeWidgetItem *other = nullptr;
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
            if (m_tree->topLevelItem(i)->data(0, ObjectRole).toString() == "\x01other"_L1)
                other = m_tree->topLevelItem(i);
        if (!other) {
            other = new QTreeWidgetItem(m_tree, {tr("Other (from the JSON)")});
            other->setData(0, ObjectRole, u"\x01other"_s);
            other->setFlags(Qt::ItemIsEnabled);
        }
        for (const QString &event : std::as_const(unmatched))
            addEntry(other, event, event)->setCheckState(0, Qt::Checked);
        other->setExpanded(true);
    }
    m_updating = wasUpdating;
}

} // namespace Hookscope
