// SPDX-License-Identifier: MIT
#pragma once

// The filter language's parser: tokens (filterlexer.h) to a syntax tree (filternodes.h), with
// the first error and its position. The grammar is in filterexpression.h.

#include <QString>
#include <QStringList>

#include "core/filter/filternodes.h"

namespace Hookscope::Filter {

struct Parsed
{
    NodePtr root; // null: no terms, or an error
    QString error; // empty when the text parsed
    qsizetype errorPos = -1; // 0-based index into the text
    QStringList bodyWords; // needles of the WordNodes, by index
    bool comparisons = false; // a payload path comparison is among the terms
    // The payload path comparisons; CompareNode::index is the position.
    QList<FilterExpression::PayloadComparison> payloadComparisons;
    QStringList hints; // probable typos in a valid text ("tema:" for "team:")
};

// nowMs anchors relative times (since:15m).
Parsed parse(const QString &text, qint64 nowMs);

} // namespace Hookscope::Filter
