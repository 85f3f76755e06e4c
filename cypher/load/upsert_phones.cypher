// Link customers to phone nodes (one node per E.164 number, shared by all who give it).
// The source row id rides on the relationship, so an edited number moves its link.
// Parameters: $rows: [{source_id: 1, customer_id: 'CUS…', value: '+84912345678',
//   props: {kind: 'mobile', primary: true, raw: '0912 345 678'}}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
CALL (row) {
  OPTIONAL MATCH (owner:Customer)-[old:HAS_PHONE {source_id: row.source_id}]->(p:Phone)
  WHERE p.e164 <> row.value OR owner.customer_id <> row.customer_id
  DELETE old
  WITH DISTINCT p
  WHERE p IS NOT NULL AND NOT EXISTS { (p)--() }
  DELETE p
}
MERGE (p:Phone {e164: row.value})
  ON CREATE SET p:Identifier
MERGE (c)-[r:HAS_PHONE {source_id: row.source_id}]->(p)
SET r += row.props
