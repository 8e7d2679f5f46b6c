using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Tests.Reporting;

public class TwOperationExceptionTests
{
    [Fact]
    public void A_failed_operation_reports_one_error_that_says_every_cause_then_its_notes()
    {
        var e = new TwOperationException([
            TwDiagnostic.Error(TwErrorIds.Apply.PermissionDenied, TwErrorCategory.PermissionDenied, "web1: cannot write net.ipv4.tcp_tw_reuse: permission denied"),
            TwDiagnostic.Error(TwErrorIds.Apply.PersistFailed, TwErrorCategory.PermissionDenied, "web1: cannot write /etc/sysctl.d/60-x.conf: permission denied"),
            TwDiagnostic.Warning(TwErrorIds.Apply.RolledBack, "web1: restored net.ipv4.tcp_timestamps = 0; the host is as it was"),
        ]);

        var report = e.ToReport();

        Assert.Equal(2, report.Count);
        Assert.Equal(TwErrorIds.Apply.PermissionDenied, report[0].Id);
        Assert.Equal("web1: cannot write net.ipv4.tcp_tw_reuse: permission denied; also: cannot write /etc/sysctl.d/60-x.conf: permission denied", report[0].Message);
        Assert.Equal(TwErrorIds.Apply.RolledBack, report[1].Id);
    }

    [Fact]
    public void Input_errors_stay_one_per_problem_so_each_keeps_its_file_and_line()
    {
        var e = new TwOperationException([
            TwDiagnostic.BadInput(TwErrorIds.Policy.UnknownKey, TwErrorCategory.InvalidData, "unknown key a") with { File = "p.yaml", Line = 3 },
            TwDiagnostic.BadInput(TwErrorIds.Policy.UnknownKey, TwErrorCategory.InvalidData, "unknown key b") with { File = "p.yaml", Line = 4 },
        ]);

        Assert.Equal(e.Diagnostics, e.ToReport());
    }
}
