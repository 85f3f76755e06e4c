// Write this run's rings: (:FraudRing {id, score, status, run, change, change_detail, evidence})
// with (:Customer)-[:MEMBER_OF]->(ring). evidence is a JSON string (see docs/analytics.md).
// Parameters: run (int), rings (list of {id, score, status, change, change_detail, evidence,
// members: [customer_id]}). MERGE on id: a retried batch writes the same thing again.
UNWIND $rings AS r
MERGE (f:FraudRing {id: r.id})
SET f.score = r.score, f.status = r.status, f.run = $run, f.change = r.change,
    f.change_detail = r.change_detail, f.evidence = r.evidence, f.size = size(r.members)
WITH f, r
UNWIND r.members AS cid
MATCH (c:Customer {customer_id: cid})
MERGE (c)-[:MEMBER_OF]->(f)
