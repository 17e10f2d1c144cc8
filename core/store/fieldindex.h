// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <optional>
#include <vector>

#include "core/filter/filterexpression.h"

class QSqlDatabase;

namespace Hookscope {

class EventPayload;

// The store's field index (schema 8, issue #16): the values at the JSON paths filters
// compare (`payload.ticket.priorityName=Urgent`), so a comparison is an index lookup instead
// of parsing every stored body.
//
// Design (measured in docs/performance.md, "#16"): a side table of values extracted by this
// code, not SQLite expression indexes on json_extract(). The filter's rules are Qt's, not
// SQL's: a path resolves against the inner event of a wrapped delivery first, then the body's
// root (EventPayload::value); text compares case-insensitively by Qt's case folding; a string
// that reads as a number compares as one; an array matches when any element does; numbers
// print without exponent noise (JsonPath::toText). json_extract() gets none of these exactly,
// and one expression index per path and operator shape would cost every insert. Here the
// writer extracts each registered path with EventPayload itself, so the stored values are
// what the scan would see, and only their comparison happens in SQL:
//   - key: the value's text (JsonPath::toText) folded the way QString::compare(...,
//     Qt::CaseInsensitive) folds it, encoded so that SQLite's BLOB order (memcmp, then
//     length) is exactly that comparison's order: =, !=, <, >, <=, >= on text are range
//     lookups on (path, key).
//   - num: the number the filter would compare (a JSON number, or a string that
//     parseNumber() reads); time: the instant of a string parseIsoTime() reads.
// Every operator but ~ is served ("contains" in folded text is no index lookup, and Qt's
// case-insensitive substring search is not a byte search on the key): a filter with ~ scans.
//
// Filling: only the writer (EventWriter) writes. A path is registered on first use
// (EventStore::requestFieldIndex); rows inserted after that get their values in the insert's
// own transaction, older rows are back-filled in short chunks between batches (field_paths.upto,
// resumed after a restart). A reader trusts the index for ids up to reach(): everything
// when the back-fill is done, else up to upto. Deletes (retention, Clear history) remove the
// values by trigger.
namespace FieldIndex {

// At most this many paths are kept; registering one more drops the least recently used.
inline constexpr int MaxPaths = 8;

struct Value
{
    QByteArray key; // foldKey() of the value's text
    std::optional<double> number;
    std::optional<qint64> time;
};

// The text as QString::compare(a, b, Qt::CaseInsensitive) sees it: memcmp order of two keys
// (a shorter prefix first) is that comparison's order, and equal keys are equal texts.
QByteArray foldKey(QStringView text);

// The values the filter compares at `path` of this body: none when the path is missing, one
// per element of an array, else one.
std::vector<Value> extract(const EventPayload &payload, QStringView path);

// Whether the index answers this comparison exactly (every operator but ~).
bool serves(const FilterExpression::PayloadComparison &comparison);
// The distinct paths of a filter's comparisons that the index serves (what to register).
QStringList servedPaths(const FilterExpression &filter);

// How far a path's values reach on a connection: ids up to the returned one are indexed
// (maxId when the back-fill is done), -1 when the path is not registered or on an error.
qint64 indexedUpTo(QSqlDatabase &db, const QString &path, qint64 maxId);

// The payload comparisons of one filter answered from the index, for the events up to
// reach(). What EventFilterProxy's worker asks before it scans bodies.
class Answer
{
public:
    // Reads the id sets of every comparison for the events up to upToId, when each of them is
    // served and its path indexed at least that far (else reach() is 0 and nothing is read:
    // the caller scans). `cancelled` is asked between queries. False on a database error.
    bool load(QSqlDatabase &db, const FilterExpression &filter, qint64 upToId,
              const std::function<bool()> &cancelled = {});

    // Ids up to this one are answered (0: none).
    qint64 reach() const { return m_reach; }
    // Whether comparison `index` holds for event `id` (id <= reach()).
    bool holds(int index, qint64 id) const;
    // The lookup for FilterExpression::matches() while `current` is the event's id.
    FilterExpression::ComparisonLookup lookup(const qint64 &current) const;
    // FilterExpression::candidateIds() over these sets (nullopt: unbounded).
    std::optional<std::vector<qint64>> candidates(const FilterExpression &filter) const;

private:
    struct Set
    {
        std::vector<qint64> ids; // ascending
        bool negated = false; // ids are where it does NOT hold (!=: where = holds)
    };
    std::vector<Set> m_sets;
    qint64 m_reach = 0;
};

} // namespace FieldIndex

} // namespace Hookscope
