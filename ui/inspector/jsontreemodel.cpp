// SPDX-License-Identifier: MIT
#include "jsontreemodel.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>

#include <functional>

#include "core/events/jsonpath.h"
#include "core/events/jsontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

struct JsonTreeModel::Node
{
    enum class Kind : quint8 { Nothing, Object, Array, Scalar };

    QString key; // object key, or "n" for array item n
    bool isIndex = false;
    Kind kind = Kind::Nothing;
    QByteArrayView text; // the value as written: a view into the model's document
    QJsonValue scalar; // the value of a Scalar
    Node *parent = nullptr;
    int row = 0;
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;

    void setText(QByteArrayView json)
    {
        text = json;
        const QByteArrayView trimmed = json.trimmed();
        if (trimmed.isEmpty()) {
            kind = Kind::Nothing;
        } else if (trimmed.front() == '{') {
            kind = Kind::Object;
        } else if (trimmed.front() == '[') {
            kind = Kind::Array;
        } else {
            kind = Kind::Scalar;
            scalar = JsonText::value(trimmed);
        }
    }

    void populate()
    {
        if (populated)
            return;
        populated = true;
        if (!isContainer())
            return;
        // The members as written, not through QJsonObject: document order, duplicates kept.
        const QList<JsonText::Member> members = JsonText::members(text);
        children.reserve(size_t(members.size()));
        for (qsizetype i = 0; i < members.size(); ++i) {
            const bool index = kind == Kind::Array;
            add(index ? QString::number(i) : members.at(i).key, index, members.at(i).value);
        }
    }

    void add(const QString &k, bool index, QByteArrayView v)
    {
        auto child = std::make_unique<Node>();
        child->key = k;
        child->isIndex = index;
        child->setText(v);
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
    }

    bool isContainer() const { return kind == Kind::Object || kind == Kind::Array; }

    bool isEmptyContainer() const
    {
        const QByteArrayView trimmed = text.trimmed();
        return trimmed.size() < 2 || trimmed.sliced(1, trimmed.size() - 2).trimmed().isEmpty();
    }

    QJsonValue value() const { return isContainer() ? JsonText::value(text) : scalar; }

    QString typeName()
    {
        switch (kind) {
        case Kind::Object:
            populate();
            return u"object{%1}"_s.arg(children.size());
        case Kind::Array:
            populate();
            return u"array[%1]"_s.arg(children.size());
        case Kind::Scalar:
            switch (scalar.type()) {
            case QJsonValue::Null:
                return u"null"_s;
            case QJsonValue::Bool:
                return u"boolean"_s;
            case QJsonValue::Double:
                return u"number"_s;
            case QJsonValue::String:
                return u"string"_s;
            default:
                break;
            }
            break;
        case Kind::Nothing:
            break;
        }
        return {};
    }
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJsonText(const QByteArray &json)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_document = json;
    m_root->setText(m_document);
    endResetModel();
}

void JsonTreeModel::setJson(const QJsonValue &root)
{
    QByteArray text;
    if (root.isObject()) {
        text = QJsonDocument(root.toObject()).toJson(QJsonDocument::Compact);
    } else if (root.isArray()) {
        text = QJsonDocument(root.toArray()).toJson(QJsonDocument::Compact);
    } else if (!root.isUndefined()) {
        // A scalar is written as the one element of an array, then unwrapped.
        text = QJsonDocument(QJsonArray{ root }).toJson(QJsonDocument::Compact);
        text = text.mid(1, text.size() - 2);
    }
    setJsonText(text);
}

