// Purpose: A customer's household, as the last `c360 rings detect` wrote it back: the household, the
//   ring it sits in (if any), and one row per member (the customer included) with what ties them to
//   the others: the home, devices and other identifiers they share and the accounts they hold
//   together, plus the family ties detection found with their reasons. No row when the customer
//   is in no household.
// Param customer_id (string) = "CUS700000001": the customer whose household is looked up (the
//   example is the test bank's planted family; elsewhere take one from
//   `MATCH (c:Customer)-[:MEMBER_OF]->(:Household) RETURN c.customer_id LIMIT 5`)
// Param limit (int) = 50: most members returned
// Column household_id (string): the household
// Column home (string): the home address (canonical form) the household was found at
// Column ring_id (string?): the fraud ring the household is part of (null: none)
// Column customer_id (string): a member
// Column full_name (string?): their name
// Column date_of_birth (date?): their birth date (ages are one reason two people are family)
// Column shared_identifiers (list<string>): "Kind value" of each identifier or device this member
//   shares with other members, most-shared first
// Column joint_accounts (list<string>): accounts this member holds together with another member
// Column linked_members (list<string>): the other members sharing one of those, sorted
// Column ties (string): the family ties as JSON: pairs of members and why they are family
//   (surname, joint_account, ages)
// Anchored on the Customer key; what members share is found by grouping the members' own links,
// never by expanding an identifier or account, so a hub costs one hop per member on it.
MATCH (:Customer {customer_id: $customer_id})-[:MEMBER_OF]->(h:Household)
CALL (h) {
  MATCH (h)<-[:MEMBER_OF]-(c:Customer)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES|HOLDS]->(i)
  WITH i, collect(DISTINCT c.customer_id) AS users
  WHERE size(users) >= 2
  WITH [l IN labels(i) WHERE l <> 'Identifier'][0] AS kind,
       coalesce(i.e164, i.address, i.key, i.value, i.device_id, i.account_no) AS key, users
  ORDER BY size(users) DESC, kind, key
  RETURN collect({kind: kind, key: key, users: users}) AS shared
}
MATCH (h)<-[:MEMBER_OF]-(c:Customer)
WITH h, shared, c
ORDER BY c.customer_id
LIMIT $limit
WITH h, c, [s IN shared WHERE c.customer_id IN s.users] AS mine
RETURN h.id AS household_id,
       h.address AS home,
       COLLECT { MATCH (h)-[:PART_OF]->(r:FraudRing) RETURN r.id ORDER BY r.id }[0] AS ring_id,
       c.customer_id AS customer_id,
       c.full_name AS full_name,
       c.date_of_birth AS date_of_birth,
       [s IN mine WHERE s.kind <> 'Account' | s.kind + ' ' + s.key] AS shared_identifiers,
       [s IN mine WHERE s.kind = 'Account' | s.key] AS joint_accounts,
       COLLECT { UNWIND mine AS s UNWIND s.users AS u WITH u WHERE u <> c.customer_id
                 RETURN DISTINCT u ORDER BY u } AS linked_members,
       h.ties AS ties
ORDER BY household_id, customer_id
