#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace Validation {

Status deliveryUrl(const QString &text)
{
    if (text.trimmed().isEmpty())
        return Status::failure(QStringLiteral("The delivery URL is empty."));
    if (text.size() > MaxUrlLength)
        return Status::failure(
                QStringLiteral("The delivery URL is %1 characters long; at most %2 are allowed.")
                        .arg(text.size())
                        .arg(MaxUrlLength));
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return Status::failure(QStringLiteral("The delivery URL contains a space or a control character."));
    }
    // "127.0.0.1:8765/hook" or "localhost:8765/hook": Qt's parser would talk of relative paths
    // or of a scheme called "localhost".
    static const QRegularExpression hostAndPort(QStringLiteral("^[A-Za-z0-9.\\-\\[\\]]+:[0-9]+(/|$)"));
    if (!text.contains(QLatin1Char(':')) || hostAndPort.match(text.trimmed()).hasMatch())
        return Status::failure(QStringLiteral("\"%1\" has no scheme: write http://%1 or https://%1.")
                                       .arg(maskedUrl(text.trimmed())));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Status::failure(QStringLiteral("\"%1\" is not a valid URL: %2").arg(maskedUrl(text), url.errorString()));
    const QString scheme = url.scheme();
    if (scheme.isEmpty())
        return Status::failure(QStringLiteral("\"%1\" is not an absolute URL: it needs http:// or https://.")
                                       .arg(maskedUrl(text)));
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return Status::failure(QStringLiteral("The URI scheme \"%1\" is not allowed.  Only URIs with the following "
                                              "schemes may be used: http, https")
                                       .arg(scheme));
    if (url.host().isEmpty())
        return Status::failure(QStringLiteral("The delivery URL has no host."));
    return {};
}

Status secret(const QString &s)
{
    if (s.size() > MaxSecretLength)
        return Status::failure(QStringLiteral("The secret is %1 characters long; at most %2 are allowed.")
                                       .arg(s.size())
                                       .arg(MaxSecretLength));
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control)
            return Status::failure(QStringLiteral("The secret contains a control character (a line break or tab?)."));
    }
    return {};
}

Status payload(const QByteArray &bytes)
{
    if (bytes.size() > MaxPayloadBytes)
        return Status::failure(QStringLiteral("The payload is %1 bytes; at most %2 (5 MiB) are allowed.")
                                       .arg(bytes.size())
                                       .arg(MaxPayloadBytes));
    if (bytes.trimmed().isEmpty())
        return Status::failure(QStringLiteral("The payload is empty: give a JSON object, e.g. {\"ping\": true}."));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (doc.isNull() && error.error != QJsonParseError::DeepNesting) {
        // Valid JSON, but a lone value: say which, rather than "illegal value".
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + bytes + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1) {
            static const char *const names[] = { "null", "true or false", "a number", "a string" };
            const QJsonValue::Type type = wrapped.array().at(0).type();
            const int index = type == QJsonValue::Null ? 0 : type == QJsonValue::Bool ? 1 : type == QJsonValue::Double ? 2 : 3;
            return Status::failure(QStringLiteral("The payload is %1; it must be a JSON object (or array), e.g. "
                                                  "{\"ping\": true}.")
                                           .arg(QLatin1String(names[index])));
        }
    }
    if (error.error == QJsonParseError::DeepNesting)
        return Status::failure(
                QStringLiteral("The payload is nested too deeply: JSON deeper than %1 levels is not supported.")
                        .arg(MaxJsonDepth));
    if (doc.isNull())
        return Status::failure(QStringLiteral("The payload is not valid JSON: %1 at byte %2.")
                                       .arg(error.errorString())
                                       .arg(error.offset));
    return {};
}

namespace {
// A name as it can be shown on one line: control characters written as escapes.
QString printableHeaderName(const QByteArray &name)
{
    QString shown;
    for (const char c : name) {
        if (c == '\r')
            shown += QLatin1String("\\r");
        else if (c == '\n')
            shown += QLatin1String("\\n");
        else if (uchar(c) < 0x20 || c == 0x7f)
            shown += QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
        else
            shown += QLatin1Char(c);
    }
    return shown.left(80);
}
} // namespace

Result<QPair<QByteArray, QByteArray>> header(const QString &text)
{
    using R = Result<QPair<QByteArray, QByteArray>>;
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return R::failure(QStringLiteral("invalid header \"%1\": write it as 'Name: value'").arg(text.left(40)));
    const QByteArray name = text.left(colon).trimmed().toLatin1();
    const QByteArray value = text.mid(colon + 1).trimmed().toUtf8();
    if (Status checked = customHeader(name, value); !checked)
        return R::failure(checked.error());
    return qMakePair(name, value);
}

