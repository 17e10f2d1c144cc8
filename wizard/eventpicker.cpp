// SPDX-License-Identifier: MIT
#include "eventpicker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/thena/eventcatalogue.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int EventRole = Qt::UserRole; // leaf: the event name (or a pattern, under Other)
constexpr int ObjectRole = Qt::UserRole + 1; // custom-object branch: its object name
constexpr int CategoryRole = Qt::UserRole + 2; // catalogue branch: the category id
const QString OtherId = u"\x01other"_s; // CategoryRole of the "Other (from the JSON)" branch

QString branchLabel(const EventCategory &category)
{
    if (category.id == "ticket"_L1)
        return EventPicker::tr("All ticket events");
    if (category.id == "account"_L1)
        return EventPicker::tr("All account events");
    if (category.id == "comment"_L1)
        return EventPicker::tr("All comment events");
    if (category.id == "user"_L1)
        return EventPicker::tr("All user events");
    if (category.id == "organization"_L1)
        return EventPicker::tr("All organization events");
    return EventPicker::tr("All events: %1").arg(category.title);
}

bool isBranch(const QTreeWidgetItem *item)
{
    return !item->parent();
}

} // namespace

EventPicker::EventPicker(QWidget *parent)
    : QWidget(parent),
      m_tree(new QTreeWidget(this)),
      m_objectName(new QLineEdit(this)),
      m_addObject(new QPushButton(tr("Add object"), this)),
      m_expand(new QPushButton(tr("Expand to names"), this))
{
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Subscribed events"));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    for (const EventCategory &category : EventCatalogue::builtin().categories()) {
        if (category.id == "custom-object"_L1)
            continue; // per object name, below
        QTreeWidgetItem *branch =
                addBranch(branchLabel(category),
                          tr("%1: checks or unchecks every name below").arg(category.title));
        branch->setData(0, CategoryRole, category.id);
        for (const QString &type : category.types)
            addEntry(branch, type, type);
    }
    m_tree->expandToDepth(0);

    m_objectName->setPlaceholderText(tr("custom object name, e.g. deal"));
    m_objectName->setAccessibleName(tr("Custom object name"));
    m_expand->setToolTip(
            tr("Replace the patterns that came with the JSON (such as ticket:*) by the event names "
               "they stand for"));
    m_expand->setEnabled(false);
    connect(m_objectName, &QLineEdit::returnPressed, m_addObject, &QPushButton::click);
    connect(m_addObject, &QPushButton::clicked, this, [this] {
        if (addCustomObject(m_objectName->text().trimmed()))
            m_objectName->clear();
    });
    connect(m_expand, &QPushButton::clicked, this, &EventPicker::expandPatterns);
    connect(m_tree, &QTreeWidget::itemChanged, this, &EventPicker::onItemChanged);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Custom objects:"), this));
    row->addWidget(m_objectName, 1);
    row->addWidget(m_addObject);
    row->addSpacing(12);
    row->addWidget(m_expand);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addLayout(row);
}

QTreeWidgetItem *EventPicker::addBranch(const QString &label, const QString &tooltip)
{
    auto *branch = new QTreeWidgetItem(m_tree, { label });
    // Selectable, so that a branch just added can be shown selected.
    branch->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    branch->setCheckState(0, Qt::Unchecked);
    branch->setToolTip(0, tooltip);
    QFont bold = branch->font(0);
    bold.setBold(true);
    branch->setFont(0, bold);
    return branch;
}

void EventPicker::showBranch(QTreeWidgetItem *branch)
{
    // The names below it first, then the branch itself: as much of it as fits, its title
    // always.
    if (branch->childCount() > 0)
        m_tree->scrollToItem(branch->child(branch->childCount() - 1));
    m_tree->scrollToItem(branch);
    m_tree->setCurrentItem(branch, 0, QItemSelectionModel::ClearAndSelect);
}

QTreeWidgetItem *EventPicker::addEntry(QTreeWidgetItem *parent, const QString &event,
                                       const QString &label)
{
    auto *item = new QTreeWidgetItem(parent, { label });
    item->setData(0, EventRole, event);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(0, Qt::Unchecked);
    item->setToolTip(0, event);
    return item;
}

QTreeWidgetItem *EventPicker::categoryBranch(const QString &categoryId) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, CategoryRole).toString() == categoryId)
            return m_tree->topLevelItem(i);
    return nullptr;
}

QTreeWidgetItem *EventPicker::customObjectBranch(const QString &name) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, ObjectRole).toString() == name)
            return m_tree->topLevelItem(i);
    return nullptr;
}

QTreeWidgetItem *EventPicker::otherBranch() const
{
    return categoryBranch(OtherId);
}

