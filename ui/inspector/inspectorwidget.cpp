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
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
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

#include "core/events/eventdiff.h"
#include "core/events/eventparser.h"
#include "core/events/jsontext.h"
#include "core/http/httpserver.h"
#include "core/relay/forwarder.h"
#include "core/store/eventstore.h"
#include "ui/inspector/jsontreemodel.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qsizetype MaxRawDisplayBytes = 4 * 1024 * 1024;
// Beyond this many matches in the raw body, the rest are neither highlighted nor counted:
// a one-letter search in a 4 MiB body would otherwise paint for seconds.
constexpr int MaxRawMatches = 10000;
constexpr int StatusMilliseconds = 2000;

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
      m_status(new QLabel(this)),
      m_statusTimer(new QTimer(this)),
      m_tabs(new QTabWidget(this)),
      m_tree(new QTreeView(this)),
      m_model(new JsonTreeModel(this)),
      m_raw(new QsciScintilla(this)),
      m_headers(new QTableWidget(this)),
      m_changesStack(new QStackedWidget(this)),
      m_changes(new QTableWidget(this)),
      m_noChanges(new QLabel(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_find->setPlaceholderText(tr("Find in payload"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find in payload"));
    m_find->setToolTip(tr("Enter or F3: next match; Shift+Enter or Shift+F3: previous"));
    connect(m_find, &QLineEdit::textChanged, this, &InspectorWidget::find);
    // Enter and Shift+Enter step through the matches (see eventFilter); F3 and Shift+F3 do
    // too from anywhere in the inspector.
    m_find->installEventFilter(this);
    auto *next = new QAction(tr("Find next"), this);
    next->setShortcut(QKeySequence(Qt::Key_F3));
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, this, &InspectorWidget::findNext);
    auto *previous = new QAction(tr("Find previous"), this);
    previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QAction::triggered, this, &InspectorWidget::findPrevious);
    addActions({ next, previous });

    m_status->setAccessibleName(tr("Inspector status"));
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(StatusMilliseconds);
    connect(m_statusTimer, &QTimer::timeout, m_status, &QLabel::clear);

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
    findRow->addWidget(m_status);
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
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &InspectorWidget::showTreeMenu);

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
    applyMatchColours();
    applyRawColours();
    for (const int indicator : { m_matchIndicator, m_currentIndicator })
        m_raw->SendScintilla(QsciScintillaBase::SCI_INDICSETUNDER, (unsigned long)indicator, 1L);

    m_headers->setColumnCount(2);
    m_headers->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setWordWrap(false);
    // Rows as tall as their text needs (a line of the font and the style's margins), like
    // the tree's, not the style's default header section (30 px and more).
    m_headers->verticalHeader()->setMinimumSectionSize(1);
    m_headers->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_headers->setAccessibleName(tr("Headers and metadata"));

    m_changes->setColumnCount(3);
    m_changes->setHorizontalHeaderLabels({ tr("Field"), tr("Before"), tr("After") });
    m_changes->horizontalHeader()->setStretchLastSection(true);
    m_changes->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_changes->verticalHeader()->setVisible(false);
    m_changes->verticalHeader()->setMinimumSectionSize(1);
    m_changes->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_changes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_changes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_changes->setWordWrap(false);
    m_changes->setAccessibleName(tr("Changed fields"));
    m_noChanges->setAlignment(Qt::AlignCenter);
    m_noChanges->setWordWrap(true);
    m_noChanges->setForegroundRole(QPalette::PlaceholderText);
    m_changesStack->addWidget(m_changes);
    m_changesStack->addWidget(m_noChanges);

    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_changesStack, tr("Changes"));

    m_response = new QWidget(this);
    m_responseSummary = new QLabel(m_response);
    m_responseSummary->setWordWrap(true);
    m_responseSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_responseSummary->setAccessibleName(tr("Answer"));
    m_responseBody = new QPlainTextEdit(m_response);
    m_responseBody->setReadOnly(true);
    m_responseBody->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_responseBody->setAccessibleName(tr("Answer body"));
    auto *responseLayout = new QVBoxLayout(m_response);
    responseLayout->setContentsMargins(4, 4, 4, 4);
    responseLayout->addWidget(m_responseSummary);
    responseLayout->addWidget(m_responseBody, 1);
    m_tabs->addTab(m_response, tr("Response"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &InspectorWidget::updateFindStatus);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == ResponseTab)
            fillResponse();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addLayout(findRow);
    layout->addWidget(m_tabs, 1);

    showPlaceholder(tr("Select an event to inspect its payload."));
}

