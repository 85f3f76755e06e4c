// Purpose: the accounts each customer holds, with the holder's role.
// Param ids (list<string>) = ["C000000001"]
// Column id (string), account (map: Account properties), role (string: primary|joint), since
UNWIND $ids AS id
MATCH (:Customer {customer_id: id})-[h:HOLDS]->(a:Account)
RETURN id, a {.*} AS account, h.role AS role, h.since AS since
ORDER BY id, a.account_no
