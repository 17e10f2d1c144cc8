// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QString>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMainWindow;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace Hookscope {

// Help → Keyboard shortcuts: every action of a main window's menus (submenus included, plus
// actions added to the window itself), grouped by menu, with a search field that matches
// action names and key sequences. Built when opened, so it never goes stale.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    struct Entry
    {
        QString group; // "File", "View › Columns", "Window" for actions outside menus
        QString action; // menu text without '&'
        QList<QKeySequence> shortcuts;
    };

    enum Column { ActionColumn, ShortcutColumn, ColumnCount };

    explicit ShortcutsDialog(QMainWindow *window, QWidget *parent = nullptr);

    // The actions of the window in menu order; withoutShortcut: also those that have none.
    static QList<Entry> collect(QMainWindow *window, bool withoutShortcut = false);
    static QString shortcutText(const QList<QKeySequence> &shortcuts);

    void setSearchText(const QString &text);
    // Matching actions (not group rows) now shown.
    int visibleActionCount() const;
    QTreeView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }

private:
    void rebuild();
    void applySearch();

    QMainWindow *m_window;
    QLineEdit *m_search;
    QCheckBox *m_all;
    QTreeView *m_view;
    QLabel *m_empty;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace Hookscope
