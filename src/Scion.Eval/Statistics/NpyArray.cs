namespace Scion.Eval.Statistics;

/// <summary>A numeric array as numpy stores it: values in C order (converted to double), the shape, and the element
/// type it is written as (<c>&lt;f8</c> float64 by default, <c>|u1</c> for bytes such as UTF-8 text).</summary>
public sealed record NpyArray(double[] Values, long[] Shape, string Descr = "<f8")
{
    /// <summary>UTF-8 text as a uint8 array (numpy: <c>bytes(a).decode()</c>).</summary>
    public static NpyArray Text(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return new NpyArray(bytes.Select(b => (double)b).ToArray(), [bytes.Length], "|u1");
    }

    public string AsText() => System.Text.Encoding.UTF8.GetString(Values.Select(v => (byte)v).ToArray());

    /// <summary>A tensor's values as float64, in C order.</summary>
    public static NpyArray Of(TorchSharp.torch.Tensor x)
    {
        using var values = x.to_type(TorchSharp.torch.float64).contiguous();
        return new NpyArray(values.data<double>().ToArray(), x.shape);
    }

    public TorchSharp.torch.Tensor ToTensor() => TorchSharp.torch.tensor(Values, Shape);
}
