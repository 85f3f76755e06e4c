// Purpose: the customers holding each account.
// Param ids (list<string>) = ["100000000010"]
// Column id (string: account_no), customer (map), role (string), since
UNWIND $ids AS no
MATCH (:Account {account_no: no})<-[h:HOLDS]-(c:Customer)
RETURN no AS id, c {.*} AS customer, h.role AS role, h.since AS since
ORDER BY id, h.role DESC, c.customer_id
