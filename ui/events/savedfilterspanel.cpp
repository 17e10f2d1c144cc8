// SPDX-License-Identifier: MIT
#include "savedfilterspanel.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QVBoxLayout>

#include <limits>

#include "core/events/compactrows.h"
#include "core/filter/filterexpression.h"
#include "core/filter/filterjob.h"
#include "core/filter/rowmatcher.h"
#include "core/store/eventstore.h"
#include "core/store/fieldindex.h"
#include "ui/events/eventtablemodel.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {
constexpr int ExpressionRole = Qt::UserRole;
constexpr int NameRole = Qt::UserRole + 1;
constexpr int CountRole = Qt::UserRole + 2;
} // namespace

SavedFiltersPanel::SavedFiltersPanel(EventTableModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_list(new QListWidget(this)),
      m_save(new QPushButton(tr("Save current"), this)),
      m_remove(new QPushButton(tr("Remove"), this)),
      m_jobs(new FilterJobs(this))
{
    connect(m_jobs, &FilterJobs::finished, this, &SavedFiltersPanel::onCountFinished);
    if (QCoreApplication *app = QCoreApplication::instance()) {
        // Its read-only connection closes before the store's (see EventFilterProxy).
        connect(app, &QCoreApplication::aboutToQuit, m_jobs, &FilterJobs::stop);
    }
    m_list->setAccessibleName(tr("Saved filters"));
    m_list->setToolTip(tr("Click a saved filter to apply it"));
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT filterActivated(item->data(ExpressionRole).toString());
    });
    connect(m_save, &QPushButton::clicked, this, &SavedFiltersPanel::saveCurrentRequested);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->currentItem();
        save(filters());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    // Counts follow the table, at most once a second under load (a second after the first
    // change since the last count, not after the last one: under a steady stream that would
    // be never).
    m_recount.setSingleShot(true);
    m_recount.setInterval(1000);
    connect(&m_recount, &QTimer::timeout, this, &SavedFiltersPanel::recount);
    if (m_model) {
        const auto soon = [this] {
            if (!m_recount.isActive())
                m_recount.start();
        };
        connect(m_model, &QAbstractItemModel::rowsInserted, this, soon);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, soon);
        connect(m_model, &QAbstractItemModel::modelReset, this, soon);
    }
    setFilters(load());
}

QList<SavedFiltersPanel::SavedFilter> SavedFiltersPanel::filters() const
{
    QList<SavedFilter> out;
    for (int i = 0; i < m_list->count(); ++i)
        out.append({ m_list->item(i)->data(NameRole).toString(),
                     m_list->item(i)->data(ExpressionRole).toString() });
    return out;
}

void SavedFiltersPanel::setFilters(const QList<SavedFilter> &filters)
{
    m_list->clear();
    for (const SavedFilter &f : filters) {
        auto *item = new QListWidgetItem(m_list);
        item->setData(NameRole, f.name);
        item->setData(ExpressionRole, f.expression);
        item->setToolTip(f.expression);
    }
    recount();
}

void SavedFiltersPanel::addFilter(const QString &name, const QString &expression)
{
    QList<SavedFilter> all = filters();
    all.append({ name.isEmpty() ? expression : name, expression });
    setFilters(all);
    save(all);
}

QString SavedFiltersPanel::countText(int row) const
{
    return m_list->item(row)->data(CountRole).toString();
}

void SavedFiltersPanel::setStore(EventStore *store)
{
    m_jobs->stop(); // its connection may be to another store
    m_store = store;
    recount();
}

void SavedFiltersPanel::setCurrentFilter(const QString &text)
{
    const QString wanted = text.trimmed();
    for (int i = 0; i < m_list->count(); ++i) {
        if (!wanted.isEmpty()
            && m_list->item(i)->data(ExpressionRole).toString().trimmed() == wanted) {
            m_list->setCurrentRow(i);
            return;
        }
    }
    m_list->clearSelection();
    m_list->setCurrentItem(nullptr);
}

