namespace Frgm.Cdk;

internal static class Program
{
    private static void Main()
    {
    }
}
