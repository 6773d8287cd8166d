#pragma once

#include "claim.h"
#include "clock.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkProxy>
#include <QObject>
#include <QTimer>

#include <map>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class SenderProfile;

// Makes attempts: one POST per claimed delivery, and reports each attempt, request and
// response, once its outcome is known. As many requests are in flight as are started, to
// one host as to many: Qt opens at most 6 connections per host and manager (Qt 6.4 has no
// QHttp1Configuration), so the deliverer keeps a small pool of managers, each with its own
// connections, and adds one when every manager has 6 requests out to a request's host.
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
    // How many managers the pool holds: one, plus one for each further 6 requests that were
    // in flight to one host at once.
    int managerCount() const { return int(m_pool.size()); }

Q_SIGNALS:
    void finished(const Attempt &attempt);
    void aborted(qint64 deliveryId);

private:
    struct InFlight;
    struct Manager
    {
        QNetworkAccessManager *network;
        QHash<QString, int> inFlightByHost; // "scheme://host:port"
    };
    int managerFor(const QString &host);
    void addManager();
    void applyProxy(QNetworkAccessManager *network) const;
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void abortOverdue();
    void armDeadlineTimer();

    const Clock *m_clock;
    std::vector<Manager> m_pool; // grows, never shrinks; connections idle for 1 s are closed
    QNetworkProxy m_proxy;
    QHash<QNetworkReply *, InFlight *> m_inFlight;
    QElapsedTimer m_monotonic; // deadlines and durations
    std::multimap<qint64, QNetworkReply *> m_deadlines; // on m_monotonic, earliest first
    QTimer m_deadlineTimer; // armed for the earliest deadline
};
