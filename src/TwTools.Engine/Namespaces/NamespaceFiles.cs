using System.Runtime.InteropServices;
using TwTools.Engine.Interop;
using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// Opens /proc files and netlink sockets inside another network namespace. setns(2) moves one thread, and threads that
/// thread creates are born in its namespace (in .NET, thread-pool workers it caused to start stayed there and ran later
/// work there). So one dedicated thread enters, does nothing but open(2) and socket(2) for callers, and leaves before
/// it ends; every descriptor it hands out keeps the namespace it was opened in, and all reading happens elsewhere.
/// </summary>
internal sealed class NamespaceFiles : KernelFiles, IDisposable
{
    private readonly object _gate = new();
    private readonly object _callers = new();
    private readonly int _namespace;
    private readonly Thread _thread;
    private Func<int>? _request;
    private int _answer;
    private bool _answered;
    private bool _closing;
    private int? _entered;

    private NamespaceFiles(int namespaceFd)
    {
        _namespace = namespaceFd;
        _thread = new Thread(Serve) { IsBackground = true, Name = "twtools-netns" };
    }

    /// <summary>Enters the namespace behind <paramref name="namespaceFd"/> (which this object then owns); -errno when setns refused.</summary>
    public static (NamespaceFiles? Files, int Errno) Enter(int namespaceFd)
    {
        var files = new NamespaceFiles(namespaceFd);
        files._thread.Start();
        lock (files._gate)
        {
            while (files._entered is null)
            {
                Monitor.Wait(files._gate);
            }
        }

        if (files._entered == 0)
        {
            return (files, 0);
        }

        var errno = files._entered.Value;
        files.Dispose();
        return (null, errno);
    }

    public override bool IsDirect => false;

    // /proc/net is /proc/self/net, which follows the process's main thread, not the one that entered.
    public override int Open(string path, int flags)
    {
        var inside = path.StartsWith("/proc/net/", StringComparison.Ordinal) ? "/proc/thread-self/net/" + path["/proc/net/".Length..] : path;
        return Call(() =>
        {
            var fd = Libc.Open(inside, flags);
            return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
        });
    }

    public override int Socket(int domain, int type, int protocol) => Call(() =>
    {
        var fd = Libc.Socket(domain, type, protocol);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    });

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closing)
            {
                return;
            }

            _closing = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
        Libc.Close(_namespace);
    }

    private int Call(Func<int> request)
    {
        lock (_callers)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_closing, this);
                (_request, _answered) = (request, false);
                Monitor.PulseAll(_gate);
                while (!_answered)
                {
                    Monitor.Wait(_gate);
                }

                return _answer;
            }
        }
    }

    private void Serve()
    {
        var home = Libc.Open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
        var errno = home < 0 ? Marshal.GetLastPInvokeError() : Libc.Setns(_namespace, Libc.CLONE_NEWNET) == 0 ? 0 : Marshal.GetLastPInvokeError();
        lock (_gate)
        {
            _entered = errno;
            Monitor.PulseAll(_gate);
        }

        try
        {
            while (errno == 0 && Next() is { } request)
            {
                var answer = request();
                lock (_gate)
                {
                    (_answer, _answered) = (answer, true);
                    Monitor.PulseAll(_gate);
                }
            }
        }
        finally
        {
            if (home >= 0)
            {
                // Leave before the thread ends; if even that failed, the thread ends anyway and nothing else ran on it.
                Libc.Setns(home, Libc.CLONE_NEWNET);
                Libc.Close(home);
            }
        }
    }

    private Func<int>? Next()
    {
        lock (_gate)
        {
            while (_request is null && !_closing)
            {
                Monitor.Wait(_gate);
            }

            var request = _request;
            _request = null;
            return request;
        }
    }
}
