// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): upsert customers and link their national ID / tax code,
// without the clean-up of links a changed row leaves behind (there are none yet). Its Eager-free
// plan is several times faster than upsert_customers.
// Parameters: $rows: as upsert_customers.
UNWIND $rows AS row
MERGE (c:Customer {customer_id: row.customer_id})
SET c += row.props
WITH c, row
CALL (c, row) {
  UNWIND row.ids AS x
  MERGE (n:NationalId {value: x.value})
    ON CREATE SET n:Identifier, n.kind = x.kind
  CREATE (c)-[:HAS_ID]->(n)
}
