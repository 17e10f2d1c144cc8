// SPDX-License-Identifier: MIT
#pragma once

namespace Hookscope {

struct CommandLine;

// `hookscope listen`: receiver + store in the terminal. Returns the process exit code.
int runListen(const CommandLine &commandLine);
// `hookscope export`: stored events through a filter into CSV or JSON Lines.
int runExport(const CommandLine &commandLine);
// `hookscope relay new`: creates a relay channel and prints its URLs.
int runRelayNew(const CommandLine &commandLine);

} // namespace Hookscope
