using System.Diagnostics;
using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Tests.Files;

/// <summary>
/// Input files that would hang a read (a FIFO nobody writes), flood it (/dev/zero) or are simply not files:
/// each is refused at once, naming the file, and the readers that use them say so with their own ids.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-files-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private string Fifo(string name)
    {
        var path = Path.Combine(_directory, name);
        Assert.Equal(0, Process.Start("mkfifo", [path])!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => 0).Result);
        return path;
    }

    private string Link(string name, string target)
    {
        var path = Path.Combine(_directory, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    // A regression to a blocking read fails here instead of hanging the run.
    private static T Bounded<T>(Func<T> read) => Task.Run(read).WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    [Theory]
    [InlineData("fifo", RegularFileProblem.NotRegular, "it is a FIFO, not a regular file")]
    [InlineData("zero", RegularFileProblem.NotRegular, "it is a character device, not a regular file")]
    [InlineData("dir", RegularFileProblem.NotRegular, "it is a directory, not a regular file")]
    [InlineData("big", RegularFileProblem.TooLarge, "more than the 1 KiB such a file may hold")]
    [InlineData("missing", RegularFileProblem.NotFound, "no such file")]
    [InlineData("dangling", RegularFileProblem.NotFound, "no such file")]
    public void What_is_not_a_small_regular_file_is_refused_at_once(string kind, RegularFileProblem problem, string reason)
    {
        var path = kind switch
        {
            "fifo" => Fifo("p.yaml"),
            "zero" => Link("zero.yaml", "/dev/zero"),
            "dir" => Directory.CreateDirectory(Path.Combine(_directory, "d.yaml")).FullName,
            "big" => WriteAndReturn(Path.Combine(_directory, "big.yaml"), new string('#', 2048)),
            "dangling" => Link("dangling.yaml", Path.Combine(_directory, "nowhere")),
            _ => Path.Combine(_directory, "missing.yaml"),
        };

        var e = Bounded(() => Assert.Throws<RegularFileException>(() => RegularFile.ReadAllText(path, 1024)));

        Assert.Equal(problem, e.Problem);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void A_small_regular_file_and_a_link_to_one_are_read()
    {
        var file = WriteAndReturn(Path.Combine(_directory, "ok.yaml"), "a: 1\n");
        Assert.Equal("a: 1\n", RegularFile.ReadAllText(file, 1024));
        Assert.Equal("a: 1\n", RegularFile.ReadAllText(Link("via.yaml", file), 1024));
    }

    [Fact]
    public void A_policy_that_is_a_fifo_is_an_input_error_naming_it()
    {
        var fifo = Fifo("policy.yaml");

        var result = Bounded(() => PolicyLoader.Load(fifo));

        var error = Assert.Single(result.Errors);
        Assert.Equal((TwErrorIds.Policy.FileRefused, fifo), (error.Id, error.File));
        Assert.Contains("it is a FIFO, not a regular file", error.Message);
    }

    [Fact]
    public void Sysctl_d_skips_a_link_to_nothing_masks_with_a_link_to_dev_null_and_names_a_fifo()
    {
        using var tree = new HostTree();
        var etc = Path.Combine(tree.Root, "conf/etc/sysctl.d");
        var lib = Path.Combine(tree.Root, "conf/usr/lib/sysctl.d");
        Directory.CreateDirectory(lib);
        File.WriteAllText(Path.Combine(lib, "50-vendor.conf"), "net.ipv4.tcp_tw_reuse = 0\n");
        File.CreateSymbolicLink(Path.Combine(etc, "50-vendor.conf"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(etc, "70-gone.conf"), Path.Combine(etc, "nowhere.conf"));

        var files = Bounded(() => new LocalKernelReader(tree.Paths).ReadSysctlFiles());
        Assert.Null(files.Effective("net.ipv4.tcp_tw_reuse"));

        Assert.Equal(0, Process.Start("mkfifo", [Path.Combine(etc, "80-fifo.conf")])!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => 0).Result);
        var e = Bounded(() => Assert.Throws<TwOperationException>(() => new LocalKernelReader(tree.Paths).ReadSysctlFiles()));
        Assert.Equal(TwErrorIds.Host.ReadFailed, e.Primary.Id);
        Assert.Contains("Cannot read /etc/sysctl.d/80-fifo.conf: it is a FIFO, not a regular file", e.Primary.Message);
    }

    [Fact]
    public void A_sysctl_d_file_whose_name_is_not_utf8_is_named_not_a_resource_key()
    {
        using var tree = new HostTree();
        var etc = Encoding.UTF8.GetBytes(Path.Combine(tree.Root, "conf/etc/sysctl.d/"));
        var name = etc.Concat(new byte[] { 0x39, 0x39, 0xFF, 0x2E, 0x63, 0x6F, 0x6E, 0x66 }).ToArray(); // "99\xff.conf"
        Assert.Equal(0, Process.Start("sh", ["-c", "printf 'x = 1\\n' > \"$(printf '%b' \"$1\")\"", "sh", string.Concat(name.Select(b => $"\\{Convert.ToString(b, 8).PadLeft(4, '0')}"))])!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => 0).Result);

        try
        {
            var e = Bounded(() => Assert.Throws<TwOperationException>(() => new LocalKernelReader(tree.Paths).ReadSysctlFiles()));

            Assert.Contains("its name is not valid UTF-8; rename it", e.Primary.Message);
            Assert.DoesNotContain("IO_", e.Primary.Message);
        }
        finally
        {
            // .NET cannot name the file either, so the shell removes it.
            Process.Start("find", [Path.Combine(tree.Root, "conf/etc/sysctl.d"), "-name", "99*.conf", "-delete"])!.WaitForExit(10_000);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string WriteAndReturn(string path, string content)
    {
        File.WriteAllText(path, content);
        return path;
    }
}
