// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace Hookscope {

// `hookscope import [--data-dir D] [--format auto|jsonl|har] FILE…`: reads JSON Lines
// archives (`hookscope export --format jsonl`) and HAR files into the event store, one
// summary line per file on standard output, problems on standard error. `arguments` are
// what follows `import`; "-" reads standard input. Needs a QCoreApplication. Returns the
// exit code: 0 ok, 1 when a file could not be read or imported no event, 2 usage error.
int runImport(const QStringList &arguments);

} // namespace Hookscope
