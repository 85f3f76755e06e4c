// Unlink soft-deleted address rows; drop address nodes nobody has any more.
// Parameters: $keys: [1, 2] (address_id)
UNWIND $keys AS key
MATCH ()-[r:LIVES_AT {source_id: key}]->(p:Address)
DELETE r
WITH DISTINCT p
WHERE NOT EXISTS { (p)--() }
DELETE p
