#pragma once

#include "clock.h"
#include "jobstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkProxy>
#include <QObject>
#include <QTimer>

#include <map>

class QNetworkAccessManager;
class QNetworkReply;
class SenderProfile;

// Makes attempts: one POST per claimed delivery over one QNetworkAccessManager, and
// reports each attempt, request and response, once its outcome is known.
class Deliverer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Deliverer)

public:
    explicit Deliverer(const Clock *clock, QObject *parent = nullptr);
    ~Deliverer() override;

    void setProxy(const QNetworkProxy &proxy);
    // Direct connections, no proxy, over buffered sockets (see deliverer.cpp); the
    // benchmark's reference loop uses the same.
    static void connectDirectly(QNetworkAccessManager *network);
    // Starts an attempt; finished() follows, even for an inactive webhook (no request then).
    void start(const ClaimedDelivery &claimed);
    // Abandons attempts without an outcome (a worker shutting down); they report aborted().
    void abortAll();
    int inFlight() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    void finished(const Attempt &attempt);
    void aborted(qint64 deliveryId);

private:
    struct InFlight;
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void abortOverdue();
    void armDeadlineTimer();

    const Clock *m_clock;
    QNetworkAccessManager *m_network;
    QNetworkProxy m_proxy;
    const SenderProfile &m_profile;
    QHash<QNetworkReply *, InFlight *> m_inFlight;
    QElapsedTimer m_monotonic; // deadlines and durations
    std::multimap<qint64, QNetworkReply *> m_deadlines; // on m_monotonic, earliest first
    QTimer m_deadlineTimer; // armed for the earliest deadline
};
