// SPDX-License-Identifier: MIT
#pragma once

#include <QTextStream>

// What every `hookscope <command>` shares: its streams and its exit codes.
namespace Hookscope::Cli {

enum Exit : int {
    ExitOk = 0,
    ExitFailure = 1, // runtime: the store, the network, an API refused, a file not written
    ExitUsage = 2, // the command line (or an input file) is wrong; nothing was done
};

QTextStream &out(); // standard output
QTextStream &err(); // standard error

} // namespace Hookscope::Cli
