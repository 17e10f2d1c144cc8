// SPDX-License-Identifier: MIT
#include "editresenddialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "core/events/jsontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// RFC 9110 token characters: what a header name may be made of.
bool isToken(QByteArrayView name)
{
    static const QRegularExpression token(u"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"_s);
    return !name.isEmpty() && token.match(QString::fromLatin1(name)).hasMatch();
}

bool isJsonType(const QString &contentType)
{
    return contentType.contains(u"json"_s, Qt::CaseInsensitive);
}

} // namespace

EditResendDialog::EditResendDialog(const Event &event, const QUrl &url, QWidget *parent)
    : QDialog(parent), m_original(event)
{
    setWindowTitle(tr("Edit and resend — %1")
                           .arg(event.summary.type.isEmpty() ? tr("event %1").arg(event.summary.id)
                                                             : event.summary.type));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_method = new QComboBox(this);
    m_method->setEditable(true);
    m_method->addItems({ u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"GET"_s });
    m_method->setCurrentText(event.method.isEmpty() ? u"POST"_s : event.method);
    m_method->setAccessibleName(tr("Method"));

    m_url = new QLineEdit(url.toString(), this);
    m_url->setAccessibleName(tr("URL"));
    m_url->setPlaceholderText(u"http://127.0.0.1:3000/webhooks"_s);

    QString headerText;
    for (const auto &[name, value] : event.headers)
        headerText += QString::fromLatin1(name) + u": "_s + QString::fromLatin1(value) + u'\n';
    m_headers = new QPlainTextEdit(headerText, this);
    m_headers->setFont(mono);
    m_headers->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_headers->setAccessibleName(tr("Headers"));
    m_headers->setToolTip(tr("One header per line: Name: value. Content-Length and other "
                             "framing headers are recomputed; hop-by-hop headers and masked "
                             "secrets ([secret]) are not sent."));

    m_body = new QPlainTextEdit(QString::fromUtf8(event.body), this);
    m_body->setFont(mono);
    m_body->setAccessibleName(tr("Body"));

    auto *format = new QPushButton(tr("Format JSON"), this);
    format->setEnabled(isJsonType(event.contentType));
    connect(format, &QPushButton::clicked, this, &EditResendDialog::formatBody);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    // Always one line tall, so the buttons below never move when a message appears.
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 2);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *send = m_buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    send->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Headers:"), m_headers);
    auto *bodyRow = new QVBoxLayout;
    bodyRow->addWidget(m_body, 1);
    bodyRow->addWidget(format, 0, Qt::AlignRight);
    auto *bodyLabel = new QLabel(tr("&Body:"), this);
    bodyLabel->setBuddy(m_body); // a row with a layout gets no buddy by itself: "&" would show
    form->addRow(bodyLabel, bodyRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(720, 560);

    connect(m_method, &QComboBox::currentTextChanged, this, &EditResendDialog::validate);
    connect(m_url, &QLineEdit::textChanged, this, &EditResendDialog::validate);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &EditResendDialog::validate);
    connect(m_body, &QPlainTextEdit::textChanged, this, &EditResendDialog::validate);
    validate();
}

Event EditResendDialog::editedEvent() const
{
    Event e = m_original;
    e.method = m_method->currentText().trimmed().toUpper();
    e.headers.clear();
    e.contentType.clear();
    const QStringList lines = m_headers->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        const QByteArray name = line.left(colon).trimmed().toLatin1();
        const QByteArray value = line.mid(colon + 1).trimmed().toLatin1();
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            e.contentType = QString::fromLatin1(value);
        e.headers.append({ name, value });
    }
    e.body = m_body->toPlainText().toUtf8();
    e.summary.size = e.body.size();
    return e;
}

QUrl EditResendDialog::url() const
{
    return QUrl(m_url->text().trimmed());
}

QString EditResendDialog::problem() const
{
    return m_problem;
}

void EditResendDialog::validate()
{
    m_problem.clear();
    QString warning;
    const QUrl u = url();
    static const QRegularExpression methodToken(u"^[A-Za-z]+$"_s);
    if (!methodToken.match(m_method->currentText().trimmed()).hasMatch())
        m_problem = tr("The method must be a word such as POST.");
    else if (!u.isValid() || (u.scheme() != u"http"_s && u.scheme() != u"https"_s)
             || u.host().isEmpty())
        m_problem = tr("The URL must be an http:// or https:// address.");
    if (m_problem.isEmpty()) {
        const QStringList lines = m_headers->toPlainText().split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString &line = lines.at(i);
            if (line.trimmed().isEmpty())
                continue;
            const qsizetype colon = line.indexOf(u':');
            bool latin1 = true;
            for (const QChar c : line)
                latin1 &= c.unicode() < 0x100 && c != u'\r';
            if (colon <= 0 || !isToken(line.left(colon).trimmed().toLatin1()) || !latin1) {
                m_problem =
                        tr("Header line %1 is not “Name: value”: %2").arg(i + 1).arg(line.left(60));
                break;
            }
        }
    }
    if (m_problem.isEmpty() && isJsonType(editedEvent().contentType)) {
        QJsonParseError error;
        QJsonDocument::fromJson(m_body->toPlainText().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            warning = tr("The body is not valid JSON (%1 at byte %2); it will be sent as it is.")
                              .arg(error.errorString())
                              .arg(error.offset);
    }
    for (QAbstractButton *b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(m_problem.isEmpty());
    m_message->setText(m_problem.isEmpty() ? warning : m_problem);
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText,
               m_problem.isEmpty() ? palette().color(QPalette::WindowText)
                                   : QColor(0xc0, 0x39, 0x2b));
    m_message->setPalette(p);
}

void EditResendDialog::formatBody()
{
    const QByteArray body = m_body->toPlainText().toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        m_body->setPlainText(JsonText::pretty(body)); // keys stay in their order
}

} // namespace Hookscope
