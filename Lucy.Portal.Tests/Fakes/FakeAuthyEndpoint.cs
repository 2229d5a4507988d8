namespace Lucy.Portal.Tests.Fakes;

/// <summary>The fake's endpoints, used to aim faults and to filter the request log.</summary>
public enum FakeAuthyEndpoint
{
    RegisterUser,
    Verify,
    Sms,
    Call,
    RemoveUser,
    UserStatus,
    AppDetails,
    QrCode,
    OneTouchCreate,
    OneTouchStatus,
}

/// <summary>Endpoint metadata so middleware knows which endpoint a request is for.</summary>
internal sealed record FakeAuthyEndpointTag(FakeAuthyEndpoint Endpoint);
