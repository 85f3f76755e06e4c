// Write this run's rings: (:FraudRing {id, score, status, run, change, change_detail, evidence})
// with (:Customer)-[:MEMBER_OF]->(ring). evidence is a JSON string (see docs/analytics.md).
// Parameters: run (int), rings (list of {id, score, status, change, change_detail, evidence,
// members: [customer_id]}). Runs right after clear_results, so the nodes and relationships are
// CREATEd; a retried batch is rolled back whole, and the id constraint refuses a second node.
UNWIND $rings AS r
CREATE (f:FraudRing {id: r.id})
SET f.score = r.score, f.status = r.status, f.run = $run, f.change = r.change,
    f.change_detail = r.change_detail, f.evidence = r.evidence, f.size = size(r.members)
WITH f, r
UNWIND r.members AS cid
MATCH (c:Customer {customer_id: cid})
CREATE (c)-[:MEMBER_OF]->(f)
