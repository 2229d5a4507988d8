using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// Compares a fake's answer with a documented fixture body. Every property of the fixture must be in the answer with
/// the same JSON value and kind (so "true" the string is not true the boolean, and "60020" is not 60020).
/// A fixture string ending in "..." or "…" stands for any string that begins with what precedes it ("…" alone: any
/// string); an empty fixture object stands for any object; paths listed as varying (e.g. "user.id") only need to
/// exist with the same kind. <see cref="Exactly"/> also refuses properties the fixture does not have.
/// </summary>
public static class FixtureAssert
{
    public static void Matches(string fixture, string actual, params string[] varying) => Compare(fixture, actual, exact: false, varying);

    public static void Exactly(string fixture, string actual, params string[] varying) => Compare(fixture, actual, exact: true, varying);

    private static void Compare(string fixture, string actual, bool exact, string[] varying)
    {
        var expected = JsonNode.Parse(fixture) ?? throw new ArgumentException("Empty fixture.", nameof(fixture));
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(actual);
        }
        catch (JsonException)
        {
            Assert.Fail($"The answer is not JSON: {actual}");
            return;
        }

        var differences = new List<string>();
        Walk(expected, answer, "", exact, varying.ToHashSet(StringComparer.Ordinal), differences);
        Assert.True(differences.Count == 0, $"Answer differs from the documented fixture:\n  {string.Join("\n  ", differences)}\nfixture: {fixture}\nanswer:  {actual}");
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, bool exact, HashSet<string> varying, List<string> differences)
    {
        var where = path.Length == 0 ? "(body)" : path;
        if (expected is null)
        {
            if (actual is not null)
            {
                differences.Add($"{where}: expected null, got {actual.ToJsonString()}");
            }

            return;
        }

        if (actual is null)
        {
            differences.Add($"{where}: missing or null, expected {expected.ToJsonString()}");
            return;
        }

        if (expected.GetValueKind() != actual.GetValueKind())
        {
            differences.Add($"{where}: expected a {expected.GetValueKind()} ({expected.ToJsonString()}), got a {actual.GetValueKind()} ({actual.ToJsonString()})");
            return;
        }

        if (varying.Contains(path))
        {
            return;
        }

        switch (expected)
        {
            case JsonObject fixtureObject:
                var answerObject = actual.AsObject();
                if (fixtureObject.Count == 0 && !exact)
                {
                    return; // {} in a fixture: "an object", its content not documented
                }

                foreach (var (name, value) in fixtureObject)
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!answerObject.ContainsKey(name))
                    {
                        differences.Add($"{child}: missing, expected {value?.ToJsonString() ?? "null"}");
                        continue;
                    }

                    Walk(value, answerObject[name], child, exact, varying, differences);
                }

                if (exact)
                {
                    differences.AddRange(answerObject.Where(p => !fixtureObject.ContainsKey(p.Key))
                        .Select(p => $"{(path.Length == 0 ? p.Key : $"{path}.{p.Key}")}: not in the fixture ({p.Value?.ToJsonString()})"));
                }

                break;
            case JsonArray fixtureArray:
                var answerArray = actual.AsArray();
                if (fixtureArray.Count != answerArray.Count)
                {
                    differences.Add($"{where}: expected {fixtureArray.Count} items, got {answerArray.Count}");
                    return;
                }

                for (var i = 0; i < fixtureArray.Count; i++)
                {
                    Walk(fixtureArray[i], answerArray[i], $"{path}[{i}]", exact, varying, differences);
                }

                break;
            default:
                if (expected.GetValueKind() == JsonValueKind.String && Prefix(expected.GetValue<string>()) is { } prefix)
                {
                    if (!actual.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal))
                    {
                        differences.Add($"{where}: expected text starting \"{prefix}\", got {actual.ToJsonString()}");
                    }
                }
                else if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{where}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
                }

                break;
        }
    }

    private static string? Prefix(string fixtureText) =>
        fixtureText.EndsWith("...", StringComparison.Ordinal) ? fixtureText[..^3].TrimEnd()
        : fixtureText.EndsWith('…') ? fixtureText[..^1].TrimEnd()
        : null;
}
