// SPDX-License-Identifier: MIT
// hookscope-bench-paced: fixed-rate load against any HTTP receiver (see pacedclient.h).
//
//   hookscope-bench-paced --port P [--path /] [--rate 1000] [--duration 10] [--connections 8]
//                         [--log FILE] FIXTURE...
//
// Prints human lines and one "BENCHJSON {...}" line (latencies in ms). --log FILE writes one
// line per answered request, "<seq> <due> <answered> <status>" (wall-clock ms since the epoch,
// fractional), after a first line "# nonce <nonce>": with the eventId's shape (pacedclient.h)
// a receiver's log can be matched to the schedule (the relay benchmark does).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/src/benchutil.h"
#include "bench/src/pacedclient.h"

using namespace HookscopeBench;

int main(int argc, char **argv)
{
    PacedConfig config;
    std::vector<std::string> files;
    std::string logPath;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
        if (a == "--port")
            config.port = std::atoi(next().c_str());
        else if (a == "--host")
            config.host = next();
        else if (a == "--path")
            config.path = next();
        else if (a == "--rate")
            config.rate = std::atof(next().c_str());
        else if (a == "--duration")
            config.durationS = std::atof(next().c_str());
        else if (a == "--connections")
            config.connections = std::atoi(next().c_str());
        else if (a == "--log")
            logPath = next();
        else
            files.push_back(a);
    }
    config.bodies = readFiles(files);
    if (config.port <= 0 || config.bodies.empty()) {
        std::fprintf(stderr,
                     "usage: hookscope-bench-paced --port P [--path /] [--rate R] [--duration S] "
                     "[--connections C] "
                     "[--log FILE] FIXTURE...\n");
        return 2;
    }
    // Steady clock -> wall clock, for --log (the schedule runs on CLOCK_MONOTONIC).
    const int64_t wallOffsetNs = wallNowNs() - nowNs();
    const PacedResult r = runPaced(config);
    if (!logPath.empty()) {
        FILE *log = std::fopen(logPath.c_str(), "w");
        if (!log) {
            std::fprintf(stderr, "hookscope-bench-paced: cannot write %s\n", logPath.c_str());
            return 1;
        }
        std::fprintf(log, "# nonce %s\n", r.nonce.c_str());
        for (const PacedSample &s : r.samples)
            std::fprintf(log, "%lld %.3f %.3f %d\n", static_cast<long long>(s.seq),
                         double(s.dueNs + wallOffsetNs) / 1e6,
                         double(s.doneNs + wallOffsetNs) / 1e6, s.status);
        std::fclose(log);
    }
    std::vector<double> corrected, service;
    long non2xx = 0;
    for (const PacedSample &s : r.samples) {
        corrected.push_back(double(s.doneNs - s.dueNs) / 1e6);
        service.push_back(double(s.doneNs - s.sentNs) / 1e6);
        if (s.status < 200 || s.status > 299)
            ++non2xx;
    }
    const double seconds = double(r.endNs - r.startNs) / 1e9;
    std::printf(
            "paced: %zu answers in %.2f s (target %.0f/s), p50 %.3f ms, p99 %.3f ms, max %.3f ms, "
            "non-2xx %ld, errors %lld, unanswered %lld %s\n",
            r.samples.size(), seconds, config.rate, percentile(corrected, 50),
            percentile(corrected, 99), percentile(corrected, 100), non2xx,
            static_cast<long long>(r.errors), static_cast<long long>(r.unanswered),
            r.error.c_str());
    std::printf(
            "BENCHJSON {\"answered\":%zu,\"issued\":%lld,\"seconds\":%.3f,\"target_rate\":%.1f,"
            "\"rate\":%.1f,\"non2xx\":%ld,\"errors\":%lld,\"unanswered\":%lld,"
            "\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},"
            "\"service_ms\":{\"p50\":%.3f,\"p99\":%.3f},\"error\":\"%s\"}\n",
            r.samples.size(), static_cast<long long>(r.issued), seconds, config.rate,
            seconds > 0 ? double(r.samples.size()) / seconds : 0.0, non2xx,
            static_cast<long long>(r.errors), static_cast<long long>(r.unanswered),
            percentile(corrected, 50), percentile(corrected, 90), percentile(corrected, 99),
            percentile(corrected, 99.9), percentile(corrected, 100), percentile(service, 50),
            percentile(service, 99), r.error.c_str());
    return r.error.empty() ? 0 : 1;
}
