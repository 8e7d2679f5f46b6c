namespace TwTools.TestHosts;

/// <summary>
/// The image every container test runs: a busybox root file system (sh, sleep, nc, httpd, sysctl) made from the
/// machine's busybox-static and imported, so no registry is ever asked. Made once per machine; tests in parallel
/// wait for each other on a lock file rather than import it twice.
/// </summary>
public static class ContainerImage
{
    public const string PodmanName = "localhost/twt-busybox:1";
    public const string DockerName = "twt-busybox:1";

    private static readonly string[] Applets = ["sh", "sleep", "nc", "httpd", "sysctl", "cat", "wget"];

    /// <summary>The root file system as a tar, built on first use.</summary>
    public static string Tarball()
    {
        var tar = Path.Combine(Path.GetTempPath(), "twt-busybox-rootfs.tar");
        using var held = Lock();
        if (File.Exists(tar))
        {
            return tar;
        }

        var root = Directory.CreateTempSubdirectory("twt-rootfs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "bin"));
            Directory.CreateDirectory(Path.Combine(root, "etc"));
            File.Copy(File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox", Path.Combine(root, "bin/busybox"));
            foreach (var applet in Applets)
            {
                File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
            }

            File.WriteAllText(Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
            Shell.Check("tar", "-C", root, "-cf", tar + ".part", ".");
            File.Move(tar + ".part", tar);
            return tar;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Imports the image with <paramref name="cli"/> (podman, or docker against one daemon) unless it is there.</summary>
    public static void Ensure(string cli, string name, IReadOnlyDictionary<string, string> environment)
    {
        var tar = Tarball();
        using var held = Lock();
        if (Shell.Run(cli, ["image", "inspect", name], environment: environment).ExitCode != 0)
        {
            var imported = Shell.Run(cli, ["import", "--change", "CMD [\"/bin/sh\"]", tar, name], TimeSpan.FromSeconds(120), environment);
            if (imported.ExitCode != 0)
            {
                throw new InvalidOperationException($"{cli} import failed: {imported}");
            }
        }
    }

    private static FileStream Lock()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(Path.GetTempPath(), "twt-busybox.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
