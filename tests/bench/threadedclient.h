#pragma once

#include <cstdint>
#include <string>

// The reference of the one-host figure (hookwatch-bench one-host): a plain threaded HTTP/1.1
// client, as a program without an event loop would send. `threads` threads, each with one
// kept-alive connection of its own, POST `body` to http://host:port/path one request after
// another until `count` requests have been answered in all. Blocking POSIX sockets, no Qt.
// Returns how many were answered 200.
int threadedPosts(const std::string &host, std::uint16_t port, const std::string &path, const std::string &body,
                  int count, int threads);
