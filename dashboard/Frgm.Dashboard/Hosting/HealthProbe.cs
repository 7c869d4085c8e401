namespace Frgm.Dashboard.Hosting;

/// <summary>
/// <c>--health-probe URL</c>: the container HEALTHCHECK. The runtime image has no curl, so the app's own binary
/// asks its /health and exits 0 (healthy) or 1.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException)
        {
            return 1;
        }
        catch (TaskCanceledException)
        {
            return 1;
        }
    }
}
