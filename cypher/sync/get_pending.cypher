// Every source row waiting for a parent, oldest first.
// Parameters: none. Returns: id, source, key (JSON text of the primary key), waits_for (list of
// 'Label:key'), since (DateTime), tries (integer).
MATCH (p:SyncPending)
RETURN p.id AS id, p.source AS source, p.key AS key, p.waits_for AS waits_for, p.since AS since,
       p.tries AS tries
ORDER BY p.since
