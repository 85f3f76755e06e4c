// Upsert customers, and link each to its national ID (CCCD) or tax code node.
// Parameters: $rows: [{customer_id: 'CUS000000001', props: {full_name: 'Nguyễn Văn An', ...},
//   ids: [{value: '001090012345', kind: 'cccd'}]}]
// Guarantees: idempotent; a corrected ID moves the link and removes the old ID node if orphaned.
UNWIND $rows AS row
MERGE (c:Customer {customer_id: row.customer_id})
SET c += row.props
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:HAS_ID]->(n:NationalId)
  WHERE NOT n.value IN [x IN row.ids | x.value]
  DELETE old
  WITH DISTINCT n
  WHERE n IS NOT NULL AND NOT EXISTS { (n)--() }
  DELETE n
}
CALL (c, row) {
  UNWIND row.ids AS x
  MERGE (n:NationalId {value: x.value})
    ON CREATE SET n:Identifier, n.kind = x.kind
  MERGE (c)-[:HAS_ID]->(n)
}