void InspectorWidget::applyMatchColours()
{
    // Find's marks in the raw view: every match in a see-through box of the theme's selection
    // colour, the current one in a stronger box (and selected), so the text stays readable on
    // light and dark themes alike.
    const QColor match = palette().color(QPalette::Highlight);
    if (m_matchIndicator < 0) {
        m_matchIndicator = m_raw->indicatorDefine(QsciScintilla::StraightBoxIndicator);
        m_currentIndicator = m_raw->indicatorDefine(QsciScintilla::StraightBoxIndicator);
    }
    const QList<QPair<int, long>> alphas = { { m_matchIndicator, 60L },
                                             { m_currentIndicator, 150L } };
    for (const auto &[indicator, alpha] : alphas) {
        m_raw->setIndicatorForegroundColor(match, indicator);
        m_raw->SendScintilla(QsciScintillaBase::SCI_INDICSETALPHA, (unsigned long)indicator, alpha);
        m_raw->SendScintilla(QsciScintillaBase::SCI_INDICSETOUTLINEALPHA, (unsigned long)indicator,
                             qMin(255L, alpha * 2));
    }
}

void InspectorWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_matchIndicator >= 0) {
        applyMatchColours(); // the theme changed (light/dark)
        applyRawColours();
    }
    QWidget::changeEvent(event);
}

QColor InspectorWidget::rawPaper() const
{
    return m_jsonLexer->paper(QsciLexerJSON::Default);
}

QColor InspectorWidget::rawPropertyColour() const
{
    return m_jsonLexer->color(QsciLexerJSON::Property);
}

