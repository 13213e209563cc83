namespace Scion.Diffusion.Training;

/// <summary>The learning rate of step <c>1..steps</c>: linear warm-up to the peak, then <see cref="LearningRateDecay"/>.</summary>
public static class LearningRateSchedule
{
    public static double At(int step, TrainOptions options)
    {
        int warmup = options.WarmupSteps;
        if (step <= warmup)
        {
            return options.LearningRate * step / warmup;
        }

        if (options.Decay == LearningRateDecay.Constant)
        {
            return options.LearningRate;
        }

        double progress = (step - warmup) / (double)(options.Steps - warmup);
        return options.Decay == LearningRateDecay.Linear
            ? options.LearningRate * (1 - progress)
            : options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
