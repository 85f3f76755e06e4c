// Advance one table's watermark. Runs in the same transaction as the batch it covers, so the
// graph and its watermark can never disagree after a crash.
// Parameters: $source: 'customers', $updated_at: LocalDateTime, $key: ['CUS000000042']
MERGE (w:SyncWatermark {source: $source})
SET w.updated_at = $updated_at, w.key = $key, w.synced_at = datetime()
