// The stored properties of some Transaction nodes, to compare with their source rows.
// Parameters: $keys: list of txn_id values. Returns: key, props (map).
MATCH (n:Transaction)
WHERE n.txn_id IN $keys
RETURN n.txn_id AS key, properties(n) AS props
