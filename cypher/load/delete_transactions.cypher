// Remove soft-deleted transactions, and external accounts no transaction pays any more.
// Parameters: $keys: ['TXN…']
UNWIND $keys AS key
MATCH (t:Transaction {txn_id: key})
OPTIONAL MATCH (t)-[:TO_EXTERNAL]->(x:ExternalAccount)
DETACH DELETE t
WITH DISTINCT x
WHERE x IS NOT NULL AND NOT EXISTS { (x)--() }
DELETE x
