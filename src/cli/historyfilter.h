#pragma once

#include <QStringList>

struct DeliveryFilter;

namespace Cli {

class Command;

// The history's filter, as `deliveries` and `export` take it: one set of options, read by one
// parser, so both commands select the same deliveries from the same words.
void addHistoryFilterOptions(Command &c);
// Their names, for a mode of a command that takes no filter.
QStringList historyFilterOptions();
// Fills `filter` from the options. Returns -1 to go on, or the exit code after a usage error
// (one line, naming the command and the option).
int readHistoryFilter(const Command &c, DeliveryFilter &filter);

} // namespace Cli
