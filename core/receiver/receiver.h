// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

#include <mutex>
#include <optional>

#include "core/common/mailbox.h"
#include "core/events/event.h"
#include "core/filter/filterexpression.h"
#include "core/http/httpserver.h"
#include "core/receiver/ratelimiter.h"
#include "core/receiver/responsemode.h"

namespace Hookscope {

class EventInlet;
class EventStore;

struct ReceiverConfig
{
    static constexpr quint16 DefaultPort = 8787;

    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = DefaultPort; // 0 picks a free port
    // When set, a delivery must carry it as /hooks/<secret>, ?token=<secret> or an
    // Authorization header (legacy webhooks); otherwise it is refused with 401. It is masked
    // as [secret] wherever it occurs in what is stored (path, query, any header value).
    QString secret;
    Http::ServerLimits limits;
    // Deliveries per second one client may send on average (bursts of twice that); 0 = no
    // limit. A client is the peer address, or for a loopback peer that names one in
    // X-Forwarded-For (a tunnel such as ngrok), that address. Loopback peers without it are
    // local tools and are not limited unless rateLimitLoopback is set.
    int ratePerClient = 1000;
    bool rateLimitLoopback = false;

    friend bool operator==(const ReceiverConfig &, const ReceiverConfig &) = default;
};

// The local webhook receiver: accepts deliveries on any path, stores each one durably and
// answers only after the commit. GET/HEAD are health probes.
//
// Its HTTP server runs on a thread of its own ("hookscope-io"): sockets, HTTP framing, the
// checks, event parsing and the answers all happen there, and events go straight to the
// store's writer thread (EventInlet). The thread that owns the Receiver (the GUI's) hears
// only of stored rows, batched (EventStore::eventsAdded), and of refusals (rejected()).
class Receiver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Receiver)

public:
    explicit Receiver(EventStore *store, QObject *parent = nullptr);
    ~Receiver() override;

    void setConfig(const ReceiverConfig &config); // takes effect on the next start()
    const ReceiverConfig &config() const;

    bool start();
    void stop();
    bool isListening() const;
    quint16 port() const;
    QString errorString() const;

    // The URL to give Thena (includes the secret path when one is set).
    QString webhookUrl() const;
    // The same with the secret masked, for status bars and logs.
    QString displayUrl() const;
    bool isLoopbackOnly() const;

    qint64 acceptedCount() const;
    qint64 rejectedCount() const;
    // The thread the HTTP server runs on while listening (null otherwise): for tests.
    QThread *ioThread() const;

    // Any thread. Answers on purpose (see ResponseMode) from the next delivery on; nullopt
    // switches it off. A filter that does not parse is refused (false, with *error set).
    bool setResponseMode(std::optional<ResponseMode> mode, QString *error = nullptr);
    std::optional<ResponseMode> responseMode() const;
    // Deliveries the mode still applies to (0 when it is off or unlimited).
    int responseModeRemaining() const;

Q_SIGNALS:
    void listeningChanged(bool listening);
    // Response mode was set, switched off, or used up some of its count (on this object's
    // thread).
    void responseModeChanged();
    // A request that was refused (401, 405, 413, ...) or stored as invalid (400).
    void rejected(int status, const QString &reason, const QString &remoteAddress);

private:
    // On the I/O thread. Method, rate and secret, from the head alone: a refused delivery's
    // body is never read.
    Http::Server::Refusal check(const Http::Request &head);
    void handle(Http::Request &&request, Http::Reply reply);
    // Any thread: counts and logs it, and emits rejected() on this object's thread.
    bool authorized(const Http::Request &request, const QString &path) const;
    void noteRejected(int status, const QString &reason, const QString &remote);
    // An empty refusal when the request may go ahead; otherwise 429.
    Http::Server::Refusal withinRate(const Http::Request &request);
    QByteArray masked(QByteArray value) const;
    // I/O thread: the response mode's answer for this delivery, if it applies (and counts it).
    std::optional<ResponseMode> takeResponseMode(const Event &event);
    void answer(Http::Reply &reply, qint64 id, int status, const QByteArray &body,
                const QElapsedTimer &since, const QString &mode = {});

    QPointer<EventStore> m_store;
    ReceiverConfig m_config;
    // The I/O thread's: the config as start() found it, and its secret as bytes.
    ReceiverConfig m_live;
    QByteArray m_secret;
    QByteArray m_encodedSecret;
    std::unique_ptr<QThread> m_thread;
    Http::Server *m_http = nullptr; // lives on m_thread
    // Answers coming back from the writer thread to m_thread (created and destroyed there).
    std::unique_ptr<Mailbox> m_answers;
    std::shared_ptr<const EventInlet> m_inlet;
    quint16 m_port = 0;
    QString m_error;
    std::atomic<qint64> m_accepted{ 0 };
    std::atomic<qint64> m_rejected{ 0 };
    // Response mode, set from any thread, used on the I/O thread.
    mutable std::mutex m_modeMutex;
    std::optional<ResponseMode> m_mode;
    FilterExpression m_modeFilter;
    int m_modeRemaining = 0;
    // The I/O thread's own.
    RateLimiter m_rate;
    QElapsedTimer m_clock;
    qint64 m_rateLoggedAtMs = -1'000'000;
    qint64 m_rateSuppressed = 0;
};

} // namespace Hookscope
