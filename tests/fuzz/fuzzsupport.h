// SPDX-License-Identifier: MIT
#pragma once

// Shared by the libFuzzer targets: quiet Qt logging (warnings would slow every run down and
// drown the crash report), and a check that turns a broken invariant into a crash libFuzzer
// records with its input.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace FuzzSupport {

inline void quietQt()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            std::abort();
        }
    });
}

inline QByteArrayView bytes(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

// A deterministic split of the input for targets that need more than one value: the part
// before the first `separator` and the rest (empty when there is no separator).
inline std::pair<QByteArrayView, QByteArrayView> splitOnce(QByteArrayView input, char separator)
{
    const qsizetype at = input.indexOf(separator);
    if (at < 0)
        return { input, {} };
    return { input.first(at), input.sliced(at + 1) };
}

// Where TCP might cut `stream`: up to 15 ascending offsets inside it, drawn from `rng`. A
// parser fed the pieces must decide exactly as it does on the whole stream.
template<typename Rng>
inline QList<qsizetype> randomCuts(Rng &rng, qsizetype streamSize)
{
    QList<qsizetype> cuts;
    if (streamSize <= 0)
        return cuts;
    const int pieces = int(rng() % 16);
    for (int i = 0; i < pieces; ++i)
        cuts.append(qsizetype(rng() % quint64(streamSize)));
    std::sort(cuts.begin(), cuts.end());
    return cuts;
}

} // namespace FuzzSupport
