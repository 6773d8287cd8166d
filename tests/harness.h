#pragma once

// A dispatcher on a real store, sending to a real HTTP server on 127.0.0.1, on an injected
// clock: the pieces the delivery tests share.

#include "dispatcher.h"
#include "jobstore.h"
#include "testdatabases.h"
#include "testreceiver.h"

#include <QSignalSpy>
#include <QTest>

class Harness
{
public:
    static constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z

    explicit Harness(const QString &backend, bool manualClock = true, Dispatcher::Options options = {})
        : scratch(backend), clock(T0)
    {
        if (!scratch.ok())
            return;
        const Clock *c = manualClock ? static_cast<const Clock *>(&clock) : Clock::system();
        store = std::make_unique<JobStore>(scratch.config(), c);
        const Status opened = store->open();
        if (!opened) {
            openError = opened.error();
            return;
        }
        dispatcher = std::make_unique<Dispatcher>(store.get(), options);
        receiver.listen();
    }

    bool ok() const { return scratch.ok() && openError.isEmpty(); }
    QString error() const { return scratch.ok() ? openError : scratch.error(); }

    qint64 addWebhook(Webhook w = Webhook())
    {
        if (w.deliveryUrl.isEmpty())
            w.deliveryUrl = receiver.url().toString();
        return store->addWebhook(w).value();
    }

    // Wakes the dispatcher and waits for the next recorded attempt.
    std::optional<QPair<Delivery, Attempt>> nextAttempt(int timeoutMs = 10000)
    {
        QSignalSpy spy(dispatcher.get(), &Dispatcher::attemptRecorded);
        dispatcher->wake();
        if (!spy.wait(timeoutMs))
            return std::nullopt;
        return qMakePair(spy.first().at(0).value<Delivery>(), spy.first().at(1).value<Attempt>());
    }

    TestDatabases::Scratch scratch;
    ManualClock clock;
    std::unique_ptr<JobStore> store;
    std::unique_ptr<Dispatcher> dispatcher;
    TestReceiver receiver;
    QString openError;
};


#define HARNESS_OR_SKIP(h)                                                                                   \
    do {                                                                                                   \
        if (!(h).ok()) {                                                                                   \
            if (TestDatabases::postgresRequired() || (h).scratch.ok())                                     \
                QFAIL(qPrintable((h).error()));                                                            \
            QSKIP(qPrintable((h).error()));                                                                \
        }                                                                                                  \
    } while (false)
