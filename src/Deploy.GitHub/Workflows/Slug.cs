using System.Text;

namespace Deploy.GitHub.Workflows;

/// <summary>Names as GitHub wants them in ids: "ImagePush" → "image-push".</summary>
internal static class Slug
{
    public static string Of(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                if (text.Length > 0 && text[^1] != '-')
                {
                    text.Append('-');
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && text.Length > 0 && text[^1] != '-' && (char.IsLower(name[i - 1]) || i + 1 < name.Length && char.IsLower(name[i + 1])))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        var slug = text.ToString().Trim('-');
        return slug.Length == 0 || char.IsAsciiDigit(slug[0]) ? "_" + slug : slug;
    }
}
