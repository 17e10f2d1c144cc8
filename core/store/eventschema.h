// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QSqlDatabase;

namespace Hookscope::EventSchema {

// The event database's schema (PRAGMA user_version):
//   1  events (the first release's columns)
//   2  actor, org, remote_addr; repeat detection index; FTS5 full-text index
//   3  annotations (pins, notes)
//   4  forwards (forwarding and replay attempts)
//   5  the full-text index filled in batches (fts_state.upto) instead of a trigger
//   6  one covering index for summaries; three unused indexes dropped
//   7  answers (what the receiver answered each delivery)
//   8  field_paths + field_values: values at JSON paths for payload comparisons (FieldIndex)
inline constexpr int Version = 8;

// Creates the current schema in an empty database, in one transaction, and sets
// user_version. FTS5 is optional (some SQLite builds lack it): without it the store works
// and full-text filters scan the bodies.
bool create(QSqlDatabase &db, QString *error);

// Upgrades a database at version `from` (1 … Version - 1) step by step; each step runs in a
// transaction of its own and bumps user_version, so an interrupted upgrade resumes where it
// stopped.
bool migrate(QSqlDatabase &db, int from, QString *error);

// True when the database has the full-text index.
bool hasFullText(QSqlDatabase &db);

} // namespace Hookscope::EventSchema
