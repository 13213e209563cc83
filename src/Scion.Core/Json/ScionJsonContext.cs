using System.Text.Json.Serialization;
using Scion.Caching;
using Scion.Running;

namespace Scion.Json;

/// <summary>Source-generated serialisers for the host's own files: no reflection at start-up, which keeps
/// a fully cached rerun cheap.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CacheEntry))]
[JsonSerializable(typeof(TaskSignature))]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class ScionJsonContext : JsonSerializerContext;
