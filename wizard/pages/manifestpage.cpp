// SPDX-License-Identifier: MIT
#include "manifestpage.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/thena/manifest.h"
#include "wizard/eventpicker.h"
#include "wizard/jsoneditor.h"
#include "wizard/wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int JsonDebounceMs = 400;
const QString ErrorColour = u"#d62728"_s;
const QString WarningColour = u"#b07000"_s;

// A label whose lines are reserved, so that text appearing in it moves nothing.
void reserveLines(QLabel *label, int lines)
{
    label->setMinimumHeight(label->fontMetrics().lineSpacing() * lines + 2);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

QString coloured(const QString &message, const QString &colour)
{
    return u"<span style='color:%1'>%2</span>"_s.arg(colour, message.toHtmlEscaped());
}

// A field's message line: one line, always there (empty when the field is fine), so that a
// message never moves the fields below it. A longer message is elided; the tooltip and the
// issues list under the form have all of it.
class MessageLine final : public QLabel
{
public:
    explicit MessageLine(QWidget *parent) : QLabel(parent)
    {
        setTextFormat(Qt::PlainText);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setFixedHeight(fontMetrics().lineSpacing() + 2);
    }

    // As wide as the field column makes it, never wider: the text is elided to fit.
    QSize sizeHint() const override { return { 0, height() }; }
    QSize minimumSizeHint() const override { return { 0, height() }; }

    void setMessage(const QString &message, const QString &colour)
    {
        m_message = message;
        setToolTip(message);
        setStyleSheet(colour.isEmpty() ? QString() : u"QLabel { color: %1; }"_s.arg(colour));
        refresh();
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        refresh();
    }

private:
    void refresh()
    {
        setText(fontMetrics().elidedText(m_message, Qt::ElideRight, std::max(0, width() - 2)));
    }

    QString m_message;
};

} // namespace

