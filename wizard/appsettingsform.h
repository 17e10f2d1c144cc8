// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

#include "core/thena/manifest.h"

class QFormLayout;

namespace Hookscope {

// The settings an app's manifest declares (configuration.required_settings and
// optional_settings), as a form for the install call's appConfiguration: a line edit per
// setting, a checkbox for type "boolean". Required ones are marked and must be filled in.
class AppSettingsForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSettingsForm)

public:
    explicit AppSettingsForm(QWidget *parent = nullptr);

    // Rebuilds the form; `values` (key -> text) fill it in, else each setting's default.
    void setSettings(const QList<ManifestSetting> &settings,
                     const QHash<QString, QString> &values = {});
    bool isEmpty() const { return m_settings.isEmpty(); }
    QHash<QString, QString> values() const;
    // Required settings without a value, by label.
    QStringList missing() const;
    bool isComplete() const { return missing().isEmpty(); }
    QWidget *editor(const QString &key) const { return m_editors.value(key); }

Q_SIGNALS:
    void changed();

private:
    QFormLayout *m_form;
    QList<ManifestSetting> m_settings;
    QHash<QString, QWidget *> m_editors;
};

} // namespace Hookscope
