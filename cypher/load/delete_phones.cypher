// Unlink soft-deleted phone rows; drop phone nodes nobody has any more.
// Parameters: $keys: [1, 2] (phone_id)
UNWIND $keys AS key
MATCH ()-[r:HAS_PHONE {source_id: key}]->(p:Phone)
DELETE r
WITH DISTINCT p
WHERE NOT EXISTS { (p)--() }
DELETE p
