// SPDX-License-Identifier: MIT
#include "jsontreemodel.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/events/jsonpath.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

struct JsonTreeModel::Node
{
    QString key; // object key, or "[n]" for array items
    bool isIndex = false;
    QJsonValue value;
    Node *parent = nullptr;
    int row = 0;
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;

    void populate()
    {
        if (populated)
            return;
        populated = true;
        if (value.isObject()) {
            const QJsonObject o = value.toObject();
            children.reserve(size_t(o.size()));
            for (auto it = o.begin(); it != o.end(); ++it)
                add(it.key(), false, it.value());
        } else if (value.isArray()) {
            const QJsonArray a = value.toArray();
            children.reserve(size_t(a.size()));
            for (qsizetype i = 0; i < a.size(); ++i)
                add(QString::number(i), true, a.at(i));
        }
    }

    void add(const QString &k, bool index, const QJsonValue &v)
    {
        auto child = std::make_unique<Node>();
        child->key = k;
        child->isIndex = index;
        child->value = v;
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
    }

    bool isContainer() const { return value.isObject() || value.isArray(); }
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const QJsonValue &root)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->value = root;
    endResetModel();
}

void JsonTreeModel::clear()
{
    setJson(QJsonValue());
}

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeFor(parent);
    p->populate();
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *p = nodeFor(child)->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    Node *node = nodeFor(parent);
    node->populate();
    return int(node->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    if (node->value.isObject())
        return !node->value.toObject().isEmpty();
    if (node->value.isArray())
        return !node->value.toArray().isEmpty();
    return false;
}

static QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array[%1]"_s.arg(v.toArray().size());
    case QJsonValue::Object:
        return u"object{%1}"_s.arg(v.toObject().size());
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn:
            return node->isIndex ? u'[' + node->key + u']' : node->key;
        case ValueColumn:
            if (node->value.isObject() || node->value.isArray())
                return role == Qt::ToolTipRole ? QVariant() : QVariant(typeName(node->value));
            if (node->value.isNull())
                return u"null"_s;
            if (node->value.isString())
                return role == Qt::DisplayRole ? QVariant(node->value.toString().simplified())
                                               : QVariant(node->value.toString());
            return JsonPath::toText(node->value);
        case TypeColumn:
            return typeName(node->value);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn) {
            switch (node->value.type()) {
            case QJsonValue::String:
                return QColor(0x2c, 0x8a, 0x2c);
            case QJsonValue::Double:
                return QColor(0x1f, 0x5f, 0xb4);
            case QJsonValue::Bool:
            case QJsonValue::Null:
                return QColor(0xa0, 0x50, 0xb0);
            default:
                return QColor(0x88, 0x88, 0x88);
            }
        }
        break;
    case PathRole:
        return path(index);
    case JsonRole:
        return QVariant::fromValue(node->value);
    default:
        break;
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

QString JsonTreeModel::path(const QModelIndex &index) const
{
    QStringList parts;
    for (const Node *n = index.isValid() ? nodeFor(index) : nullptr; n && n != m_root.get();
         n = n->parent) {
        parts.prepend(n->isIndex ? QString(u'[' + n->key + u']') : QString(u'.' + n->key));
    }
    QString out = parts.join(QString());
    if (out.startsWith(u'.'))
        out.remove(0, 1);
    return out;
}

QString JsonTreeModel::valueText(const QModelIndex &index) const
{
    const Node *node = nodeFor(index);
    if (node->value.isObject())
        return QString::fromUtf8(
                       QJsonDocument(node->value.toObject()).toJson(QJsonDocument::Indented))
                .trimmed();
    if (node->value.isArray())
        return QString::fromUtf8(
                       QJsonDocument(node->value.toArray()).toJson(QJsonDocument::Indented))
                .trimmed();
    if (node->value.isNull())
        return u"null"_s;
    return JsonPath::toText(node->value);
}

void JsonTreeModel::findIn(Node *node, const QString &text, Qt::CaseSensitivity cs,
                           QModelIndexList &out) const
{
    node->populate();
    for (const auto &child : node->children) {
        const bool keyHit = !child->isIndex && child->key.contains(text, cs);
        const bool valueHit =
                !child->isContainer() && JsonPath::toText(child->value).contains(text, cs);
        if (keyHit || valueHit)
            out.append(createIndex(child->row, 0, child.get()));
        if (child->isContainer())
            findIn(child.get(), text, cs, out);
    }
}

QModelIndexList JsonTreeModel::find(const QString &text, Qt::CaseSensitivity cs) const
{
    QModelIndexList out;
    if (!text.isEmpty())
        findIn(m_root.get(), text, cs, out);
    return out;
}

} // namespace Hookscope
