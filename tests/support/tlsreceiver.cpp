#include "tlsreceiver.h"

#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>

#include <memory>

TlsReceiver::TlsReceiver(QSslCertificate certificate, QSslKey key)
    : m_certificate(std::move(certificate)), m_key(std::move(key))
{
}

void TlsReceiver::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setLocalCertificate(m_certificate);
    socket->setPrivateKey(m_key);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QSslSocket::readyRead, socket, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer->left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer->size() < end + 4 + length)
            return;
        requests.append(*buffer);
        buffer->clear();
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        socket->disconnectFromHost();
    });
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QSslSocket::errorOccurred, socket, [socket] { socket->abort(); });
    socket->startServerEncryption();
}

bool makeSelfSignedCertificate(const QTemporaryDir &dir, const QString &name, const QString &subjectAltName,
                               QSslCertificate &certificate, QSslKey &key, QString *error)
{
    const QString keyPath = dir.filePath(name + QStringLiteral(".key"));
    const QString certPath = dir.filePath(name + QStringLiteral(".pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                    QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=hookwatch-test"), QStringLiteral("-addext"),
                    QStringLiteral("subjectAltName=") + subjectAltName });
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        if (error)
            *error = openssl.errorString() + QLatin1Char(' ') + QString::fromLocal8Bit(openssl.readAllStandardError());
        return false;
    }
    QFile c(certPath);
    QFile k(keyPath);
    if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
        return false;
    certificate = QSslCertificate(c.readAll(), QSsl::Pem);
    key = QSslKey(k.readAll(), QSsl::Ec, QSsl::Pem);
    return !certificate.isNull() && !key.isNull();
}
