// SPDX-License-Identifier: MIT
#pragma once
// Small helpers shared by the bench programs (no Qt here).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace HookscopeBench {

inline int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

inline int64_t wallNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
}

// Nearest-rank percentile of an unsorted sample (copied and sorted); 0 when empty.
template<typename T>
T percentile(std::vector<T> v, double p)
{
    if (v.empty())
        return T{};
    std::sort(v.begin(), v.end());
    size_t rank = size_t(p / 100.0 * double(v.size()));
    if (rank >= v.size())
        rank = v.size() - 1;
    return v[rank];
}

// A field of /proc/self/status ("VmHWM", "VmRSS") in KiB; -1 when absent.
inline long procStatusKb(const char *field, const std::string &pid = "self")
{
    std::ifstream in("/proc/" + pid + "/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.compare(0, key.size(), key) == 0)
            return std::stol(line.substr(key.size()));
    }
    return -1;
}

} // namespace HookscopeBench
