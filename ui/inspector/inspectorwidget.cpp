// SPDX-License-Identifier: MIT
#include "inspectorwidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUrlQuery>
#include <QVBoxLayout>

// QScintilla's headers use the `signals`/`slots` keywords that QT_NO_KEYWORDS turns off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>
#undef slots
#undef signals

#include "core/events/eventparser.h"
#include "core/events/jsontext.h"
#include "core/relay/forwarder.h"
#include "core/store/eventstore.h"
#include "ui/inspector/jsontreemodel.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qsizetype MaxRawDisplayBytes = 4 * 1024 * 1024;

QString hexDump(const QByteArray &bytes)
{
    QString out;
    const qsizetype n = qMin<qsizetype>(bytes.size(), 64 * 1024);
    for (qsizetype off = 0; off < n; off += 16) {
        QString hex, text;
        for (qsizetype i = off; i < off + 16; ++i) {
            if (i < n) {
                const uint c = uchar(bytes.at(i));
                hex += u"%1 "_s.arg(c, 2, 16, QChar(u'0'));
                text += (c >= 0x20 && c < 0x7f) ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                hex += u"   "_s;
            }
        }
        out += u"%1  %2 %3\n"_s.arg(qlonglong(off), 8, 16, QChar(u'0')).arg(hex, text);
    }
    if (n < bytes.size())
        out += QApplication::translate("InspectorWidget", "… %1 more bytes").arg(bytes.size() - n);
    return out;
}

} // namespace

