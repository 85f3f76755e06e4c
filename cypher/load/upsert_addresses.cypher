// Link customers to address nodes (one node per canonical address, shared by all who live there).
// Parameters: $rows: [{source_id: 1, customer_id: 'CUS…', value: '12 le loi phuong ben nghe ...',
//   node: {raw: '12 Lê Lợi, P. Bến Nghé…', province: 'Hồ Chí Minh'}, props: {kind: 'home', primary: true}}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
CALL (row) {
  OPTIONAL MATCH (owner:Customer)-[old:LIVES_AT {source_id: row.source_id}]->(a:Address)
  WHERE a.key <> row.value OR owner.customer_id <> row.customer_id
  DELETE old
  WITH DISTINCT a
  WHERE a IS NOT NULL AND NOT EXISTS { (a)--() }
  DELETE a
}
MERGE (a:Address {key: row.value})
  ON CREATE SET a:Identifier, a += row.node
MERGE (c)-[r:LIVES_AT {source_id: row.source_id}]->(a)
SET r += row.props
