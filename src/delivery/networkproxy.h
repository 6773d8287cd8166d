#pragma once

#include "proxysetting.h"

#include <QNetworkProxy>

// A proxy setting as Qt's network classes take it.
inline QNetworkProxy networkProxy(const ProxySetting &proxy)
{
    switch (proxy.kind) {
    case ProxySetting::Kind::None:
        break;
    case ProxySetting::Kind::Http:
        return QNetworkProxy(QNetworkProxy::HttpProxy, proxy.host, proxy.port, proxy.user, proxy.password);
    case ProxySetting::Kind::Socks5:
        return QNetworkProxy(QNetworkProxy::Socks5Proxy, proxy.host, proxy.port, proxy.user, proxy.password);
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}
