namespace Frgm.Functions;

internal static class Program
{
    private static int Main() => 0;
}
