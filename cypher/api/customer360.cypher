// Purpose: the Customer 360 in one round trip: each customer's profile, identifiers, accounts,
//   devices, ring and household memberships, latest alerts and counts, and, when the query asks
//   for them, the level below: the newest transactions of each account, each device's users, the
//   households and rings with their members. The API runs it when a query asks for a customer's
//   relations and primes its loaders with the result; the per-relation queries (identifiers_of,
//   account_transactions, device_users, households_by_id, ...) read the same things for
//   customers reached deeper in a query, and a test checks that both give the same answer.
// Param ids (list<string>) = ["C000000001"]
// Param alerts (int) = 20: most alerts per customer
// Param transactions (int) = 10: newest transactions per account (0: none are read)
// Param co_users (int) = 11: first users of each device, by customer ID (0: none are read)
// Param households (bool) = true, rings (bool) = true: read the customer's household and rings
// Param household_members (bool) = true, ring_members (bool) = true: and their members' profiles
// Column customer (map), identifiers, accounts, devices, groups, alerts (lists of maps shaped
//   like the rows of the per-relation queries), counts (map); transactions (rows of
//   account_transactions), co_users (rows of device_users), households (rows of
//   households_by_id), rings (rows of rings_by_id), members (customer maps)
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
   transactions: COUNT { (c)-[:HOLDS]->()-[:SENT]->() } + COUNT { (c)-[:HOLDS]->()<-[:TO]-() }} AS counts,
  COLLECT {
    MATCH (c)-[:HOLDS]->(a:Account)
    WHERE $transactions > 0
    CALL (a) {
      CALL (a) {
        MATCH (a)-[:SENT]->(t:Transaction) RETURN t
        UNION
        MATCH (t:Transaction)-[:TO]->(a) RETURN t
      }
      RETURN t ORDER BY t.occurred_at DESC, t.txn_id DESC LIMIT $transactions
    }
    OPTIONAL MATCH (t)-[:TO]->(to:Account)
    OPTIONAL MATCH (t)-[:PAID]->(m:Merchant)
    OPTIONAL MATCH (t)-[:TO_EXTERNAL]->(x:ExternalAccount)
    WITH a.account_no AS no, t, to, m, x
    RETURN {id: no, txn: t {.*},
            direction: CASE WHEN t.from_account_no = no AND to.account_no = no THEN 'SELF'
                            WHEN t.from_account_no = no THEN 'OUT' ELSE 'IN' END,
            to_account: to.account_no, merchant_id: m.merchant_id, merchant_name: m.name,
            external: x.key}
    ORDER BY no, t.occurred_at DESC, t.txn_id DESC
  } AS transactions,
  COLLECT {
    MATCH (c)-[:USES]->(d:Device)
    WHERE $co_users > 0
    CALL (d) {
      MATCH (d)<-[u:USES]-(o:Customer)
      RETURN o, u ORDER BY o.customer_id LIMIT $co_users
    }
    RETURN {id: d.device_id, customer: o {.*}, first_seen: u.first_seen, last_seen: u.last_seen,
            logins: u.logins}
    ORDER BY d.device_id, o.customer_id
  } AS co_users,
  COLLECT {
    MATCH (c)-[:MEMBER_OF]->(h:Household)
    WHERE $households
    RETURN {household: h {.*},
            members: COLLECT { MATCH (h)<-[:MEMBER_OF]-(o:Customer) RETURN o.customer_id ORDER BY o.customer_id },
            ring: COLLECT { MATCH (h)-[:PART_OF]->(f:FraudRing) RETURN f.id }[0]}
  } AS households,
  COLLECT {
    MATCH (c)-[:MEMBER_OF]->(f:FraudRing)
    WHERE $rings
    RETURN {ring: f {.*},
            members: COLLECT { MATCH (f)<-[:MEMBER_OF]-(o:Customer) RETURN o.customer_id ORDER BY o.customer_id },
            households: COLLECT { MATCH (f)<-[:PART_OF]-(h:Household) RETURN h.id ORDER BY h.id }}
  } AS rings,
  COLLECT {
    MATCH (c)-[:MEMBER_OF]->(g)<-[:MEMBER_OF]-(o:Customer)
    WHERE (g:Household AND $household_members) OR (g:FraudRing AND $ring_members)
    RETURN DISTINCT o {.*}
  } AS members
