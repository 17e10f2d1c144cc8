// SPDX-License-Identifier: MIT
#include "pacedclient.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sstream>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "bench/src/benchutil.h"

namespace HookscopeBench {

namespace {

struct Template
{
    std::string pre; // up to and including "evt_
    size_t idLen = 0; // characters to replace
    std::string post; // from the closing quote on
    bool hasId = false;
    std::string whole;
};

Template makeTemplate(const std::string &body)
{
    Template t;
    const std::string key = "\"eventId\"";
    size_t k = body.find(key);
    if (k != std::string::npos) {
        size_t evt = body.find("\"evt_", k + key.size());
        if (evt != std::string::npos) {
            size_t start = evt + 5;
            size_t close = body.find('"', start);
            if (close != std::string::npos) {
                t.pre = body.substr(0, start);
                t.idLen = close - start;
                t.post = body.substr(close);
                t.hasId = true;
                return t;
            }
        }
    }
    t.whole = body;
    return t;
}

struct Conn
{
    int fd = -1;
    bool busy = false;
    std::string out;
    size_t outPos = 0;
    std::string in;
    PacedSample current;
};

bool setNonBlocking(int fd)
{
    const int flags = fcntl(fd, F_GETFL, 0);
    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

// Parses one complete response at the start of `in`; returns its length or 0 if incomplete,
// -1 on garbage.
long parseResponse(const std::string &in, int &status, int64_t &id)
{
    const size_t headEnd = in.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return 0;
    if (in.compare(0, 5, "HTTP/") != 0)
        return -1;
    const size_t sp = in.find(' ');
    status = std::atoi(in.c_str() + sp + 1);
    long length = 0;
    size_t pos = in.find("\r\n") + 2;
    while (pos < headEnd) {
        const size_t eol = in.find("\r\n", pos);
        const std::string line = in.substr(pos, eol - pos);
        if (line.size() > 15 && strncasecmp(line.c_str(), "content-length:", 15) == 0)
            length = std::atol(line.c_str() + 15);
        pos = eol + 2;
    }
    const size_t total = headEnd + 4 + size_t(length);
    if (in.size() < total)
        return 0;
    id = 0;
    const size_t idPos = in.find("\"id\":", headEnd + 4);
    if (idPos != std::string::npos && idPos < total)
        id = std::atoll(in.c_str() + idPos + 5);
    return long(total);
}

} // namespace

std::vector<std::string> readFiles(const std::vector<std::string> &paths)
{
    std::vector<std::string> out;
    for (const std::string &p : paths) {
        std::ifstream f(p, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        out.push_back(ss.str());
    }
    return out;
}

PacedResult runPaced(const PacedConfig &config,
                     const std::function<void(const PacedSample &)> &onReply)
{
    PacedResult r;
    if (config.bodies.empty() || config.rate <= 0) {
        r.error = "no bodies or no rate";
        return r;
    }
    std::vector<Template> templates;
    for (const std::string &b : config.bodies)
        templates.push_back(makeTemplate(b));
    const std::string nonce = std::to_string(100000 + (nowNs() / 1000) % 900000);
    r.nonce = nonce;

    const int ep = epoll_create1(EPOLL_CLOEXEC);
    const int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    epoll_event tev{};
    tev.events = EPOLLIN;
    tev.data.u64 = UINT64_MAX;
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(config.port));
    inet_pton(AF_INET, config.host.c_str(), &addr.sin_addr);

    std::vector<Conn> conns(size_t(std::max(1, config.connections)));
    for (size_t i = 0; i < conns.size(); ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            r.error = std::string("connect: ") + std::strerror(errno);
            if (fd >= 0)
                close(fd);
            for (Conn &c : conns)
                if (c.fd >= 0)
                    close(c.fd);
            close(tfd);
            close(ep);
            return r;
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setNonBlocking(fd);
        conns[i].fd = fd;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }

    const int64_t intervalNs = int64_t(1e9 / config.rate);
    const int64_t total = int64_t(config.rate * config.durationS);
    r.startNs = nowNs() + 1'000'000; // 1 ms to settle
    const int64_t lastDue = r.startNs + (total - 1) * intervalNs;
    const int64_t deadline = lastDue + int64_t(config.drainTimeoutS * 1e9);
    std::deque<int64_t> queue; // due times waiting for a connection
    int64_t nextIndex = 0;
    int64_t counter = 0;
    std::string headerPrefix = "POST " + config.path + " HTTP/1.1\r\nHost: " + config.host + ":"
            + std::to_string(config.port)
            + "\r\nContent-Type: application/json\r\nUser-Agent: Thena-Webhooks/1.0 (bench "
              "paced)\r\nContent-Length: ";

    auto armTimer = [&](int64_t atNs) {
        itimerspec its{};
        its.it_value.tv_sec = atNs / 1'000'000'000;
        its.it_value.tv_nsec = atNs % 1'000'000'000;
        timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, nullptr);
    };
    auto modify = [&](size_t i, bool wantWrite) {
        epoll_event ev{};
        ev.events = EPOLLIN | (wantWrite ? EPOLLOUT : 0u);
        ev.data.u64 = i;
        epoll_ctl(ep, EPOLL_CTL_MOD, conns[i].fd, &ev);
    };
    auto flushOut = [&](size_t i) -> bool {
        Conn &c = conns[i];
        while (c.outPos < c.out.size()) {
            const ssize_t n =
                    send(c.fd, c.out.data() + c.outPos, c.out.size() - c.outPos, MSG_NOSIGNAL);
            if (n > 0) {
                c.outPos += size_t(n);
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                modify(i, true);
                return true;
            }
            return false;
        }
        return true;
    };
    auto startOn = [&](size_t i, int64_t due) {
        Conn &c = conns[i];
        const Template &t = templates[size_t(counter % int64_t(templates.size()))];
        ++counter;
        std::string body;
        if (t.hasId) {
            std::string tail = nonce + std::to_string(counter);
            if (tail.size() > t.idLen)
                tail = tail.substr(tail.size() - t.idLen);
            if (tail.size() < t.idLen)
                tail = std::string(t.idLen - tail.size(), '0') + tail;
            body = t.pre + tail + t.post;
        } else {
            body = t.whole;
        }
        c.out = headerPrefix + std::to_string(body.size()) + "\r\n\r\n" + body;
        c.outPos = 0;
        c.busy = true;
        c.current = PacedSample{};
        c.current.dueNs = due;
        c.current.seq = counter;
        c.current.sentNs = nowNs();
        if (!flushOut(i))
            ++r.errors;
    };
    auto dispatch = [&] {
        for (size_t i = 0; i < conns.size() && !queue.empty(); ++i) {
            if (!conns[i].busy && conns[i].fd >= 0) {
                const int64_t due = queue.front();
                queue.pop_front();
                startOn(i, due);
            }
        }
    };

