using Scion.Hosting;
using Scion.Host;
using Scion.Reports;

// ./build.sh passes the workspace root in SCION_ROOT; running the dll directly falls back to the current folder.
string root = Environment.GetEnvironmentVariable("SCION_ROOT") ?? Environment.CurrentDirectory;
Scion.Torch.NativeHeap.FixMmapThreshold(); // before any tensor: keeps long sampling loops from growing the heap
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var host = new ScionHost(root)
    .AddPipelinesFrom(typeof(Program).Assembly)
    .AddPipelinesFrom(typeof(Scion.Pipelines.GraftDiT.GraftDiTPipeline).Assembly)
    .UseReports(new HtmlReportWriter(Path.Combine(root, "reports", "templates")))
    .UseServices(new HostServices());
return await host.RunAsync(args, cancel.Token);
