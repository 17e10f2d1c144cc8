// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPair>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QWidget>

#include <optional>

#include "core/events/event.h"

class QLabel;
class QPlainTextEdit;
class QLineEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTimer;
class QTreeView;
class QsciLexer;
class QsciScintilla;

namespace Hookscope {

class EventStore;
class JsonTreeModel;

// The payload inspector: JSON tree, raw body, headers and metadata of one event, and what
// changed against the previous version the event carries, loaded from the store when the
// event is selected (the table keeps summaries only).
class InspectorWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorWidget)

public:
    enum Tab { TreeTab, RawTab, HeadersTab, ChangesTab, ResponseTab };

    explicit InspectorWidget(QWidget *parent = nullptr);

    void setStore(const EventStore *store);
    void showEvent(qint64 id); // 0 clears
    qint64 currentId() const;

    JsonTreeModel *treeModel() const;
    QTreeView *treeView() const;
    QString rawText() const;
    // Whether the raw tab colours its text as JSON (valid or malformed JSON bodies only).
    bool rawUsesJsonColours() const;
    // The Raw view's background and its JSON property colour, as the palette made them.
    QColor rawPaper() const;
    QColor rawPropertyColour() const;
    QTableWidget *headersTable() const;
    // The Changes tab's list (path, before, after) and the text shown instead when there is
    // nothing to compare.
    QTableWidget *changesTable() const;
    QString changesMessage() const;
    // The Response tab: what Hookscope answered (status line, time, mode) and the body sent.
    QString responseSummary() const;
    QString responseBody() const;
    QTabWidget *tabs() const;
    QLineEdit *findEdit() const;
    // "2 of 5", "no match", or empty: the find box's place in the current view's matches.
    QString findStatusText() const;
    // Feedback such as "Copied payload.ticket.id", shown for two seconds.
    QString statusText() const;

    // Finds `text` in the tree and the raw body: every match highlighted, the first current.
    void find(const QString &text);
    // The next or previous match of the view on show (the raw body on the Raw tab, else the
    // tree), wrapping around: Enter/F3 and Shift+Enter/Shift+F3.
    void findNext();
    void findPrevious();
    void copyValue();
    void copyPath();
    void copyPayload();

Q_SIGNALS:
    // "Apply as filter" on a tree value: a term for the filter bar that holds for it, e.g.
    // payload.ticket.priorityName="Urgent" (see JsonTreeModel::filterText).
    void filterRequested(const QString &filterText);
    // "Add as column" on a tree value: its JSON path, e.g. payload.ticket.priorityName.
    void columnRequested(const QString &jsonPath);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showPlaceholder(const QString &text);
    void fillHeaders(const Event &event);
    void fillChanges(const Event &event, bool isJson);
    // Read when the event is shown and again when the tab is opened: the writer records an
    // answer a moment after the event's own commit.
    void fillResponse();
    void showTreeMenu(const QPoint &pos);
    void stepFind(int direction);
    void showTreeMatch();
    void showRawMatch();
    void updateFindStatus();
    void clearRawMatches();
    void showStatus(const QString &text);
    void applyMatchColours();
    void applyRawColours(); // the Raw view (QScintilla) from the palette: light or dark
    static QString displayBody(const Event &event, bool *isJson);

    QPointer<const EventStore> m_store;
    std::optional<Event> m_event;
    QLabel *m_title;
    QLineEdit *m_find;
    QLabel *m_findStatus;
    QLabel *m_status;
    QTimer *m_statusTimer;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    JsonTreeModel *m_model;
    QsciScintilla *m_raw;
    QsciLexer *m_jsonLexer = nullptr; // owned by m_raw; set while the body is JSON
    QTableWidget *m_headers;
    QStackedWidget *m_changesStack;
    QTableWidget *m_changes;
    QLabel *m_noChanges;
    QWidget *m_response;
    QLabel *m_responseSummary;
    QPlainTextEdit *m_responseBody;

    // Find: the matches of each view and which one is current (-1: none).
    QList<QPersistentModelIndex> m_treeHits;
    int m_treeCurrent = -1;
    QList<QPair<qint64, qint64>> m_rawHits; // byte ranges [start, end) in the raw view
    int m_rawCurrent = -1;
    int m_matchIndicator = -1;
    int m_currentIndicator = -1;
};

} // namespace Hookscope
