using System.Net;

namespace Frgm.TestSupport;

/// <summary>
/// An <see cref="HttpListener"/> on a free loopback port with its accept loop: the one piece the vendor stand-ins
/// (Runtime API emulator, fake HTTP servers) share. Each request goes to <c>serve</c>, in order, or on its own task
/// when <c>concurrent</c> (a long poll such as the Runtime API's <c>/next</c> must not block the next request).
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _serve;
    private readonly bool _concurrent;
    private readonly Task _loop;

    public LoopbackListener(Func<HttpListenerContext, Task> serve, bool concurrent, string host = "127.0.0.1")
    {
        _serve = serve;
        _concurrent = concurrent;
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort.Next();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://{host}:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        BaseUri = new Uri($"http://{host}:{Port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (_concurrent)
            {
                _ = Task.Run(() => _serve(context));
            }
            else
            {
                await _serve(context);
            }
        }
    }
}
