// SPDX-License-Identifier: MIT
#include "savedfilterspanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QVBoxLayout>

#include <limits>

#include "core/events/eventpayload.h"
#include "core/filter/filterexpression.h"
#include "core/store/eventstore.h"
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
      m_remove(new QPushButton(tr("Remove"), this))
{
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

    // Counts follow the table, at most once a second under load.
    m_recount.setSingleShot(true);
    m_recount.setInterval(1000);
    connect(&m_recount, &QTimer::timeout, this, &SavedFiltersPanel::recount);
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { m_recount.start(); });
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { m_recount.start(); });
        connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_recount.start(); });
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
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const FilterExpression filter =
                FilterExpression::parse(item->data(ExpressionRole).toString());
        QString count;
        if (!filter.isValid()) {
            count = tr("error");
        } else if (m_model) {
            qint64 n = 0;
            QSet<qint64> undecided; // decided by the body
            EventSummary row; // one scratch row for all (EventTableModel::summaryInto)
            for (int r = 0; r < m_model->rowCount(); ++r) {
                m_model->summaryInto(r, row);
                const std::optional<bool> verdict = filter.matchWithoutPayload(row);
                if (!verdict)
                    undecided.insert(row.id);
                n += verdict.value_or(false) ? 1 : 0;
            }
            bool approximate = !undecided.isEmpty();
            if (approximate && m_store && undecided.size() <= MaxBodiesCounted) {
                qint64 first = std::numeric_limits<qint64>::max();
                for (qint64 id : std::as_const(undecided))
                    first = std::min(first, id);
                qsizetype left = undecided.size();
                const bool read = m_store->forEachPayload(
                        [&](const EventSummary &summary, const QByteArray &contentType,
                            const QByteArray &body) {
                            if (!undecided.contains(summary.id))
                                return true;
                            const EventPayload payload(body, contentType);
                            n += filter.matches(summary, &payload) ? 1 : 0;
                            return --left > 0;
                        },
                        first - 1);
                approximate = !read || left > 0; // rows the store no longer has
            }
            count = (approximate ? u"≥"_s : QString()) + QString::number(n);
        }
        item->setData(CountRole, count);
        item->setText(u"%1  (%2)"_s.arg(item->data(NameRole).toString(), count));
    }
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
