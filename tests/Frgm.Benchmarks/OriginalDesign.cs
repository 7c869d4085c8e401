using System.Diagnostics;
using System.Text.Json;
using Frgm.TestSupport;

namespace Frgm.Benchmarks;

/// <summary>
/// Runs OriginalDesign/ingest_original.py (the original plan's pandas + redis-py + boto3 ingestion) on a file against
/// the benchmark's own redis-server and DynamoDB Local. Needs Debian's python3-pandas, python3-redis, python3-boto3:
/// when they are missing it says how to install them and the comparison is skipped.
/// </summary>
internal static class OriginalDesign
{
    private const string Install = "apt-get install -y python3-pandas python3-redis python3-boto3";

    // Debian's packages install for Debian's interpreter; a pyenv or venv python3 earlier on PATH would not see them.
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public sealed record Result(int Rows, double Seconds, double ReadCsvSeconds);

    public static async Task<Result?> RunAsync(string file, int redisPort, string dynamoDbUrl)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Frgm.Benchmarks", "OriginalDesign", "ingest_original.py");
        if (!await ModulesPresentAsync())
        {
            Console.WriteLine($"  original design skipped: python3 with pandas, redis and boto3 is needed ({Install})");
            return null;
        }

        var table = "original-" + Guid.NewGuid().ToString("N")[..10];
        var (code, stdout, stderr) = await RunPythonAsync(
            script, "--file", file, "--redis-port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dynamodb-url", dynamoDbUrl, "--table", table);
        if (code != 0)
        {
            throw new InvalidOperationException($"{script} exited {code}: {stderr}");
        }

        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = doc.RootElement;
        var result = new Result(root.GetProperty("rows").GetInt32(), root.GetProperty("seconds").GetDouble(), root.GetProperty("read_csv_seconds").GetDouble());
        Console.WriteLine(
            $"  original design (pandas read_csv + iterrows, HSET per row, boto3 batch_writer per row): {result.Seconds * 1000:0} ms, " +
            $"{result.Rows / result.Seconds:N0} rows/s (read_csv {result.ReadCsvSeconds * 1000:0} ms)");
        return result;
    }

    private static async Task<bool> ModulesPresentAsync()
    {
        try
        {
            var (code, _, _) = await RunPythonAsync("-c", "import pandas, redis, boto3");
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunPythonAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep the AWS SDK for Python off any real account or metadata endpoint.
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException(Python + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
