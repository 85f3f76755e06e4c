// Money moved between the accounts of one candidate ring's members (TRANSFERRED_TO summaries).
// Parameters: rings (list of {id, members: [customer_id]}).
// Returns: ring, from_account, to_account, count, total_vnd; each account pair once, even when
// an account has joint holders.
UNWIND $rings AS ring
UNWIND ring.members AS cid
MATCH (:Customer {customer_id: cid})-[:HOLDS]->(a:Account)-[t:TRANSFERRED_TO]->(b:Account)<-[:HOLDS]-(o:Customer)
WHERE o.customer_id IN ring.members
WITH DISTINCT ring.id AS ring, a.account_no AS from_account, b.account_no AS to_account,
     t.count AS count, t.total_vnd AS total_vnd
RETURN ring, from_account, to_account, count, total_vnd
