#include "command.h"

#include "console.h"
#include "duration.h"
#include "jobstore.h"
#include "storeresolver.h"
#include "validation.h"

#include <QFile>

namespace Cli {

Command::Command(const QString &name, const QString &synopsis)
    : m_name(name)
    , m_synopsis(synopsis)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_parser.addOption(QCommandLineOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help.")));
}

void Command::add(const QString &option, const QString &description, const QString &valueName)
{
    m_parser.addOption(QCommandLineOption(option, description, valueName));
}

void Command::addPositional(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
}

int Command::parse(const QStringList &args)
{
    if (!m_parser.parse(args))
        return usageError(
            QStringLiteral("%1: %2 (see 'hookwatch %1 --help')").arg(m_name, m_parser.errorText()));
    if (m_parser.isSet(QStringLiteral("help"))) {
        out() << "Usage: hookwatch " << m_synopsis << "\n\n"
              << m_parser.helpText().section(QLatin1Char('\n'), 2);
        out().flush();
        return Success;
    }
    return -1;
}

Result<qint64> parseId(const QString &text, const char *what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return Result<qint64>::failure(QStringLiteral("invalid %1 id \"%2\": expected a positive number")
                                           .arg(QLatin1String(what), text.left(40)),
            ErrorKind::Invalid);
    return id;
}

Result<qint64> onlyId(const Command &c, const char *what)
{
    if (c.positional().size() != 1)
        return Result<qint64>::failure(
            QStringLiteral("%1: give exactly one %2 id").arg(c.name(), QLatin1String(what)),
            ErrorKind::Invalid);
    return parseId(c.positional().first(), what);
}

int actOnId(const Invocation &inv, Command &c, const QStringList &args, const char *what,
    const std::function<int(JobStore &store, qint64 id)> &act)
{
    if (int code = c.parse(args); code >= 0)
        return code;
    const auto id = onlyId(c, what);
    if (!id)
        return failWith(id);
    std::unique_ptr<JobStore> holder;
    const auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    return act(*store.value(), id.value());
}

Result<qint64> parseDurationOption(const Command &c, const QString &option)
{
    auto d = Duration::parse(c.value(option));
    if (!d)
        return Result<qint64>::failure(QStringLiteral("--%1: %2").arg(option, d.error()), ErrorKind::Invalid);
    return d;
}

Result<QByteArray> readPayload(const Command &c)
{
    using R = Result<QByteArray>;
    if (!c.isSet(QStringLiteral("payload")))
        return QByteArrayLiteral("{}");
    const QString source = c.value(QStringLiteral("payload"));
    QFile file;
    bool opened = false;
    if (source == QLatin1String("-"))
        opened = file.open(stdin, QIODevice::ReadOnly);
    else {
        file.setFileName(source);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return R::failure(
            QStringLiteral("cannot read the payload from %1: %2").arg(source, file.errorString()),
            ErrorKind::Invalid);
    // Read until the end (a pipe delivers in pieces), but never more than one byte past the
    // limit of an oversized input.
    QByteArray bytes;
    while (bytes.size() <= Validation::MaxPayloadBytes) {
        const QByteArray chunk = file.read(Validation::MaxPayloadBytes + 1 - bytes.size());
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (file.error() != QFileDevice::NoError)
        return R::failure(
            QStringLiteral("cannot read the payload from %1: %2").arg(source, file.errorString()),
            ErrorKind::Invalid);
    if (Status s = Validation::payload(bytes); !s)
        return R::failure(s.error(), ErrorKind::Invalid);
    return bytes;
}

Result<JobStore *> openStore(const Invocation &inv, std::unique_ptr<JobStore> &holder)
{
    auto config = StoreResolver::resolve(inv.db);
    if (!config)
        return Result<JobStore *>::failure(config.error(), ErrorKind::Invalid);
    holder = std::make_unique<JobStore>(config.value());
    if (Status s = holder->open(); !s)
        return Result<JobStore *>::failure(s.error(), ErrorKind::Runtime);
    return holder.get();
}

} // namespace Cli
