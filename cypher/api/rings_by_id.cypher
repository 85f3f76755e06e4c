// Purpose: fraud rings by ID, with their member IDs and the households inside.
// Param ids (list<string>) = ["FR-000001"]
// Column ring (map: id, score, status, run, change, change_detail, evidence (JSON), size),
//   members (list<string>), households (list<string>)
UNWIND $ids AS rid
MATCH (f:FraudRing {id: rid})
RETURN f {.*} AS ring,
       COLLECT { MATCH (f)<-[:MEMBER_OF]-(c:Customer) RETURN c.customer_id ORDER BY c.customer_id } AS members,
       COLLECT { MATCH (f)<-[:PART_OF]-(h:Household) RETURN h.id ORDER BY h.id } AS households
