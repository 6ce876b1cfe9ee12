using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace StartupFund.Domain.Tests.Support;

/// <summary>Renders an event deeply (lists included) so that Then(...) can compare records holding lists.</summary>
internal static class Describe
{
    public static string Of(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case string text:
                builder.Append('"').Append(text).Append('"');
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is Enum:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IEnumerable items:
                builder.Append('[');
                foreach (var item in items)
                {
                    Write(builder, item);
                    builder.Append(", ");
                }

                builder.Append(']');
                return;
        }

        var type = value.GetType();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        if (type.Namespace?.StartsWith("StartupFund", StringComparison.Ordinal) != true || properties.Length == 0)
        {
            builder.Append(value);
            return;
        }

        builder.Append(type.Name).Append(" { ");
        foreach (var property in properties.Where(p => p.GetIndexParameters().Length == 0))
        {
            builder.Append(property.Name).Append(" = ");
            Write(builder, property.GetValue(value));
            builder.Append("; ");
        }

        builder.Append('}');
    }
}
