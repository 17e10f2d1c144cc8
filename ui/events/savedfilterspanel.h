// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace Hookscope {

class EventStore;
class EventTableModel;

// Saved filters in a sidebar, each with the number of loaded events it matches. Summary terms
// are counted from the rows; where a body decides, the bodies are read from the store (when
// one is set and at most MaxBodiesCounted rows need it; beyond that the count is a lower
// bound, "≥"). Clicking one applies it; the entry stays highlighted only while the filter bar
// holds its expression (setCurrentFilter()).
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

    // Where bodies are read from for exact counts; without a store, counts that depend on
    // bodies are lower bounds.
    void setStore(EventStore *store);
    static constexpr int MaxBodiesCounted = 20000;
    // The filter text in force: highlights the saved filter with that expression, or none.
    void setCurrentFilter(const QString &text);

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
    QPointer<EventStore> m_store;
    QListWidget *m_list;
    QPushButton *m_save;
    QPushButton *m_remove;
    QTimer m_recount;
};

} // namespace Hookscope
