// Purpose: A customer's neighbourhood: everything one hop away (accounts, devices, identifiers,
//   alerts, the fraud ring or household detection put them in) and, two hops away, the other
//   customers who share one of those. Identifiers and devices shared by more than $max_shared
//   customers (kiosks, placeholder phones) are not followed: a hub would bury the real neighbours.
//   Shown as a graph in Browser; one row per path.
// Param customer_id (string) = "CUS000000001": the customer at the centre
// Param max_shared (int) = 25: identifiers or devices with more customers than this are not followed
// Param limit (int) = 200: most paths returned
// Column hops (int): 1 for the customer's own things, 2 for another customer reached through one
// Column via (string): the relationship type leaving the customer
// Column neighbour_label (string): label of the far end (Identifier left out)
// Column neighbour_key (string): business key of the far end
// Column path (path): the path from the customer to the far end
MATCH (c:Customer {customer_id: $customer_id})
CALL (c) {
  MATCH p = (c)-[]-(n)
  RETURN p, n, 1 AS hops
  UNION
  MATCH p = (c)-[:HOLDS|USES|USES_IP|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID]->(shared)
            <-[:HOLDS|USES|USES_IP|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID]-(n:Customer)
  WHERE n <> c AND COUNT { (shared)<-[]-(:Customer) } <= $max_shared
  RETURN p, n, 2 AS hops
}
RETURN hops,
       type(relationships(p)[0]) AS via,
       [l IN labels(n) WHERE l <> 'Identifier'][0] AS neighbour_label,
       coalesce(n.customer_id, n.account_no, n.device_id, n.e164, n.address, n.key, n.value,
                n.merchant_id, toString(n.alert_id), n.id) AS neighbour_key,
       p AS path
ORDER BY hops, via, neighbour_key
LIMIT $limit
