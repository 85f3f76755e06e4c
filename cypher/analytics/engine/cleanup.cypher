// Remove the in-database engine's scratch properties (c360_component, c360_links).
// Parameters: none. Idempotent. Returns: customers, identifiers (how many were cleaned).
CALL () {
  MATCH (c:Customer) WHERE c.c360_component IS NOT NULL REMOVE c.c360_component RETURN count(c) AS customers
}
CALL () {
  MATCH (i) WHERE i.c360_links IS NOT NULL REMOVE i.c360_links RETURN count(i) AS identifiers
}
RETURN customers, identifiers
