// The stored properties of some Device nodes, to compare with their source rows.
// Parameters: $keys: list of device_id values. Returns: key, props (map).
MATCH (n:Device)
WHERE n.device_id IN $keys
RETURN n.device_id AS key, properties(n) AS props
