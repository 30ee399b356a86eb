<#
.SYNOPSIS
    Writes the module's external help (MAML) from the markdown in docs/en-US and the cmdlets' own metadata.

.DESCRIPTION
    Each cmdlet has one markdown file, docs/en-US/<Cmdlet>.md, in the layout described in docs/README.md. The
    markdown supplies the prose: synopsis, description, examples, one description per parameter, inputs,
    outputs, notes and links. Everything that the code decides (parameter sets, types, positions, whether a
    parameter is mandatory, takes pipeline input, has aliases or accepts wildcards, and its default value)
    comes from the imported cmdlets through Get-Command, so the help cannot disagree with the code.

    The script fails, listing every problem at once, when a cmdlet has no markdown file, a file lacks a
    required section or an example without code, a parameter has no description, or the markdown describes a
    parameter the cmdlet does not have. Common parameters (Verbose, ErrorAction, ...) are left to PowerShell;
    WhatIf, Confirm and the paging parameters (First, Skip, IncludeTotalCount) need a description like any other.

.PARAMETER ModulePath
    The module to import and describe: its manifest, its folder or its assembly.

.PARAMETER DocsPath
    The folder holding one <Cmdlet>.md per cmdlet.

.PARAMETER OutputPath
    The MAML file to write, normally <culture>/<module assembly>-Help.xml.

.PARAMETER CommandName
    The cmdlets that must be documented (a comma-separated string is accepted too, as pwsh -File passes it);
    every cmdlet the imported module exports when omitted.

.EXAMPLE
    ./tools/Build-ExternalHelp.ps1 -ModulePath out/AcrWebhookEvents -DocsPath docs/en-US -OutputPath help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $DocsPath,

    [Parameter(Mandatory)]
    [string] $OutputPath,

    [string[]] $CommandName
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$MamlNamespace = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNamespace = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNamespace = 'http://schemas.microsoft.com/maml/dev/2004/10'

# Sections a cmdlet's markdown may have, in the order they are expected; the first four are required.
$RequiredSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS'
$KnownSections = $RequiredSections + @('INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')

function Get-InlineText {
    <# Flattens a Markdig inline tree to plain text: help is read in a console, where markup would be noise. #>
    param($Inline)

    $builder = [Text.StringBuilder]::new()
    foreach ($item in $Inline) {
        switch ($item.GetType().Name) {
            'LiteralInline' { $null = $builder.Append($item.Content.ToString()) }
            'CodeInline' { $null = $builder.Append($item.Content) }
            'LineBreakInline' { $null = $builder.Append($(if ($item.IsHard) { "`n" } else { ' ' })) }
            'AutolinkInline' { $null = $builder.Append($item.Url) }
            'HtmlEntityInline' { $null = $builder.Append($item.Transcoded.ToString()) }
            'LinkInline' {
                $text = Get-InlineText $item

                # An absolute link keeps its address, which a console reader cannot follow otherwise.
                if ($item.Url -match '^https?://' -and $item.Url -ne $text) {
                    $text = "$text ($($item.Url))"
                }

                $null = $builder.Append($text)
            }

            default {
                if ($item -is [Collections.IEnumerable]) {
                    $null = $builder.Append((Get-InlineText $item))
                }

            }

        }

    }

    return $builder.ToString()
}

function Get-LinkInline {
    <# Every link inside blocks or inlines, in document order. #>
    param([object[]] $Node)

    foreach ($item in $Node) {
        if ($item.GetType().Name -eq 'LinkInline') {
            # A link holds its text inlines: written as is, the pipeline would unroll it into them.
            Write-Output -InputObject $item -NoEnumerate
        }
        elseif ($item.GetType().Name -eq 'ParagraphBlock') {
            Get-LinkInline -Node @($item.Inline)
        }
        elseif ($item -is [Collections.IEnumerable]) {
            Get-LinkInline -Node @($item)
        }

    }

}

