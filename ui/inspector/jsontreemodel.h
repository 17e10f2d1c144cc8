// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace Hookscope {

// A read-only tree over one JSON document: columns key, value, type.
//
// Index scheme: every index's internalPointer() is its Node; the invisible root Node holds
// the document. A Node's children are created the first time they are asked for, so a large
// payload costs only what is expanded.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole, JsonRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setJson(const QJsonValue &root);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "payload.ticket.tags[0]": the path the filter language and export columns understand.
    QString path(const QModelIndex &index) const;
    // The value as text: scalars plainly, containers as indented JSON.
    QString valueText(const QModelIndex &index) const;
    // Every index (column 0) whose key or scalar value contains `text`, in document order.
    // Searching expands the whole document, so it is meant for one payload at a time.
    QModelIndexList find(const QString &text, Qt::CaseSensitivity cs = Qt::CaseInsensitive) const;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    void findIn(Node *node, const QString &text, Qt::CaseSensitivity cs,
                QModelIndexList &out) const;

    std::unique_ptr<Node> m_root;
};

} // namespace Hookscope
