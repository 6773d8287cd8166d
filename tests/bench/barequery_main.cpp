// The reference for hookwatch-bench million: a bare Qt Core + Sql program that opens the
// SQLite file and prints the newest 50 failed deliveries, as `hookwatch deliveries --status
// failed --limit 50` does, with nothing else around it.

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2)
        return 2;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(QString::fromLocal8Bit(argv[1]));
    if (!db.open())
        return 1;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, status, event_type, date_created, attempt_count, failure_detail "
                               "FROM deliveries WHERE status = 3 ORDER BY id DESC LIMIT 50")))
        return 1;
    QTextStream out(stdout);
    while (q.next())
        out << q.value(0).toLongLong() << '\t' << q.value(2).toString() << '\t' << q.value(5).toString() << '\n';
    return 0;
}