function ConvertTo-Paragraph {
    <# Turns the blocks of one section into plain paragraphs; list items become "- item" paragraphs. #>
    param([object[]] $Block)

    $paragraphs = [Collections.Generic.List[string]]::new()
    foreach ($item in $Block) {
        switch ($item.GetType().Name) {
            'ParagraphBlock' { $paragraphs.Add((Get-InlineText $item.Inline).Trim()) }
            'FencedCodeBlock' { $paragraphs.Add($item.Lines.ToString().TrimEnd()) }
            'CodeBlock' { $paragraphs.Add($item.Lines.ToString().TrimEnd()) }
            'ListBlock' {
                foreach ($listItem in $item) {
                    $inner = @(ConvertTo-Paragraph -Block @($listItem))
                    if ($inner.Count -gt 0) {
                        $paragraphs.Add('- ' + ($inner -join ' '))
                    }

                }

            }

            'LinkReferenceDefinitionGroup' { }
            default {
                throw "Unsupported markdown ($($item.GetType().Name)) at line $($item.Line + 1)."
            }

        }

    }

    return $paragraphs.ToArray()
}

function Split-Heading {
    <#
    Splits blocks into sections at headings of one level: returns Title/Line/Blocks records, plus a record with a
    null title for whatever comes before the first heading.
    #>
    param([object[]] $Block, [int] $Level)

    $sections = [Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = $null; Line = 0; Blocks = [Collections.Generic.List[object]]::new() }
    $sections.Add($current)
    foreach ($item in $Block) {
        if ($item.GetType().Name -eq 'HeadingBlock' -and $item.Level -eq $Level) {
            $current = [pscustomobject]@{
                Title = (Get-InlineText $item.Inline).Trim()
                Line = $item.Line + 1
                Blocks = [Collections.Generic.List[object]]::new()
            }
            $sections.Add($current)
            continue
        }

        $current.Blocks.Add($item)
    }

    return $sections.ToArray()
}