void SavedFiltersPanel::recount()
{
    // Each filter: an invalid one and, on a small table, a summary filter are counted here at
    // once; the others go to filter jobs one after another (the store's indexes, their own
    // connection, off this thread). A shown count stays until its new one arrives.
    m_recount.stop();
    m_jobs->cancel();
    m_counting = -1;
    m_pending.clear();
    if (m_model && m_model->isLoading()) {
        m_recount.start(); // after the table's load: counting now would only slow it down
        return;
    }
    for (int row = 0; row < m_list->count(); ++row) {
        const FilterExpression filter =
                FilterExpression::parse(m_list->item(row)->data(ExpressionRole).toString());
        if (!filter.isValid()) {
            setCount(row, tr("error"));
            continue;
        }
        if (!m_model)
            continue;
        const std::shared_ptr<const CompactRows> rows = m_model->rows();
        const bool bodies = filter.needsPayload() && m_store && m_store->isOpen();
        if (bodies || rows->size() > SyncRows) {
            m_pending.append(row);
            continue;
        }
        RowMatcher matcher(filter, nullptr);
        qint64 n = 0;
        bool approximate = false;
        for (qsizetype r = 0; r < rows->size(); ++r) {
            const std::optional<bool> verdict = matcher.verdict(*rows, r);
            approximate = approximate || !verdict;
            n += verdict.value_or(false) ? 1 : 0;
        }
        setCount(row, (approximate ? u"≥"_s : QString()) + QString::number(n));
    }
    startNextCount();
}

void SavedFiltersPanel::setCount(int row, const QString &count)
{
    QListWidgetItem *item = m_list->item(row);
    item->setData(CountRole, count);
    item->setText(u"%1  (%2)"_s.arg(item->data(NameRole).toString(), count));
}

void SavedFiltersPanel::startNextCount()
{
    m_counting = -1;
    if (m_pending.isEmpty() || !m_model)
        return;
    const int row = m_pending.takeFirst();
    const FilterExpression filter =
            FilterExpression::parse(m_list->item(row)->data(ExpressionRole).toString());
    const std::shared_ptr<const CompactRows> rows = m_model->rows();
    FilterRequest request;
    request.filter = filter;
    if (filter.needsPayload() && m_store && m_store->isOpen()) {
        request.dataDir = QFileInfo(m_store->databasePath()).absolutePath();
        request.upToId = m_store->maxId();
        m_store->requestFieldIndex(FieldIndex::servedPaths(filter)); // the next count is quicker
    }
    request.rows = rows;
    request.firstKey = rows->keyOf(0);
    request.endKey = rows->keyOf(rows->size());
    m_counting = row;
    m_countGeneration = m_jobs->start(std::move(request));
}

void SavedFiltersPanel::onCountFinished(const std::shared_ptr<const FilterAnswer> &answer)
{
    if (!answer || answer->generation != m_countGeneration || m_counting < 0
        || m_counting >= m_list->count())
        return;
    const FilterExpression filter =
            FilterExpression::parse(m_list->item(m_counting)->data(ExpressionRole).toString());
    // Rows only their bodies decide (stored after the job began, or no body facts): not
    // counted, so the count is a lower bound.
    const bool approximate =
            !answer->undecidedKeys.empty() || (filter.needsPayload() && !answer->facts);
    setCount(m_counting,
             (approximate ? u"≥"_s : QString()) + QString::number(answer->acceptedKeys.size()));
    startNextCount();
}

QList<SavedFiltersPanel::SavedFilter> SavedFiltersPanel::load()
{
    QSettings settings;
    QList<SavedFilter> out;
    const int n = settings.beginReadArray(u"savedFilters"_s);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        out.append({ settings.value(u"name"_s).toString(),
                     settings.value(u"expression"_s).toString() });
    }
    settings.endArray();
    if (out.isEmpty() && !settings.contains(u"savedFilters/size"_s)) {
        // A useful start, in the vocabulary of Thena's docs.
        out = { { tr("Tickets"), u"ticket:*"_s },
                { tr("Urgent tickets"), u"ticket:* payload.ticket.priorityName=Urgent"_s },
                { tr("Accounts"), u"account:* OR account-*:*"_s },
                { tr("Problems"), u"status:invalid OR status:repeat"_s } };
    }
    return out;
}

void SavedFiltersPanel::save(const QList<SavedFilter> &filters)
{
    QSettings settings;
    settings.beginWriteArray(u"savedFilters"_s, int(filters.size()));
    for (int i = 0; i < filters.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"name"_s, filters.at(i).name);
        settings.setValue(u"expression"_s, filters.at(i).expression);
    }
    settings.endArray();
}

} // namespace Hookscope