void JsonTreeModel::clear()
{
    setJsonText(QByteArray());
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
    return node->isContainer() && !node->isEmptyContainer();
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn:
            return node->isIndex ? u'[' + node->key + u']' : node->key;
        case ValueColumn:
            if (node->isContainer())
                return role == Qt::ToolTipRole ? QVariant() : QVariant(node->typeName());
            if (node->scalar.isNull())
                return u"null"_s;
            if (node->scalar.isString())
                return role == Qt::DisplayRole ? QVariant(node->scalar.toString().simplified())
                                               : QVariant(node->scalar.toString());
            return JsonPath::toText(node->scalar);
        case TypeColumn:
            return node->typeName();
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn) {
            if (node->isContainer())
                return QColor(0x88, 0x88, 0x88);
            switch (node->scalar.type()) {
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
    case Qt::BackgroundRole:
        if (!m_highlight.isEmpty() && nodeMatches(*node, m_highlight, m_highlightCase)) {
            // The theme's selection colour, see-through: the row's text keeps its own colour
            // and stays readable on light and dark bases; the current match (the selection)
            // is drawn fully on top of it.
            QColor c = QGuiApplication::palette().color(QPalette::Highlight);
            c.setAlpha(70);
            return QBrush(c);
        }
        break;
    case FindMatchRole:
        return !m_highlight.isEmpty() && nodeMatches(*node, m_highlight, m_highlightCase);
    case PathRole:
        return path(index);
    case JsonRole:
        return QVariant::fromValue(node->value());
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
    if (node->isContainer())
        return JsonText::pretty(node->text);
    if (node->scalar.isNull())
        return u"null"_s;
    return JsonPath::toText(node->scalar);
}

bool JsonTreeModel::isContainer(const QModelIndex &index) const
{
    return index.isValid() && nodeFor(index)->isContainer();
}

QString JsonTreeModel::filterText(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    if (node->kind != Node::Kind::Scalar)
        return {};
    // The filter parser takes a path of letters, digits and _ $ - @ with '.' and [n] between
    // keys, starting with a letter (filterparser.cpp, isPathStart/isPathChar). A key with
    // anything else cannot be named there.
    const Node *first = nullptr;
    for (const Node *n = node; n && n != m_root.get(); n = n->parent) {
        first = n;
        if (n->isIndex)
            continue;
        if (n->key.isEmpty())
            return {};
        for (const QChar c : n->key) {
            if (!c.isLetterOrNumber() && c != u'_' && c != u'$' && c != u'-' && c != u'@')
                return {};
        }
    }
    if (!first || first->isIndex
        || !(first->key.front().isLetter() || first->key.front() == u'_'
             || first->key.front() == u'$'))
        return {};

    QString value;
    switch (node->scalar.type()) {
    case QJsonValue::String: {
        // Inside "…" the filter language knows two escapes: \" and \\.
        QString s = node->scalar.toString();
        s.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        value = u'"' + s + u'"';
        break;
    }
    case QJsonValue::Null:
        value = u"\"\""_s; // null reads as empty text in comparisons (JsonPath::toText)
        break;
    default:
        value = JsonPath::toText(node->scalar); // numbers, true, false
        break;
    }
    return path(index) + u'=' + value;
}

bool JsonTreeModel::nodeMatches(const Node &node, const QString &text, Qt::CaseSensitivity cs)
{
    const bool keyHit = !node.isIndex && node.key.contains(text, cs);
    const bool valueHit = node.kind == Node::Kind::Scalar
            && (node.scalar.isNull() ? u"null"_s : JsonPath::toText(node.scalar))
                       .contains(text, cs);
    return keyHit || valueHit;
}

void JsonTreeModel::findIn(Node *node, const QString &text, Qt::CaseSensitivity cs,
                           QModelIndexList &out) const
{
    node->populate();
    for (const auto &child : node->children) {
        if (nodeMatches(*child, text, cs))
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

void JsonTreeModel::setHighlight(const QString &text, Qt::CaseSensitivity cs)
{
    if (text == m_highlight && cs == m_highlightCase)
        return;
    m_highlight = text;
    m_highlightCase = cs;
    // Only rows that exist can be repainted: the children made so far.
    std::function<void(Node *, const QModelIndex &)> touch = [&](Node *node,
                                                                 const QModelIndex &parent) {
        if (!node->populated || node->children.empty())
            return;
        Q_EMIT dataChanged(index(0, 0, parent),
                           index(int(node->children.size()) - 1, ColumnCount - 1, parent),
                           { Qt::BackgroundRole, FindMatchRole });
        for (const auto &child : node->children)
            touch(child.get(), createIndex(child->row, 0, child.get()));
    };
    touch(m_root.get(), QModelIndex());
}

} // namespace Hookscope