void InspectorWidget::applyRawColours()
{
    // QScintilla and its lexers keep colours of their own (white paper, dark ink): without
    // this the Raw view stays white in the dark theme.
    const QPalette p = palette();
    const bool dark = p.color(QPalette::Base).lightness() < 128;
    const QColor paper = p.color(QPalette::Base);
    const QColor ink = p.color(QPalette::Text);
    m_raw->setPaper(paper);
    m_raw->setColor(ink);
    m_raw->setCaretForegroundColor(ink);
    m_raw->setMarginsBackgroundColor(p.color(QPalette::Window));
    m_raw->setMarginsForegroundColor(p.color(QPalette::PlaceholderText));
    m_raw->setFoldMarginColors(p.color(QPalette::Window), p.color(QPalette::Window));
    // The fold boxes: drawn in the margin's colours instead of white on black.
    m_raw->setMarkerForegroundColor(p.color(QPalette::Window), -1);
    m_raw->setMarkerBackgroundColor(p.color(QPalette::PlaceholderText), -1);
    m_raw->setSelectionBackgroundColor(p.color(QPalette::Highlight));
    m_raw->setSelectionForegroundColor(p.color(QPalette::HighlightedText));
    m_jsonLexer->setDefaultPaper(paper);
    m_jsonLexer->setPaper(paper, -1); // every style
    m_jsonLexer->setDefaultColor(ink);
    m_jsonLexer->setColor(ink, -1);
    const auto tone = [dark](const char *onDark, const char *onLight) {
        return QColor(QLatin1StringView(dark ? onDark : onLight));
    };
    m_jsonLexer->setColor(tone("#9cdcfe", "#0451a5"), QsciLexerJSON::Property);
    m_jsonLexer->setColor(tone("#ce9178", "#a31515"), QsciLexerJSON::String);
    m_jsonLexer->setColor(tone("#ce9178", "#a31515"), QsciLexerJSON::UnclosedString);
    m_jsonLexer->setColor(tone("#d7ba7d", "#ee0000"), QsciLexerJSON::EscapeSequence);
    m_jsonLexer->setColor(tone("#b5cea8", "#098658"), QsciLexerJSON::Number);
    m_jsonLexer->setColor(tone("#569cd6", "#0000ff"), QsciLexerJSON::Keyword);
    m_jsonLexer->setColor(tone("#f48771", "#d62728"), QsciLexerJSON::Error);
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
QTableWidget *InspectorWidget::changesTable() const
{
    return m_changes;
}
QString InspectorWidget::changesMessage() const
{
    return m_changesStack->currentWidget() == m_noChanges ? m_noChanges->text() : QString();
}
QTabWidget *InspectorWidget::tabs() const
{
    return m_tabs;
}
QLineEdit *InspectorWidget::findEdit() const
{
    return m_find;
}
QString InspectorWidget::findStatusText() const
{
    return m_findStatus->text();
}
QString InspectorWidget::statusText() const
{
    return m_status->text();
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
    m_changes->setRowCount(0);
    m_noChanges->setText(tr("This event carries no previous version."));
    m_changesStack->setCurrentWidget(m_noChanges);
    m_tabs->setTabText(ChangesTab, tr("Changes"));
    m_responseSummary->clear();
    m_responseBody->clear();
    m_treeHits.clear();
    m_rawHits.clear();
    m_treeCurrent = m_rawCurrent = -1;
    m_findStatus->clear();
}

QString InspectorWidget::responseSummary() const
{
    return m_responseSummary->text();
}

QString InspectorWidget::responseBody() const
{
    return m_responseBody->toPlainText();
}

void InspectorWidget::fillResponse()
{
    m_responseBody->clear();
    if (!m_event) {
        m_responseSummary->clear();
        return;
    }
    const EventSummary &s = m_event->summary;
    const std::optional<EventAnswer> answer =
            m_store ? m_store->answer(s.id) : std::optional<EventAnswer>();
    if (!answer) {
        QString why;
        if (s.source == EventSource::Relay)
            why = tr("Delivered through a relay: the relay answered the sender, and Hookscope "
                     "acknowledged the relay.");
        else if (s.source == EventSource::Import || s.source == EventSource::Demo)
            why = tr("Imported or sample event: there was no delivery to answer.");
        else
            why = tr("No answer recorded (yet: the answer is written a moment after the "
                     "event, or the receiver stopped before it was sent).");
        m_responseSummary->setText(why);
        return;
    }
    const QString time = answer->micros < 10'000
            ? tr("%1 ms").arg(double(answer->micros) / 1000.0, 0, 'f', 2)
            : tr("%1 ms").arg(answer->micros / 1000);
    QString text;
    if (answer->isDropped())
        text = tr("<b>No answer: the connection was dropped</b> %1 after the request, on "
                  "purpose (response mode: %2).")
                       .arg(time, answer->mode.toHtmlEscaped());
    else
        text = tr("<b>%1 %2</b>, %3 after the request was complete.")
                       .arg(answer->status)
                       .arg(QString::fromLatin1(Http::Server::reasonPhrase(answer->status))
                                    .toHtmlEscaped(),
                            time);
    if (!answer->mode.isEmpty() && !answer->isDropped())
        text += u"<br>"_s
                + tr("Chosen by response mode (%1); the event was stored as usual.")
                          .arg(answer->mode.toHtmlEscaped());
    m_responseSummary->setText(text);
    m_responseBody->setPlainText(QString::fromUtf8(answer->body));
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
    const bool parsed = error.error == QJsonParseError::NoError;
    if (parsed) {
        // From the text, not from `doc`: the tree keeps the keys in the order they came.
        m_model->setJsonText(e.body);
        m_tree->expandToDepth(2);
    } else {
        m_model->clear();
        if (e.summary.status == EventStatus::Invalid) {
            const ParsedEvent verdict = EventParser::parse(e.body, e.contentType.toLatin1());
            m_title->setText(m_title->text() + u"\n"_s + verdict.error);
        }
        m_tabs->setCurrentIndex(RawTab);
    }
    fillHeaders(e);
    fillResponse();
    fillChanges(e, parsed);
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
    if (const std::optional<EventAnswer> answer =
                m_store ? m_store->answer(e.summary.id) : std::nullopt) {
        addRow(tr("Answered"),
               (answer->isDropped() ? tr("connection dropped on purpose")
                                    : u"%1 %2"_s.arg(answer->status)
                                              .arg(QString::fromLatin1(
                                                      Http::Server::reasonPhrase(answer->status))))
                       + tr(" (Response tab)"),
               true);
    }
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

void InspectorWidget::fillChanges(const Event &e, bool isJson)
{
    m_changes->setRowCount(0);
    const QList<EventDiff::VersionPair> pairs =
            isJson ? EventDiff::versionPairs(e.body) : QList<EventDiff::VersionPair>();
    const QList<EventDiff::Change> changes = pairs.isEmpty()
            ? QList<EventDiff::Change>()
            : EventDiff::previousVersionChanges(e.body);
    if (changes.isEmpty()) {
        m_noChanges->setText(pairs.isEmpty()
                                     ? tr("This event carries no previous version.")
                                     : tr("Nothing changed between the previous version (%1) "
                                          "and this one.")
                                               .arg(pairs.first().previousPath));
        m_changesStack->setCurrentWidget(m_noChanges);
        m_tabs->setTabText(ChangesTab, tr("Changes"));
        return;
    }
    // A side where the field is missing says so in the placeholder colour and italics, so
    // it never reads as a value.
    QFont absentFont = m_changes->font();
    absentFont.setItalic(true);
    auto cell = [&](const QString &json, const QString &absent) {
        auto *item = new QTableWidgetItem(json.isEmpty() ? absent : json);
        item->setToolTip(json);
        if (json.isEmpty()) {
            item->setFont(absentFont);
            item->setForeground(palette().brush(QPalette::PlaceholderText));
        }
        return item;
    };
    m_changes->setRowCount(int(changes.size()));
    for (int r = 0; r < changes.size(); ++r) {
        const EventDiff::Change &c = changes.at(r);
        auto *path = new QTableWidgetItem(c.path);
        path->setToolTip(c.kind == EventDiff::Change::Kind::Added             ? tr("Added")
                                 : c.kind == EventDiff::Change::Kind::Removed ? tr("Removed")
                                                                              : tr("Changed"));
        m_changes->setItem(r, 0, path);
        m_changes->setItem(r, 1, cell(c.before, tr("(absent)")));
        m_changes->setItem(r, 2, cell(c.after, tr("(removed)")));
    }
    m_changes->resizeColumnToContents(0);
    m_changes->resizeColumnToContents(1);
    m_changesStack->setCurrentWidget(m_changes);
    m_tabs->setTabText(ChangesTab, tr("Changes (%1)").arg(changes.size()));
}

void InspectorWidget::showTreeMenu(const QPoint &pos)
{
    const QModelIndex at = m_tree->indexAt(pos);
    if (!at.isValid())
        return;
    // The menu acts on the row that was clicked, which becomes the current one.
    const QModelIndex index = at.siblingAtColumn(JsonTreeModel::KeyColumn);
    m_tree->setCurrentIndex(index);
    const QString path = m_model->path(index);
    const QString filter = m_model->filterText(index);

    QMenu menu(this);
    menu.addAction(tr("Copy value"), this, &InspectorWidget::copyValue);
    menu.addAction(tr("Copy path"), this, &InspectorWidget::copyPath);
    menu.addAction(tr("Copy whole payload"), this, &InspectorWidget::copyPayload);
    menu.addSeparator();
    QAction *apply = menu.addAction(tr("Apply as filter"), this,
                                    [this, filter] { Q_EMIT filterRequested(filter); });
    apply->setEnabled(!filter.isEmpty());
    if (filter.isEmpty())
        apply->setToolTip(m_model->isContainer(index)
                                  ? tr("Filters compare single values: pick a value inside")
                                  : tr("This key cannot be written in a filter path"));
    else
        apply->setToolTip(filter);
    QAction *column = menu.addAction(tr("Add as column"), this,
                                     [this, path] { Q_EMIT columnRequested(path); });
    column->setToolTip(path);
    menu.setToolTipsVisible(true);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

bool InspectorWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_find && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void InspectorWidget::clearRawMatches()
{
    const long length = m_raw->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    for (const int indicator : { m_matchIndicator, m_currentIndicator }) {
        m_raw->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, (unsigned long)indicator);
        m_raw->SendScintilla(QsciScintillaBase::SCI_INDICATORCLEARRANGE, 0UL, length);
    }
    m_rawHits.clear();
    m_rawCurrent = -1;
}

void InspectorWidget::find(const QString &text)
{
    m_treeHits.clear();
    m_treeCurrent = -1;
    clearRawMatches();
    m_model->setHighlight(text);
    if (text.isEmpty()) {
        m_findStatus->clear();
        m_tree->clearSelection();
        return;
    }

    const QModelIndexList hits = m_model->find(text);
    for (const QModelIndex &hit : hits) {
        m_treeHits.append(hit);
        for (QModelIndex p = hit.parent(); p.isValid(); p = p.parent())
            m_tree->expand(p);
    }

    // The raw view's matches, found by Scintilla itself so the ranges are its own (UTF-8
    // byte positions); case-insensitive like the tree's.
    const QByteArray needle = text.toUtf8();
    const long length = m_raw->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    m_raw->SendScintilla(QsciScintillaBase::SCI_SETSEARCHFLAGS, 0UL);
    m_raw->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT,
                         (unsigned long)m_matchIndicator);
    long from = 0;
    while (from < length && m_rawHits.size() < MaxRawMatches) {
        m_raw->SendScintilla(QsciScintillaBase::SCI_SETTARGETSTART, (unsigned long)from);
        m_raw->SendScintilla(QsciScintillaBase::SCI_SETTARGETEND, (unsigned long)length);
        const long at = m_raw->SendScintilla(QsciScintillaBase::SCI_SEARCHINTARGET,
                                             uintptr_t(needle.size()), needle.constData());
        if (at < 0)
            break;
        const long end = m_raw->SendScintilla(QsciScintillaBase::SCI_GETTARGETEND);
        m_rawHits.append({ at, end });
        m_raw->SendScintilla(QsciScintillaBase::SCI_INDICATORFILLRANGE, (unsigned long)at,
                             end - at);
        from = end > at ? end : at + 1;
    }

    m_treeCurrent = m_treeHits.isEmpty() ? -1 : 0;
    m_rawCurrent = m_rawHits.isEmpty() ? -1 : 0;
    showTreeMatch();
    showRawMatch();
    updateFindStatus();
}

void InspectorWidget::findNext()
{
    stepFind(1);
}

void InspectorWidget::findPrevious()
{
    stepFind(-1);
}

void InspectorWidget::stepFind(int direction)
{
    auto step = [direction](int current, qsizetype count) {
        return count == 0 ? -1 : int((current + direction + count) % count);
    };
    if (m_tabs->currentIndex() == RawTab) {
        m_rawCurrent = step(m_rawCurrent, m_rawHits.size());
        showRawMatch();
    } else {
        m_treeCurrent = step(m_treeCurrent, m_treeHits.size());
        showTreeMatch();
    }
    updateFindStatus();
}

void InspectorWidget::showTreeMatch()
{
    if (m_treeCurrent < 0 || m_treeCurrent >= m_treeHits.size())
        return;
    const QModelIndex hit = m_treeHits.at(m_treeCurrent);
    if (!hit.isValid())
        return;
    // The current match is the tree's selection: drawn over the other matches' background.
    m_tree->setCurrentIndex(hit);
    m_tree->scrollTo(hit);
}

void InspectorWidget::showRawMatch()
{
    m_raw->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT,
                         (unsigned long)m_currentIndicator);
    m_raw->SendScintilla(QsciScintillaBase::SCI_INDICATORCLEARRANGE, 0UL,
                         m_raw->SendScintilla(QsciScintillaBase::SCI_GETLENGTH));
    if (m_rawCurrent < 0 || m_rawCurrent >= m_rawHits.size())
        return;
    const auto [start, end] = m_rawHits.at(m_rawCurrent);
    m_raw->SendScintilla(QsciScintillaBase::SCI_INDICATORFILLRANGE, (unsigned long)start,
                         long(end - start));
    // Unfold what hides it, select it (which scrolls it into view).
    const long line =
            m_raw->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, (unsigned long)start);
    m_raw->SendScintilla(QsciScintillaBase::SCI_ENSUREVISIBLEENFORCEPOLICY, (unsigned long)line);
    m_raw->SendScintilla(QsciScintillaBase::SCI_SETSEL, (unsigned long)start, long(end));
    m_raw->SendScintilla(QsciScintillaBase::SCI_SCROLLRANGE, (unsigned long)end, long(start));
}

