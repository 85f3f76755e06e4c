// Keep source rows that wait for a parent the graph does not have yet, with what they wait for.
// The next sync cycle reads them again (and the parents they name); `since` survives retries, so
// `c360 graph verify` can tell how long a row has waited.
// Parameters: $rows: [{id: 'device_usage|[42]', source: 'device_usage', key: '[42]',
//   waits_for: ['Device:fp-00012']}]
UNWIND $rows AS row
MERGE (p:SyncPending {id: row.id})
  ON CREATE SET p.since = datetime(), p.tries = 0
SET p.source = row.source, p.key = row.key, p.waits_for = row.waits_for,
    p.tries = p.tries + 1, p.last_try = datetime()
