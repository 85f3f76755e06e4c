// Read every source table's sync watermark: the last (updated_at, key) applied to the graph.
// Parameters: none. Returns: source (string), updated_at (LocalDateTime), key (list).
MATCH (w:SyncWatermark)
RETURN w.source AS source, w.updated_at AS updated_at, w.key AS key
