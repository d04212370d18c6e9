using Backup.Api.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Api.Tests;

/// <summary>The start-up check over a container that binds the options as the service's does.</summary>
internal static class ContainerCheck
{
    public static StartupCheck Read(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddSingleton(configuration).AddServiceOptions().BuildServiceProvider();
        return StartupCheck.Read(configuration, services);
    }
}
