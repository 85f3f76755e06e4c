// The accounts of each candidate ring's members, with where and when they were opened.
// Parameters: rings (list of {id, members: [customer_id]}), e.g. [{id: "FR-000001", members: ["C0000001"]}].
// Returns: ring, customer_id, account_no, opened_at (LocalDateTime), device_id (null when opened
// in a branch), trusted (the opening device's is_trusted, or null).
UNWIND $rings AS ring
UNWIND ring.members AS cid
MATCH (c:Customer {customer_id: cid})-[:HOLDS]->(a:Account)
OPTIONAL MATCH (a)-[:OPENED_ON]->(d:Device)
RETURN ring.id AS ring, cid AS customer_id, a.account_no AS account_no, a.opened_at AS opened_at,
       d.device_id AS device_id, d.is_trusted AS trusted
