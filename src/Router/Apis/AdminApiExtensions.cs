using HybridInference.Contracts.RouterAdmin;

namespace Microsoft.Extensions.Hosting;

/// <summary>The admin API's JSON: its contract types (<see cref="RouterAdminJsonContext"/>), the ones its clients read.</summary>
public static class AdminApiExtensions
{
    public static TBuilder AddAdminApis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, RouterAdminJsonContext.Default));
        return builder;
    }
}
