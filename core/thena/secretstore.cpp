// SPDX-License-Identifier: MIT
#include "secretstore.h"

#include <QPointer>
#include <QTimer>

#include <memory>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

bool keychainDisabled()
{
    return qEnvironmentVariable("HOOKSCOPE_NO_KEYCHAIN") == "1"_L1;
}

// Errors that mean "there is no keychain to talk to" rather than "it said no".
bool meansUnavailable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
            || error == QKeychain::OtherError;
}

void deliver(QObject *context, const SecretStore::Callback &callback, const SecretResult &result)
{
    // Always from the event loop, so callers see one behaviour whatever the backend.
    QTimer::singleShot(0, context, [callback, result] { callback(result); });
}

} // namespace

QString SecretStore::apiKeyName()
{
    return u"api-key"_s;
}

QString SecretStore::clientSecretName(const QString &appId)
{
    return u"client-secret/"_s + appId;
}

SecretStore::SecretStore(QObject *parent) : QObject(parent)
{
    if (keychainDisabled())
        markUnavailable(u"disabled by HOOKSCOPE_NO_KEYCHAIN=1"_s);
}

void SecretStore::setService(const QString &service)
{
    m_service = service;
}

void SecretStore::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void SecretStore::markUnavailable(const QString &why)
{
    m_state = State::Unavailable;
    m_unavailableReason =
            u"No keychain service is running (%1): the key is kept for this session only"_s.arg(
                    why);
}

void SecretStore::read(const QString &name, QObject *context, Callback callback)
{
    run(Op::Read, name, {}, context, std::move(callback));
}

void SecretStore::write(const QString &name, const QString &value, QObject *context,
                        Callback callback)
{
    run(Op::Write, name, value, context, std::move(callback));
}

void SecretStore::remove(const QString &name, QObject *context, Callback callback)
{
    run(Op::Remove, name, {}, context, std::move(callback));
}

SecretResult SecretStore::sessionResult(Op op, const QString &name, const QString &value)
{
    SecretResult r;
    r.ok = true;
    switch (op) {
    case Op::Read:
        r.found = m_session.contains(name);
        r.value = m_session.value(name);
        break;
    case Op::Write:
        m_session.insert(name, value);
        break;
    case Op::Remove:
        m_session.remove(name);
        break;
    }
    return r;
}

void SecretStore::run(Op op, const QString &name, const QString &value, QObject *context,
                      Callback callback)
{
    if (!context)
        context = this;
    if (m_state == State::Unavailable) {
        SecretResult r = sessionResult(op, name, value);
        r.message = m_unavailableReason;
        deliver(context, callback, r);
        return;
    }

    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Op::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(value);
        job = write;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(name);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text settings file

    // Whichever comes first, the job's answer or the deadline, decides; the other is ignored.
    auto done = std::make_shared<bool>(false);
    QPointer<QObject> guard(context);
    auto answer = [this, op, name, value, guard, callback, done](QKeychain::Job *finished,
                                                                 bool timedOut) {
        if (*done)
            return;
        *done = true;
        SecretResult r;
        const QKeychain::Error error = timedOut ? QKeychain::OtherError : finished->error();
        if (error == QKeychain::NoError) {
            m_state = State::Available;
            r.ok = true;
            r.inKeychain = op != Op::Remove;
            if (op == Op::Read) {
                r.found = true;
                r.value = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
            } else {
                sessionResult(op, name, value); // keep the session copy in step
            }
        } else if (error == QKeychain::EntryNotFound) {
            m_state = State::Available;
            r = sessionResult(op, name, value); // read: maybe stored for this session only earlier
        } else if (timedOut || meansUnavailable(error)) {
            markUnavailable(
                    timedOut ? u"the keychain did not answer within %1 ms"_s.arg(m_timeout.count())
                             : finished->errorString());
            r = sessionResult(op, name, value);
            r.message = m_unavailableReason;
        } else {
            // Refused (access denied, could not delete): say so; a write still lives for the
            // session.
            r = sessionResult(op, name, value);
            r.ok = op == Op::Write;
            r.message = op == Op::Write
                    ? u"The keychain refused to store it (%1): the key is kept for this session only"_s
                              .arg(finished->errorString())
                    : u"Keychain error: %1"_s.arg(finished->errorString());
        }
        if (guard)
            callback(r);
    };
    connect(job, &QKeychain::Job::finished, this,
            [answer](QKeychain::Job *finished) { answer(finished, false); });
    QTimer::singleShot(m_timeout, this, [answer, done] {
        if (!*done)
            answer(nullptr, true);
    });
    job->start();
}

} // namespace Hookscope
