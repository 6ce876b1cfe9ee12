using System.Globalization;
using System.Text;
using StartupFund.Reliability.Tests.Harness;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>The web app's form posts: form-encoded bodies with the session's antiforgery token.</summary>
public sealed partial class HostileRequests
{
    /// <summary>Every form endpoint with every raw text of <see cref="HostileValues.FormTexts"/> as its return address.</summary>
    public IEnumerable<FuzzCase> ReturnAddressSweep()
    {
        foreach (var endpoint in endpoints.Where(e => e.IsForm))
        {
            foreach (var text in HostileValues.FormTexts)
            {
                var number = made++;
                var body = Encoding.ASCII.GetString(FormBytes(null)).Replace("returnUrl=%2Fapp",
                    "returnUrl=%2Fapp%2F" + string.Concat(text.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture))), StringComparison.Ordinal);
                yield return new FuzzCase(number, endpoint.Template, "return-address", new ApiRequest(HttpMethod.Post, FillPath(endpoint.Template, hostile: false), null)
                {
                    Body = Encoding.ASCII.GetBytes(body),
                    ContentType = "application/x-www-form-urlencoded",
                    CorrelationId = $"fz{seed.ToString(CultureInfo.InvariantCulture)}n{number.ToString(CultureInfo.InvariantCulture)}",
                    Headers = [new("Cookie", form?.Cookie ?? "")],
                });
            }
        }
    }

    /// <summary>
    /// A form as the web app's pages post it (antiforgery token, where to go back, a pasted token of the
    /// right shape so sign-in goes on to its redirect, a language), with one field's value replaced by the fragment's bytes, percent-encoded, when given.
    /// </summary>
    private byte[] FormBytes(byte[]? fragment)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("__RequestVerificationToken", Uri.EscapeDataString(form?.Token ?? "")),
            ("returnUrl", "%2Fapp"),
            ("identity", ""),
            ("token", "eyJhbGciOiJub25lIn0.e30."),
            ("culture", "fr"),
        };
        if (fragment is not null)
        {
            // half the time the return address: the one field every form post sends back into a header
            var at = random.Next(2) == 0 ? 1 : 1 + random.Next(fields.Count - 1);
            var encoded = string.Concat(fragment.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)));
            // a return address must start with /app/ to get past the first check to the redirect itself
            fields[at] = (fields[at].Name, (fields[at].Name == "returnUrl" ? "%2Fapp%2F" : "") + encoded);
        }

        return Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => f.Name + "=" + f.Value)));
    }
}
