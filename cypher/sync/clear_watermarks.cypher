// Forget all watermarks, so the next sync reads every row again (a full load).
// Parameters: none.
MATCH (w:SyncWatermark)
DELETE w
