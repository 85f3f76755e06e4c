// Remove soft-deleted customers with their relationships, and identifier nodes left unshared.
// Parameters: $keys: ['CUS000000001']
// Guarantees: idempotent (a missing customer is a no-op).
UNWIND $keys AS key
MATCH (c:Customer {customer_id: key})
OPTIONAL MATCH (c)--(i:Identifier)
WITH c, collect(DISTINCT i) AS identifiers
DETACH DELETE c
WITH identifiers
UNWIND identifiers AS i
WITH DISTINCT i
WHERE NOT EXISTS { (i)--() }
DELETE i
