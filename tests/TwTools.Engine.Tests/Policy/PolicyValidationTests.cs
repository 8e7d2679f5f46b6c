using TwTools.Engine.Diagnostics;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Tests.Policy;

public class PolicyValidationTests
{
    private static TwDiagnostic SingleError(string text)
    {
        var result = Policies.Parse(text);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("busy-client")]
    [InlineData("nat-facing-server")]
    [InlineData("tw-reuse")]
    [InlineData("kernel-defaults")]
    public void Shipped_baselines_load_without_errors(string name)
    {
        var result = PolicyLoader.Load(Policies.Shipped(name));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(name, result.Policy!.Name);
    }

    [Fact]
    public void Syntax_error_names_file_and_line()
    {
        var error = SingleError(Policies.Yaml("    net.ipv4.tcp_tw_reuse: [1\n"));
        Assert.Equal(TwErrorIds.Policy.Syntax, error.Id);
        Assert.Equal("test.yaml", error.File);
        Assert.True(error.Line >= 7, error.ToString());
    }

    [Fact]
    public void Unknown_setting_key_is_an_error_with_a_suggestion()
    {
        var error = SingleError(Policies.Yaml("    net.ipv4.tcp_tw_reuze: 1\n"));
        Assert.Equal(TwErrorIds.Policy.UnknownKey, error.Id);
        Assert.Equal(7, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Equal("spec.settings.net.ipv4.tcp_tw_reuze", error.Field);
        Assert.Contains("did you mean 'net.ipv4.tcp_tw_reuse'", error.Message);
    }

    [Fact]
    public void Unknown_structural_field_is_an_error()
    {
        var error = SingleError(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n", "  persits:\n    enabled: false\n"));
        Assert.Equal(TwErrorIds.Policy.UnknownKey, error.Id);
        Assert.Equal("spec.persits", error.Field);
        Assert.Equal(8, error.Line);
        Assert.Contains("did you mean 'persist'", error.Message);
    }

    [Fact]
    public void Duplicate_key_reports_the_second_occurrence()
    {
        var error = SingleError(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.tcp_tw_reuse: 0\n"));
        Assert.Equal(TwErrorIds.Policy.DuplicateKey, error.Id);
        Assert.Equal(8, error.Line);
        Assert.Equal("spec.settings.net.ipv4.tcp_tw_reuse", error.Field);
        Assert.Contains("line 7", error.Message);
    }

    [Theory]
    [InlineData("    net.ipv4.tcp_tw_reuse: \"1\"\n", "quoted text")]
    [InlineData("    net.ipv4.tcp_tw_reuse: true\n", "'true'")]
    [InlineData("    net.ipv4.tcp_fin_timeout: [30]\n", "a list")]
    [InlineData("    net.ipv4.ip_local_port_range: {low: 1}\n", "a mapping")]
    public void Wrong_type_is_reported_with_what_was_found(string settings, string found)
    {
        var error = SingleError(Policies.Yaml(settings));
        Assert.Equal(TwErrorIds.Policy.WrongType, error.Id);
        Assert.Equal(7, error.Line);
        Assert.Contains(found, error.Message);
    }

    [Theory]
    [InlineData("    net.ipv4.tcp_tw_reuse: 3\n")]
    [InlineData("    net.ipv4.tcp_tw_reuse_delay: 0\n")]
    [InlineData("    net.ipv4.tcp_max_tw_buckets: -1\n")]
    public void Out_of_range_values_are_refused(string settings)
    {
        var error = SingleError(Policies.Yaml(settings));
        Assert.Equal(TwErrorIds.Policy.OutOfRange, error.Id);
        Assert.Equal(7, error.Line);
        Assert.StartsWith("spec.settings.net.ipv4.", error.Field);
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var result = Policies.Parse(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 7\n    net.ipv4.bogus: 1\n    net.ipv4.tcp_fin_timeout: x\n"));
        Assert.Equal(new[] { 7, 8, 9 }, result.Errors.Select(e => e.Line!.Value).ToArray());
    }

    [Fact]
    public void Missing_required_fields_are_named()
    {
        var result = Policies.Parse("apiVersion: twtools.io/v1\nkind: TwPolicy\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal(TwErrorIds.Policy.MissingField, error.Id);
        Assert.Equal("metadata", error.Field);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/sysctl.d/../passwd.conf")]
    [InlineData("/usr/lib/sysctl.d/60-x.conf")]
    [InlineData("/etc/sysctl.d/x.txt")]
    public void Persist_file_must_be_a_conf_file_in_an_admin_sysctl_directory(string file)
    {
        var error = SingleError(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n", $"  persist:\n    file: {file}\n"));
        Assert.Equal(TwErrorIds.Policy.InvalidValue, error.Id);
        Assert.Equal("spec.persist.file", error.Field);
    }

    [Fact]
    public void Policy_name_must_be_safe_for_a_file_name()
    {
        var error = SingleError("apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: ../../evil\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n");
        Assert.Equal("metadata.name", error.Field);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Port_values_accept_strings_and_lists_and_normalise()
    {
        var policy = Policies.Load("    net.ipv4.ip_local_port_range: [10240, 65535]\n    net.ipv4.ip_local_reserved_ports: [\"9000-9100\", 8080, 8081]\n");
        Assert.Equal("10240 65535", policy.ValueOf("net.ipv4.ip_local_port_range"));
        Assert.Equal("8080-8081,9000-9100", policy.ValueOf("net.ipv4.ip_local_reserved_ports"));
        var tabbed = Policies.Load("    net.ipv4.ip_local_port_range: \"10240\t  65535\"\n");
        Assert.Equal("10240 65535", tabbed.ValueOf("net.ipv4.ip_local_port_range"));
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var result = PolicyLoader.Load("/nonexistent/policy.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(TwErrorIds.Policy.NotFound, error.Id);
        Assert.Equal("/nonexistent/policy.yaml", error.File);
    }
}
