// First load into an empty graph only: link customers (created by insert_customers_nodes) to their
// national ID / tax code. The identifier nodes are shared, so they are MERGEd; the links are
// CREATEd (nothing exists yet to match, and a retried batch is rolled back whole).
// Parameters: $rows: [{customer_id: 'CUS…', ids: [{value: '001090012345', kind: 'cccd'}]}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
UNWIND row.ids AS x
MERGE (n:NationalId {value: x.value})
  ON CREATE SET n:Identifier, n.kind = x.kind
CREATE (c)-[:HAS_ID]->(n)
