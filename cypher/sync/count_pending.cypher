// How many source rows wait for a parent. Parameters: none. Returns: n (integer).
MATCH (p:SyncPending)
RETURN count(p) AS n
