#pragma once

#include "result.h"

#include <QString>

// The proxy deliveries go through, as `worker --proxy` and the window's preference write it:
// http://[user:password@]host[:port] (port 8080 unless given) or
// socks5://[user:password@]host[:port] (1080). Empty: no proxy. The delivery layer turns it
// into a QNetworkProxy (networkproxy.h); the layers above only read and check it.
struct ProxySetting
{
    enum class Kind { None, Http, Socks5 };
    Kind kind = Kind::None;
    QString host;
    quint16 port = 0;
    QString user;
    QString password;

    // An invalid setting is refused with one sentence, its password masked.
    static Result<ProxySetting> parse(const QString &text);
};
