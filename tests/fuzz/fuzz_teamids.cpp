// SPDX-License-Identifier: MIT
// libFuzzer target: the team-ID / dashboard-URL parser of the setup wizard (TeamIds).
//
// Input: pasted text (UTF-8). Checked: every ID returned is valid and appears once, every
// refused entry says why, and parsing the IDs found gives them back unchanged.

#include <QSet>
#include <QString>
#include <QStringList>

#include "core/thena/teamids.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(FuzzSupport::bytes(data, size));
    const TeamIdList list = TeamIds::parse(text);
    FUZZ_CHECK(QSet<QString>(list.ids.cbegin(), list.ids.cend()).size() == list.ids.size());
    for (const QString &id : list.ids) {
        FUZZ_CHECK(TeamIds::isValid(id));
        FUZZ_CHECK(TeamIds::extract(id) == id);
    }
    for (const TeamIdError &e : list.errors)
        FUZZ_CHECK(!e.message.isEmpty());
    FUZZ_CHECK(list.isValid() == (list.errors.isEmpty() && !list.ids.isEmpty()));

    const TeamIdList again = TeamIds::parse(list.ids.join(u", "_s));
    FUZZ_CHECK(again.ids == list.ids);
    FUZZ_CHECK(again.errors.isEmpty());

    // A single entry: an ID, or a reason why not.
    QString error;
    const QString one = TeamIds::extract(text, &error);
    if (!one.isEmpty())
        FUZZ_CHECK(TeamIds::isValid(one));
    else
        FUZZ_CHECK(!error.isEmpty());
    return 0;
}
