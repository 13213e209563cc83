using Scion.Cli;
using Scion.Execution;
using Scion.Graph;
using Scion.Parameters;
using Scion.Running;

namespace Scion.Hosting;

/// <summary>Turns the scheduler's results into the run record.</summary>
internal static class RunRecordBuilder
{
    public static RunRecord Build(RunSettings settings, TaskGraph graph, IReadOnlyList<TaskDefinition> plan, IReadOnlyList<TaskResult> results,
        ParameterValues parameters, ScionOptions options, DateTimeOffset started, TimeSpan duration, bool ok)
    {
        var tasks = results.Select(r => new TaskRecord(
            r.Task, r.Pipeline, graph[r.Task].Description, graph.DependenciesOf(r.Task).ToList(), r.Status.Name(), r.Duration.TotalSeconds, r.Note, r.Key,
            r.Inputs ?? new Dictionary<string, string>(), r.Outputs ?? [], r.Metrics ?? [], r.Reasons ?? [], r.EntryFolder)).ToList();
        var parameterRecords = parameters.All
            .OrderBy(p => p.Parameter.Key, StringComparer.Ordinal)
            .Select(p => new ParameterRecord(p.Parameter.Key, p.Text, p.Source, p.Parameter.Description))
            .ToList();
        return new RunRecord(settings.RunId, settings.Targets, plan.Select(t => t.Pipeline.Name).Distinct().ToList(), started, duration.TotalSeconds,
            string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), options.Device, options.Profile, ok, parameterRecords, tasks);
    }
}
