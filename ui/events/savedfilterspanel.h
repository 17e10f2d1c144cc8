// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace Hookscope {

class EventTableModel;

// Saved filters in a sidebar, each with the number of loaded events it matches (summary
// terms are counted exactly; where a body would decide, the count is a lower bound, "≥").
// Clicking one applies it.
class SavedFiltersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedFiltersPanel)

public:
    struct SavedFilter
    {
        QString name;
        QString expression;
    };

    explicit SavedFiltersPanel(EventTableModel *model, QWidget *parent = nullptr);

    QList<SavedFilter> filters() const;
    void setFilters(const QList<SavedFilter> &filters);
    void addFilter(const QString &name, const QString &expression);
    QListWidget *list() const { return m_list; }
    // The count shown for row i: "12", or "≥12" when some rows depend on their bodies (which
    // counting does not load), "error" for an invalid expression.
    QString countText(int row) const;
    void recount();

    static QList<SavedFilter> load();
    static void save(const QList<SavedFilter> &filters);

Q_SIGNALS:
    void filterActivated(const QString &expression);
    void saveCurrentRequested();

private:
    EventTableModel *m_model;
    QListWidget *m_list;
    QPushButton *m_save;
    QPushButton *m_remove;
    QTimer m_recount;
};

} // namespace Hookscope
