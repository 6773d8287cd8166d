#pragma once

#include "clock.h"
#include "result.h"

class JobStore;

// One chunk of JobStore::prune(): deletes up to `limit` deliveries finished before `before`,
// with their attempts, in one transaction, and returns how many. For a caller that must not
// hold its thread for a whole prune: the window's store thread runs one chunk per turn of its
// event loop, so its queries interleave. The statement is JobStore::prune()'s, on the store's
// own connection (same thread); it goes once JobStore offers a single chunk itself.
Result<int> pruneChunk(JobStore &store, TimeMs before, int limit);
