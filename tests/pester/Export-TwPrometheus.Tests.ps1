BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Export-TwPrometheus' {
    BeforeEach {
        $testHost = New-TwTestHost -Name ([guid]::NewGuid().ToString('n'))
        $textfile = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $textfile
    }
    AfterEach { Remove-TwTestHost }

    It 'writes reports to twtools.prom and settings to twtools_policy.prom, and nothing else' {
        $file = Test-PortExhaustion -Summary | Export-TwPrometheus $textfile -PassThru
        Test-TwPolicy busy-client -Detailed | Export-TwPrometheus -TextfileDirectory $textfile

        $file | Should -BeOfType [System.IO.FileInfo]
        $file.Name | Should -Be 'twtools.prom'
        # The provider's item, as Get-Item gives it, so the FileSystem view's columns are filled.
        $file.PSProvider.Name | Should -Be 'FileSystem'
        ($file | Out-String) | Should -Match '-rw-r--r-- +root +root .* twtools\.prom'
        $names = (Get-ChildItem -Force $textfile).Name
        $names.Count | Should -Be 2
        $names | Should -Contain 'twtools.prom'
        $names | Should -Contain 'twtools_policy.prom'
        Get-Content -Raw (Join-Path $textfile 'twtools.prom') | Should -Match '(?m)^twtools_run_success\{host="localhost"\} 1$'
        Get-Content -Raw (Join-Path $textfile 'twtools_policy.prom') | Should -Match '(?m)^twtools_policy_compliant\{host="localhost",policy="busy-client"\} 0$'
    }

    It 'replaces the previous file whole, and -WhatIf writes nothing' {
        Set-Content (Join-Path $textfile 'twtools.prom') 'previous'
        Test-PortExhaustion -Summary | Export-TwPrometheus $textfile -WhatIf
        Get-Content -Raw (Join-Path $textfile 'twtools.prom') | Should -Be "previous`n"

        Test-PortExhaustion -Summary | Export-TwPrometheus $textfile
        Get-Content -Raw (Join-Path $textfile 'twtools.prom') | Should -Not -Match 'previous'
    }

    It 'refuses a directory that does not exist before writing anything' {
        $missing = Join-Path $textfile 'nope'
        { Test-PortExhaustion -Summary | Export-TwPrometheus $missing -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidArgument,TwTools.PowerShell.Cmdlets.ExportTwPrometheusCommand' -ExpectedMessage '*does not exist*'
        Test-Path $missing | Should -BeFalse
    }

    It 'leaves the previous file alone when nothing came in because the command before it failed' {
        Set-Content (Join-Path $textfile 'twtools.prom') 'previous'
        $failing = Test-PortExhaustion -Summary -Path (Join-Path $TestDrive 'no-such-capture.txt') -ErrorAction SilentlyContinue
        { $failing | Export-TwPrometheus $textfile -ErrorAction Stop } |
            Should -Throw -ErrorId 'TwTools.Input.InvalidArgument,TwTools.PowerShell.Cmdlets.ExportTwPrometheusCommand' -ExpectedMessage '*nothing to convert*'
        Get-Content -Raw (Join-Path $textfile 'twtools.prom') | Should -Be "previous`n"
        @($failing | ConvertTo-TwPrometheus).Count | Should -Be 0
    }

    It 'supports -WhatIf and -Confirm because it replaces a file' {
        (Get-Command Export-TwPrometheus).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command ConvertTo-TwPrometheus).Parameters.Keys | Should -Not -Contain 'WhatIf'
    }
}
