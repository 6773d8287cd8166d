#pragma once

// What the hookwatch process exits with, whichever part of it ran: a command, the window, or
// a module loaded for either.
namespace ExitCode {
enum : int {
    Success = 0,
    RuntimeFailure = 1, // an unreachable database, a store from a newer version, no display, …
    UsageError = 2, // bad options or input, an unknown id, an invalid transition
    AttemptFailed = 3, // --wait: the attempt was made and failed
};
} // namespace ExitCode
