using System.Diagnostics;
using System.Globalization;

namespace Frgm.TestSupport;

/// <summary>
/// A real 3-master Redis Cluster on loopback, as MemoryDB with shards: TLS on the client port and on the cluster bus,
/// the ACL user (default user off), no replicas, no persistence. Made with <c>redis-cli --cluster create</c>.
/// <see cref="KillNode"/> and <see cref="RestartNode"/> keep a node's ports and its nodes.conf, so a restarted master
/// rejoins owning the same slots (empty, as a replica-less node that lost its memory would be). Every node is stopped
/// by PID on dispose and the temp folder deleted.
/// </summary>
public sealed class RedisCluster : IRedisTarget, IDisposable
{
    private readonly string _directory;
    private readonly Node[] _nodes;

    public RedisCluster(int masters = 3, string user = "frgm-app")
    {
        _directory = Path.Combine(Path.GetTempPath(), "frgm-redis-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        User = user;
        Password = Guid.NewGuid().ToString("N");
        CaCertPath = RedisCertificates.Make(_directory);
        _nodes = [.. Enumerable.Range(0, masters).Select(_ => new Node(FreePort.Next(), FreePort.Next()))];
        try
        {
            foreach (var node in _nodes)
            {
                Start(node);
            }

            Cli(_nodes[0].Port, ["--cluster", "create", .. _nodes.Select(n => $"127.0.0.1:{n.Port}"), "--cluster-replicas", "0", "--cluster-yes"]);
            WaitUntilHealthy();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Host => "localhost";

    /// <summary>The first node's port: a seed, as MemoryDB's cluster endpoint is.</summary>
    public int Port => _nodes[0].Port;

    public bool Tls => true;

    public string? CaCertPath { get; }

    public string? User { get; }

    public string? Password { get; }

    public IReadOnlyList<int> NodePorts => [.. _nodes.Select(n => n.Port)];

    /// <summary>The port of the master that owns <paramref name="key"/>'s hash slot.</summary>
    public int MasterPortFor(string key)
    {
        var slot = int.Parse(Cli(Port, ["CLUSTER", "KEYSLOT", key]).Trim(), CultureInfo.InvariantCulture);
        foreach (var line in Cli(Port, ["CLUSTER", "NODES"]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // <id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slot> <slot> ...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var port = int.Parse(fields[1].Split('@')[0].Split(':')[^1], CultureInfo.InvariantCulture);
            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var bounds = range.Split('-');
                var low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                var high = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : low;
                if (slot >= low && slot <= high)
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no master owns slot {slot} of '{key}'");
    }

    /// <summary>How many times <paramref name="command"/> (lower case, e.g. "publish") has run on one node (INFO commandstats).</summary>
    public long CommandCalls(int port, string command)
    {
        var prefix = $"cmdstat_{command}:calls=";
        var line = Cli(port, ["INFO", "commandstats"]).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[prefix.Length..].Split(',')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>How many clients of this node are subscribed to <paramref name="channel"/> (PUBSUB NUMSUB).</summary>
    public int Subscribers(int port, string channel)
    {
        var reply = Cli(port, ["PUBSUB", "NUMSUB", channel]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(reply[1].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Kills one node at once (SIGKILL), as a crash would.</summary>
    public void KillNode(int port)
    {
        var node = NodeAt(port);
        node.Process?.Dispose();
        node.Process = null;
    }

    /// <summary>Starts a killed node again on its ports with its nodes.conf, and waits until the cluster is healthy.</summary>
    public void RestartNode(int port)
    {
        var node = NodeAt(port);
        KillNode(port);
        Start(node);
        WaitUntilHealthy();
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Process?.Dispose();
            node.Process = null;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    private Node NodeAt(int port) => _nodes.SingleOrDefault(n => n.Port == port)
        ?? throw new ArgumentException($"no cluster node on port {port}", nameof(port));

    private void Start(Node node)
    {
        var data = Path.Combine(_directory, node.Port.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(data);
        List<string> arguments =
        [
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", data,
            .. RedisCertificates.ServerArguments(_directory, node.Port),
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-port", node.BusPort.ToString(CultureInfo.InvariantCulture),
            "--cluster-node-timeout", "2000", "--tls-cluster", "yes", "--tls-replication", "yes",
            "--user", User!, "on", ">" + Password, "~*", "&*", "+@all", "--user", "default", "off",
        ];
        node.Process = LocalServerProcess.Start("redis-server (cluster node)", "redis-server", arguments, node.Port, data, TimeSpan.FromSeconds(20));
    }

    /// <summary>Every node sees all slots served (a restarted node's peers clear its FAIL flag once it answers again).</summary>
    private void WaitUntilHealthy()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var healthy = true;
            foreach (var node in _nodes)
            {
                last = $"node {node.Port}: " + Cli(node.Port, ["CLUSTER", "INFO"]);
                healthy &= last.Contains("cluster_state:ok", StringComparison.Ordinal);
            }

            if (healthy)
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"the Redis cluster did not become healthy within 30 s; {last}");
    }

    private string Cli(int port, IEnumerable<string> command)
    {
        var info = new ProcessStartInfo("redis-cli")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in (string[])["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--tls", "--cacert", CaCertPath!,
            "--user", User!, "--pass", Password!, "--no-auth-warning", .. command])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start redis-cli");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"redis-cli {string.Join(' ', command)} did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', command)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }

    private sealed class Node(int port, int busPort)
    {
        public int Port { get; } = port;

        public int BusPort { get; } = busPort;

        public LocalServerProcess? Process { get; set; }
    }
}
