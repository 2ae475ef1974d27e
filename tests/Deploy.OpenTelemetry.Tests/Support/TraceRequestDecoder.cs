using Google.Protobuf;

namespace Deploy.OpenTelemetry.Tests.Support;

/// <summary>
/// Reads an <c>ExportTraceServiceRequest</c> from the protobuf wire format, field by field, with Google.Protobuf's
/// <see cref="CodedInputStream"/>: the messages of opentelemetry/proto (collector/trace/v1, trace/v1, common/v1,
/// resource/v1) that a collector needs to show the span tree; other fields are skipped as any reader would.
/// </summary>
internal static class TraceRequestDecoder
{
    public static (IReadOnlyDictionary<string, object> Resource, IReadOnlyList<ReceivedSpan> Spans) Decode(byte[] body)
    {
        var resource = new Dictionary<string, object>(StringComparer.Ordinal);
        var spans = new List<ReceivedSpan>();

        // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
        Fields(ByteString.CopyFrom(body), (field, input) =>
        {
            if (field != 1)
            {
                return false;
            }

            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            Fields(input.ReadBytes(), (field, input) =>
            {
                switch (field)
                {
                    case 1:
                        // Resource { repeated KeyValue attributes = 1; }
                        Fields(input.ReadBytes(), (field, input) => field == 1 && Add(resource, KeyValue(input.ReadBytes())));
                        return true;
                    case 2:
                        ScopeSpans(input.ReadBytes(), spans);
                        return true;
                    default:
                        return false;
                }
            });
            return true;
        });
        return (resource, spans);
    }

    /// <summary>ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }</summary>
    private static void ScopeSpans(ByteString bytes, List<ReceivedSpan> spans)
    {
        var scope = "";
        var raw = new List<ByteString>();
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1:
                    // InstrumentationScope { string name = 1; }
                    Fields(input.ReadBytes(), (field, input) =>
                    {
                        if (field != 1)
                        {
                            return false;
                        }

                        scope = input.ReadString();
                        return true;
                    });
                    return true;
                case 2:
                    raw.Add(input.ReadBytes());
                    return true;
                default:
                    return false;
            }
        });
        spans.AddRange(raw.Select(span => Span(span, scope)));
    }

    /// <summary>
    /// Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    /// fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9; Status status = 15; }
    /// </summary>
    private static ReceivedSpan Span(ByteString bytes, string scope)
    {
        string traceId = "", spanId = "", parent = "", name = "", statusMessage = "";
        int kind = 0, statusCode = 0;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: traceId = Hex(input.ReadBytes()); return true;
                case 2: spanId = Hex(input.ReadBytes()); return true;
                case 4: parent = Hex(input.ReadBytes()); return true;
                case 5: name = input.ReadString(); return true;
                case 6: kind = input.ReadEnum(); return true;
                case 7: start = input.ReadFixed64(); return true;
                case 8: end = input.ReadFixed64(); return true;
                case 9: return Add(attributes, KeyValue(input.ReadBytes()));
                case 15:
                    // Status { string message = 2; StatusCode code = 3; }
                    Fields(input.ReadBytes(), (field, input) =>
                    {
                        switch (field)
                        {
                            case 2: statusMessage = input.ReadString(); return true;
                            case 3: statusCode = input.ReadEnum(); return true;
                            default: return false;
                        }
                    });
                    return true;
                default:
                    return false;
            }
        });
        return new ReceivedSpan(traceId, spanId, parent, name, kind, start, end, attributes, statusCode, statusMessage, scope);
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; }</summary>
    private static (string Key, object? Value) KeyValue(ByteString bytes)
    {
        var key = "";
        object? value = null;
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: key = input.ReadString(); return true;
                case 2: value = AnyValue(input.ReadBytes()); return true;
                default: return false;
            }
        });
        return (key, value);
    }

    /// <summary>AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }</summary>
    private static object? AnyValue(ByteString bytes)
    {
        object? value = null;
        Fields(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: value = input.ReadString(); return true;
                case 2: value = input.ReadBool(); return true;
                case 3: value = input.ReadInt64(); return true;
                case 4: value = input.ReadDouble(); return true;
                default: return false;
            }
        });
        return value;
    }

    private static bool Add(Dictionary<string, object> attributes, (string Key, object? Value) pair)
    {
        if (pair.Value is not null)
        {
            attributes[pair.Key] = pair.Value;
        }

        return true;
    }

    /// <summary>Calls <paramref name="read"/> for each field; one that returns false (not read) is skipped.</summary>
    private static void Fields(ByteString bytes, Func<int, CodedInputStream, bool> read)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!read(WireFormat.GetTagFieldNumber(tag), input))
            {
                input.SkipLastField();
            }
        }
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
