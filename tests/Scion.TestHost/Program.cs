using Scion.Hosting;
using Scion.TestHost;

string root = Environment.GetEnvironmentVariable("SCION_ROOT") ?? Environment.CurrentDirectory;
return await new ScionHost(root).AddPipeline(new TestPipeline()).RunAsync(args);
