using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Tests.Reporting;

public class TwExceptionTests
{
    [Fact]
    public void A_failed_operation_reports_one_error_that_says_every_cause_then_its_notes()
    {
        var e = new TwException([
            TwDiagnostic.Error(TwErrorIds.PermissionDenied, TwErrorCategory.PermissionDenied, "web1: cannot write net.ipv4.tcp_tw_reuse: permission denied"),
            TwDiagnostic.Error(TwErrorIds.PersistFailed, TwErrorCategory.PermissionDenied, "web1: cannot write /etc/sysctl.d/60-x.conf: permission denied"),
            TwDiagnostic.Warning(TwErrorIds.RolledBack, "web1: restored net.ipv4.tcp_timestamps = 0; the host is as it was"),
        ]);

        var report = e.ToReport();

        Assert.Equal(2, report.Count);
        Assert.Equal(TwErrorIds.PermissionDenied, report[0].Id);
        Assert.Equal("web1: cannot write net.ipv4.tcp_tw_reuse: permission denied; also: cannot write /etc/sysctl.d/60-x.conf: permission denied", report[0].Message);
        Assert.Equal(TwErrorIds.RolledBack, report[1].Id);
    }

    [Fact]
    public void Input_errors_stay_one_per_problem_so_each_keeps_its_file_and_line()
    {
        var e = new TwException([
            TwDiagnostic.Error(TwErrorIds.PolicyUnknownKey, TwErrorCategory.InvalidData, "unknown key a") with { File = "p.yaml", Line = 3 },
            TwDiagnostic.Error(TwErrorIds.PolicyUnknownKey, TwErrorCategory.InvalidData, "unknown key b") with { File = "p.yaml", Line = 4 },
        ]);

        Assert.Equal(e.Diagnostics, e.ToReport());
    }
}
