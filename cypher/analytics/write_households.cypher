// Write this run's households: (:Household {id, run, address, ties, change, size}) with
// (:Customer)-[:MEMBER_OF]->(household), and (household)-[:PART_OF]->(:FraudRing) when the family
// is inside a ring. ties is a JSON string. Parameters: run (int), households (list of {id,
// address, ties, change, ring (id or null), members: [customer_id]}). Runs right after
// clear_results, so the nodes and relationships are CREATEd (no lookup first); a retried batch is
// rolled back whole, and the id constraint refuses a second node with the same id.
UNWIND $households AS h
CREATE (n:Household {id: h.id})
SET n.run = $run, n.address = h.address, n.ties = h.ties, n.change = h.change, n.size = size(h.members)
WITH n, h
CALL (n, h) {
  MATCH (f:FraudRing {id: h.ring})
  CREATE (n)-[:PART_OF]->(f)
}
WITH n, h
UNWIND h.members AS cid
MATCH (c:Customer {customer_id: cid})
CREATE (c)-[:MEMBER_OF]->(n)
