// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

#include <optional>

#include "core/events/event.h"

class QLabel;
class QLineEdit;
class QTabWidget;
class QTableWidget;
class QTreeView;
class QsciLexer;
class QsciScintilla;

namespace Hookscope {

class EventStore;
class JsonTreeModel;

// The payload inspector: JSON tree, raw body, headers and metadata of one event, loaded
// from the store when the event is selected (the table keeps summaries only).
class InspectorWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorWidget)

public:
    enum Tab { TreeTab, RawTab, HeadersTab };

    explicit InspectorWidget(QWidget *parent = nullptr);

    void setStore(const EventStore *store);
    void showEvent(qint64 id); // 0 clears
    qint64 currentId() const;

    JsonTreeModel *treeModel() const;
    QTreeView *treeView() const;
    QString rawText() const;
    // Whether the raw tab colours its text as JSON (valid or malformed JSON bodies only).
    bool rawUsesJsonColours() const;
    QTableWidget *headersTable() const;
    QTabWidget *tabs() const;

    void find(const QString &text);
    void copyValue();
    void copyPath();
    void copyPayload();

private:
    void showPlaceholder(const QString &text);
    void fillHeaders(const Event &event);
    static QString displayBody(const Event &event, bool *isJson);

    QPointer<const EventStore> m_store;
    std::optional<Event> m_event;
    QLabel *m_title;
    QLineEdit *m_find;
    QLabel *m_findStatus;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    JsonTreeModel *m_model;
    QsciScintilla *m_raw;
    QsciLexer *m_jsonLexer = nullptr; // owned by m_raw; set while the body is JSON
    QTableWidget *m_headers;
};

} // namespace Hookscope
