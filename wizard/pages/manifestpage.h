// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QTimer>
#include <QWizardPage>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace Hookscope {

struct WizardContext;
class EventPicker;
class JsonEditor;

// Page 4: the app manifest, as a form for the fields people change and as JSON, kept in sync
// both ways; the event picker; validation messages on the offending fields; import/export.
// Only errors (Manifest::validate()) block Next; warnings are shown in amber and never do.
// Message lines keep their space when empty, so that nothing jumps as they come and go.
class ManifestPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestPage)

public:
    ManifestPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // For tests and for "Import…": replaces the JSON text as if typed, and applies it now.
    void setJsonText(const QString &text);
    QString jsonText() const;
    QLineEdit *field(const QString &path) const;
    // The error and warning messages of a field (joined), empty when it has none.
    QString fieldError(const QString &path) const;
    QString fieldWarning(const QString &path) const;
    // The field's message line (one line, elided; the tooltip has all of it).
    QLabel *fieldMessageLabel(const QString &path) const { return m_fieldErrors.value(path); }
    // Every issue in full (field path: message), errors first; and the one-line summary.
    QString issuesText() const;
    QString summaryText() const;
    QString jsonError() const;
    EventPicker *eventPicker() const { return m_events; }

private:
    void addField(QFormLayout *form, const QString &path, const QString &label,
                  const QString &placeholder);
    void onFieldEdited(const QString &path);
    void onJsonEdited();
    void applyJson();
    void refreshForm();
    void refreshJson();
    void refreshEvents();
    void validate();
    void formatJson();
    void importManifest();
    void exportManifest();

    WizardContext *m_context;
    QHash<QString, QLineEdit *> m_fields;
    QHash<QString, QLabel *> m_fieldErrors; // one message line per field (errors and warnings)
    QHash<QString, QStringList> m_errorTexts;
    QHash<QString, QStringList> m_warningTexts;
    EventPicker *m_events;
    JsonEditor *m_json;
    QLabel *m_jsonError;
    QLabel *m_summary;
    QLabel *m_issues;
    QTimer m_jsonDebounce;
    bool m_jsonValid = true;
    bool m_hasErrors = false;
    bool m_updating = false;
};

} // namespace Hookscope
