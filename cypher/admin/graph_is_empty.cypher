// True when the graph holds no bank data (the loader's own watermarks and pending rows aside): a first load may then
// take the faster insert_* statements. Parameters: none. Returns: empty (boolean).
RETURN NOT EXISTS { MATCH (n) WHERE NOT n:SyncWatermark AND NOT n:SyncPending } AS empty
