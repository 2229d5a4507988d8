namespace Lucy.Portal.Core.Settings;

/// <summary>
/// An Authy key that an operator may supply for evaluation ("Authy:SharedEvaluationKey"). Never committed to the
/// repository; when absent the portal does not offer it at all.
/// </summary>
public sealed class SharedEvaluationKeyOptions
{
    public const string Section = "Authy";

    public string? SharedEvaluationKey { get; set; }

    public bool IsOffered => !string.IsNullOrWhiteSpace(SharedEvaluationKey);

    // Options objects end up in debug views and exception dumps; keep the key out of them.
    public override string ToString() => IsOffered ? "SharedEvaluationKey: set" : "SharedEvaluationKey: not set";
}
