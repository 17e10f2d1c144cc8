// SPDX-License-Identifier: MIT
#include "cliio.h"

#include <cstdio>

namespace Hookscope::Cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace Hookscope::Cli
