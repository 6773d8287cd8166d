// export: the filtered history as CSV or JSON, a delivery's attempts as HAR or a .http file.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "exportformats.h"
#include "historyfilter.h"
#include "jobstore.h"
#include "timeformat.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

namespace Cli {

namespace {

// Where the export goes: a file, written whole or not at all, or stdout.
class Sink
{
public:
    Status open(const QString &path)
    {
        if (path.isEmpty() || path == QLatin1String("-")) {
            m_stdout = std::make_unique<QFile>();
            if (!m_stdout->open(stdout, QIODevice::WriteOnly))
                return Status::failure(QStringLiteral("cannot write to standard output"));
            m_device = m_stdout.get();
            return {};
        }
        m_file = std::make_unique<QSaveFile>(path);
        if (!m_file->open(QIODevice::WriteOnly))
            return Status::failure(
                QStringLiteral("cannot write %1: %2").arg(path, m_file->errorString()), ErrorKind::Invalid);
        m_device = m_file.get();
        return {};
    }
    Status write(const QByteArray &bytes)
    {
        if (m_device->write(bytes) != bytes.size())
            return Status::failure(
                QStringLiteral("writing the export failed: %1").arg(m_device->errorString()));
        return {};
    }
    Status finish()
    {
        if (m_file && !m_file->commit())
            return Status::failure(
                QStringLiteral("writing the export failed: %1").arg(m_file->errorString()));
        if (m_stdout)
            m_stdout->flush();
        return {};
    }

private:
    std::unique_ptr<QFile> m_stdout;
    std::unique_ptr<QSaveFile> m_file;
    QIODevice *m_device = nullptr;
};

int exportAttempts(JobStore *store, qint64 deliveryId, const QString &format, const QString &output)
{
    auto d = store->delivery(deliveryId);
    if (!d)
        return failWith(d);
    auto attempts = store->attempts(deliveryId);
    if (!attempts)
        return failWith(attempts);
    Sink sink;
    if (Status s = sink.open(output); !s)
        return failWith(s);
    const QByteArray bytes = format == QLatin1String("har")
        ? ExportFormats::har(d.value(), attempts.value())
        : ExportFormats::httpFile(d.value(), attempts.value());
    if (Status s = sink.write(bytes); !s)
        return failWith(s);
    if (Status s = sink.finish(); !s)
        return failWith(s);
    return Success;
}

// The history, newest first, a page at a time: memory stays flat however many rows.
int exportHistory(JobStore *store, DeliveryFilter filter, const QString &format, const QString &output)
{
    const bool json = format == QLatin1String("json");
    filter.withPayload = json;
    filter.sortKey = DeliveryFilter::SortKey::Id;
    filter.descending = true;
    filter.limit = 1000;
    filter.offset = 0;
    Sink sink;
    if (Status s = sink.open(output); !s)
        return failWith(s);
    if (Status s = sink.write(json ? QByteArrayLiteral("[") : ExportFormats::csvHeader()); !s)
        return failWith(s);
    qint64 written = 0;
    for (;;) {
        auto page = store->deliveries(filter);
        if (!page)
            return failWith(page);
        QByteArray chunk;
        for (const Delivery &d : page.value()) {
            if (json) {
                chunk += written == 0 ? "\n" : ",\n";
                chunk += QJsonDocument(ExportFormats::jsonDelivery(d)).toJson(QJsonDocument::Compact);
            } else {
                chunk += ExportFormats::csvRow(d);
            }
            ++written;
        }
        if (Status s = sink.write(chunk); !s)
            return failWith(s);
        if (page->size() < filter.limit)
            break;
        filter.beforeId = page->last().id;
    }
    if (json) {
        if (Status s = sink.write(QByteArrayLiteral("\n]\n")); !s)
            return failWith(s);
    }
    if (Status s = sink.finish(); !s)
        return failWith(s);
    if (!output.isEmpty() && output != QLatin1String("-"))
        err() << written << (written == 1 ? " delivery" : " deliveries") << " written to " << output
              << Qt::endl;
    return Success;
}

} // namespace

int exportCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("export"),
        QStringLiteral(
            "export [--format csv|json] [--output FILE] [--webhook ID] [--status S] [--result R] "
            "[--event-type T] [--http-status CODE] [--text T [--search-newest N]] [--id ID] [--since TIME] "
            "[--until TIME]  |  export DELIVERY_ID --format har|http [--output FILE]"));
    c.add(QStringLiteral("format"),
        QStringLiteral(
            "csv (the default; no payloads) or json for the history; har or http for one delivery's "
            "attempts."),
        QStringLiteral("F"));
    c.add(QStringLiteral("output"), QStringLiteral("Write to this file instead of standard output."),
        QStringLiteral("FILE"));
    addHistoryFilterOptions(c);
    if (int code = c.parse(args); code >= 0)
        return code;
    const QString format = c.value(QStringLiteral("format")).toLower();
    const QString output = c.value(QStringLiteral("output"));
    if (c.positional().size() > 1)
        return usageError(QStringLiteral("export: give at most one delivery id"));
    std::unique_ptr<JobStore> holder;
    if (c.positional().size() == 1) {
        auto id = parseId(c.positional().first(), "delivery");
        if (!id)
            return failWith(id);
        if (format != QLatin1String("har") && format != QLatin1String("http"))
            return usageError(
                QStringLiteral("export: a delivery's attempts are exported with --format har or "
                               "--format http"));
        for (const QString &option : historyFilterOptions()) {
            if (c.isSet(option))
                return usageError(
                    QStringLiteral("export: --%1 filters the history, not one delivery").arg(option));
        }
        auto store = openStore(inv, holder);
        if (!store)
            return failWith(store);
        return exportAttempts(store.value(), id.value(), format, output);
    }
    if (!format.isEmpty() && format != QLatin1String("csv") && format != QLatin1String("json"))
        return usageError(
            QStringLiteral("export: the history is exported with --format csv or --format json; "
                           "har and http take a delivery id"));
    DeliveryFilter f;
    if (int code = readHistoryFilter(c, f); code >= 0)
        return code;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    if (f.webhookId) {
        if (auto w = store.value()->webhook(*f.webhookId); !w)
            return failWith(w);
    }
    return exportHistory(store.value(), f, format.isEmpty() ? QStringLiteral("csv") : format, output);
}

} // namespace Cli
