// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QListWidget;
class QPushButton;

namespace Hookscope {

class EventStore;
class EventTableModel;
class FilterJobs;
struct FilterAnswer;

// Saved filters in a sidebar, each with the number of loaded events it matches, counted the
// way the table filters (RowMatcher): on a small table a summary filter at once, any other by
// a filter job off the GUI thread (FilterJobs, with the store's full-text and field indexes;
// without a store, counts that depend on bodies are lower bounds, "≥"). Counts follow the
// table at most once a second. Clicking one applies it; the entry stays highlighted only
// while the filter bar holds its expression (setCurrentFilter()).
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
    // Summary filters over at most this many rows are counted at once (as the table's proxy).
    static constexpr qsizetype SyncRows = 20'000;
    // The filter text in force: highlights the saved filter with that expression, or none.
    void setCurrentFilter(const QString &text);

    QList<SavedFilter> filters() const;
    void setFilters(const QList<SavedFilter> &filters);
    void addFilter(const QString &name, const QString &expression);
    QListWidget *list() const { return m_list; }
    // The count shown for row i: "12", or "≥12" when some rows depend on bodies it could not
    // read, "error" for an invalid expression.
    QString countText(int row) const;
    // Counts every filter again (those that need a job arrive later: isCounting()).
    void recount();
    bool isCounting() const { return m_counting >= 0; }

    static QList<SavedFilter> load();
    static void save(const QList<SavedFilter> &filters);

Q_SIGNALS:
    void filterActivated(const QString &expression);
    void saveCurrentRequested();

private:
    void startNextCount();
    void onCountFinished(const std::shared_ptr<const FilterAnswer> &answer);
    void setCount(int row, const QString &count);

    EventTableModel *m_model;
    QPointer<EventStore> m_store;
    QListWidget *m_list;
    QPushButton *m_save;
    QPushButton *m_remove;
    QTimer m_recount;
    FilterJobs *m_jobs;
    int m_counting = -1; // the row a job counts now
    QList<int> m_pending; // rows a job counts next
    quint64 m_countGeneration = 0;
};

} // namespace Hookscope