function Read-CommandMarkdown {
    <#
    Reads one cmdlet's markdown into a record of plain text: Name, Synopsis, Description, Examples (Title, Code,
    Remarks), Parameters (name -> paragraphs), Inputs and Outputs (Type, Description), Notes, Links (Text, Uri).
    Problems are added to $Problems rather than thrown, so one run reports them all.
    #>
    param([string] $Path, [Collections.Generic.List[string]] $Problems)

    $file = Split-Path -Leaf $Path
    $markdown = ConvertFrom-Markdown -LiteralPath $Path
    $top = @(Split-Heading -Block @($markdown.Tokens) -Level 1)
    $result = [pscustomobject]@{
        Name = $null
        Synopsis = @()
        Description = @()
        Examples = [Collections.Generic.List[object]]::new()
        Parameters = [ordered]@{}
        Inputs = [Collections.Generic.List[object]]::new()
        Outputs = [Collections.Generic.List[object]]::new()
        Notes = @()
        Links = [Collections.Generic.List[object]]::new()
    }
    if ($top.Count -ne 2 -or @($top[0].Blocks).Count -ne 0) {
        $Problems.Add("${file}: expected exactly one '# <Cmdlet name>' heading, at the top.")
        return $result
    }

    $result.Name = $top[1].Title
    $sections = @(Split-Heading -Block @($top[1].Blocks) -Level 2)
    if (@($sections[0].Blocks).Count -ne 0) {
        $Problems.Add("${file}: text before the first '## SECTION' heading.")
    }

    $seen = @{}
    foreach ($section in $sections | Select-Object -Skip 1) {
        $title = $section.Title.ToUpperInvariant()
        $where = "${file}:$($section.Line)"
        if ($title -notin $KnownSections) {
            $Problems.Add("${where}: unknown section '## $($section.Title)'; known: $($KnownSections -join ', ').")
            continue
        }

        if ($seen.ContainsKey($title)) {
            $Problems.Add("${where}: section '## $title' appears twice.")
            continue
        }

        $seen[$title] = $true
        $blocks = @($section.Blocks)
        switch ($title) {
            'SYNOPSIS' { $result.Synopsis = @(ConvertTo-Paragraph -Block $blocks) }
            'DESCRIPTION' { $result.Description = @(ConvertTo-Paragraph -Block $blocks) }
            'NOTES' { $result.Notes = @(ConvertTo-Paragraph -Block $blocks) }
            'EXAMPLES' {
                foreach ($example in Split-Heading -Block $blocks -Level 3 | Select-Object -Skip 1) {
                    $code = @($example.Blocks | Where-Object { $_.GetType().Name -eq 'FencedCodeBlock' })
                    if ($code.Count -eq 0) {
                        $Problems.Add("${file}:$($example.Line): example '$($example.Title)' has no code block.")
                        continue
                    }

                    # The first code block is the example; any text or further code after it explains it.
                    $first = [array]::IndexOf([object[]] $example.Blocks.ToArray(), $code[0])
                    $result.Examples.Add([pscustomobject]@{
                        Title = $example.Title
                        Code = $code[0].Lines.ToString().TrimEnd()
                        Remarks = @(ConvertTo-Paragraph -Block @($example.Blocks | Select-Object -Skip ($first + 1)))
                    })
                }

            }

            'PARAMETERS' {
                foreach ($parameter in Split-Heading -Block $blocks -Level 3 | Select-Object -Skip 1) {
                    if ($parameter.Title -notmatch '^-(\w+)$') {
                        $Problems.Add("${file}:$($parameter.Line): parameter heading '### $($parameter.Title)' " +
                            "is not of the form '### -Name'.")
                        continue
                    }

                    $result.Parameters[$Matches[1]] = @(ConvertTo-Paragraph -Block @($parameter.Blocks))
                }

            }

            { $_ -in 'INPUTS', 'OUTPUTS' } {
                # Assigned directly: an empty list that passed through an if expression would come out as $null.
                $list = $result.Outputs
                if ($title -eq 'INPUTS') {
                    $list = $result.Inputs
                }

                foreach ($type in Split-Heading -Block $blocks -Level 3 | Select-Object -Skip 1) {
                    $list.Add([pscustomobject]@{
                        Type = $type.Title
                        Description = @(ConvertTo-Paragraph -Block @($type.Blocks))
                    })
                }

            }

            'RELATED LINKS' {
                foreach ($link in Get-LinkInline -Node $blocks) {
                    # Links to a sibling .md name another cmdlet: Get-Help resolves those by name, not by address.
                    $uri = if ($link.Url -match '^https?://') { $link.Url } else { '' }
                    $result.Links.Add([pscustomobject]@{ Text = (Get-InlineText $link).Trim(); Uri = $uri })
                }

            }

        }

    }

    foreach ($required in $RequiredSections) {
        if (-not $seen.ContainsKey($required)) {
            $Problems.Add("${file}: missing section '## $required'.")
        }

    }

    if ($seen.ContainsKey('SYNOPSIS') -and -not ($result.Synopsis -join '').Trim()) {
        $Problems.Add("${file}: the synopsis is empty.")
    }

    if ($seen.ContainsKey('DESCRIPTION') -and -not ($result.Description -join '').Trim()) {
        $Problems.Add("${file}: the description is empty.")
    }

    if ($seen.ContainsKey('EXAMPLES') -and $result.Examples.Count -eq 0) {
        $Problems.Add("${file}: no example ('### Example 1: ...' followed by a code block).")
    }

    return $result
}

function Get-DocumentedParameter {
    <#
    The parameters a cmdlet's help must describe: all but PowerShell's common ones. WhatIf and Confirm are
    PowerShell's too, but whether a cmdlet has them is its own choice, so they are described like the others.
    #>
    param([Management.Automation.CommandInfo] $Command)

    $common = [Management.Automation.Cmdlet]::CommonParameters
    return @($Command.Parameters.Values | Where-Object { $_.Name -notin $common })
}

function Get-TypeDisplayName {
    param([type] $Type)

    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) {
        return $underlying.Name
    }

    return $Type.Name
}

