#pragma once

#include <QString>

// Opens Hookwatch's main window: makes the QApplication, installs the translation for the
// system locale, resolves the store (--db, HOOKWATCH_DB, the saved preference, the default)
// and runs until the window is closed. Without a display it says so and returns 1.
// `databaseOption`: the value of --db, empty when it was not given.
int runWindow(int &argc, char **argv, const QString &databaseOption);

// Loads Hookwatch's translation for `locale` into `translator`, English (for its plural forms)
// when there is none for that language. False when none loaded.
class QLocale;
class QTranslator;
bool loadTranslation(QTranslator &translator, const QLocale &locale);

// True when a window can be shown: a display, or a platform chosen by QT_QPA_PLATFORM.
bool hasDisplay();

// The window's icons live in this static library: call before using them outside runWindow.
void initGuiResources();
