using Lucy.Portal.Components.Policy;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>A step-up that answers as the test says, and remembers what it was asked to confirm.</summary>
public sealed class FakeStepUpGuard : IStepUpGuard
{
    public bool Confirms { get; set; } = true;

    public List<string> Asked { get; } = [];

    public Task<bool> ConfirmAsync(string action)
    {
        Asked.Add(action);
        return Task.FromResult(Confirms);
    }
}