function Get-DefaultValueText {
    <#
    The value a parameter has when it is not given, read from a fresh instance of the cmdlet class, so the help
    shows the code's defaults. Null, zero and false mean "not given" in this module's cmdlets: shown as None.
    #>
    param($Instance, [Management.Automation.ParameterMetadata] $Parameter)

    if ($Parameter.SwitchParameter) {
        return 'False'
    }

    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if (-not $property) {
        return 'None'
    }

    $value = $property.GetValue($Instance)
    if ($null -eq $value) {
        return 'None'
    }

    if ($value.GetType().IsValueType -and $value -eq [Activator]::CreateInstance($value.GetType())) {
        return 'None'
    }

    return [string] $value
}

function Get-ParameterFacts {
    <# What Get-Command knows about one parameter, as the strings MAML wants. #>
    param([Management.Automation.ParameterMetadata] $Parameter, [string] $SetName, $Instance)

    $sets = @($Parameter.ParameterSets.GetEnumerator() |
        Where-Object { -not $SetName -or $_.Key -eq $SetName -or $_.Key -eq '__AllParameterSets' } |
        ForEach-Object Value)
    $positions = @($sets | ForEach-Object Position | Where-Object { $_ -ge 0 } | Select-Object -Unique)
    $byValue = [bool] ($sets | Where-Object ValueFromPipeline)
    $byName = [bool] ($sets | Where-Object ValueFromPipelineByPropertyName)
    $pipeline = switch ($true) {
        ($byValue -and $byName) { 'True (ByValue, ByPropertyName)'; break }
        $byValue { 'True (ByValue)'; break }
        $byName { 'True (ByPropertyName)'; break }
        default { 'False' }
    }

    return [pscustomobject]@{
        Name = $Parameter.Name
        Type = Get-TypeDisplayName $Parameter.ParameterType
        IsSwitch = $Parameter.SwitchParameter

        # Mandatory only when every set it belongs to demands it; otherwise the sets say when.
        Required = ($sets.Count -gt 0 -and -not ($sets | Where-Object { -not $_.IsMandatory }))
        Position = if ($positions.Count -eq 1) { [string] $positions[0] } else { 'named' }
        Pipeline = $pipeline
        Globbing = [bool] ($Parameter.Attributes |
            Where-Object { $_ -is [Management.Automation.SupportsWildcardsAttribute] })
        Aliases = if ($Parameter.Aliases.Count -gt 0) { $Parameter.Aliases -join ', ' } else { 'none' }
        Default = Get-DefaultValueText -Instance $Instance -Parameter $Parameter
        VariableLength = $Parameter.ParameterType.IsArray
    }
}

function Write-Paragraph {
    param([Xml.XmlWriter] $Writer, [string[]] $Paragraph)

    foreach ($text in $Paragraph) {
        $Writer.WriteElementString('maml', 'para', $MamlNamespace, $text)
    }

}

function Write-MamlDescription {
    param([Xml.XmlWriter] $Writer, [string[]] $Paragraph)

    $Writer.WriteStartElement('maml', 'description', $MamlNamespace)
    Write-Paragraph -Writer $Writer -Paragraph $Paragraph
    $Writer.WriteEndElement()
}

