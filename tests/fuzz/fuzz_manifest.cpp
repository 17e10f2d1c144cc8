// SPDX-License-Identifier: MIT
// libFuzzer target: the manifest editor's model (Manifest: fromJson, validate, field edits,
// slugFrom).
//
// Input: the manifest text as pasted into the editor.

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <optional>

#include "core/thena/manifest.h"
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
    const QByteArray json = FuzzSupport::bytes(data, size).toByteArray();
    JsonTextError error;
    std::optional<Manifest> manifest = Manifest::fromJson(json, &error);
    if (!manifest) {
        // The editor marks the error: it must point into the text.
        FUZZ_CHECK(error.isError());
        FUZZ_CHECK(!error.message.isEmpty());
        FUZZ_CHECK(error.offset >= 0 && error.offset <= json.size());
        FUZZ_CHECK(error.line >= 1 && error.line <= json.count('\n') + 1);
        FUZZ_CHECK(error.column >= 1);
        return 0;
    }
    FUZZ_CHECK(!error.isError());

    const QList<ManifestIssue> issues = manifest->validate();
    for (const ManifestIssue &issue : issues)
        FUZZ_CHECK(!issue.message.isEmpty());
    FUZZ_CHECK(Manifest::hasErrors(issues)
               == std::any_of(issues.cbegin(), issues.cend(),
                              [](const ManifestIssue &i) { return i.isError(); }));

    // What the editor writes back parses again to the same document.
    const std::optional<Manifest> reread = Manifest::fromJson(manifest->toJson());
    FUZZ_CHECK(reread.has_value());
    FUZZ_CHECK(reread->validate().size() == issues.size());

    // Subscriptions survive a read-modify-write.
    const QList<ManifestEvent> events = manifest->subscribedEvents();
    Manifest copy = *manifest;
    copy.setSubscribedEvents(events);
    FUZZ_CHECK(copy.subscribedEvents() == events);

    // The wizard's fields can always be set, whatever shape the document had.
    Manifest edited = *manifest;
    const QString name =
            manifest->appName().isEmpty() ? QString::fromUtf8(json.left(80)) : manifest->appName();
    edited.setAppName(name);
    edited.setEndpoint(u"https://example.com/hooks/abc"_s);
    FUZZ_CHECK(edited.appName() == name);
    FUZZ_CHECK(edited.eventsWebhookUrl() == u"https://example.com/hooks/abc/events"_s);
    FUZZ_CHECK(edited.installationsWebhookUrl()
               == u"https://example.com/hooks/abc/installations"_s);
    FUZZ_CHECK(edited.interactivityRequestUrl()
               == u"https://example.com/hooks/abc/interactivity"_s);
    FUZZ_CHECK(edited.messageMenuOptionUrl() == u"https://example.com/hooks/abc/menu"_s);

    // slugFrom gives a slug that passes validation, or nothing.
    const QString slug = Manifest::slugFrom(name);
    if (!slug.isEmpty()) {
        static const QRegularExpression pattern(u"^[a-z0-9][a-z0-9-]{1,62}$"_s);
        FUZZ_CHECK(pattern.match(slug).hasMatch());
        edited.setSlug(slug);
        for (const ManifestIssue &issue : edited.validate())
            FUZZ_CHECK(!(issue.isError() && issue.field == ManifestField::AppSlug));
    }
    return 0;
}
