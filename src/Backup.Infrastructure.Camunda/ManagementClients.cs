using System.Net.Http.Headers;
using System.Text;
using Backup.Application.Abstractions;
using Backup.Application.Platform;
using Backup.Domain.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.Camunda;

public static class ManagementClients
{
    /// <summary>One HTTP client per component, at its management URL, with its basic-auth credentials if it has any.</summary>
    public static IServiceCollection AddCamundaManagementApis(this IServiceCollection services)
    {
        foreach (var component in Enum.GetValues<PlatformComponent>())
        {
            services.AddHttpClient(Name(component), (provider, http) =>
            {
                var endpoint = provider.GetRequiredService<IOptions<PlatformOptions>>().Value.Endpoint(component);
                if (endpoint.IsSet && !endpoint.IsNone && Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url))
                {
                    // A context path stays: relative paths are resolved below it.
                    http.BaseAddress = new Uri(url.ToString().TrimEnd('/') + "/");
                }

                if (!string.IsNullOrEmpty(endpoint.Username))
                {
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoint.Username}:{endpoint.Password}")));
                }

                http.Timeout = TimeSpan.FromSeconds(30);
            });
        }

        services.AddTransient<IComponentBackups, ManagementApis>();
        return services;
    }

    internal static string Name(PlatformComponent component) => $"camunda-{component.Name()}";
}
