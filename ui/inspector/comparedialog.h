// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "core/events/event.h"

class QLabel;
class QTabWidget;
class QTableWidget;

namespace Hookscope {

// Two stored events side by side, as differences only: the body's fields (EventDiff::compare,
// the same field-level diff as the inspector's Changes tab) and the request's headers and
// metadata that are not the same. `before` is the left-hand event (the table passes the older
// one), `after` the right-hand one.
class CompareDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareDialog)

public:
    CompareDialog(const Event &before, const Event &after, QWidget *parent = nullptr);

    QTableWidget *fieldsTable() const; // path, before, after
    QTableWidget *headersTable() const; // name, before, after
    QString summaryText() const;

private:
    void fillFields(const Event &before, const Event &after);
    void fillHeaders(const Event &before, const Event &after);

    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTableWidget *m_fields;
    QTableWidget *m_headers;
    int m_fieldCount = 0;
    int m_headerCount = 0;
    QString m_bodyNote; // when the bodies cannot be compared field by field
};

} // namespace Hookscope
