using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Backup.EndToEnd.Tests.OpenApi;

/// <summary>
/// A C# client generated with NSwag from the service's document during the test, compiled with Roslyn together with
/// the story in CSharp/BackupStory.cs (the README's example), and run against the service.
/// </summary>
public sealed class CSharpClientTests
{
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Net.Http; global using System.Threading.Tasks;";

    private static GeneratedClients _service = null!;
    private static Assembly _client = null!;

    [OneTimeSetUp]
    public static async Task GenerateAsync()
    {
        _service = await GeneratedClients.StartAsync();
        var source = await GenerateAsync(await _service.DocumentAsync());
        _client = Compile(source, await File.ReadAllTextAsync(Path.Combine(OpenApiFiles.Folder, "CSharp", "BackupStory.cs")));
    }

    [OneTimeTearDown]
    public static async Task StopAsync() => await _service.DisposeAsync();

    /// <summary>What README's "Generate a client" does with the NSwag command, as a library call.</summary>
    public static async Task<string> GenerateAsync(string document)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "BackupClient",
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings = { Namespace = "Backup.Client", JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        return new CSharpClientGenerator(await NSwag.OpenApiDocument.FromJsonAsync(document), settings).GenerateFile();
    }

    [Test]
    public async Task The_generated_client_drives_the_whole_API_with_every_error_decoded_as_a_problem()
    {
        var id = _service.Engine.NewBackupId();

        var printed = await RunAsync("TellAsync", _service.BaseUrl.ToString(), id);

        GeneratedClients.AssertStory(printed, id, parts: 6);
    }

    [TestCase(500, "500 ")]
    [TestCase(null, "502 ")]
    public async Task Engine_failures_are_decoded_as_problems(int? engineStatus, string expected)
    {
        var printed = await _service.WhileEngineFailsAsync(engineStatus, () => RunAsync("ListAsync", _service.BaseUrl.ToString(), 0L));

        Assert.That(printed, Has.Count.EqualTo(1).And.One.StartsWith($"list: {expected}"));
    }

    [Test]
    public async Task The_generated_code_is_the_one_NSwag_writes_for_every_operation_of_the_document()
    {
        var source = await GenerateAsync(await _service.DocumentAsync());

        Assert.That(source, Does.Contain("CreateBackupAsync").And.Contain("ListBackupsAsync").And.Contain("GetBackupAsync")
            .And.Contain("DeleteBackupAsync").And.Contain("class ProblemResponse"));
    }

    private static async Task<IReadOnlyList<string>> RunAsync(string step, string baseUrl, long id)
    {
        var story = _client.GetType("BackupStory")!;
        var task = (Task<List<string>>)story.GetMethod(step)!.Invoke(null, step == "TellAsync"
            ? [baseUrl, id, GeneratedClients.Key, GeneratedClients.ReaderKey, GeneratedClients.User, GeneratedClients.Password]
            : [baseUrl, GeneratedClients.Key])!;
        return await task;
    }

    private static Assembly Compile(params string[] sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "GeneratedBackupClient",
            sources.Append(ImplicitUsings).Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, "the generated client compiles");
        return Assembly.Load(image.ToArray());
    }
}
