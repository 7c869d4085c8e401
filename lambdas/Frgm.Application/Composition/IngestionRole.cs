namespace Frgm.Application.Composition;

/// <summary>Who runs the process's one <see cref="Ingestion.IngestionService"/>: it decides the defaults of the size limits and the hand-off.</summary>
public enum IngestionRole
{
    /// <summary>The ingest Lambda: the per-feed limits that finish inside its timeout; larger files go to the dashboard worker.</summary>
    Lambda,

    /// <summary>The local runner: the Lambda handlers with no size limit (a developer's file of any size).</summary>
    LocalRunner,

    /// <summary>The dashboard in AWS mode: only the handed-off files, up to <c>Frgm:Ingest:WorkerMaxFileMb</c>, never handed on.</summary>
    OversizeWorker,

    /// <summary>Embedded mode (the dashboard's folder watcher, the database rebuild): no limits, nothing handed off.</summary>
    Embedded,
}
