using Frgm.Dashboard.Hosting;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(HelpText.Text);
    return 0;
}

if (args is ["--health-probe", var probeUrl])
{
    return await HealthProbe.RunAsync(probeUrl);
}

if (args.Contains(Frgm.Dashboard.Integrity.DatabaseRebuild.Flag))
{
    return await Frgm.Dashboard.Integrity.DatabaseRebuild.RunAsync(args, Console.Out, CancellationToken.None);
}

if (PortCheck.Taken(args) is { } taken)
{
    Console.Error.WriteLine(taken);
    return PortCheck.ExitCode;
}

var app = await DashboardHost.BuildAsync(args);
try
{
    await app.StartAsync();
}
catch (Exception bind) when (PortCheck.IsAddressInUse(bind))
{
    Console.Error.WriteLine(PortCheck.Message(string.Join(";", app.Urls)));
    return PortCheck.ExitCode;
}

Console.WriteLine(StartupBanner.Text(app));
await app.WaitForShutdownAsync();
return 0;

/// <summary>The entry point; <c>public partial</c> so WebApplicationFactory&lt;Program&gt; can host it in tests.</summary>
public partial class Program;
