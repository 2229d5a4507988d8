using System.Net;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

public static class ResponseAssert
{
    public static void RedirectsTo(HttpResponseMessage response, string pathPrefix)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect to {pathPrefix}, got {(int)response.StatusCode}.");
        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }
        Assert.StartsWith(pathPrefix, path, StringComparison.OrdinalIgnoreCase);
    }
}
