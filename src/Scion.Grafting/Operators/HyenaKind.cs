namespace Scion.Grafting.Operators;

/// <summary>Which short filters a Hyena operator has (order 2, one head, no long filter; see the grafting paper).</summary>
public enum HyenaKind
{
    /// <summary>Short conv over q, k, v after the input projection; y = out(q ⊙ k ⊙ v).</summary>
    X,

    /// <summary>No conv after the projection; y = out(q ⊙ conv(k ⊙ v)), the inner conv starting as the identity.</summary>
    Y,

    /// <summary>Both: Hyena-X's short conv and Hyena-Y's identity-initialised inner conv.</summary>
    SE,
}
