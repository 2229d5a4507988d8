using Lucy.Portal.Components.Policy;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>A step-up that answers as the test says, and remembers what it was asked to confirm.</summary>
public sealed class FakeStepUpGuard : IStepUpGuard
{
    public bool Confirms { get; set; } = true;

    /// <summary>The actions as the dialog would show them.</summary>
    public List<string> Asked { get; } = [];

    /// <summary>The same actions as the audit log would record them.</summary>
    public List<string> Audited { get; } = [];

    public Task<bool> ConfirmAsync(StepUpAction action)
    {
        Asked.Add(action.Shown);
        Audited.Add(action.Audited);
        return Task.FromResult(Confirms);
    }
}
