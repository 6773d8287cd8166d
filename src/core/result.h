#pragma once

#include <QString>

#include <optional>
#include <utility>

// Why something failed: the command line maps NotFound and Invalid to a usage error (exit 2)
// and Runtime to exit 1.
enum class ErrorKind { Runtime, NotFound, Invalid };

// A value or an error message. Fallible functions return this instead of throwing,
// so nothing ever crosses a thread or a signal as an exception.
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) { }
    static Result failure(QString message, ErrorKind kind = ErrorKind::Runtime)
    {
        Result r;
        r.m_error = std::move(message);
        r.m_kind = kind;
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T value() && { return std::move(*m_value); } // by value: safe in a range-for over a temporary
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
    ErrorKind m_kind = ErrorKind::Runtime;
};

// Result<void>: success or an error message.
template<>
class Result<void>
{
public:
    Result() = default;
    static Result failure(QString message, ErrorKind kind = ErrorKind::Runtime)
    {
        Result r;
        r.m_failed = true;
        r.m_error = std::move(message);
        r.m_kind = kind;
        return r;
    }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }

private:
    bool m_failed = false;
    QString m_error;
    ErrorKind m_kind = ErrorKind::Runtime;
};

using Status = Result<void>;
