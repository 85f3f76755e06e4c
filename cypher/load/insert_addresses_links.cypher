// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): link customers to address nodes, without moving links of
// edited rows (there are none yet). Parameters: $rows: as upsert_addresses.
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MERGE (a:Address {key: row.value})
  ON CREATE SET a:Identifier, a += row.node
CREATE (c)-[r:LIVES_AT {source_id: row.source_id}]->(a)
SET r += row.props
