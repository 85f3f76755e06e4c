// Purpose: Money that goes round: simple cycles of 2 to 5 accounts over the aggregated
//   TRANSFERRED_TO relationships, each reported once (the rotation that starts at its lowest
//   account number), with every leg moving at least $min_leg_vnd in total.
// Param min_leg_vnd (int) = 1000000: a leg's total (VND) below this does not count as a leg
// Param limit (int) = 50: most cycles returned
// Column accounts (list<string>): the cycle's accounts, starting at the lowest account number
// Column holders (list<string?>): each account's holder (the primary one where marked), in the same order
// Column hops (int): transfers in the cycle (2 to 5)
// Column min_leg_vnd (int): the smallest leg total: at most this much can have gone all the way round
// Column total_vnd (int): all legs' totals added up
// Column path (path): the cycle (drawn as a graph in Browser)
// Only accounts that both send and receive can be on a cycle: a cheap degree check before expanding.
MATCH (a:Account)
WHERE EXISTS { (a)-[:TRANSFERRED_TO]->() } AND EXISTS { (a)<-[:TRANSFERRED_TO]-() }
// Bounds are literals (Cypher takes no parameter there). The predicates on every node and leg prune
// the expansion as it goes: the rotation starting at the lowest account number is the only one kept.
MATCH p = (a)-[legs:TRANSFERRED_TO*2..5]->(a)
WHERE all(n IN nodes(p) WHERE n.account_no >= a.account_no)
  AND all(r IN legs WHERE r.total_vnd >= $min_leg_vnd)
WITH p, legs, nodes(p)[..-1] AS ring
// A simple cycle: no account twice (relationship uniqueness alone allows figure-eights).
WHERE all(x IN ring WHERE single(y IN ring WHERE y = x))
RETURN [n IN ring | n.account_no] AS accounts,
       [n IN ring | COLLECT { MATCH (c:Customer)-[h:HOLDS]->(n)
                              RETURN c.customer_id ORDER BY h.role <> 'primary', c.customer_id LIMIT 1 }[0]]
         AS holders,
       size(legs) AS hops,
       reduce(m = head(legs).total_vnd, r IN legs | CASE WHEN r.total_vnd < m THEN r.total_vnd ELSE m END)
         AS min_leg_vnd,
       reduce(s = 0, r IN legs | s + r.total_vnd) AS total_vnd,
       p AS path
ORDER BY min_leg_vnd DESC, accounts
LIMIT $limit
