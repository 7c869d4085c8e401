namespace Frgm.Dashboard.Tests.RoughEdges;

/// <summary>Every UI page the browser checks (width, accessibility) walk: one list, so a new page is one line here.</summary>
public static class UiPages
{
    public static readonly string[] Paths =
    [
        "/", "/positions", "/accounts", "/market", "/orders", "/blotter", "/alarms?state=ALL", "/files", "/risk", "/no-such-page",
    ];

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in Paths)
            {
                data.Add(path);
            }

            return data;
        }
    }
}
