// Link customers to e-mail nodes (one node per normalized address, shared by all who give it).
// The source row id rides on the relationship, so an edited address moves its link.
// Parameters: $rows: [{source_id: 1, customer_id: 'CUS…', value: 'an.nguyen@example.vn',
//   props: {primary: true, raw: "An.Nguyen@Example.vn"}}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
CALL (row) {
  OPTIONAL MATCH (owner:Customer)-[old:HAS_EMAIL {source_id: row.source_id}]->(p:Email)
  WHERE p.address <> row.value OR owner.customer_id <> row.customer_id
  DELETE old
  WITH DISTINCT p
  WHERE p IS NOT NULL AND NOT EXISTS { (p)--() }
  DELETE p
}
MERGE (p:Email {address: row.value})
  ON CREATE SET p:Identifier
MERGE (c)-[r:HAS_EMAIL {source_id: row.source_id}]->(p)
SET r += row.props
