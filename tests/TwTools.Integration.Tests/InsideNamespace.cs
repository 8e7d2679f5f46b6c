using System.Runtime.InteropServices;

namespace TwTools.Integration.Tests;

/// <summary>
/// Runs code in-process on a thread that has joined a test namespace's network namespace, so engine
/// objects (netlink sockets are bound to the namespace of the thread that opens them) see that
/// namespace's kernel and not the machine's. The thread is private and ends with the call.
/// </summary>
public static class InsideNamespace
{
    private const int CloneNewNet = 0x40000000;

    public static T Run<T>(TestNamespace ns, Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/run/netns", ns.Name));
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {ns.Name} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new AggregateException($"inside {ns.Name}", failure);
        }

        return result;
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);
}
