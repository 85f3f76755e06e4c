// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): link customers to Phone nodes, without moving links of
// edited rows (there are none yet). Parameters: $rows: as upsert_phones.
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MERGE (p:Phone {e164: row.value})
  ON CREATE SET p:Identifier
CREATE (c)-[r:HAS_PHONE {source_id: row.source_id}]->(p)
SET r += row.props
