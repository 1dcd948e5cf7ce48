namespace ThanosLab.Engine.Generation;

/// <summary>The two shapes of thanosbench profile.</summary>
public enum ProfileKind
{
    /// <summary>The same series in every block.</summary>
    Continuous,

    /// <summary>Series churn on every rollout (a <c>next_rollout_time</c> label), as on a busy Kubernetes cluster.</summary>
    RealisticK8s,
}
