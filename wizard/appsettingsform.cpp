// SPDX-License-Identifier: MIT
#include "appsettingsform.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

bool isBoolean(const ManifestSetting &setting)
{
    return setting.type.compare("boolean"_L1, Qt::CaseInsensitive) == 0
            || setting.type.compare("bool"_L1, Qt::CaseInsensitive) == 0;
}

bool isTrue(const QString &text)
{
    const QString t = text.trimmed().toLower();
    return t == "true"_L1 || t == "1"_L1 || t == "yes"_L1 || t == "on"_L1;
}

} // namespace

AppSettingsForm::AppSettingsForm(QWidget *parent) : QWidget(parent), m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
}

void AppSettingsForm::setSettings(const QList<ManifestSetting> &settings,
                                  const QHash<QString, QString> &values)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_settings.clear();
    for (const ManifestSetting &setting : settings) {
        if (setting.key.isEmpty() || m_editors.contains(setting.key))
            continue;
        m_settings.append(setting);
        const QString label = setting.label.isEmpty() ? setting.key : setting.label;
        const QString value =
                values.contains(setting.key) ? values.value(setting.key) : setting.defaultValue;
        QString tooltip = setting.description;
        if (tooltip.isEmpty())
            tooltip = setting.key;
        if (isBoolean(setting)) {
            auto *box = new QCheckBox(label, this);
            box->setChecked(isTrue(value));
            box->setToolTip(tooltip);
            box->setAccessibleName(label);
            connect(box, &QCheckBox::toggled, this, &AppSettingsForm::changed);
            m_form->addRow(QString(), box);
            m_editors.insert(setting.key, box);
            continue;
        }
        auto *edit = new QLineEdit(value, this);
        edit->setToolTip(tooltip);
        edit->setAccessibleName(label);
        edit->setPlaceholderText(setting.required ? tr("required") : tr("optional"));
        connect(edit, &QLineEdit::textChanged, this, &AppSettingsForm::changed);
        // Required settings are marked with an asterisk and a tooltip saying so.
        auto *rowLabel =
                new QLabel(setting.required ? tr("%1 *:").arg(label) : tr("%1:").arg(label), this);
        rowLabel->setBuddy(edit);
        if (setting.required)
            rowLabel->setToolTip(tr("Required"));
        m_form->addRow(rowLabel, edit);
        m_editors.insert(setting.key, edit);
    }
    Q_EMIT changed();
}

QHash<QString, QString> AppSettingsForm::values() const
{
    QHash<QString, QString> out;
    for (const ManifestSetting &setting : m_settings) {
        QWidget *editor = m_editors.value(setting.key);
        if (auto *box = qobject_cast<QCheckBox *>(editor))
            out.insert(setting.key, box->isChecked() ? u"true"_s : u"false"_s);
        else if (auto *edit = qobject_cast<QLineEdit *>(editor))
            out.insert(setting.key, edit->text().trimmed());
    }
    return out;
}

QStringList AppSettingsForm::missing() const
{
    QStringList out;
    for (const ManifestSetting &setting : m_settings) {
        auto *edit = qobject_cast<QLineEdit *>(m_editors.value(setting.key));
        if (setting.required && edit && edit->text().trimmed().isEmpty())
            out.append(setting.label.isEmpty() ? setting.key : setting.label);
    }
    return out;
}

} // namespace Hookscope
