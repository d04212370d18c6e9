namespace Backup.Bench;

internal static class Reads
{
    /// <summary>Reads a whole answer, as a client would, and returns its size; any status but 2xx stops the bench.</summary>
    public static async Task<long> AllAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
