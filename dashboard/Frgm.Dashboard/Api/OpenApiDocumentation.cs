using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Frgm.Dashboard.Api;

/// <summary>
/// Completes the generated /openapi/v1.json (Microsoft.AspNetCore.OpenApi) with what minimal-API metadata cannot say:
/// each route's query parameters (from <see cref="QueryParameters"/>, the one table of them), the API-key security
/// schemes (header X-API-Key; query api_key in embedded mode), the JSON error responses of API.md on every /api
/// operation, and the text/csv alternative of every list marked with <see cref="CsvExportMetadata"/>. A new /api route
/// needs a row in <see cref="QueryParameters"/> (an empty one when it takes none); OpenApiDocumentTests fails without it.
/// </summary>
public static class OpenApiDocumentation
{
    public const string HeaderScheme = "ApiKeyHeader";
    public const string QueryScheme = "ApiKeyQuery";
    public const string ErrorSchema = "ErrorResponse";

    private static readonly Param Date = new("date", "Business date, YYYY-MM-DD (default: the latest business date with data).", JsonSchemaType.String, Format: "date");
    private static readonly Param Account = new("account_id", "Only this account.", JsonSchemaType.String);
    private static readonly Param Ticker = new("ticker", "Only this instrument.", JsonSchemaType.String);
    private static readonly Param Limit = new("limit", $"Rows per page, 1 to {ApiQuery.MaxLimit} (default {ApiQuery.DefaultLimit}; for CSV the page size of a download that streams every page).", JsonSchemaType.Integer, Minimum: 1, Maximum: ApiQuery.MaxLimit);
    private static readonly Param Cursor = new("cursor", "The next_cursor of the previous page.", JsonSchemaType.String);
    private static readonly Param Product = new("product", "Only this product (case-insensitive).", JsonSchemaType.String);
    private static readonly Param UnderlyingFilter = new("underlying", "Only this underlying (case-insensitive).", JsonSchemaType.String);
    private static readonly Param Format = new("format", "csv for text/csv (the same rows and filters), json (default). Accept: text/csv works too.", JsonSchemaType.String, Enum: ["json", "csv"]);

