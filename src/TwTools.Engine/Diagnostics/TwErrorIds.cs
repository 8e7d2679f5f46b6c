namespace TwTools.Engine.Diagnostics;

/// <summary>
/// Stable dotted identifiers shared by cmdlets (FullyQualifiedErrorId) and the CLI (JSON and stderr).
/// Pipelines and Pester tests match on these, so an id never changes meaning once shipped. Each constant
/// is spelled as its id: <c>TwErrorIds.Policy.RecycleRefused</c> is <c>TwTools.Policy.RecycleRefused</c>.
/// </summary>
public static class TwErrorIds
{
    /// <summary>Reading a policy file, and the rules every policy must pass before anything is touched: bad input (exit 2).</summary>
    public static class Policy
    {
        public const string NotFound = "TwTools.Policy.NotFound";
        /// <summary>The policy path is not a regular file (a FIFO, a device, a directory), is too large, or has a name that is not UTF-8.</summary>
        public const string FileRefused = "TwTools.Policy.FileRefused";
        public const string Syntax = "TwTools.Policy.Syntax";
        public const string UnknownKey = "TwTools.Policy.UnknownKey";
        public const string DuplicateKey = "TwTools.Policy.DuplicateKey";
        public const string MissingField = "TwTools.Policy.MissingField";
        public const string WrongType = "TwTools.Policy.WrongType";
        public const string OutOfRange = "TwTools.Policy.OutOfRange";
        public const string InvalidValue = "TwTools.Policy.InvalidValue";
        public const string RecycleRefused = "TwTools.Policy.RecycleRefused";
        public const string ReuseNeedsTimestamps = "TwTools.Policy.ReuseNeedsTimestamps";
        public const string TimestampsDisabled = "TwTools.Policy.TimestampsDisabled";
        public const string PortRangeInvalid = "TwTools.Policy.PortRangeInvalid";
        public const string PortRangeBelowUnprivileged = "TwTools.Policy.PortRangeBelowUnprivileged";
        public const string PortRangeSameParity = "TwTools.Policy.PortRangeSameParity";
        public const string ReservedPortsOutsideRange = "TwTools.Policy.ReservedPortsOutsideRange";
        /// <summary>The reserved ports cover the whole ephemeral range, in the policy or on the host as the policy would leave it.</summary>
        public const string NoUsablePorts = "TwTools.Policy.NoUsablePorts";
        public const string TimeWaitBucketsLowered = "TwTools.Policy.TimeWaitBucketsLowered";
        public const string KeyUnavailable = "TwTools.Policy.KeyUnavailable";
    }

    /// <summary>Applying a plan to a host.</summary>
    public static class Apply
    {
        public const string TimestampsEnforced = "TwTools.Apply.TimestampsEnforced";
        public const string ProcSysReadOnly = "TwTools.Apply.ProcSysReadOnly";
        public const string KeyMissing = "TwTools.Apply.KeyMissing";
        public const string PermissionDenied = "TwTools.Apply.PermissionDenied";
        public const string KernelRejected = "TwTools.Apply.KernelRejected";
        public const string RuntimeWriteFailed = "TwTools.Apply.RuntimeWriteFailed";
        /// <summary>A write the kernel accepted reads back as another value; the apply was rolled back.</summary>
        public const string ReadBackMismatch = "TwTools.Apply.ReadBackMismatch";
        public const string RolledBack = "TwTools.Apply.RolledBack";
        public const string RollbackFailed = "TwTools.Apply.RollbackFailed";
        public const string PersistFailed = "TwTools.Apply.PersistFailed";
        public const string PersistOverridden = "TwTools.Apply.PersistOverridden";
        public const string PersistFileNotOurs = "TwTools.Apply.PersistFileNotOurs";
        public const string LockTimeout = "TwTools.Apply.LockTimeout";
        public const string NoChange = "TwTools.Apply.NoChange";
        /// <summary>A warning: only part of a plan was confirmed, so a key runs with one value and boots with another.</summary>
        public const string PartlyApplied = "TwTools.Apply.PartlyApplied";
        /// <summary>A warning: changes planned on this machine by a user who is not root, so the writes would fail.</summary>
        public const string NeedsRoot = "TwTools.Apply.NeedsRoot";
    }

    /// <summary>Reading a host, and what ends a host's work.</summary>
    public static class Host
    {
        public const string ReadFailed = "TwTools.Host.ReadFailed";
        public const string SocketReadFailed = "TwTools.Host.SocketReadFailed";
        public const string Stopped = "TwTools.Host.Stopped";
        /// <summary>A failure no other id covers; the message says what happened. Never an input error.</summary>
        public const string Unexpected = "TwTools.Host.Unexpected";
    }

