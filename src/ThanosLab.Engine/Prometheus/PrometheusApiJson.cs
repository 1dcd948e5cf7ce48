using System.Globalization;
using System.Text.Json;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// Decodes the Prometheus / Thanos HTTP API envelope (<c>status</c>, <c>data</c>, <c>errorType</c>,
/// <c>error</c>, <c>warnings</c>) and the query and stores payloads. Answers come from outside: every
/// shape is checked and a mismatch is an InvalidData error naming the endpoint.
/// </summary>
public static class PrometheusApiJson
{
    /// <summary>The <c>data</c> element of a successful answer; an error answer becomes a ThanosLabException.</summary>
    public static JsonElement Data(JsonDocument doc, string endpoint, string? query, out IReadOnlyList<string> warnings)
    {
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
        {
            throw Malformed(endpoint, "it has no 'status'");
        }
        warnings = root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => x.ToString()).ToArray()
            : Array.Empty<string>();
        if (status.GetString() == "success")
        {
            return root.TryGetProperty("data", out var data) ? data : throw Malformed(endpoint, "a successful answer has no 'data'");
        }
        var type = root.TryGetProperty("errorType", out var t) ? t.ToString() : "unknown";
        var message = root.TryGetProperty("error", out var e) ? e.ToString() : "(no message)";
        throw ApiError(endpoint, type, message, query);
    }

    /// <summary>Maps the API's <c>errorType</c> to an error kind and a stable id, keeping PromQL's message.</summary>
    public static ThanosLabException ApiError(string endpoint, string errorType, string message, string? query)
    {
        var (kind, id, action) = errorType switch
        {
            "bad_data" => (ErrorKind.InvalidArgument, "QueryBadData", "Correct the PromQL expression or the query parameters."),
            "timeout" => (ErrorKind.OperationTimeout, "QueryTimeout", "Narrow the query (shorter range, larger step, fewer series) or raise the server's query timeout."),
            "canceled" => (ErrorKind.OperationTimeout, "QueryCanceled", "Run the query again."),
            "execution" => (ErrorKind.InvalidOperation, "QueryExecution", "Check the expression's types and the server's log."),
            "unavailable" => (ErrorKind.ResourceUnavailable, "QueryUnavailable", "Wait until the server is ready (Test-ThanosEndpoint) and try again."),
            "not_found" => (ErrorKind.ObjectNotFound, "QueryNotFound", "Check the endpoint: this server does not offer that API."),
            _ => (ErrorKind.InvalidOperation, "QueryFailed", "See the server's message and log."),
        };
        var what = query is null ? "" : $" to the query '{query}'";
        return new ThanosLabException(kind, id, $"{endpoint} answered{what} with {errorType}: {message}", query ?? endpoint, action);
    }

    public static QueryResult ReadQueryResult(JsonElement data, IReadOnlyList<string> warnings, string endpoint)
    {
        try
        {
            var typeName = data.GetProperty("resultType").GetString();
            var result = data.GetProperty("result");
            return typeName switch
            {
                "matrix" => new QueryResult { ResultType = QueryResultType.Matrix, Series = ReadSeries(result, "values"), Warnings = warnings },
                "vector" => new QueryResult { ResultType = QueryResultType.Vector, Series = ReadSeries(result, "value"), Warnings = warnings },
                "scalar" => new QueryResult { ResultType = QueryResultType.Scalar, Scalar = ReadSample(result), Warnings = warnings },
                "string" => new QueryResult
                {
                    ResultType = QueryResultType.String,
                    StringTimestampMs = PrometheusTime.ReadMs(result[0]),
                    StringValue = result[1].GetString(),
                    Warnings = warnings,
                },
                _ => throw Malformed(endpoint, $"the result type '{typeName}' is not matrix, vector, scalar or string"),
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw Malformed(endpoint, e.Message, e);
        }
    }

    private static QuerySeries[] ReadSeries(JsonElement result, string samplesKey)
    {
        var series = new QuerySeries[result.GetArrayLength()];
        var i = 0;
        foreach (var s in result.EnumerateArray())
        {
            var labels = ReadLabels(s.GetProperty("metric"));
            // A native-histogram series has "histogram" (instant) or "histograms" (range) instead of "value(s)".
            var histogram = samplesKey == "value" ? "histogram" : "histograms";
            QuerySample[] samples;
            if (s.TryGetProperty(samplesKey, out var values))
            {
                samples = samplesKey == "value" ? new[] { ReadSample(values) } : values.EnumerateArray().Select(ReadSample).ToArray();
            }
            else if (s.TryGetProperty(histogram, out values))
            {
                samples = samplesKey == "value" ? new[] { ReadHistogramSample(values) } : values.EnumerateArray().Select(ReadHistogramSample).ToArray();
            }
            else
            {
                samples = Array.Empty<QuerySample>();
            }
            series[i++] = new QuerySeries(labels, samples);
        }
        return series;
    }

    private static QuerySample ReadSample(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
        {
            throw new FormatException($"expected a [time, value] pair, got {Shorten(pair.GetRawText())}");
        }
        return new QuerySample(PrometheusTime.ReadMs(pair[0]), PrometheusTime.ReadValue(pair[1]));
    }

    // [time, {"count": "..", "sum": "..", "buckets": [[boundaries, "lower", "upper", "count"], ...]}]
    private static QuerySample ReadHistogramSample(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a [time, histogram] pair, got {Shorten(pair.GetRawText())}");
        }
        var h = pair[1];
        var count = h.TryGetProperty("count", out var c) ? PrometheusTime.ReadValue(c) : throw new FormatException($"a histogram without count: {Shorten(h.GetRawText())}");
        var sum = h.TryGetProperty("sum", out var sm) ? PrometheusTime.ReadValue(sm) : throw new FormatException($"a histogram without sum: {Shorten(h.GetRawText())}");
        var buckets = new List<HistogramBucket>();
        if (h.TryGetProperty("buckets", out var bs) && bs.ValueKind == JsonValueKind.Array)
        {
            foreach (var b in bs.EnumerateArray())
            {
                if (b.ValueKind != JsonValueKind.Array || b.GetArrayLength() != 4 || !b[0].TryGetInt32(out var boundaries) || boundaries is < 0 or > 3)
                {
                    throw new FormatException($"expected a bucket [boundaries 0-3, lower, upper, count], got {Shorten(b.GetRawText())}");
                }
                buckets.Add(HistogramBucket.FromBoundaries(boundaries, PrometheusTime.ReadValue(b[1]), PrometheusTime.ReadValue(b[2]), PrometheusTime.ReadValue(b[3])));
            }
        }
        return new QuerySample(PrometheusTime.ReadMs(pair[0]), count, new QueryHistogram(count, sum, buckets));
    }

    private static Label[] ReadLabels(JsonElement metric)
    {
        if (metric.ValueKind != JsonValueKind.Object) throw new FormatException($"expected labels as an object, got {Shorten(metric.GetRawText())}");
        var labels = metric.EnumerateObject().Select(p => new Label(p.Name, p.Value.GetString() ?? "")).ToArray();
        Array.Sort(labels, (a, b) => Utf8ByteOrder.Compare(a.Name, b.Name));
        return labels;
    }

    /// <summary>Reads <c>/api/v1/stores</c>' data: a map from component type to its endpoints.</summary>
    public static IReadOnlyList<StoreStatus> ReadStores(JsonElement data, string endpoint)
    {
        try
        {
            if (data.ValueKind == JsonValueKind.Null) return Array.Empty<StoreStatus>();
            var stores = new List<StoreStatus>();
            foreach (var group in data.EnumerateObject())
            {
                if (group.Value.ValueKind == JsonValueKind.Null) continue;
                foreach (var s in group.Value.EnumerateArray())
                {
                    var labelSets = s.TryGetProperty("labelSets", out var ls) && ls.ValueKind == JsonValueKind.Array
                        ? ls.EnumerateArray().Select(l => (IReadOnlyList<Label>)ReadLabels(l)).ToArray()
                        : Array.Empty<IReadOnlyList<Label>>();
                    stores.Add(new StoreStatus(
                        s.GetProperty("name").GetString() ?? "",
                        group.Name,
                        labelSets,
                        Bound(s, "minTime"),
                        Bound(s, "maxTime"),
                        s.TryGetProperty("lastCheck", out var lc) && lc.ValueKind == JsonValueKind.String
                            ? DateTimeOffset.Parse(lc.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                            : null,
                        s.TryGetProperty("lastError", out var le) && le.ValueKind == JsonValueKind.String ? le.GetString() : null));
                }
            }
            return stores;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Malformed(endpoint, e.Message, e);
        }
    }

    // Thanos reports math.MinInt64 / math.MaxInt64 for a store that has not told its range yet.
    private static long? Bound(JsonElement s, string name) =>
        s.TryGetProperty(name, out var v) && v.TryGetInt64(out var ms) && ms != long.MinValue && ms != long.MaxValue ? ms : null;

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    public static ThanosLabException Malformed(string endpoint, string problem, Exception? inner = null) =>
        new(ErrorKind.InvalidData, "MalformedApiResponse",
            $"{endpoint} did not answer as the Prometheus HTTP API does: {problem}.", endpoint,
            "Check that the endpoint is a Prometheus server or a Thanos querier.", inner);
}
