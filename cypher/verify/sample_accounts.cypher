// The stored properties of some Account nodes, to compare with their source rows.
// Parameters: $keys: list of account_no values. Returns: key, props (map).
MATCH (n:Account)
WHERE n.account_no IN $keys
RETURN n.account_no AS key, properties(n) AS props
