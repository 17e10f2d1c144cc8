// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace Hookscope {

// The outcome of one SecretStore operation.
struct SecretResult
{
    bool ok = false; // the operation did what was asked (possibly for this session only)
    bool found = false; // read: a value exists
    QString value; // read: the secret
    bool inKeychain = false; // the OS keychain holds (write) or answered with (read) the value
    QString message; // user-facing: why it failed, or why it is kept for this session only
};

// API key and client secrets in the OS keychain (QtKeychain, service "Hookscope"), with an
// in-memory fallback for this session when there is no keychain service: no D-Bus session bus
// or Secret Service on Linux, or $HOOKSCOPE_NO_KEYCHAIN=1. The fallback is announced in
// SecretResult::message ("No keychain service is running (…): the key is kept for this
// session only"). Nothing is ever written to a settings file: QtKeychain's insecure fallback
// stays off.
//
// Every operation is asynchronous; the callback runs on the context object's thread and not
// at all if the context is gone. Once the keychain has been found missing, later operations
// use the session store at once instead of waiting on it again.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using Callback = std::function<void(const SecretResult &result)>;
    enum class State { Unknown, Available, Unavailable };

    static constexpr std::chrono::milliseconds DefaultTimeout{ 10000 };

    static QString apiKeyName(); // "api-key"
    static QString clientSecretName(const QString &appId); // "client-secret/<appId>"

    explicit SecretStore(QObject *parent = nullptr);

    // "Hookscope" unless changed (tests use their own service name).
    void setService(const QString &service);
    QString service() const { return m_service; }
    // A keychain that does not answer within this time (a locked keyring waiting for a
    // prompt that cannot show) counts as unavailable.
    void setTimeout(std::chrono::milliseconds timeout);

    State state() const { return m_state; }
    // Why the keychain is not used; empty unless state() is Unavailable.
    QString unavailableReason() const { return m_unavailableReason; }

    void read(const QString &name, QObject *context, Callback callback);
    void write(const QString &name, const QString &value, QObject *context, Callback callback);
    void remove(const QString &name, QObject *context, Callback callback);

private:
    enum class Op { Read, Write, Remove };
    void run(Op op, const QString &name, const QString &value, QObject *context, Callback callback);
    SecretResult sessionResult(Op op, const QString &name, const QString &value);
    void markUnavailable(const QString &why);

    QString m_service = QStringLiteral("Hookscope");
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    State m_state = State::Unknown;
    QString m_unavailableReason;
    QHash<QString, QString> m_session;
};

} // namespace Hookscope
