using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Frgm.TestSupport;

/// <summary>
/// A real local server (redis-server, DynamoDB Local, s3rver) started for a test and stopped by its PID.
/// Start fails loudly, with the server's own output, when the binary is missing or the port never opens:
/// a test that needs a server never passes silently without it.
/// </summary>
public sealed class LocalServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalServerProcess(Process process, string name, int port)
    {
        _process = process;
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LocalServerProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        int port,
        string? workingDirectory = null,
        TimeSpan? startTimeout = null)
    {
        ServerTests.EnsureAllowed(name);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: Process.Start returned null");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"{name}: cannot start '{fileName}' ({ex.Message}). Run ./test.sh, which installs it.", ex);
        }

        var server = new LocalServerProcess(process, name, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.WaitForPort(startTimeout ?? TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Kills the server (and its children) and waits for it to exit.</summary>
    public void Stop()
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
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private void WaitForPort(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before opening port {Port}:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Stop();
        throw new TimeoutException($"{Name} did not open port {Port} within {timeout.TotalSeconds:0} s:\n{Output}");
    }
}