    armTimer(r.startNs);
    epoll_event events[64];
    char buf[65536];
    for (;;) {
        const int64_t now = nowNs();
        while (nextIndex < total && r.startNs + nextIndex * intervalNs <= now) {
            queue.push_back(r.startNs + nextIndex * intervalNs);
            ++nextIndex;
            ++r.issued;
        }
        dispatch();
        if (nextIndex < total)
            armTimer(r.startNs + nextIndex * intervalNs);
        bool anyBusy = false;
        for (const Conn &c : conns)
            anyBusy |= c.busy;
        if (nextIndex >= total && queue.empty() && !anyBusy)
            break;
        if (now > deadline)
            break;
        const int n = epoll_wait(ep, events, 64, 100);
        for (int k = 0; k < n; ++k) {
            if (events[k].data.u64 == UINT64_MAX) {
                uint64_t expirations;
                [[maybe_unused]] ssize_t ignored = read(tfd, &expirations, sizeof expirations);
                continue;
            }
            const size_t i = size_t(events[k].data.u64);
            Conn &c = conns[i];
            if (events[k].events & EPOLLOUT) {
                if (flushOut(i) && c.outPos >= c.out.size())
                    modify(i, false);
            }
            if (events[k].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                for (;;) {
                    const ssize_t got = recv(c.fd, buf, sizeof buf, 0);
                    if (got > 0) {
                        c.in.append(buf, size_t(got));
                        continue;
                    }
                    if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                        // The server closed the connection: count it and stop using it.
                        ++r.errors;
                        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
                        close(c.fd);
                        c.fd = -1;
                        if (c.busy)
                            ++r.unanswered;
                        c.busy = false;
                    }
                    break;
                }
                while (c.fd >= 0 && c.busy) {
                    int status = 0;
                    int64_t id = 0;
                    const long used = parseResponse(c.in, status, id);
                    if (used <= 0)
                        break;
                    c.in.erase(0, size_t(used));
                    c.current.doneNs = nowNs();
                    c.current.status = status;
                    c.current.id = id;
                    c.busy = false;
                    r.samples.push_back(c.current);
                    if (onReply)
                        onReply(c.current);
                }
            }
        }
        bool anyOpen = false;
        for (const Conn &c : conns)
            anyOpen |= c.fd >= 0;
        if (!anyOpen) {
            r.error = "every connection was closed by the server";
            break;
        }
    }
    r.endNs = nowNs();
    for (Conn &c : conns) {
        if (c.busy)
            ++r.unanswered;
        if (c.fd >= 0)
            close(c.fd);
    }
    r.unanswered += int64_t(queue.size());
    close(tfd);
    close(ep);
    return r;
}

} // namespace HookscopeBench
