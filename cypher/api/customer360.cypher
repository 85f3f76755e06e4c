// Purpose: the first level of the Customer 360 in one round trip: each customer's profile,
//   identifiers, accounts, devices, ring and household memberships, latest alerts and counts.
//   The API runs it when a query asks for a customer's relations, and primes its loaders with
//   the result; the per-relation queries (identifiers_of, accounts_of, ...) read the same things
//   for customers reached deeper in a query.
// Param ids (list<string>) = ["C000000001"]
// Param alerts (int) = 20: most alerts per customer
// Column customer (map), identifiers, accounts, devices, groups, alerts (lists of maps shaped
//   like the rows of the per-relation queries), counts (map)
UNWIND $ids AS id
MATCH (c:Customer {customer_id: id})
RETURN c {.*} AS customer,
  COLLECT {
    MATCH (c)-[r:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->(i:Identifier)
    WITH r, i,
         CASE WHEN i:Phone THEN 'phone' WHEN i:Email THEN 'email' WHEN i:Address THEN 'address'
              WHEN i:NationalId THEN 'national_id' ELSE 'ip' END AS kind,
         coalesce(i.e164, i.address, i.key, i.value) AS value
    RETURN {id: id, kind: kind, value: value, raw: coalesce(r.raw, i.raw), is_primary: r.is_primary,
            shared_with: COUNT { (i)<--() } - 1}
    ORDER BY kind, value
  } AS identifiers,
  COLLECT {
    MATCH (c)-[h:HOLDS]->(a:Account)
    RETURN {id: id, account: a {.*}, role: h.role, since: h.since} ORDER BY a.account_no
  } AS accounts,
  COLLECT {
    MATCH (c)-[u:USES]->(d:Device)
    RETURN {id: id, device: d {.*}, first_seen: u.first_seen, last_seen: u.last_seen, logins: u.logins,
            users: COUNT { (d)<-[:USES]-() }}
    ORDER BY u.last_seen DESC, d.device_id
  } AS devices,
  COLLECT {
    MATCH (c)-[:MEMBER_OF]->(g)
    WITH g, CASE WHEN g:FraudRing THEN 'ring' ELSE 'household' END AS kind
    RETURN {id: id, kind: kind, group_id: g.id} ORDER BY kind, g.id
  } AS groups,
  COLLECT {
    MATCH (c)-[:HAS_ALERT]->(r:RiskAlert)
    WITH r ORDER BY r.raised_at DESC, r.alert_id LIMIT $alerts
    RETURN {id: id, alert: r {.*},
            txn_id: COLLECT { MATCH (r)-[:ON_TRANSACTION]->(t) RETURN t.txn_id }[0],
            account_no: COLLECT { MATCH (r)-[:ON_ACCOUNT]->(a) RETURN a.account_no }[0]}
  } AS alerts,
  {id: id,
   accounts: COUNT { (c)-[:HOLDS]->() },
   devices: COUNT { (c)-[:USES]->() },
   identifiers: COUNT { (c)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->() },
   alerts: COUNT { (c)-[:HAS_ALERT]->() },
   transactions: COUNT { (c)-[:HOLDS]->()-[:SENT]->() } + COUNT { (c)-[:HOLDS]->()<-[:TO]-() }} AS counts
