using Scion.Caching;
using Scion.Json;

namespace Scion.Core.Tests.Caching;

public sealed class SavedSignatureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scion-signatures-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static TaskSignature With(string lr) =>
        new("Train", 1, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["train.lr"] = lr },
            new SortedDictionary<string, string>(StringComparer.Ordinal), ["model.safetensors:Tensors"]);

    private string SignatureFolder => Path.Combine(folder, "signatures", "Train");

    [Fact]
    public void The_latest_signature_wins_and_is_the_only_file_kept()
    {
        var store = new CacheStore(folder);
        store.SaveSignature(With("0.1"));
        store.SaveSignature(With("0.2"));
        Assert.Equal(With("0.2").Key, store.LastSignature("Train")!.Key);

        store.SaveSignature(With("0.1")); // back to the first: it is the latest again
        Assert.Equal(With("0.1").Key, store.LastSignature("Train")!.Key);
        Assert.Single(Directory.GetFiles(SignatureFolder));
    }

    [Fact]
    public void An_unchanged_signature_is_not_rewritten()
    {
        var store = new CacheStore(folder);
        store.SaveSignature(With("0.1"));
        string file = Directory.GetFiles(SignatureFolder).Single();
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, written);

        store.SaveSignature(With("0.1"));

        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void After_a_crash_left_two_files_the_newer_is_read_and_the_next_save_keeps_one()
    {
        var store = new CacheStore(folder);
        Directory.CreateDirectory(SignatureFolder);
        string older = Path.Combine(SignatureFolder, With("0.1").Key + ".json");
        string newer = Path.Combine(SignatureFolder, With("0.2").Key + ".json");
        ScionJson.WriteAtomic(older, With("0.1"));
        ScionJson.WriteAtomic(newer, With("0.2"));
        File.SetLastWriteTimeUtc(older, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(With("0.2").Key, store.LastSignature("Train")!.Key);

        store.SaveSignature(With("0.1"));
        Assert.Equal(With("0.1").Key, store.LastSignature("Train")!.Key);
        Assert.Single(Directory.GetFiles(SignatureFolder));
    }

    [Fact]
    public void A_task_never_run_has_no_signature() => Assert.Null(new CacheStore(folder).LastSignature("Train"));
}