    /// <summary>Every /api route's query parameters, keyed by "METHOD /path" as routed.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Param>> QueryParameters { get; } = new Dictionary<string, IReadOnlyList<Param>>(StringComparer.Ordinal)
    {
        ["GET /api/positions"] = [Date, Account, Ticker, Format],
        ["GET /api/accounts"] = [Date, Account, Ticker, Format],
        ["GET /api/accounts/{account_id}/pnl-history"] = [Date, Format],
        ["GET /api/blotter"] = [Date, Account, Ticker, Limit, Cursor, Format],
        ["GET /api/market"] = [Ticker, Format],
        ["GET /api/orders"] = [Account, Ticker, Limit, Cursor, Format],
        ["GET /api/alarms"] =
        [
            Date with { Description = "Alarms raised on this UTC day." }, Account, Ticker,
            new("state", "Only alarms in this state.", JsonSchemaType.String, Enum: ["ACTIVE", "ACKNOWLEDGED", "CLEARED"]),
            new("needs_ack", "true: alarms nobody acknowledged yet; false: the others.", JsonSchemaType.Boolean),
            Format,
        ],
        ["GET /api/alarms/{alarm_id}/history"] = [Format],
        ["POST /api/alarms/{alarm_id}/ack"] = [],
        ["GET /api/files"] =
        [
            new("status", "Only files in this status.", JsonSchemaType.String, Enum: ["PROCESSING", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "IGNORED", "HANDED_OFF"]),
            Date with { Description = "Files whose key names this business date, YYYY-MM-DD." },
            new("feed", "Only files of this feed.", JsonSchemaType.String, Enum: ["market-data", "eod", "sod", "trades", "working-orders"]),
            new("key", "Only files whose key contains this text (case-insensitive).", JsonSchemaType.String),
            Limit with { Description = $"Newest files per page, 1 to {ApiQuery.MaxLimit} (default {ApiQuery.DefaultLimit})." }, Cursor,
            Format,
        ],
        ["GET /api/risk"] = [Date, Account, Product, UnderlyingFilter, Format],
        ["GET /api/risk/scenarios"] =
        [
            Date, Account, Product, UnderlyingFilter,
            new("underlying_shifts", "Comma-separated percent shifts of each underlying's price, -99 to 100, at most 41 (default -5,-3.75,-2.5,-1.25,0,1.25,2.5,3.75,5).", JsonSchemaType.String),
            new("vol_shifts", "Comma-separated implied-volatility shifts in points, -100 to 100, at most 41 (default -5,0,5).", JsonSchemaType.String),
            Format,
        ],
        ["GET /api/stream"] = [],
    };

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, context, ct) =>
        {
            Complete(document, context);
            return Task.CompletedTask;
        });
    }

    private static void Complete(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        document.Info.Title = "FRGM dashboard API";
        document.Info.Description = "The JSON (and CSV) API of the FRGM risk dashboard; API.md is the prose contract.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiGuardMiddleware.HeaderName,
            Description = "An API key from Frgm:ApiKey (Secrets Manager in AWS).",
        };
        document.Components.SecuritySchemes[QueryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = ApiGuardMiddleware.QueryName,
            Description = "The same key in the query string: embedded mode only (in AWS it would land in the load balancer's logs).",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ErrorSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every /api error (API.md): a stable code and a human sentence naming the parameter or store.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "error", "message" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "bad_parameter, unauthorized, not_found, conflict, store_unavailable, ..." },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };

        var csvRoutes = context.DescriptionGroups
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<CsvExportMetadata>().Any())
            .Select(d => "/" + d.RelativePath?.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var (method, operation) in item.Operations)
            {
                var key = $"{method.Method.ToUpperInvariant()} {path}";
                Describe(document, operation, key, csvRoutes.Contains(path) && method == HttpMethod.Get);
            }
        }
    }

    private static void Describe(OpenApiDocument document, OpenApiOperation operation, string key, bool csv)
    {
        operation.Parameters ??= [];
        if (QueryParameters.TryGetValue(key, out var parameters))
        {
            foreach (var p in parameters.Where(p => !operation.Parameters.Any(existing => existing.Name == p.Name && existing.In == ParameterLocation.Query)))
            {
                operation.Parameters.Add(p.ToParameter());
            }
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(QueryScheme, document)] = [] },
        ];

        operation.Responses ??= new OpenApiResponses();
        if (csv && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            okResponse.Content[CsvExport.MediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "RFC 4180 with a header row of the JSON row's names; sent as an attachment (Content-Disposition).",
                },
            };
        }

        var errors = new List<(string Status, string Description)>
        {
            ("400", "A bad parameter (the message names it and the expected form)."),
            ("401", "The API key is missing or not valid."),
            ("404", "No such route, or the named item does not exist."),
            ("503", "A backing store did not answer."),
        };
        if (key.StartsWith("POST ", StringComparison.Ordinal))
        {
            errors.Add(("409", "Already cleared and acknowledged: nothing left to acknowledge."));
            errors.Add(("413", "The body is over the endpoint's limit."));
            errors.Add(("415", "The body is not application/json."));
        }

        foreach (var (status, description) in errors)
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ErrorSchema, document) },
                },
            };
        }
    }

    /// <summary>One query parameter as the table states it.</summary>
    public sealed record Param(string Name, string Description, JsonSchemaType Type, string? Format = null, IReadOnlyList<string>? Enum = null, int? Minimum = null, int? Maximum = null)
    {
        public OpenApiParameter ToParameter() => new()
        {
            Name = Name,
            In = ParameterLocation.Query,
            Required = false,
            Description = Description,
            Schema = new OpenApiSchema
            {
                Type = Type,
                Format = Format,
                Enum = Enum?.Select(e => (JsonNode)JsonValue.Create(e)!).ToList(),
                Minimum = Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }
}
