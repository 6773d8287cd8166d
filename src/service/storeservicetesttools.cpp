#include "storeservice.h"

#include "jobstore.h"
#include "outcome.h"
#include "profiles.h"
#include "testsender.h"

// The window's receiver test tools: TestSender on this thread's store, its sends kept as
// attempts like the command line's `replay` and `send-batch`.

void StoreService::runTestTool(const QString &tool, qint64 id)
{
    if (!ensureOpen())
        return;
    if (!m_testSender) {
        m_testSender = std::make_unique<TestSender>(m_store.get());
        connect(m_testSender.get(), &TestSender::finished, this, [this](const QList<Attempt> &attempts) {
            int delivered = 0;
            for (const Attempt &a : attempts) {
                if (Outcome::classify(
                        a.deactivated, a.connectionError, a.response ? a.response->statusCode : 0)
                        .successful)
                    ++delivered;
            }
            Q_EMIT actionDone(tr(
                "Receiver test: %n request(s) sent, %1 answered with a 2xx.", nullptr, int(attempts.size()))
                                  .arg(delivered));
            noteChange();
        });
        connect(m_testSender.get(), &TestSender::failed, this,
            [this](const QString &message) { fail(tr("Receiver test failed: %1").arg(message)); });
    }
    Status started = Status::failure(QStringLiteral("no test tool named %1").arg(tool));
    if (tool == TestTools::SameId) {
        started = m_testSender->resend(id, 1, false);
    } else if (tool == TestTools::Burst) {
        started = m_testSender->resend(id, TestTools::DefaultBurst, false);
    } else if (tool == TestTools::ExpiredTimestamp) {
        started = m_testSender->resend(id, 1, true);
    } else if (tool == TestTools::OutOfOrder) {
        // The profile's own test event, as a ping sends it.
        const auto webhook = m_store->webhook(id);
        if (!webhook) {
            fail(webhook.error());
            return;
        }
        started = m_testSender->sendBatch(id, Profiles::pingEventType(webhook->profile),
            Profiles::pingPayload(webhook.value(), m_store->now()), TestTools::DefaultBatch, false);
    }
    if (!started) {
        fail(tr("Receiver test not sent: %1").arg(started.error()));
        return;
    }
    noteChange();
}
