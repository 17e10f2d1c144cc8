// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QByteArray>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace Hookscope {

// A read-only tree over one JSON document: columns key, value, type. Object members are
// shown in the order the document writes them, a key written twice twice (QJsonObject would
// sort them and keep one).
//
// Index scheme: every index's internalPointer() is its Node; the invisible root Node holds
// the document. A Node is a view into the document's text (JsonText::members); its children
// are created the first time they are asked for, so a large payload costs only what is
// expanded.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole, JsonRole, FindMatchRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // The document as received (valid JSON, as QJsonDocument::fromJson accepted it).
    void setJsonText(const QByteArray &json);
    // A value built in code; its objects' keys come out sorted, as QJsonObject keeps them.
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
    // The value as text: scalars plainly, containers as indented JSON in document order.
    QString valueText(const QModelIndex &index) const;
    // Whether the index is an object or an array.
    bool isContainer(const QModelIndex &index) const;
    // A filter-bar term that holds for the scalar at `index` in this document
    // (payload.ticket.priorityName="Urgent"); empty for a container, or when a key on the
    // path cannot be written in the filter language's paths (spaces, dots, quotes, ...).
    QString filterText(const QModelIndex &index) const;
    // Every index (column 0) whose key or scalar value contains `text`, in document order.
    // Searching expands the whole document, so it is meant for one payload at a time.
    QModelIndexList find(const QString &text, Qt::CaseSensitivity cs = Qt::CaseInsensitive) const;
    // Rows whose key or value contains `text` get a background (FindMatchRole is true for
    // them), so every match of the find box stands out; empty clears it.
    void setHighlight(const QString &text, Qt::CaseSensitivity cs = Qt::CaseInsensitive);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    void findIn(Node *node, const QString &text, Qt::CaseSensitivity cs,
                QModelIndexList &out) const;
    static bool nodeMatches(const Node &node, const QString &text, Qt::CaseSensitivity cs);

    QByteArray m_document; // the text every Node views
    std::unique_ptr<Node> m_root;
    QString m_highlight;
    Qt::CaseSensitivity m_highlightCase = Qt::CaseInsensitive;
};

} // namespace Hookscope
