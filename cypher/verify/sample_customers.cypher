// The stored properties of some Customer nodes, to compare with their source rows.
// Parameters: $keys: list of customer_id values. Returns: key, props (map).
MATCH (n:Customer)
WHERE n.customer_id IN $keys
RETURN n.customer_id AS key, properties(n) AS props
