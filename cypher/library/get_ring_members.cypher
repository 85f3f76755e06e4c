// Purpose: A fraud ring's members and the evidence against it, as the last `c360 rings detect`
//   wrote it back: one row per member with the ring's score and status, the household inside the
//   ring the member belongs to (if any), the identifiers and devices the member shares with other
//   members and who those members are, and the ring's evidence (the numbers behind the score).
// Param ring_id (string) = "FR-000001": the ring's stable ID (numbered from FR-000001 in the order
//   detection first found them; `c360 rings report` lists them)
// Param limit (int) = 100: most members returned
// Column ring_id (string): the ring
// Column score (float): its score, 0 to 100
// Column status (string): open, confirmed, dismissed or reopened
// Column customer_id (string): a member
// Column full_name (string?): their name
// Column household_id (string?): the household inside the ring this member belongs to (null: none)
// Column shared_identifiers (list<string>): "Kind value" of each identifier or device this member
//   shares with other members, most-shared first
// Column linked_members (list<string>): the other members sharing one of those, sorted
// Column evidence (string): the ring's evidence as JSON: identifiers tying it (with how many members
//   each), money between members, opening bursts, untrusted devices, alerts, households
// Anchored on the FraudRing id constraint. Shared identifiers are found by grouping the members' own
// links, never by expanding an identifier: a kiosk with thousands of customers costs one hop per
// member that uses it. Hubs are not left out here (detection does), so a hub a member happens to
// share shows up too; the evidence names only the identifiers that tied the ring.
MATCH (r:FraudRing {id: $ring_id})
CALL (r) {
  MATCH (r)<-[:MEMBER_OF]-(c:Customer)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES]->(i)
  WITH i, collect(DISTINCT c.customer_id) AS users
  WHERE size(users) >= 2
  WITH [l IN labels(i) WHERE l <> 'Identifier'][0] + ' ' +
       coalesce(i.e164, i.address, i.key, i.value, i.device_id) AS name, users
  ORDER BY size(users) DESC, name
  RETURN collect({name: name, users: users}) AS shared
}
MATCH (r)<-[:MEMBER_OF]-(c:Customer)
WITH r, shared, c
ORDER BY c.customer_id
LIMIT $limit
WITH r, c, [s IN shared WHERE c.customer_id IN s.users] AS mine
RETURN r.id AS ring_id,
       r.score AS score,
       r.status AS status,
       c.customer_id AS customer_id,
       c.full_name AS full_name,
       COLLECT { MATCH (c)-[:MEMBER_OF]->(h:Household)-[:PART_OF]->(r) RETURN h.id ORDER BY h.id }[0]
         AS household_id,
       [s IN mine | s.name] AS shared_identifiers,
       COLLECT { UNWIND mine AS s UNWIND s.users AS u WITH u WHERE u <> c.customer_id
                 RETURN DISTINCT u ORDER BY u } AS linked_members,
       r.evidence AS evidence
ORDER BY customer_id
