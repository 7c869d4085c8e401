using Frgm.Smoke;

// The post-deploy smoke test (cdk/README.md, "Smoke test"): one line per check, exit 0 only when all pass.
return await SmokeCommand.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, CancellationToken.None);
