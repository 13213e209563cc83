namespace Scion.Diffusion.Diffusion;

/// <summary>The DiT / improved-diffusion schedules, in float64 like the official numpy code.</summary>
public static class NoiseSchedule
{
    /// <summary>Linear betas from 1e-4 to 0.02, scaled by 1000/steps so that any step count spans the same noise.</summary>
    public static double[] LinearBetas(int steps = 1000)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "A diffusion needs at least one step.");
        }

        double scale = 1000.0 / steps, start = scale * 0.0001, end = scale * 0.02;
        return Enumerable.Range(0, steps).Select(i => steps == 1 ? start : start + ((end - start) * i / (steps - 1))).ToArray();
    }

    /// <summary>
    /// The timesteps kept when a T-step process is sampled with <paramref name="count"/> steps (official
    /// <c>space_timesteps</c> with one section: evenly strided, rounded). <c>"ddimN"</c>-style integer strides are
    /// not needed here: DDIM uses the same respacing.
    /// </summary>
    public static int[] SpacedTimesteps(int steps, int count)
    {
        if (count < 1 || count > steps)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Sampling steps must be between 1 and {steps}.");
        }

        if (count == 1)
        {
            return [0];
        }

        double stride = (steps - 1) / (double)(count - 1);
        var taken = new SortedSet<int>();
        double current = 0;
        for (int i = 0; i < count; i++)
        {
            taken.Add((int)Math.Round(current, MidpointRounding.ToEven));
            current += stride;
        }

        return [.. taken];
    }
}