void InspectorWidget::updateFindStatus()
{
    if (m_find->text().isEmpty()) {
        m_findStatus->clear();
        return;
    }
    const bool raw = m_tabs->currentIndex() == RawTab;
    const qsizetype count = raw ? m_rawHits.size() : m_treeHits.size();
    const int current = raw ? m_rawCurrent : m_treeCurrent;
    if (count == 0)
        m_findStatus->setText(tr("no match"));
    else if (raw && count >= MaxRawMatches)
        m_findStatus->setText(tr("%1 of %2+").arg(current + 1).arg(count));
    else
        m_findStatus->setText(tr("%1 of %2").arg(current + 1).arg(count));
}

void InspectorWidget::showStatus(const QString &text)
{
    m_status->setText(text);
    m_statusTimer->start();
}

void InspectorWidget::copyValue()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex index = current.siblingAtColumn(0);
    QGuiApplication::clipboard()->setText(m_model->valueText(index));
    showStatus(tr("Copied the value of %1").arg(m_model->path(index)));
}

void InspectorWidget::copyPath()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    const QString path = m_model->path(current.siblingAtColumn(0));
    QGuiApplication::clipboard()->setText(path);
    showStatus(tr("Copied %1").arg(path));
}

void InspectorWidget::copyPayload()
{
    if (!m_event)
        return;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(m_event->body));
    showStatus(tr("Copied the payload (%n byte(s))", nullptr, int(m_event->body.size())));
}

} // namespace Hookscope
