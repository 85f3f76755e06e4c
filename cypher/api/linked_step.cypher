// Purpose: one hop of `linkedCustomers`: for each customer in the frontier, the customers one
//   link away and why: a shared identifier or device (not a hub: shared by at most hub_limit
//   customers, since a kiosk or an office address links strangers), a joint account, or money
//   between their accounts.
// Param ids (list<string>) = ["C000000001"]: the frontier
// Param hub_limit (int) = 12
// Param limit (int) = 500: most links returned for the whole frontier
// Column id (string: from), other (string: to), kind (phone|email|address|national_id|ip|device|
//   joint_account|transfer), value (string: the identifier, device or account), other_account
//   (string|null: the other side's account of a transfer), direction (sent|received|null),
//   transfers (int|null), total_vnd (int|null)
UNWIND $ids AS id
MATCH (a:Customer {customer_id: id})
CALL (a) {
  MATCH (a)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->(i:Identifier)
  WHERE COUNT { (i)<--() } <= $hub_limit
  MATCH (i)<-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]-(b:Customer)
  WHERE b <> a
  RETURN b,
         CASE WHEN i:Phone THEN 'phone' WHEN i:Email THEN 'email' WHEN i:Address THEN 'address'
              WHEN i:NationalId THEN 'national_id' ELSE 'ip' END AS kind,
         coalesce(i.e164, i.address, i.key, i.value) AS value,
         null AS other_account, null AS direction, null AS transfers, null AS total_vnd
  UNION
  MATCH (a)-[:USES]->(d:Device)
  WHERE COUNT { (d)<-[:USES]-() } <= $hub_limit
  MATCH (d)<-[:USES]-(b:Customer)
  WHERE b <> a
  RETURN b, 'device' AS kind, d.device_id AS value,
         null AS other_account, null AS direction, null AS transfers, null AS total_vnd
  UNION
  MATCH (a)-[:HOLDS]->(acc:Account)<-[:HOLDS]-(b:Customer)
  WHERE b <> a
  RETURN b, 'joint_account' AS kind, acc.account_no AS value,
         null AS other_account, null AS direction, null AS transfers, null AS total_vnd
  UNION
  MATCH (a)-[:HOLDS]->(x:Account)-[t:TRANSFERRED_TO]-(y:Account)<-[:HOLDS]-(b:Customer)
  WHERE b <> a
  RETURN b, 'transfer' AS kind, x.account_no AS value, y.account_no AS other_account,
         CASE WHEN startNode(t) = x THEN 'sent' ELSE 'received' END AS direction,
         t.count AS transfers, t.total_vnd AS total_vnd
}
RETURN id, b.customer_id AS other, kind, value, other_account, direction, transfers, total_vnd
ORDER BY id, other, kind, value
LIMIT $limit
