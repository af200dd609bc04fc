using System.Collections.Concurrent;
using System.Reflection;
using StackExchange.Redis;

namespace HybridInference.Faults.Store;

/// <summary>
/// Stands in for a database handle (or a batch or transaction made from one) and fails its commands while
/// <see cref="Failure"/> says so, the way StackExchange.Redis fails them when the store is unreachable: async
/// commands return a faulted task, sync ones throw a <see cref="RedisConnectionException"/>. Members that
/// send nothing (properties, waits) pass through, so callers see an outage and nothing else.
/// </summary>
public class OutageProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, Func<Exception, object>> FaultedTasks = new();
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(method => method.Name == nameof(Task.FromException) && method.IsGenericMethodDefinition);

    private object _target = null!;
    private Func<Exception?> _failure = null!;

    /// <summary>Wraps <paramref name="target"/> as <typeparamref name="T"/>; <paramref name="failure"/> gives the exception a command gets now, or null.</summary>
    public static T Wrap<T>(T target, Func<Exception?> failure) where T : class => (T)Wrap(typeof(T), target, failure);

    private static object Wrap(Type interfaceType, object target, Func<Exception?> failure)
    {
        var proxy = (OutageProxy)Create(interfaceType, typeof(OutageProxy));
        proxy._target = target;
        proxy._failure = failure;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        // A batch's Execute sends what was queued; each queued command already failed on its own during the outage.
        if (method.IsSpecialName || method.Name.StartsWith("Wait", StringComparison.Ordinal) || (method.Name == nameof(IBatch.Execute) && method.ReturnType == typeof(void)))
        {
            return Forward(method, args);
        }

        if (method.Name is nameof(IDatabase.CreateBatch) or nameof(IDatabase.CreateTransaction))
        {
            // Commands queued on a batch fail on their own when they are sent, not when it is made.
            var made = Forward(method, args);
            return made is null ? null : Wrap(method.ReturnType, made, _failure);
        }

        if (_failure() is not { } failure)
        {
            return Forward(method, args);
        }

        if (method.Name == nameof(IDatabase.IsConnected))
        {
            return false;
        }

        if (method.ReturnType == typeof(Task))
        {
            return Task.FromException(failure);
        }

        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var resultType = method.ReturnType.GetGenericArguments()[0];
            return FaultedTasks.GetOrAdd(resultType, type =>
            {
                var make = FromException.MakeGenericMethod(type);
                return exception => make.Invoke(null, [exception])!;
            })(failure);
        }

        throw failure;
    }

    private object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