ManifestPage::ManifestPage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent),
      m_context(context),
      m_events(new EventPicker(this)),
      m_json(new JsonEditor(this)),
      m_jsonError(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_issues(new QLabel(this))
{
    setTitle(tr("App manifest"));
    setSubTitle(tr("Describe the private app that will deliver events. The form and the JSON stay "
                   "in sync; "
                   "visibility is always private."));

    auto *formWidget = new QWidget(this);
    auto *form = new QFormLayout(formWidget);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addField(form, ManifestField::AppName, tr("App name"), tr("Hookscope monitor"));
    addField(form, ManifestField::AppSlug, tr("Slug"),
             tr("hookscope-monitor-acme (unique in your organisation)"));
    addField(form, ManifestField::AppDescription, tr("Description"), tr("What the app is for"));
    addField(form, ManifestField::DeveloperName, tr("Developer"), tr("Your company"));
    addField(form, ManifestField::DeveloperWebsite, tr("Website"), u"https://acme.example"_s);
    addField(form, ManifestField::SupportEmail, tr("Support email"), u"support@acme.example"_s);
    addField(form, ManifestField::PrivacyPolicyUrl, tr("Privacy policy URL"),
             u"https://acme.example/privacy"_s);
    addField(form, ManifestField::TermsUrl, tr("Terms URL"), u"https://acme.example/terms"_s);
    addField(form, ManifestField::EventsWebhookUrl, tr("Events webhook URL"),
             tr("from the Endpoint page"));
    addField(form, ManifestField::InstallationsWebhookUrl, tr("Installations webhook URL"),
             tr("from the Endpoint page"));
    addField(form, ManifestField::InteractivityRequestUrl, tr("Interactivity request URL"),
             tr("from the Endpoint page"));
    addField(form, ManifestField::MessageMenuOptionUrl, tr("Message menu options URL"),
             tr("from the Endpoint page"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(formWidget);

    auto *eventsTab = new QWidget(this);
    auto *eventsLayout = new QVBoxLayout(eventsTab);
    auto *eventsNote =
            new QLabel(tr("Check the events to subscribe to. Nothing checked means every event. "
                          "Thena's manifest lists event names. Patterns such as ticket:* are for "
                          "Hookscope's filter bar."),
                       eventsTab);
    eventsNote->setWordWrap(true);
    eventsLayout->addWidget(eventsNote);
    eventsLayout->addWidget(m_events, 1);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(scroll, tr("Details"));
    tabs->addTab(eventsTab, tr("Events"));

    auto *format = new QPushButton(tr("Format"), this);
    auto *import = new QPushButton(tr("Import…"), this);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    connect(format, &QPushButton::clicked, this, &ManifestPage::formatJson);
    connect(import, &QPushButton::clicked, this, &ManifestPage::importManifest);
    connect(exportButton, &QPushButton::clicked, this, &ManifestPage::exportManifest);
    auto *jsonButtons = new QHBoxLayout;
    jsonButtons->addWidget(new QLabel(tr("Manifest JSON"), this), 1);
    jsonButtons->addWidget(format);
    jsonButtons->addWidget(import);
    jsonButtons->addWidget(exportButton);
    m_jsonError->setWordWrap(true);
    m_jsonError->setStyleSheet(u"QLabel { color: #d62728; }"_s);
    reserveLines(m_jsonError, 1);
    auto *jsonSide = new QWidget(this);
    auto *jsonLayout = new QVBoxLayout(jsonSide);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    jsonLayout->addLayout(jsonButtons);
    jsonLayout->addWidget(m_json, 1);
    jsonLayout->addWidget(m_jsonError);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(tabs);
    splitter->addWidget(jsonSide);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    m_summary->setWordWrap(true);
    reserveLines(m_summary, 1);
    // Every issue in full (field lines may be elided), scrolling in a fixed space.
    m_issues->setWordWrap(true);
    m_issues->setTextFormat(Qt::RichText);
    m_issues->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_issues->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *issuesScroll = new QScrollArea(this);
    issuesScroll->setWidgetResizable(true);
    issuesScroll->setFrameShape(QFrame::NoFrame);
    issuesScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    issuesScroll->setWidget(m_issues);
    issuesScroll->setFixedHeight(m_issues->fontMetrics().lineSpacing() * 3 + 6);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_summary);
    layout->addWidget(issuesScroll);

    m_jsonDebounce.setSingleShot(true);
    m_jsonDebounce.setInterval(JsonDebounceMs);
    connect(&m_jsonDebounce, &QTimer::timeout, this, &ManifestPage::applyJson);
    connect(m_json, &JsonEditor::textEdited, this, &ManifestPage::onJsonEdited);
    connect(m_events, &EventPicker::selectionChanged, this, [this] {
        if (m_updating)
            return;
        QList<ManifestEvent> events;
        const QList<ManifestEvent> existing = m_context->manifest.subscribedEvents();
        for (const QString &name : m_events->selectedEvents()) {
            ManifestEvent e = ManifestEvent::forEvent(name);
            for (const ManifestEvent &old : existing)
                if (old.event == name)
                    e = old; // keep a reason the user wrote in the JSON
            events.append(e);
        }
        m_context->manifest.setSubscribedEvents(events);
        refreshJson();
        validate();
    });
}

void ManifestPage::addField(QFormLayout *form, const QString &path, const QString &label,
                            const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setPlaceholderText(placeholder);
    edit->setAccessibleName(label);
    // The coloured border of a field with an issue must not change its height.
    edit->setFixedHeight(edit->sizeHint().height());
    auto *error = new MessageLine(this);
    form->addRow(label + u':', edit);
    form->addRow(static_cast<QWidget *>(nullptr), error); // its message line, under the field
    m_fields.insert(path, edit);
    m_fieldErrors.insert(path, error);
    connect(edit, &QLineEdit::textEdited, this, [this, path] { onFieldEdited(path); });
}

QLineEdit *ManifestPage::field(const QString &path) const
{
    return m_fields.value(path);
}

QString ManifestPage::fieldError(const QString &path) const
{
    return m_errorTexts.value(path).join(u"; "_s);
}

QString ManifestPage::fieldWarning(const QString &path) const
{
    return m_warningTexts.value(path).join(u"; "_s);
}

QString ManifestPage::issuesText() const
{
    return m_issues->text();
}

QString ManifestPage::summaryText() const
{
    return m_summary->text();
}

QString ManifestPage::jsonError() const
{
    return m_jsonError->text();
}

QString ManifestPage::jsonText() const
{
    return m_json->text();
}

void ManifestPage::initializePage()
{
    if (!m_context->endpointUrl.isEmpty())
        m_context->manifest.setEndpoint(m_context->endpointUrl, m_context->endpointStyle);
    if (m_context->manifest.slug().isEmpty() && !m_context->manifest.appName().isEmpty())
        m_context->manifest.setSlug(Manifest::slugFrom(m_context->manifest.appName()));
    m_jsonValid = true;
    refreshForm();
    refreshEvents();
    refreshJson();
    validate();
}

void ManifestPage::onFieldEdited(const QString &path)
{
    if (m_updating)
        return;
    if (!m_jsonValid)
        return; // the form is disabled while the JSON has a syntax error
    m_context->manifest.setText(path, m_fields.value(path)->text());
    if (path == ManifestField::AppName) {
        // Keep the slug following the name until the user edits the slug itself.
        QLineEdit *slug = m_fields.value(ManifestField::AppSlug);
        if (slug && !slug->isModified()) {
            const QString derived = Manifest::slugFrom(m_fields.value(path)->text());
            m_context->manifest.setSlug(derived);
            const QSignalBlocker blocker(slug);
            slug->setText(derived);
        }
    }
    refreshJson();
    validate();
}

void ManifestPage::onJsonEdited()
{
    m_jsonDebounce.start();
}

void ManifestPage::setJsonText(const QString &text)
{
    m_json->setText(text);
    applyJson();
}

void ManifestPage::applyJson()
{
    m_jsonDebounce.stop();
    JsonTextError error;
    const std::optional<Manifest> parsed = Manifest::fromJson(m_json->text().toUtf8(), &error);
    if (!parsed) {
        m_jsonValid = false;
        m_jsonError->setText(tr("JSON error at %1").arg(error.toString()));
        m_json->markError(error.line, error.column);
        for (QLineEdit *edit : std::as_const(m_fields))
            edit->setEnabled(false);
        m_summary->setText(tr("Fix the JSON to continue; the form is paused meanwhile."));
        Q_EMIT completeChanged();
        return;
    }
    m_jsonValid = true;
    m_jsonError->clear();
    m_json->markError(0, 0);
    for (QLineEdit *edit : std::as_const(m_fields))
        edit->setEnabled(true);
    m_context->manifest = *parsed;
    refreshForm();
    refreshEvents();
    validate();
}

void ManifestPage::refreshForm()
{
    const bool wasUpdating = std::exchange(m_updating, true);
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString value = m_context->manifest.text(it.key());
        if (it.value()->text() != value)
            it.value()->setText(value);
    }
    m_updating = wasUpdating;
}

void ManifestPage::refreshEvents()
{
    const bool wasUpdating = std::exchange(m_updating, true);
    m_events->setSelectedEvents(m_context->manifest.subscribedEventNames());
    m_updating = wasUpdating;
}

void ManifestPage::refreshJson()
{
    m_json->setText(QString::fromUtf8(m_context->manifest.toJson(QJsonDocument::Indented)));
}

void ManifestPage::validate()
{
    m_errorTexts.clear();
    m_warningTexts.clear();
    const QList<ManifestIssue> issues = m_context->manifest.validate();
    QStringList errorLines;
    QStringList warningLines;
    int errors = 0;
    int warnings = 0;
    for (const ManifestIssue &issue : issues) {
        (issue.isError() ? errors : warnings) += 1;
        if (m_fields.contains(issue.field))
            (issue.isError() ? m_errorTexts : m_warningTexts)[issue.field].append(issue.message);
        // Every issue in full below the form, errors first: field lines may be elided.
        (issue.isError() ? errorLines : warningLines)
                .append(u"%1: %2"_s.arg(issue.field, issue.message));
    }
    for (auto it = m_fieldErrors.cbegin(); it != m_fieldErrors.cend(); ++it) {
        const QStringList fieldErrors = m_errorTexts.value(it.key());
        const QStringList fieldWarnings = m_warningTexts.value(it.key());
        const QString colour = !fieldErrors.isEmpty() ? ErrorColour
                : !fieldWarnings.isEmpty()            ? WarningColour
                                                      : QString();
        static_cast<MessageLine *>(it.value())
                ->setMessage((fieldErrors + fieldWarnings).join(u"; "_s), colour);
        m_fields.value(it.key())->setStyleSheet(
                colour.isEmpty() ? QString()
                                 : u"QLineEdit { border: 1px solid %1; }"_s.arg(colour));
    }
    QStringList lines;
    for (const QString &line : std::as_const(errorLines))
        lines.append(coloured(line, ErrorColour));
    for (const QString &line : std::as_const(warningLines))
        lines.append(coloured(line, WarningColour));
    m_issues->setText(lines.join(u"<br>"_s));
    m_hasErrors = errors > 0;

    const QStringList events = m_context->manifest.subscribedEventNames();
    QString summary = events.isEmpty()
            ? tr("Subscribed to every event.")
            : tr("Subscribed to %n event(s).", nullptr, int(events.size()));
    if (errors > 0)
        summary += u' ' + tr("%n problem(s) to fix before creating the app.", nullptr, errors);
    if (warnings > 0)
        summary += u' ' + tr("%n warning(s): worth a look, they do not block.", nullptr, warnings);
    m_summary->setText(summary);
    Q_EMIT completeChanged();
}

bool ManifestPage::isComplete() const
{
    return m_jsonValid && !m_hasErrors;
}

bool ManifestPage::validatePage()
{
    applyJson();
    return isComplete();
}

void ManifestPage::formatJson()
{
    applyJson();
    if (m_jsonValid)
        refreshJson();
}

void ManifestPage::importManifest()
{
    const QString name = QFileDialog::getOpenFileName(this, tr("Import manifest"), QString(),
                                                      tr("JSON files (*.json);;All files (*)"));
    if (name.isEmpty())
        return;
    QFile file(name);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import manifest"),
                             tr("Cannot read %1: %2").arg(name, file.errorString()));
        return;
    }
    QByteArray data = file.readAll();
    // A saved create-app request body wraps the manifest: take the inner object.
    const QJsonObject root = QJsonDocument::fromJson(data).object();
    if (root.value("manifest"_L1).isObject())
        data = QJsonDocument(root.value("manifest"_L1).toObject()).toJson(QJsonDocument::Indented);
    setJsonText(QString::fromUtf8(data));
}

void ManifestPage::exportManifest()
{
    applyJson();
    if (!m_jsonValid)
        return;
    const QString name = QFileDialog::getSaveFileName(
            this, tr("Export manifest"), u"manifest.json"_s, tr("JSON files (*.json)"));
    if (name.isEmpty())
        return;
    QSaveFile file(name);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_context->manifest.toJson()) < 0
        || !file.commit())
        QMessageBox::warning(this, tr("Export manifest"),
                             tr("Cannot write %1: %2").arg(name, file.errorString()));
}

} // namespace Hookscope
