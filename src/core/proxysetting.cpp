#include "proxysetting.h"

#include "validation.h"

#include <QUrl>

Result<ProxySetting> ProxySetting::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return ProxySetting();
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("socks5")))
        return Result<ProxySetting>::failure(
            QStringLiteral("invalid proxy \"%1\": write http://host:port or socks5://host:port")
                .arg(Validation::maskedUrl(trimmed)),
            ErrorKind::Invalid);
    ProxySetting proxy;
    const bool socks = scheme == QLatin1String("socks5");
    proxy.kind = socks ? Kind::Socks5 : Kind::Http;
    proxy.host = url.host();
    proxy.port = quint16(url.port(socks ? 1080 : 8080));
    proxy.user = url.userName();
    proxy.password = url.password();
    return proxy;
}
