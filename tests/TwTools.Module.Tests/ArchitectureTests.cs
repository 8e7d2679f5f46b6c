using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TwTools.Module.Tests;

/// <summary>
/// The layering docs/ARCHITECTURE.md draws, held by the compiled assemblies: the engine knows nothing of
/// PowerShell, and the front ends reach the engine's work only through Operations. What else a front end
/// may touch is listed below with the reason, so a cmdlet or CLI command that starts planning, reading
/// sockets or parsing files itself fails here instead of drifting from the other front end.
/// </summary>
public sealed class ArchitectureTests : IClassFixture<ModuleTypes>
{
    /// <summary>Namespaces made for front ends: the operations, the output types, and the contract a front end implements.</summary>
    private static readonly string[] FrontEndNamespaces =
    [
        "TwTools", "TwTools.Engine.Operations", "TwTools.Engine.FrontEnd", "TwTools.Engine.Hosts",
        "TwTools.Engine.Fleet", "TwTools.Engine.Diagnostics", "TwTools.Engine.Text",
    ];

    /// <summary>Types from elsewhere in the engine that front ends hold or hand over, each for a reason.</summary>
    private static readonly string[] Handles =
    [
        // Arguments parsed into the engine's terms before an operation runs.
        "TwTools.Engine.Sockets.SocketFilterBuilder", "TwTools.Engine.Sockets.SocketFilter", "TwTools.Engine.Sockets.SocketSourceKind",
        "TwTools.Engine.Kernel.SettingKeySelection", "TwTools.Engine.Planning.ApplyOptions", "TwTools.Engine.Exhaustion.PortExhaustionOptions",
        "TwTools.Engine.Exhaustion.ExhaustionThresholds",
        // Policies are found and loaded by name or path, then handed to an operation whole.
        "TwTools.Engine.Policy.PolicyLibrary", "TwTools.Engine.Policy.PolicyLoadResult", "TwTools.Engine.Policy.TwPolicy",
        // Results handed back by operations and written by the front end.
        "TwTools.Engine.Planning.ApplyReport", "TwTools.Engine.Sockets.HostSockets", "TwTools.Engine.Sockets.SocketSummary",
        // Tab completion of state names and keys.
        "TwTools.Engine.Sockets.TcpStateNames", "TwTools.Engine.Kernel.KernelSettingCatalog",
        // Hosts are built from names, sessions and ssh settings; the PowerShell layer brings its own carrier.
        "TwTools.Engine.LocalMachine.LocalKernelHost", "TwTools.Engine.Remote.RemoteKernelHost", "TwTools.Engine.Remote.OpenSshTransport",
        "TwTools.Engine.Remote.HostAddress", "TwTools.Engine.Remote.SshSettings", "TwTools.Engine.Remote.SshOptionPolicy",
        "TwTools.Engine.Remote.IHostTransport", "TwTools.Engine.Remote.TransportResult",
        // Network namespaces are named as arguments, then worked on as hosts the front end disposes.
        "TwTools.Engine.Namespaces.NamespaceSelection", "TwTools.Engine.Namespaces.NamespaceKernelHost",
        // The CLI's hosts file is read as every input file is.
        "TwTools.Engine.Files.RegularFile", "TwTools.Engine.Files.RegularFileException",
    ];

    private readonly ModuleTypes _types;

    public ArchitectureTests(ModuleTypes types) => _types = types;

    public static TheoryData<string> FrontEnds => ["module", "cli"];

    [Fact]
    public void The_engine_does_not_reference_PowerShell()
    {
        Assert.DoesNotContain(_types.Engine.GetReferencedAssemblies(), r => r.Name!.StartsWith("System.Management.Automation", StringComparison.Ordinal));
        Assert.DoesNotContain(EngineTypesUsedBy(Path.Combine(ModuleFolder.Dependencies, "TwTools.Engine.dll"), "System.Management.Automation"), _ => true);
    }

    [Theory]
    [MemberData(nameof(FrontEnds))]
    public void A_front_end_reaches_the_engine_only_through_operations_and_the_listed_handles(string frontEnd)
    {
        var used = EngineTypesUsedBy(frontEnd == "module" ? ModuleFolder.ModuleAssembly : CliAssembly(), "TwTools.Engine").ToList();

        Assert.Contains("TwTools.Engine.Operations.PolicyApplyOperation", used);
        var stray = used.Where(t => !FrontEndNamespaces.Contains(t[..t.LastIndexOf('.')]) && !Handles.Contains(t)).ToList();
        Assert.True(stray.Count == 0, $"{frontEnd} uses engine internals directly: {string.Join(", ", stray)}; call an operation instead, or list the type in Handles with the reason");
    }

    [Fact]
    public void Output_types_live_in_the_stable_namespace_and_nowhere_else_is_named_TwTools()
    {
        var contract = Directory.GetFiles(Path.Combine(ModuleFolder.RepositoryRoot, "src", "TwTools.Engine", "Contract"), "*.cs");
        Assert.All(contract, f => Assert.Contains("namespace TwTools;", File.ReadAllText(f), StringComparison.Ordinal));
        var elsewhere = _types.Engine.GetExportedTypes().Where(t => t.Namespace == "TwTools").Select(t => t.Name + ".cs").Except(contract.Select(Path.GetFileName));
        Assert.Empty(elsewhere);
    }

    /// <summary>Full names of the types an assembly references from another assembly, read from its metadata tables.</summary>
    private static IEnumerable<string> EngineTypesUsedBy(string assembly, string referenced)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            var outer = type;
            while (outer.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                outer = reader.GetTypeReference((TypeReferenceHandle)outer.ResolutionScope);
            }

            if (outer.ResolutionScope.Kind == HandleKind.AssemblyReference
                && reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)outer.ResolutionScope).Name).StartsWith(referenced, StringComparison.Ordinal))
            {
                yield return $"{reader.GetString(outer.Namespace)}.{reader.GetString(outer.Name)}";
            }
        }
    }

    private static string CliAssembly() =>
        typeof(ArchitectureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliAssembly").Value!;
}
