// Purpose: The shortest connection between two customers through shared identifiers, devices,
//   accounts they hold and money transferred between accounts (either direction), at most 8
//   relationships long. No row when they are not connected within 8.
// Param from_customer_id (string) = "CUS000000001": one customer
// Param to_customer_id (string) = "CUS000000026": the other customer
// Column hops (int): relationships on the path
// Column steps (list<string>): each node on the path as "Label key", in order
// Column path (path): the path itself (drawn as a graph in Browser)
MATCH (a:Customer {customer_id: $from_customer_id})
MATCH (b:Customer {customer_id: $to_customer_id})
// The bound is a literal: Cypher takes no parameter there. 8 reaches customer-identifier-customer
// chains of four, or customer-account-transfer chains across three accounts.
MATCH p = shortestPath(
  (a)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES|HOLDS|TRANSFERRED_TO*..8]-(b)
)
RETURN length(p) AS hops,
       [n IN nodes(p) |
         [l IN labels(n) WHERE l <> 'Identifier'][0] + ' ' +
         coalesce(n.customer_id, n.account_no, n.device_id, n.e164, n.address, n.key, n.value)
       ] AS steps,
       p AS path
