#include "windowapp.h"

#include "appsettings.h"
#include "exitcode.h"
#include "icons.h"
#include "mainwindow.h"
#include "storeresolver.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

#include <cstdio>

void initGuiResources()
{
    static bool done = false;
    if (!done) {
        Q_INIT_RESOURCE(hookwatch);
        done = true;
    }
}

bool loadTranslation(QTranslator &translator, const QLocale &locale)
{
    // English is the source language, but its plural forms come from a translation too: any
    // language without its own file gets them.
    return translator.load(locale, QStringLiteral("hookwatch"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral(":/i18n/hookwatch_en"));
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

int runWindow(int &argc, char **argv, const QString &databaseOption)
{
    if (!hasDisplay()) {
        // QApplication would abort without a display; the command line needs none.
        std::fputs(
            "hookwatch: there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are "
            "not set).\nEverything the window does is also on the command line: see `hookwatch --help`.\n",
            stderr);
        return ExitCode::RuntimeFailure;
    }
    QApplication app(argc, argv);
    initGuiResources();
    QApplication::setWindowIcon(Icons::application());
    QApplication::setDesktopFileName(QStringLiteral("hookwatch"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale::system(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (loadTranslation(translator, QLocale::system()))
        QApplication::installTranslator(&translator);

    const auto database = StoreResolver::resolve(databaseOption);
    if (!database) {
        auto *box = new QMessageBox(
            QMessageBox::Critical, QCoreApplication::translate("MainWindow", "Hookwatch"), database.error());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->show();
        std::fprintf(stderr, "hookwatch: %s\n", qPrintable(database.error()));
        app.exec();
        return ExitCode::UsageError;
    }
    const bool fixed = !databaseOption.isEmpty() || !qEnvironmentVariableIsEmpty("HOOKWATCH_DB");
    MainWindow window(database.value(), AppSettings::load(), fixed);
    // The window hides at once on close but quits only once attempts in flight are recorded.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &MainWindow::finished, &app, &QCoreApplication::quit);
    window.showWhenReady();
    return app.exec();
}
