// SPDX-License-Identifier: MIT
#include "responsemodedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/filter/filterexpression.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// The statuses worth trying first; any other 100–599 can be typed.
const QList<QPair<int, const char *>> CommonStatuses = {
    { 503, QT_TRANSLATE_NOOP("ResponseModeDialog", "Service Unavailable") },
    { 500, QT_TRANSLATE_NOOP("ResponseModeDialog", "Internal Server Error") },
    { 502, QT_TRANSLATE_NOOP("ResponseModeDialog", "Bad Gateway") },
    { 429, QT_TRANSLATE_NOOP("ResponseModeDialog", "Too Many Requests") },
    { 408, QT_TRANSLATE_NOOP("ResponseModeDialog", "Request Timeout") },
    { 400, QT_TRANSLATE_NOOP("ResponseModeDialog", "Bad Request") },
    { 410, QT_TRANSLATE_NOOP("ResponseModeDialog", "Gone") },
    { 200, QT_TRANSLATE_NOOP("ResponseModeDialog", "OK (with a delay: a slow endpoint)") },
};

} // namespace

ResponseModeDialog::ResponseModeDialog(const std::optional<ResponseMode> &current, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Response mode"));
    const ResponseMode m = current.value_or(ResponseMode{});

    auto *intro = new QLabel(
            tr("Answer the next deliveries on purpose, to see how Thena retries before you "
               "point production at a flaky endpoint. They are stored as usual, and the "
               "inspector's Response tab shows what each was answered."),
            this);
    intro->setWordWrap(true);

    m_answer = new QRadioButton(tr("&Answer with status"), this);
    m_drop = new QRadioButton(tr("&Drop the connection (no answer)"), this);
    (m.action == ResponseMode::Action::Drop ? m_drop : m_answer)->setChecked(true);

    m_status = new QComboBox(this);
    m_status->setEditable(true);
    m_status->setAccessibleName(tr("Status"));
    for (const auto &[status, reason] : CommonStatuses)
        m_status->addItem(u"%1 %2"_s.arg(status).arg(tr(reason)), status);
    const int index = m_status->findData(m.status);
    if (index >= 0)
        m_status->setCurrentIndex(index);
    else
        m_status->setCurrentText(QString::number(m.status));

    m_delay = new QSpinBox(this);
    m_delay->setRange(0, 600'000);
    m_delay->setSingleStep(500);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setValue(m.delayMs);
    m_delay->setAccessibleName(tr("Delay"));
    m_delay->setToolTip(tr("Hold the answer (or the drop) this long after the event is stored. "
                           "Longer than the sender's timeout shows how it handles a timeout."));

    m_count = new QSpinBox(this);
    m_count->setRange(0, 1'000'000);
    m_count->setSpecialValueText(tr("every delivery, until switched off"));
    m_count->setValue(m.count);
    m_count->setAccessibleName(tr("Deliveries"));

    m_filter = new QLineEdit(m.filter, this);
    m_filter->setPlaceholderText(tr("every delivery (or a filter, e.g. ticket:*)"));
    m_filter->setAccessibleName(tr("Only deliveries matching"));

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    // Two lines always reserved: an error does not move the buttons.
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 2);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *form = new QFormLayout;
    form->addRow(m_answer, m_status);
    form->addRow(m_drop);
    form->addRow(tr("D&elay:"), m_delay);
    form->addRow(tr("&How many deliveries:"), m_count);
    form->addRow(tr("&Only deliveries matching:"), m_filter);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_start = m_buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    m_start->setDefault(true);
    if (current) {
        QPushButton *off = m_buttons->addButton(tr("Switch &off"), QDialogButtonBox::ResetRole);
        connect(off, &QPushButton::clicked, this, [this] {
            m_switchOff = true;
            accept();
        });
    }
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    for (QRadioButton *r : { m_answer, m_drop })
        connect(r, &QRadioButton::toggled, this, &ResponseModeDialog::update);
    connect(m_status, &QComboBox::currentTextChanged, this, &ResponseModeDialog::update);
    connect(m_delay, &QSpinBox::valueChanged, this, &ResponseModeDialog::update);
    connect(m_count, &QSpinBox::valueChanged, this, &ResponseModeDialog::update);
    connect(m_filter, &QLineEdit::textChanged, this, &ResponseModeDialog::update);
    update();
    resize(560, sizeHint().height());
}

ResponseMode ResponseModeDialog::mode() const
{
    ResponseMode m;
    m.action = m_drop->isChecked() ? ResponseMode::Action::Drop : ResponseMode::Action::Status;
    // "503 Service Unavailable" or a typed "418".
    m.status = m_status->currentText().section(u' ', 0, 0).toInt();
    m.delayMs = m_delay->value();
    m.count = m_count->value();
    m.filter = m_filter->text().trimmed();
    return m;
}

QString ResponseModeDialog::problem() const
{
    return m_problem;
}

void ResponseModeDialog::update()
{
    m_status->setEnabled(m_answer->isChecked());
    const ResponseMode m = mode();
    m_problem.clear();
    if (m.action == ResponseMode::Action::Status && (m.status < 100 || m.status > 599))
        m_problem = tr("The status must be a number from 100 to 599.");
    if (m_problem.isEmpty() && !m.filter.isEmpty()) {
        const FilterExpression filter = FilterExpression::parse(m.filter);
        if (!filter.isValid())
            m_problem = tr("The filter does not parse: %1").arg(filter.errorMessage());
    }
    m_start->setEnabled(m_problem.isEmpty());
    m_summary->setText(m_problem.isEmpty() ? m.describe(m.count) : m_problem);
    QPalette p = m_summary->palette();
    p.setColor(QPalette::WindowText,
               m_problem.isEmpty() ? palette().color(QPalette::WindowText)
                                   : QColor(0xc0, 0x39, 0x2b));
    m_summary->setPalette(p);
}

} // namespace Hookscope