    /// <summary>Ephemeral ports.</summary>
    public static class Ports
    {
        public const string TimeWaitOverflow = "TwTools.Ports.TimeWaitOverflow";
        /// <summary>A warning: the whole ephemeral range is reserved or held by listeners, so connect() has no port to pick.</summary>
        public const string NoUsablePorts = "TwTools.Ports.NoUsablePorts";
    }

    /// <summary>Arguments and input files other than policies: bad input (exit 2).</summary>
    public static class Input
    {
        /// <summary>No network namespace by that name or path (--netns, -NetworkNamespace), or no such process (--pid).</summary>
        public const string NoSuchNamespace = "TwTools.Input.NoSuchNamespace";
        /// <summary>No running container or pod by that name or id in the runtimes on the host (--container, -Container).</summary>
        public const string NoSuchContainer = "TwTools.Input.NoSuchContainer";
        public const string InvalidSocketFilter = "TwTools.Input.InvalidSocketFilter";
        public const string InvalidThreshold = "TwTools.Input.InvalidThreshold";
        public const string InvalidArgument = "TwTools.Input.InvalidArgument";
        public const string InvalidCapture = "TwTools.Input.InvalidCapture";
        public const string InvalidHostName = "TwTools.Input.InvalidHostName";
        public const string InvalidSshOption = "TwTools.Input.InvalidSshOption";
        public const string UnknownKey = "TwTools.Input.UnknownKey";
        /// <summary>The ssh control directory is not the user's own and private (0700): another user could plant a socket in it.</summary>
        public const string UnsafeControlDirectory = "TwTools.Input.UnsafeControlDirectory";
        /// <summary>As root, TWTOOLS_PROC_ROOT or TWTOOLS_CONF_ROOT names a tree root does not own alone.</summary>
        public const string UnsafeSystemRoot = "TwTools.Input.UnsafeSystemRoot";
    }

    /// <summary>Reaching a remote host.</summary>
    public static class Remote
    {
        public const string Unreachable = "TwTools.Remote.Unreachable";
        public const string HostKeyUnknown = "TwTools.Remote.HostKeyUnknown";
        public const string HostKeyChanged = "TwTools.Remote.HostKeyChanged";
        public const string AuthenticationFailed = "TwTools.Remote.AuthenticationFailed";
        public const string SudoPasswordRequired = "TwTools.Remote.SudoPasswordRequired";
        public const string ProtocolError = "TwTools.Remote.ProtocolError";
        public const string ChangedDuringApply = "TwTools.Remote.ChangedDuringApply";
        public const string Timeout = "TwTools.Remote.Timeout";
        public const string AnswerTooLarge = "TwTools.Remote.AnswerTooLarge";
        /// <summary>The host lacks a program the generated sh needs (grep, base64, flock, ...); nothing was read or written.</summary>
        public const string ToolMissing = "TwTools.Remote.ToolMissing";
        /// <summary>The connection was lost after the apply program was sent: the host may have changed, in full, in part or not at all.</summary>
        public const string OutcomeUnknown = "TwTools.Remote.OutcomeUnknown";
    }

    /// <summary>Reading or changing a network namespace other than TwTools' own (a container's, a pod's, an ip netns).</summary>
    public static class Namespace
    {
        /// <summary>Opening or entering the namespace needs root, or CAP_SYS_ADMIN with ptrace access to its process.</summary>
        public const string NotPermitted = "TwTools.Namespace.NotPermitted";
        /// <summary>The namespace went away (its container stopped) before or while it was read.</summary>
        public const string Gone = "TwTools.Namespace.Gone";
        /// <summary>A warning: twtools runs in a namespace that is not the host's, whose /etc/sysctl.d is the host's: the persisted file was not written.</summary>
        public const string HostFilesRefused = "TwTools.Namespace.HostFilesRefused";
        /// <summary>A warning: an apply to a container's namespace lasts as long as the namespace; its owner must set the values to keep them.</summary>
        public const string RuntimeOnly = "TwTools.Namespace.RuntimeOnly";
    }

    /// <summary>Writing results to the caller.</summary>
    public static class Output
    {
        /// <summary>stdout was closed or full: the operation finished, its results were lost.</summary>
        public const string WriteFailed = "TwTools.Output.WriteFailed";
    }

    /// <summary>Writing metrics for node_exporter's textfile collector.</summary>
    public static class Metrics
    {
        /// <summary>The .prom file could not be replaced (read-only or full file system, no permission); the previous one is unchanged.</summary>
        public const string TextfileWriteFailed = "TwTools.Metrics.TextfileWriteFailed";
    }
}
