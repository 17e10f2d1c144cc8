// SPDX-License-Identifier: MIT
#include "shortcutsdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int SearchRole = Qt::UserRole + 1;

QString plainText(const QString &text)
{
    // "&Quit" → "Quit", "Save && exit" → "Save & exit"; tabs hold shortcut hints on some styles.
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'&') {
            if (i + 1 < text.size() && text.at(i + 1) == u'&') {
                out.append(u'&');
                ++i;
            }
            continue;
        }
        out.append(text.at(i));
    }
    return out.section(u'\t', 0, 0);
}

void walk(QMenu *menu, const QString &group, bool withoutShortcut, QSet<QAction *> &seen,
          QList<ShortcutsDialog::Entry> &out)
{
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (seen.contains(action))
            continue;
        seen.insert(action);
        if (action->isSeparator() || !action->isVisible())
            continue;
        if (QMenu *sub = action->menu()) {
            walk(sub, group + u" › "_s + plainText(sub->title()), withoutShortcut, seen, out);
            continue;
        }
        if (action->shortcuts().isEmpty() && !withoutShortcut)
            continue;
        out.append({ group, plainText(action->text()), action->shortcuts() });
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow *window, QWidget *parent)
    : QDialog(parent ? parent : window),
      m_window(window),
      m_search(new QLineEdit(this)),
      m_all(new QCheckBox(tr("Show &actions without a shortcut"), this)),
      m_view(new QTreeView(this)),
      m_empty(new QLabel(this)),
      m_model(new QStandardItemModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    resize(520, 560);

    m_search->setPlaceholderText(tr("Search actions or keys, e.g. export or Ctrl+E"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search shortcuts"));
    m_all->setAccessibleName(tr("Show actions without a shortcut"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterKeyColumn(ActionColumn);

    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Keyboard shortcuts"));
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);

    m_empty->setText(tr("No action matches."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setVisible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_all);
    layout->addWidget(buttons);

    connect(m_search, &QLineEdit::textChanged, this, &ShortcutsDialog::applySearch);
    connect(m_all, &QCheckBox::toggled, this, &ShortcutsDialog::rebuild);
    rebuild();
    m_search->setFocus();
}

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(QMainWindow *window, bool withoutShortcut)
{
    QList<Entry> out;
    if (!window)
        return out;
    QSet<QAction *> seen;
    const QList<QAction *> top = window->menuBar()->actions();
    for (QAction *action : top) {
        if (QMenu *menu = action->menu(); menu && action->isVisible())
            walk(menu, plainText(menu->title()), withoutShortcut, seen, out);
    }
    // Shortcuts that live on the window (or its children) without a menu entry.
    const QList<QAction *> own = window->findChildren<QAction *>();
    for (QAction *action : own) {
        if (seen.contains(action) || action->isSeparator() || action->menu()
            || action->shortcuts().isEmpty() || !action->isVisible())
            continue;
        // Only actions added to an ordinary widget: menu entries were walked above (or are
        // hidden), and an action added nowhere has a shortcut that does nothing.
        const QList<QObject *> owners = action->associatedObjects();
        const bool onWidget = std::any_of(owners.cbegin(), owners.cend(), [](QObject *o) {
            return o->isWidgetType() && !qobject_cast<QMenu *>(o) && !qobject_cast<QMenuBar *>(o);
        });
        if (!onWidget)
            continue;
        seen.insert(action);
        out.append({ tr("Window"), plainText(action->text()), action->shortcuts() });
    }
    return out;
}

QString ShortcutsDialog::shortcutText(const QList<QKeySequence> &shortcuts)
{
    QStringList parts;
    for (const QKeySequence &s : shortcuts)
        parts.append(s.toString(QKeySequence::NativeText));
    return parts.join(u", "_s);
}

void ShortcutsDialog::rebuild()
{
    m_model->clear();
    m_model->setColumnCount(ColumnCount);
    m_model->setHorizontalHeaderLabels({ tr("Action"), tr("Shortcut") });
    QStandardItem *group = nullptr;
    const QList<Entry> entries = collect(m_window, m_all->isChecked());
    for (const Entry &e : entries) {
        if (!group || group->text() != e.group) {
            group = new QStandardItem(e.group);
            QFont bold = group->font();
            bold.setBold(true);
            group->setFont(bold);
            group->setData(QString(), SearchRole); // groups match through their children
            group->setSelectable(false);
            auto *spacer = new QStandardItem;
            spacer->setSelectable(false);
            m_model->appendRow({ group, spacer });
        }
        const QString keys = shortcutText(e.shortcuts);
        auto *name = new QStandardItem(e.action);
        // Matches both how a key is written here (Ctrl+E) and the portable form.
        QStringList portable;
        for (const QKeySequence &s : e.shortcuts)
            portable.append(s.toString(QKeySequence::PortableText));
        name->setData(QString(e.group + u' ' + e.action + u' ' + keys + u' ' + portable.join(u' ')),
                      SearchRole);
        name->setData(keys.isEmpty() ? e.action : tr("%1: %2").arg(e.action, keys),
                      Qt::AccessibleTextRole);
        auto *key = new QStandardItem(keys.isEmpty() ? tr("—") : keys);
        if (keys.isEmpty())
            key->setForeground(palette().brush(QPalette::PlaceholderText));
        group->appendRow({ name, key });
    }
    // Set after the model has its columns: the header forgets modes on a reset.
    m_view->header()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ShortcutColumn, QHeaderView::ResizeToContents);
    applySearch();
}

void ShortcutsDialog::applySearch()
{
    m_proxy->setFilterFixedString(m_search->text().trimmed());
    m_view->expandAll();
    m_empty->setVisible(visibleActionCount() == 0);
}

void ShortcutsDialog::setSearchText(const QString &text)
{
    m_search->setText(text);
}

int ShortcutsDialog::visibleActionCount() const
{
    int count = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        count += m_proxy->rowCount(m_proxy->index(r, 0));
    return count;
}

} // namespace Hookscope
