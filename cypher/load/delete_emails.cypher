// Unlink soft-deleted e-mail rows; drop e-mail nodes nobody has any more.
// Parameters: $keys: [1, 2] (email_id)
UNWIND $keys AS key
MATCH ()-[r:HAS_EMAIL {source_id: key}]->(p:Email)
DELETE r
WITH DISTINCT p
WHERE NOT EXISTS { (p)--() }
DELETE p