InspectorWidget::InspectorWidget(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_find(new QLineEdit(this)),
      m_findStatus(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_tree(new QTreeView(this)),
      m_model(new JsonTreeModel(this)),
      m_raw(new QsciScintilla(this)),
      m_headers(new QTableWidget(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_find->setPlaceholderText(tr("Find in payload"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find in payload"));
    connect(m_find, &QLineEdit::textChanged, this, &InspectorWidget::find);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { find(m_find->text()); });

    auto makeButton = [this](const QString &text, const QString &tip,
                             void (InspectorWidget::*slot)()) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(m_findStatus);
    findRow->addWidget(makeButton(tr("Copy value"), tr("Copy the selected value"),
                                  &InspectorWidget::copyValue));
    findRow->addWidget(makeButton(
            tr("Copy path"),
            tr("Copy the JSON path of the selected value (usable in filters and export columns)"),
            &InspectorWidget::copyPath));
    findRow->addWidget(makeButton(tr("Copy payload"), tr("Copy the whole body"),
                                  &InspectorWidget::copyPayload));

    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 220);
    m_tree->header()->resizeSection(JsonTreeModel::ValueColumn, 320);
    m_tree->setAccessibleName(tr("Payload tree"));
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_tree->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addAction(tr("Copy value"), this, &InspectorWidget::copyValue);
        menu.addAction(tr("Copy JSON path"), this, &InspectorWidget::copyPath);
        menu.addAction(tr("Copy whole payload"), this, &InspectorWidget::copyPayload);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_jsonLexer = new QsciLexerJSON(m_raw);
    m_jsonLexer->setDefaultFont(mono);
    m_jsonLexer->setFont(mono);
    m_raw->setFont(mono);
    m_raw->setLexer(m_jsonLexer);
    m_raw->setReadOnly(true);
    m_raw->setUtf8(true);
    m_raw->setMarginType(0, QsciScintilla::NumberMargin);
    m_raw->setMarginWidth(0, u"00000"_s);
    m_raw->setFolding(QsciScintilla::BoxedTreeFoldStyle);
    m_raw->setWrapMode(QsciScintilla::WrapWord);
    m_raw->setAccessibleName(tr("Raw body"));

    m_headers->setColumnCount(2);
    m_headers->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setWordWrap(false);
    m_headers->setAccessibleName(tr("Headers and metadata"));

    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addLayout(findRow);
    layout->addWidget(m_tabs, 1);

    showPlaceholder(tr("Select an event to inspect its payload."));
}

void InspectorWidget::setStore(const EventStore *store)
{
    m_store = store;
}

qint64 InspectorWidget::currentId() const
{
    return m_event ? m_event->summary.id : 0;
}

JsonTreeModel *InspectorWidget::treeModel() const
{
    return m_model;
}
QTreeView *InspectorWidget::treeView() const
{
    return m_tree;
}
QTableWidget *InspectorWidget::headersTable() const
{
    return m_headers;
}
QTabWidget *InspectorWidget::tabs() const
{
    return m_tabs;
}

QString InspectorWidget::rawText() const
{
    return m_raw->text();
}

void InspectorWidget::showPlaceholder(const QString &text)
{
    m_event.reset();
    m_title->setText(text);
    m_model->clear();
    m_raw->setText(QString());
    m_headers->setRowCount(0);
    m_findStatus->clear();
}

bool InspectorWidget::rawUsesJsonColours() const
{
    return m_raw->lexer() != nullptr;
}

QString InspectorWidget::displayBody(const Event &event, bool *isJson)
{
    *isJson = false;
    if (event.body.isEmpty())
        return tr("(empty body)");
    if (event.body.size() > MaxRawDisplayBytes)
        return tr("(body of %1 bytes: too large to show; export it or copy the payload)")
                .arg(event.body.size());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(event.body, &error);
    if (error.error == QJsonParseError::NoError) {
        *isJson = true;
        // Indented, but keys in the order they came and values as spelled (QJsonDocument
        // would sort the keys): the raw view shows what was sent.
        return JsonText::pretty(event.body);
    }
    const QByteArray ct = event.contentType.toLatin1().toLower();
    // Malformed JSON keeps the JSON colours, so the error position stands out.
    *isJson = event.summary.status == EventStatus::Invalid || ct.contains("json");
    if (ct.startsWith("application/x-www-form-urlencoded")) {
        QByteArray plus = event.body;
        plus.replace('+', ' ');
        QString out;
        for (const auto &[k, v] : QUrlQuery(QString::fromUtf8(plus)).queryItems(QUrl::FullyDecoded))
            out += k + u" = "_s + v + u'\n';
        return out;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(event.body);
    if (!decoder.hasError())
        return text; // malformed JSON shows as it arrived, so the error position can be found
    return hexDump(event.body);
}

void InspectorWidget::showEvent(qint64 id)
{
    if (id <= 0 || !m_store) {
        showPlaceholder(tr("Select an event to inspect its payload."));
        return;
    }
    std::optional<Event> event = m_store->event(id);
    if (!event) {
        showPlaceholder(
                tr("Event %1 is no longer stored (removed by retention or cleared).").arg(id));
        return;
    }
    m_event = std::move(event);
    const Event &e = *m_event;
    m_title->setText(u"%1  ·  %2  ·  %3"_s.arg(
            e.summary.type, e.summary.entity.isEmpty() ? u"–"_s : e.summary.entity,
            QDateTime::fromMSecsSinceEpoch(e.summary.receivedAt)
                    .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)));

    bool isJson = false;
    const QString body = displayBody(e, &isJson);
    // Form fields, text and hex are not JSON: without a lexer they are not drawn as errors.
    m_raw->setLexer(isJson ? m_jsonLexer : nullptr);
    m_raw->setText(body);

    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(e.body, &error);
    if (error.error == QJsonParseError::NoError) {
        m_model->setJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
        m_tree->expandToDepth(2);
    } else {
        m_model->clear();
        if (e.summary.status == EventStatus::Invalid) {
            const ParsedEvent parsed = EventParser::parse(e.body, e.contentType.toLatin1());
            m_title->setText(m_title->text() + u"\n"_s + parsed.error);
        }
        m_tabs->setCurrentIndex(RawTab);
    }
    fillHeaders(e);
    if (!m_find->text().isEmpty())
        find(m_find->text());
}

void InspectorWidget::fillHeaders(const Event &e)
{
    QList<QPair<QString, QString>> rows = {
        { tr("Method"), e.method },
        { tr("Path"), e.path },
        { tr("Query"), e.query },
        { tr("Remote address"), e.remoteAddress },
        { tr("Received"),
          QDateTime::fromMSecsSinceEpoch(e.summary.receivedAt)
                  .toUTC()
                  .toString(Qt::ISODateWithMs) },
        { tr("Occurred"),
          e.summary.occurredAt ? QDateTime::fromMSecsSinceEpoch(e.summary.occurredAt)
                                         .toUTC()
                                         .toString(Qt::ISODateWithMs)
                               : QString() },
        { tr("Event ID"), e.summary.eventId },
        { tr("Org"), e.org },
        { tr("Status"), e.summary.status },
        { tr("Source"), e.summary.source },
        { tr("Size"), tr("%1 bytes").arg(e.summary.size) },
        { tr("Store id"), QString::number(e.summary.id) },
    };
    m_headers->setRowCount(0);
    QFont bold = m_headers->font();
    bold.setBold(true);
    auto addRow = [&](const QString &name, const QString &value, bool section) {
        const int r = m_headers->rowCount();
        m_headers->insertRow(r);
        auto *n = new QTableWidgetItem(name);
        auto *v = new QTableWidgetItem(value);
        v->setToolTip(value);
        if (section) {
            n->setFont(bold);
            n->setBackground(palette().alternateBase());
            v->setBackground(palette().alternateBase());
        }
        m_headers->setItem(r, 0, n);
        m_headers->setItem(r, 1, v);
    };
    addRow(tr("Request"), QString(), true);
    for (const auto &[name, value] : std::as_const(rows))
        addRow(name, value, false);
    if (m_store) {
        const QList<EventStore::ForwardAttempt> forwards = m_store->forwards(e.summary.id);
        if (!forwards.isEmpty()) {
            // The last attempt says where the event stands: delivered, waiting for a retry,
            // or given up on (then it stands out: Replay in the table's menu sends it again).
            const EventStore::ForwardAttempt &last = forwards.last();
            const bool failed = Forwarder::isFinalFailure(last.error);
            const QString state = last.error.isEmpty() ? tr("delivered")
                    : failed ? tr("FAILED — use Replay in the table's menu to send it again")
                             : tr("retrying");
            addRow(tr("Forwarded"),
                   tr("%n attempt(s)", nullptr, int(forwards.size())) + u", "_s + state, true);
            const QColor failure(0xd6, 0x27, 0x28);
            if (failed) {
                m_headers->item(m_headers->rowCount() - 1, 1)->setForeground(failure);
                m_headers->item(m_headers->rowCount() - 1, 1)->setFont(bold);
            }
            for (const EventStore::ForwardAttempt &f : forwards) {
                const bool givenUp = Forwarder::isFinalFailure(f.error);
                addRow(QDateTime::fromMSecsSinceEpoch(f.at).toString(u"HH:mm:ss"_s),
                       (f.error.isEmpty() ? tr("%1 in %2 ms").arg(f.status).arg(f.latencyMs)
                                : givenUp ? tr("FAILED: %1").arg(f.error)
                                          : f.error) // "attempt 1 of 5: …; retrying in 1 s"
                               + u"  →  "_s + f.target,
                       false);
                if (givenUp) {
                    QTableWidgetItem *v = m_headers->item(m_headers->rowCount() - 1, 1);
                    v->setForeground(failure);
                    v->setFont(bold);
                }
            }
        }
    }
    addRow(tr("Headers"), tr("%1 received").arg(e.headers.size()), true);
    for (const auto &[name, value] : e.headers)
        addRow(QString::fromLatin1(name), QString::fromUtf8(value), false);
    m_headers->resizeColumnToContents(0);
}

void InspectorWidget::find(const QString &text)
{
    if (text.isEmpty()) {
        m_findStatus->clear();
        m_tree->clearSelection();
        return;
    }
    const QModelIndexList hits = m_model->find(text);
    for (const QModelIndex &hit : hits)
        for (QModelIndex p = hit.parent(); p.isValid(); p = p.parent())
            m_tree->expand(p);
    if (!hits.isEmpty()) {
        m_tree->setCurrentIndex(hits.first());
        m_tree->scrollTo(hits.first());
    }
    m_raw->findFirst(text, false, false, false, true, true, 0, 0);
    m_findStatus->setText(hits.isEmpty() ? tr("no match")
                                         : tr("%n match(es)", nullptr, int(hits.size())));
}

void InspectorWidget::copyValue()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(m_model->valueText(current.siblingAtColumn(0)));
}

void InspectorWidget::copyPath()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(m_model->path(current.siblingAtColumn(0)));
}

void InspectorWidget::copyPayload()
{
    if (m_event)
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_event->body));
}

} // namespace Hookscope
