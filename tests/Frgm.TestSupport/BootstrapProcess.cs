using System.Diagnostics;

namespace Frgm.TestSupport;

/// <summary>
/// A custom-runtime <c>bootstrap</c> started as Lambda starts it: a child process whose environment is exactly
/// the variables given (nothing inherited from the test host), working directory the package folder.
/// stdout is kept line by line (the function's JSON logs and EMF lines); stopped by its PID.
/// </summary>
public sealed class BootstrapProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private BootstrapProcess(Process process, DateTimeOffset startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public DateTimeOffset StartedAt { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return string.Join('\n', _stdout) + "\n--- stderr ---\n" + string.Join('\n', _stderr);
            }
        }
    }

    /// <param name="launcher">E.g. <c>qemu-aarch64</c> for an arm64 binary; null runs it directly.</param>
    public static BootstrapProcess Start(string bootstrapPath, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ServerTests.EnsureAllowed("bootstrap");
        if (!File.Exists(bootstrapPath))
        {
            throw new FileNotFoundException($"bootstrap not published at {bootstrapPath} (BootstrapBinary publishes it)", bootstrapPath);
        }

        var info = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : bootstrapPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(bootstrapPath)!,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var arg in launcher.Skip(1))
            {
                info.ArgumentList.Add(arg);
            }

            info.ArgumentList.Add(bootstrapPath);
        }

        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(info) ?? throw new InvalidOperationException("bootstrap did not start");
        var bootstrap = new BootstrapProcess(process, startedAt);
        process.OutputDataReceived += (_, e) => bootstrap.Add(bootstrap._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => bootstrap.Add(bootstrap._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bootstrap;
    }

    /// <summary>Waits for the process to exit; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            if (lines.Count < 20_000)
            {
                lines.Add(line);
            }
        }
    }
}
