#include "threadedclient.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

class Connection
{
public:
    Connection(const std::string &host, std::uint16_t port)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        const int noDelay = 1;
        if (m_socket < 0 || ::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1
            || ::setsockopt(m_socket, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay) != 0
            || ::connect(m_socket, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            close();
    }
    ~Connection() { close(); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool isOpen() const { return m_socket >= 0; }

    // Sends the request, reads the whole response; its status, or 0 when the connection failed.
    int post(const std::string &request)
    {
        for (size_t sent = 0; sent < request.size();) {
            const ssize_t n = ::send(m_socket, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return 0;
            sent += size_t(n);
        }
        size_t headerEnd;
        while ((headerEnd = m_buffer.find("\r\n\r\n")) == std::string::npos) {
            if (!readMore())
                return 0;
        }
        const std::string head = m_buffer.substr(0, headerEnd);
        const int status = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
        size_t length = 0;
        for (size_t line = head.find("\r\n"); line != std::string::npos; line = head.find("\r\n", line + 2)) {
            if (::strncasecmp(head.c_str() + line + 2, "content-length:", 15) == 0)
                length = size_t(std::strtoul(head.c_str() + line + 17, nullptr, 10));
        }
        const size_t end = headerEnd + 4 + length;
        while (m_buffer.size() < end) {
            if (!readMore())
                return 0;
        }
        m_buffer.erase(0, end);
        return status;
    }

private:
    bool readMore()
    {
        char chunk[4096];
        const ssize_t n = ::recv(m_socket, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buffer.append(chunk, size_t(n));
        return true;
    }
    void close()
    {
        if (m_socket >= 0)
            ::close(m_socket);
        m_socket = -1;
    }

    int m_socket = -1;
    std::string m_buffer;
};

} // namespace

int threadedPosts(const std::string &host, std::uint16_t port, const std::string &path, const std::string &body,
                  int count, int threads)
{
    const std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + host + ':' + std::to_string(port)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n"
        + body;
    std::atomic<int> next { 0 };
    std::atomic<int> answered { 0 };
    std::vector<std::thread> pool;
    pool.reserve(size_t(threads));
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            Connection connection(host, port);
            while (connection.isOpen() && next.fetch_add(1) < count) {
                if (connection.post(request) == 200)
                    ++answered;
            }
        });
    }
    for (std::thread &thread : pool)
        thread.join();
    return answered.load();
}
