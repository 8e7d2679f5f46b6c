#!/usr/bin/env bash
# Sets up a fresh Debian machine for TwTools and runs the main job: installs what the tools and
# tests call (iproute2 for ip and ss, util-linux, procps, net-tools), the pinned PowerShell 7.6.9
# (a local dotnet tool, .config/dotnet-tools.json) and the pinned Pester versions (into the NuGet
# cache: no PowerShell profile or module folder is touched), publishes the NativeAOT `twtools` to
# out/bin and the PowerShell module to out/TwTools, and shows this host's TIME_WAIT settings with the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v unshare >/dev/null 2>&1 && command -v flock >/dev/null 2>&1 || missing+=(util-linux)
command -v sysctl >/dev/null 2>&1 || missing+=(procps)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
# netstat is only the socket benchmark's second peer.
command -v netstat >/dev/null 2>&1 || missing+=(net-tools)
# Remote hosts are reached with the system ssh client; the remote-host tests run their own sshd
# per test namespace (never one in the machine's namespace) and sudo for the non-root cases.
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v sudo >/dev/null 2>&1 || missing+=(sudo)
# Fault-injection tests make fsync fail on purpose with strace -e inject=.
command -v strace >/dev/null 2>&1 || missing+=(strace)
# The metrics tests run node_exporter's textfile collector and Prometheus (with promtool) inside a test
# namespace; the guard below keeps the packages from starting either in this machine's namespace.
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/prometheus-node-exporter ] || missing+=(prometheus-node-exporter)
# The boot-reading test checks TwTools' persisted values against what the real systemd-sysctl applies in a namespace.
[ -x /lib/systemd/systemd-sysctl ] || missing+=(systemd)
# Remote-shell tests run the generated programs under busybox's ash and applets as well as dash.
command -v busybox >/dev/null 2>&1 || missing+=(busybox-static)
# Container tests run real podman (with runc: crun refuses this VM's hybrid cgroups) and docker containers,
# from busybox root file systems imported locally: no registry. dockerd is started by the tests, never here.
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
# A podman pod's infra container runs catatonit (podman builds its pause image from it locally).
command -v catatonit >/dev/null 2>&1 || [ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
# The fleet benchmark records the controller's peak memory with GNU time.
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: please install ${missing[*]} (needs root)" >&2
    exit 1
  fi
  apt-get update -qq
  # Debian's policy-rc.d hook: no package may start a service (an sshd in this machine's namespace) while we install.
  guard=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$guard" = 0 ] || rm -f /usr/sbin/policy-rc.d
fi

# sshd refuses to start without its privilege-separation directory, which systemd would make.
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd

# NativeAOT needs a C toolchain to link; Debian's build-essential provides it.
if ! command -v cc >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
fi

# PowerShell for the module's tests and build.ps1 (`dotnet pwsh`), and Pester's module files, which
# the PowerShell test project downloads (versions in Directory.Packages.props).
dotnet tool restore >/dev/null
dotnet restore tests/TwTools.PowerShell.Tests -nologo -v quiet

dotnet publish src/TwTools.Cli -c Release -r linux-x64 -o out/bin -nologo -v quiet
dotnet publish src/TwTools.PowerShell -c Release -o out/TwTools -nologo -v quiet
echo "bootstrap: built $(pwd)/out/bin/twtools and the module folder $(pwd)/out/TwTools (Import-Module it in pwsh 7.4+; 'dotnet pwsh' starts the pinned $(dotnet pwsh -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'))"
out/bin/twtools kernel
out/bin/twtools sockets --summary
