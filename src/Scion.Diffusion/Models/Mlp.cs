using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>DiT's MLP: <c>fc1</c> D→rD, GELU (tanh approximation), <c>fc2</c> rD→D.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public Mlp(int dim, int hidden, Device? device = null) : base(nameof(Mlp))
    {
        fc1 = nn.Linear(dim, hidden, hasBias: true, device: device);
        fc2 = nn.Linear(hidden, dim, hasBias: true, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        // inside a bfloat16 scope, GELU takes and gives bfloat16: it computes in float32 and rounds, as fc2 would
        using var hidden = Autocast.LinearUncast(fc1, x);
        using var activated = nn.functional.gelu(hidden, GELU.Approximate.tanh);
        return Autocast.Linear(fc2, activated);
    }
}
