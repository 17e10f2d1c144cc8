// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace HookscopeBench {

// An open-loop HTTP/1.1 load generator (what wrk2 does; wrk2 is not packaged in Debian).
//
// Request k is *due* at start + k / rate, whatever happened to the earlier ones. A due request
// goes out on an idle keep-alive connection; when every connection is busy it waits in a
// queue. Its latency is measured from the moment it was due, not from when it could be
// sent, so a server stall shows up in the percentiles instead of silently slowing the
// client down ("coordinated omission"). The service time (sent -> answered) is kept too.
//
// Bodies rotate; each gets a fresh "eventId": "evt_..." of the same length, like
// bench/lua/post.lua: "evt_" + <nonce><seq>, left-padded with zeros (the nonce is 6 digits,
// 100000-999999; seq counts from 1 in send order). Replies carrying {"id":N} (Hookscope's
// 200) have N recorded.
struct PacedConfig
{
    std::string host = "127.0.0.1";
    int port = 0;
    std::string path = "/";
    double rate = 1000; // requests per second
    double durationS = 10;
    int connections = 8;
    double drainTimeoutS = 5; // after the last request is due, wait this long for answers
    std::vector<std::string> bodies;
};

struct PacedSample
{
    int64_t dueNs = 0; // steady clock (CLOCK_MONOTONIC)
    int64_t sentNs = 0;
    int64_t doneNs = 0; // reply fully read
    int status = 0;
    int64_t id = 0; // from the reply body, 0 when absent
    int64_t seq = 0; // the <seq> in the body's eventId (1, 2, ... in send order)
};

struct PacedResult
{
    std::vector<PacedSample> samples; // answered requests
    int64_t issued = 0;
    int64_t unanswered = 0;
    int64_t errors = 0; // connection errors
    int64_t startNs = 0;
    int64_t endNs = 0;
    std::string nonce; // the <nonce> in every eventId of this run
    std::string error;
};

// Runs the whole schedule in the calling thread. onReply (optional) is called from that
// thread for each reply as soon as it is read.
PacedResult runPaced(const PacedConfig &config,
                     const std::function<void(const PacedSample &)> &onReply = {});

// Reads files into strings (empty string for a file that cannot be read).
std::vector<std::string> readFiles(const std::vector<std::string> &paths);

} // namespace HookscopeBench