Status headerField(const QByteArray &name, const QByteArray &value)
{
    static const QByteArray tokenChars = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    const bool validName = !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || tokenChars.contains(c);
    });
    if (!validName)
        return Status::failure(QStringLiteral("invalid header name \"%1\"").arg(printableHeaderName(name)));
    const QString text = QString::fromUtf8(value); // NUL and C1 controls included
    for (const QChar c : text) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c.category() == QChar::Other_Control)
            return Status::failure(QStringLiteral("the value of header \"%1\" contains a control character")
                                       .arg(QString::fromLatin1(name)));
    }
    return {};
}

Status customHeader(const QByteArray &name, const QByteArray &value)
{
    if (Status field = headerField(name, value); !field)
        return field;
    // Every profile's own headers (src/delivery/senderprofile.cpp), whichever the webhook has:
    // a header kept through a change of profile must not clash with the new one's.
    static const QList<QByteArray> setByHookwatch = { "content-type", "user-agent", "x-launchpad-event-type",
        "x-launchpad-delivery", "x-hub-signature", "x-hub-signature-256", "x-github-event", "x-github-delivery",
        "x-github-hook-id", "webhook-id", "webhook-timestamp", "webhook-signature", "stripe-signature" };
    static const QList<QByteArray> framing
        = { "content-length", "transfer-encoding", "host", "connection", "expect" };
    const QByteArray lower = name.toLower();
    if (setByHookwatch.contains(lower))
        return Status::failure(
            QStringLiteral("header \"%1\" is set by Hookwatch itself and cannot be overridden")
                .arg(QString::fromLatin1(name)));
    if (framing.contains(lower))
        return Status::failure(
            QStringLiteral("header \"%1\" belongs to HTTP itself (how the request is framed "
                           "and sent) and cannot be set")
                .arg(QString::fromLatin1(name)));
    return {};
}

Status eventType(const QString &eventType)
{
    if (eventType.trimmed().isEmpty())
        return Status::failure(QStringLiteral("The event type is empty."));
    if (eventType.size() > 200)
        return Status::failure(QStringLiteral("The event type is longer than 200 characters."));
    for (const QChar c : eventType) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return Status::failure(QStringLiteral("The event type \"%1\" contains a space or control character.")
                                           .arg(eventType.left(60)));
    }
    return {};
}

Status timeout(qint64 ms)
{
    if (ms <= 0 || ms > 3600 * 1000)
        return Status::failure(QStringLiteral("The timeout must be more than 0s and at most 1h."));
    return {};
}

bool isSensitiveHeader(const QByteArray &name)
{
    const QByteArray n = name.toLower();
    return n == "authorization" || n == "proxy-authorization" || n == "cookie" || n.contains("token")
            || n.contains("secret") || n.contains("api-key") || n.contains("apikey") || n.contains("password")
            || n.contains("auth");
}

QByteArray maskedHeaderValue(const QByteArray &name, const QByteArray &value)
{
    if (!isSensitiveHeader(name) || value.isEmpty())
        return value;
    // Keep the scheme word of "Bearer xyz" so a reader can tell which kind it was.
    const qsizetype space = value.indexOf(' ');
    if (space > 0 && space < 16)
        return value.left(space) + " ****";
    return QByteArrayLiteral("****");
}

QString maskedUrl(const QString &text)
{
    QUrl url(text);
    if (!url.isValid())
        return text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
    if (!url.password().isEmpty())
        url.setPassword(QStringLiteral("****"));
    if (url.hasQuery()) {
        QUrlQuery query(url);
        auto items = query.queryItems(QUrl::FullyEncoded);
        bool changed = false;
        for (auto &item : items) {
            const QByteArray key = item.first.toLatin1().toLower();
            if (isSensitiveHeader(key) || key == "key" || key == "sig" || key == "code" || key == "pass") {
                item.second = QStringLiteral("****");
                changed = true;
            }
        }
        if (changed) {
            query.setQueryItems(items);
            url.setQuery(query);
        }
    }
    return url.toString(QUrl::FullyEncoded);
}

Result<std::pair<int, int>> httpStatusRange(const QString &text)
{
    const QString t = text.trimmed().toLower();
    const auto invalid = [&text]() {
        return Result<std::pair<int, int>>::failure(
            QStringLiteral("\"%1\" is not an HTTP status: give one from 100 to 599, such as 404, or a class "
                           "such as 5xx.")
                .arg(text),
            ErrorKind::Invalid);
    };
    if (t.size() != 3)
        return invalid();
    if (t.endsWith(QLatin1String("xx"))) {
        const int digit = t.at(0).digitValue();
        if (digit < 1 || digit > 5)
            return invalid();
        return std::make_pair(digit * 100, digit * 100 + 99);
    }
    bool ok = false;
    const int code = t.toInt(&ok);
    if (!ok || code < 100 || code > 599)
        return invalid();
    return std::make_pair(code, code);
}


} // namespace Validation