QStringList EventPicker::customObjectNames() const
{
    QStringList names;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QString name = m_tree->topLevelItem(i)->data(0, ObjectRole).toString();
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

QTreeWidgetItem *EventPicker::ensureCustomObjectBranch(const QString &name)
{
    if (QTreeWidgetItem *existing = customObjectBranch(name))
        return existing;
    const bool wasUpdating = std::exchange(m_updating, true);
    QTreeWidgetItem *branch =
            addBranch(tr("All events of custom object “%1”").arg(name),
                      tr("Custom object %1: checks or unchecks every name below").arg(name));
    branch->setData(0, ObjectRole, name);
    for (const QString &type : EventCatalogue::builtin().types()) {
        if (EventCatalogue::categoryOf(type) != "custom-object"_L1)
            continue;
        const QString event = EventCatalogue::withObjectName(type, name);
        addEntry(branch, event, event);
    }
    // Custom objects come before "Other (from the JSON)", which stays last.
    if (QTreeWidgetItem *other = otherBranch()) {
        const int at = m_tree->indexOfTopLevelItem(other);
        m_tree->takeTopLevelItem(at);
        m_tree->addTopLevelItem(other);
        other->setExpanded(true);
    }
    branch->setExpanded(true);
    m_updating = wasUpdating;
    return branch;
}

bool EventPicker::addCustomObject(const QString &name)
{
    if (!EventCatalogue::isValidObjectName(name)) {
        m_objectName->setStyleSheet(u"QLineEdit { border: 1px solid #d62728; }"_s);
        m_objectName->setToolTip(tr("Use letters, digits, '_' or '-'"));
        return false;
    }
    m_objectName->setStyleSheet(QString());
    m_objectName->setToolTip(QString());
    QTreeWidgetItem *branch = ensureCustomObjectBranch(name);
    const bool wasUpdating = std::exchange(m_updating, true);
    for (int j = 0; j < branch->childCount(); ++j)
        branch->child(j)->setCheckState(0, Qt::Checked);
    updateBranchState(branch);
    m_updating = wasUpdating;
    updateExpandButton();
    Q_EMIT selectionChanged();
    // The new branch is at the bottom of a long tree: bring it into view and select it, after
    // what selectionChanged() set off (the manifest page rewrites the tree's checks) and,
    // once more, after the layout that follows.
    showBranch(branch);
    QTimer::singleShot(0, this, [this, name] {
        if (QTreeWidgetItem *added = customObjectBranch(name))
            showBranch(added);
    });
    return true;
}

void EventPicker::updateBranchState(QTreeWidgetItem *branch)
{
    int checked = 0;
    for (int j = 0; j < branch->childCount(); ++j)
        if (branch->child(j)->checkState(0) == Qt::Checked)
            ++checked;
    branch->setCheckState(0,
                          checked == 0                              ? Qt::Unchecked
                                  : checked == branch->childCount() ? Qt::Checked
                                                                    : Qt::PartiallyChecked);
}

void EventPicker::onItemChanged(QTreeWidgetItem *item)
{
    if (m_updating)
        return;
    m_updating = true;
    if (isBranch(item)) {
        // The category's convenience entry: (un)checks the names below it, and is never
        // subscribed itself.
        const Qt::CheckState state =
                item->checkState(0) == Qt::Unchecked ? Qt::Unchecked : Qt::Checked;
        for (int j = 0; j < item->childCount(); ++j)
            item->child(j)->setCheckState(0, state);
        updateBranchState(item);
    } else {
        updateBranchState(item->parent());
    }
    m_updating = false;
    updateExpandButton();
    Q_EMIT selectionChanged();
}

QStringList EventPicker::selectedEvents() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *branch = m_tree->topLevelItem(i);
        for (int j = 0; j < branch->childCount(); ++j) {
            const QString event = branch->child(j)->data(0, EventRole).toString();
            if (branch->child(j)->checkState(0) == Qt::Checked && !out.contains(event))
                out.append(event);
        }
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
            ensureCustomObjectBranch(name);
    }
    QStringList unmatched = events;
    QTreeWidgetItem *other = otherBranch();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *branch = m_tree->topLevelItem(i);
        if (branch == other)
            continue;
        for (int j = 0; j < branch->childCount(); ++j) {
            QTreeWidgetItem *item = branch->child(j);
            const QString event = item->data(0, EventRole).toString();
            item->setCheckState(0, events.contains(event) ? Qt::Checked : Qt::Unchecked);
            unmatched.removeAll(event);
        }
        updateBranchState(branch);
    }
    // Anything else the JSON names (a pattern, a name not in the catalogue) stays visible and
    // checked, so that nothing in the manifest is dropped behind the user's back.
    unmatched.removeDuplicates();
    if (other)
        qDeleteAll(other->takeChildren());
    if (!unmatched.isEmpty()) {
        if (!other) {
            other = addBranch(tr("Other (from the JSON)"),
                              tr("Entries of the manifest that are not documented event names"));
            other->setData(0, CategoryRole, OtherId);
        }
        for (const QString &event : std::as_const(unmatched)) {
            QTreeWidgetItem *item = addEntry(other, event, event);
            item->setCheckState(0, Qt::Checked);
            if (EventCatalogue::isPattern(event))
                item->setToolTip(0,
                                 tr("%1 is a pattern: Thena's manifest lists event names. Use "
                                    "“Expand to names”.")
                                         .arg(event));
        }
        updateBranchState(other);
        other->setExpanded(true);
    } else if (other) {
        delete other;
    }
    m_updating = wasUpdating;
    updateExpandButton();
}

void EventPicker::expandPatterns()
{
    const EventCatalogue &catalogue = EventCatalogue::builtin();
    const QStringList objects = customObjectNames();
    const QStringList before = selectedEvents();
    QStringList after;
    for (const QString &event : before) {
        const QStringList names = EventCatalogue::isPattern(event)
                ? catalogue.expand(event, objects)
                : QStringList{ event };
        for (const QString &name : names.isEmpty() ? QStringList{ event } : names)
            if (!after.contains(name))
                after.append(name);
    }
    if (after == before)
        return;
    setSelectedEvents(after);
    Q_EMIT selectionChanged();
}

void EventPicker::updateExpandButton()
{
    const QStringList selected = selectedEvents();
    m_expand->setEnabled(std::any_of(selected.cbegin(), selected.cend(), [](const QString &event) {
        return EventCatalogue::isPattern(event);
    }));
}

} // namespace Hookscope
