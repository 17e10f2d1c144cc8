// SPDX-License-Identifier: MIT
#include "thenaexchangeview.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPlainTextEdit>

#include "core/thena/thenaresult.h"
#include "wizard/responsetext.h"

namespace Hookscope {

ThenaExchangeView::ThenaExchangeView(QWidget *parent)
    : QTabWidget(parent), m_answer(new QPlainTextEdit(this)), m_curl(new QPlainTextEdit(this))
{
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("The server's answer appears here."));
    m_answer->setAccessibleName(tr("Server response"));
    m_curl->setReadOnly(true);
    m_curl->setPlaceholderText(tr("“Copy as curl” shows the command here and copies it."));
    m_curl->setAccessibleName(tr("curl command"));
    addTab(m_answer, tr("Server's answer"));
    addTab(m_curl, tr("curl command"));
}

void ThenaExchangeView::clearAnswer()
{
    m_answer->clear();
    setCurrentWidget(m_answer);
}

void ThenaExchangeView::showAnswer(const ThenaResult &result)
{
    m_answer->setPlainText(responseText(result.httpStatus, result.body, result.message));
    setCurrentWidget(m_answer);
}

void ThenaExchangeView::showCurl(const QString &command)
{
    QGuiApplication::clipboard()->setText(command);
    m_curl->setPlainText(command);
    setCurrentWidget(m_curl);
}

QString ThenaExchangeView::answerText() const
{
    return m_answer->toPlainText();
}

QString ThenaExchangeView::curlText() const
{
    return m_curl->toPlainText();
}

} // namespace Hookscope