function Write-DevType {
    param([Xml.XmlWriter] $Writer, [string] $Name)

    $Writer.WriteStartElement('dev', 'type', $DevNamespace)
    $Writer.WriteElementString('maml', 'name', $MamlNamespace, $Name)
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    <# One command:parameter element; in syntax items a switch has no value element, as PowerShell's own help. #>
    param([Xml.XmlWriter] $Writer, $Facts, [string[]] $Description, [switch] $InSyntax)

    $Writer.WriteStartElement('command', 'parameter', $CommandNamespace)
    $Writer.WriteAttributeString('required', $Facts.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Facts.VariableLength.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Facts.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Facts.Pipeline)
    $Writer.WriteAttributeString('position', $Facts.Position)
    $Writer.WriteAttributeString('aliases', $Facts.Aliases)
    $Writer.WriteElementString('maml', 'name', $MamlNamespace, $Facts.Name)
    Write-MamlDescription -Writer $Writer -Paragraph $Description
    if (-not ($InSyntax -and $Facts.IsSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $CommandNamespace)
        $Writer.WriteAttributeString('required', (-not $Facts.IsSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $Facts.VariableLength.ToString().ToLowerInvariant())
        $Writer.WriteString($Facts.Type)
        $Writer.WriteEndElement()
    }

    Write-DevType -Writer $Writer -Name $Facts.Type
    $Writer.WriteElementString('dev', 'defaultValue', $DevNamespace, $Facts.Default)
    $Writer.WriteEndElement()
}

function Write-MamlTypeList {
    param([Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, [object[]] $Entry)

    $Writer.WriteStartElement('command', $ListName, $CommandNamespace)
    foreach ($item in $Entry) {
        $Writer.WriteStartElement('command', $ItemName, $CommandNamespace)
        Write-DevType -Writer $Writer -Name $item.Type
        Write-MamlDescription -Writer $Writer -Paragraph $item.Description
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    param([Xml.XmlWriter] $Writer, [Management.Automation.CmdletInfo] $Command, $Doc)

    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    if ($instance -is [IDisposable]) {
        # Only its property defaults are read; a cmdlet that owns resources gives them back at once.
        $instance.Dispose()
    }

    $documented = Get-DocumentedParameter -Command $Command
    $documentedNames = @($documented | ForEach-Object Name)

    $Writer.WriteStartElement('command', 'command', $CommandNamespace)
    $Writer.WriteStartElement('command', 'details', $CommandNamespace)
    $Writer.WriteElementString('command', 'name', $CommandNamespace, $Command.Name)
    $Writer.WriteElementString('command', 'verb', $CommandNamespace, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $CommandNamespace, $Command.Noun)
    Write-MamlDescription -Writer $Writer -Paragraph $Doc.Synopsis
    $Writer.WriteEndElement()
    Write-MamlDescription -Writer $Writer -Paragraph $Doc.Description

    # One syntax item per parameter set: positional parameters first, by position, then the rest as declared.
    $Writer.WriteStartElement('command', 'syntax', $CommandNamespace)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $CommandNamespace)
        $Writer.WriteElementString('maml', 'name', $MamlNamespace, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -in $documentedNames })
        $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) +
            @($inSet | Where-Object Position -lt 0)
        foreach ($parameter in $ordered) {
            $facts = Get-ParameterFacts -Parameter $Command.Parameters[$parameter.Name] -SetName $set.Name `
                -Instance $instance
            $facts.Required = $parameter.IsMandatory
            $facts.Position = if ($parameter.Position -ge 0) { [string] $parameter.Position } else { 'named' }
            Write-MamlParameter -Writer $Writer -Facts $facts -Description $Doc.Parameters[$parameter.Name] -InSyntax
        }

        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $CommandNamespace)
    # In the markdown's order: its author put the parameters people need first.
    foreach ($name in $Doc.Parameters.Keys) {
        $facts = Get-ParameterFacts -Parameter $Command.Parameters[$name] -Instance $instance
        Write-MamlParameter -Writer $Writer -Facts $facts -Description $Doc.Parameters[$name]
    }

    $Writer.WriteEndElement()

    Write-MamlTypeList -Writer $Writer -ListName 'inputTypes' -ItemName 'inputType' -Entry $Doc.Inputs
    Write-MamlTypeList -Writer $Writer -ListName 'returnValues' -ItemName 'returnValue' -Entry $Doc.Outputs

    # Left out when empty: Get-Help would print a NOTES heading over nothing.
    if ($Doc.Notes.Count -gt 0) {
        $Writer.WriteStartElement('maml', 'alertSet', $MamlNamespace)
        $Writer.WriteStartElement('maml', 'alert', $MamlNamespace)
        Write-Paragraph -Writer $Writer -Paragraph $Doc.Notes
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $CommandNamespace)
    foreach ($example in $Doc.Examples) {
        $Writer.WriteStartElement('command', 'example', $CommandNamespace)

        # Get-Help prints the title as is; the dashes are how PowerShell's own help sets examples apart.
        $Writer.WriteElementString('maml', 'title', $MamlNamespace, "---------- $($example.Title) ----------")
        $Writer.WriteElementString('dev', 'code', $DevNamespace, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $DevNamespace)

        # The empty paragraph is the blank line that keeps one example's text off the next one's title.
        Write-Paragraph -Writer $Writer -Paragraph (@($example.Remarks) + '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $CommandNamespace)
    foreach ($link in $Doc.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $MamlNamespace)
        $Writer.WriteElementString('maml', 'linkText', $MamlNamespace, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $MamlNamespace, $link.Uri)
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

$resolved = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$module = Import-Module -Name $resolved -PassThru | Select-Object -First 1
$exported = @($module.ExportedCmdlets.Values)

# pwsh -File passes a list as one comma-separated string.
$CommandName = @($CommandName | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
if ($CommandName.Count -eq 0) {
    $CommandName = @($exported | ForEach-Object Name)
}

$problems = [Collections.Generic.List[string]]::new()
$commands = [Collections.Generic.List[object]]::new()
foreach ($name in $CommandName | Sort-Object) {
    $command = $exported | Where-Object Name -eq $name
    if (-not $command) {
        $problems.Add("$name is to be documented but the module $($module.Name) has no such cmdlet.")
        continue
    }

    $commands.Add($command)
}

$docs = @{}
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File) {
    $doc = Read-CommandMarkdown -Path $file.FullName -Problems $problems
    if (-not $doc.Name) {
        continue
    }

    if ($doc.Name -ne $file.BaseName) {
        $problems.Add("$($file.Name): the heading names '$($doc.Name)'; the file should be $($doc.Name).md.")
    }

    if ($doc.Name -notin $CommandName) {
        $problems.Add("$($file.Name): documents '$($doc.Name)', which is not a cmdlet of the module.")
    }

    $docs[$doc.Name] = $doc
}

foreach ($command in $commands) {
    $doc = $docs[$command.Name]
    if (-not $doc) {
        $problems.Add("$($command.Name) has no help: write $(Join-Path $DocsPath "$($command.Name).md").")
        continue
    }

    $names = @(Get-DocumentedParameter -Command $command | ForEach-Object Name)
    foreach ($name in $names) {
        if (-not $doc.Parameters.Contains($name)) {
            $problems.Add("$($command.Name).md: parameter -$name has no '### -$name' description.")
        }
        elseif (-not ($doc.Parameters[$name] -join '').Trim()) {
            $problems.Add("$($command.Name).md: the description of -$name is empty.")
        }

    }

    foreach ($name in $doc.Parameters.Keys) {
        # Exact case: the heading is what Get-Help shows, so it should read as the code declares it.
        if ($name -cnotin $names) {
            $problems.Add("$($command.Name).md: describes -$name, which $($command.Name) does not have.")
        }

    }

}

if ($problems.Count -gt 0) {
    throw ("The help cannot be built:`n  " + ($problems -join "`n  "))
}

$folder = Split-Path -Parent ([IO.Path]::GetFullPath($OutputPath))
if (-not (Test-Path -LiteralPath $folder)) {
    $null = New-Item -ItemType Directory -Path $folder
}

$settings = [Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [Text.UTF8Encoding]::new($false)
$writer = [Xml.XmlWriter]::Create([IO.Path]::GetFullPath($OutputPath), $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    $writer.WriteAttributeString('xmlns', 'maml', $null, $MamlNamespace)
    $writer.WriteAttributeString('xmlns', 'command', $null, $CommandNamespace)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $DevNamespace)
    foreach ($command in $commands) {
        Write-MamlCommand -Writer $writer -Command $command -Doc $docs[$command.Name]
    }

    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}

Write-Host "Help for $($commands.Count) cmdlets written to $OutputPath"
