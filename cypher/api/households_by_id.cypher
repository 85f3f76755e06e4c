// Purpose: households by ID, with their member IDs and the ring they are part of, if any.
// Param ids (list<string>) = ["HS-000001"]
// Column household (map: id, run, address, ties (JSON), change, size), members (list<string>),
//   ring (string|null)
UNWIND $ids AS hid
MATCH (h:Household {id: hid})
RETURN h {.*} AS household,
       COLLECT { MATCH (h)<-[:MEMBER_OF]-(c:Customer) RETURN c.customer_id ORDER BY c.customer_id } AS members,
       COLLECT { MATCH (h)-[:PART_OF]->(f:FraudRing) RETURN f.id }[0] AS ring
