namespace TwTools.Bench;

/// <summary>
/// An Ansible project converging <see cref="FleetBaseline"/> the way its docs recommend for speed:
/// forks = hosts, no fact gathering, pipelining, the interpreter named (no discovery round trip), and
/// its default ssh connection sharing with a control directory, known_hosts, key and home of its own.
/// </summary>
internal sealed class AnsibleProject
{
    public AnsibleProject(string directory, IReadOnlyList<string> addresses, string sshConfig, string identityFile)
    {
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "home"));
        File.WriteAllText(ConfigFile, $"""
            [defaults]
            forks = {addresses.Count}
            gathering = explicit
            host_key_checking = True
            retry_files_enabled = False
            interpreter_python = /usr/bin/python3
            local_tmp = {Directory}/local-tmp
            nocolor = True

            [ssh_connection]
            pipelining = True
            ssh_common_args = -F {sshConfig}
            control_path_dir = {Directory}/cp

            """);
        File.WriteAllLines(Inventory,
            ["[fleet]", .. addresses.Select((a, i) => $"h{i} ansible_host={a}"), "", "[fleet:vars]", "ansible_user=root", $"ansible_ssh_private_key_file={identityFile}"]);
        File.WriteAllText(Playbook, $"""
            - hosts: fleet
              gather_facts: false
              tasks:
                - name: TIME_WAIT baseline
                  ansible.posix.sysctl:
                    name: "{"{{ item.key }}"}"
                    value: "{"{{ item.value }}"}"
                    sysctl_file: {FleetBaseline.AnsibleFile}
                    sysctl_set: true
                    reload: true
                  loop:
            {string.Join('\n', FleetBaseline.Settings.Select(s => $"        - {{ key: {s.Key}, value: \"{s.Value}\" }}"))}

            """);
    }

    public string Directory { get; }

    public string ConfigFile => Path.Combine(Directory, "ansible.cfg");

    public string Inventory => Path.Combine(Directory, "inventory.ini");

    public string Playbook => Path.Combine(Directory, "baseline.yml");

    /// <summary>The command line, with HOME and the config pinned so nothing of the machine's own Ansible setup leaks in.</summary>
    public string[] Command() =>
        ["env", "HOME=" + Path.Combine(Directory, "home"), "ANSIBLE_CONFIG=" + ConfigFile, "ansible-playbook", "-i", Inventory, Playbook];
}
