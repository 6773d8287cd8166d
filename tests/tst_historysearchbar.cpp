// The history's second row of filters as a user fills it in: HTTP status, delivery id, dates;
// an entry that is not one says why and changes nothing.
#include "historysearchbar.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

class TestHistorySearchBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillsTheFilter();
    void refusesWhatIsNotAStatusAndChangesNothing();
    void refusesARangeThatEndsBeforeItStarts();
};

static void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestHistorySearchBar::fillsTheFilter()
{
    HistorySearchBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &HistorySearchBar::changed);
    type(bar.findChild<QLineEdit *>(QStringLiteral("httpStatusFilter")), QStringLiteral("5xx"));
    QCOMPARE(changed.size(), 1);
    auto *id = bar.findChild<QLineEdit *>(QStringLiteral("deliveryIdFilter"));
    type(id, QStringLiteral("12a3")); // letters are not taken
    QCOMPARE(id->text(), QStringLiteral("123"));
    bar.findChild<QCheckBox *>(QStringLiteral("fromFilter"))->setChecked(true);
    bar.findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(QDate(2026, 11, 1));
    bar.findChild<QCheckBox *>(QStringLiteral("toFilter"))->setChecked(true);
    bar.findChild<QDateEdit *>(QStringLiteral("toDate"))->setDate(QDate(2026, 11, 30));
    QVERIFY(changed.size() >= 4);
    DeliveryFilter f;
    QVERIFY(bar.apply(f));
    QVERIFY(f.httpStatus && *f.httpStatus == std::make_pair(500, 599));
    QCOMPARE(f.deliveryId, std::optional<qint64>(123));
    QCOMPARE(f.since, std::optional<TimeMs>(QDate(2026, 11, 1).startOfDay().toMSecsSinceEpoch()));
    // The "To" day is taken whole.
    QCOMPARE(f.until, std::optional<TimeMs>(QDate(2026, 12, 1).startOfDay().toMSecsSinceEpoch()));
    // Cleared: no criteria.
    bar.findChild<QLineEdit *>(QStringLiteral("httpStatusFilter"))->clear();
    bar.findChild<QCheckBox *>(QStringLiteral("fromFilter"))->setChecked(false);
    QVERIFY(bar.apply(f));
    QVERIFY(!f.httpStatus);
    QVERIFY(!f.since);
}

void TestHistorySearchBar::refusesWhatIsNotAStatusAndChangesNothing()
{
    HistorySearchBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &HistorySearchBar::changed);
    type(bar.findChild<QLineEdit *>(QStringLiteral("httpStatusFilter")), QStringLiteral("700"));
    QCOMPARE(changed.size(), 0);
    auto *problem = bar.findChild<QLabel *>(QStringLiteral("searchProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(
        problem->text().contains(QStringLiteral("“700” is not an HTTP status")), qPrintable(problem->text()));
    DeliveryFilter f;
    f.httpStatus = std::make_pair(404, 404);
    QVERIFY(!bar.apply(f));
    QVERIFY(f.httpStatus && *f.httpStatus == std::make_pair(404, 404));
    // Put right: the sentence goes.
    type(bar.findChild<QLineEdit *>(QStringLiteral("httpStatusFilter")), QStringLiteral("404"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!problem->isVisible());
}

void TestHistorySearchBar::refusesARangeThatEndsBeforeItStarts()
{
    HistorySearchBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    bar.findChild<QCheckBox *>(QStringLiteral("fromFilter"))->setChecked(true);
    bar.findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(QDate(2026, 11, 10));
    bar.findChild<QCheckBox *>(QStringLiteral("toFilter"))->setChecked(true);
    QSignalSpy changed(&bar, &HistorySearchBar::changed);
    bar.findChild<QDateEdit *>(QStringLiteral("toDate"))->setDate(QDate(2026, 11, 9));
    QCOMPARE(changed.size(), 0);
    DeliveryFilter f;
    QVERIFY(!bar.apply(f));
    QVERIFY(!f.since);
    QVERIFY(bar.findChild<QLabel *>(QStringLiteral("searchProblem"))->isVisible());
}

QTEST_MAIN(TestHistorySearchBar)
#include "tst_historysearchbar.moc"
