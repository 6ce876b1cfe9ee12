namespace StartupFund.Cli;

internal static class InputFile
{
    /// <summary>True, having said why, when <paramref name="file"/> is not a file to read.</summary>
    public static bool IsMissing(FileInfo file)
    {
        if (file.Exists)
        {
            return false;
        }

        Console.Error.WriteLine(Directory.Exists(file.FullName)
            ? $"error: {file.FullName} is a directory, not an export file"
            : $"error: no such file: {file.FullName}");
        return true;
    }
}
