// Purpose: the shortest connection between two customers through shared identifiers, devices,
//   accounts they hold and money between accounts, at most 8 relationships, avoiding hubs
//   (identifiers and devices with more than hub_limit relationships). No row: not connected.
// Param from_id (string) = "C000000001", to_id (string) = "C000000026", hub_limit (int) = 12
// Column nodes (list<map>: {label, key}), types (list<string>: relationship types, in order)
MATCH (a:Customer {customer_id: $from_id})
MATCH (b:Customer {customer_id: $to_id})
// The bound is a literal: Cypher takes no parameter there.
MATCH p = shortestPath((a)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES|HOLDS|TRANSFERRED_TO*..8]-(b))
WHERE all(n IN nodes(p) WHERE n:Customer OR n:Account
          OR COUNT { (n)<-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES]-() } <= $hub_limit)
RETURN [n IN nodes(p) | {
          label: [l IN labels(n) WHERE l <> 'Identifier'][0],
          key: coalesce(n.customer_id, n.account_no, n.device_id, n.e164, n.address, n.key, n.value)
        }] AS nodes,
       [r IN relationships(p) | type(r)] AS types
