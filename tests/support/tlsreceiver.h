#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

class QTemporaryDir;

// An HTTPS receiver for tests: each connection is a QSslSocket doing server-side encryption
// with the given certificate. Answers every complete request with 200 "ok" and keeps the
// requests as received.
class TlsReceiver final : public QTcpServer
{
public:
    TlsReceiver(QSslCertificate certificate, QSslKey key);

    QList<QByteArray> requests;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};

// A self-signed certificate made by openssl now, in `dir` under `name`, for `subjectAltName`
// (e.g. "IP:127.0.0.1" or "DNS:example.invalid"). False, with the reason in `error`, if openssl
// could not make it.
bool makeSelfSignedCertificate(const QTemporaryDir &dir, const QString &name, const QString &subjectAltName,
                               QSslCertificate &certificate, QSslKey &key, QString *error = nullptr);
