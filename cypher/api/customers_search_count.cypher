// Purpose: how many customers customers_search matches (its totalCount); same params, no cursor.
// Column total (int)
CALL () {
  CALL db.index.fulltext.queryNodes('customer_name_fulltext', $name_query) YIELD node
  RETURN node AS c
  UNION
  MATCH (c:Customer)-[:HAS_PHONE]->(:Phone {e164: $phone}) RETURN c
  UNION
  MATCH (c:Customer)-[:HAS_EMAIL]->(:Email {address: $email}) RETURN c
  UNION
  MATCH (c:Customer)-[:HAS_ID]->(:NationalId {value: $national_id}) RETURN c
  UNION
  MATCH (c:Customer)-[:HOLDS]->(:Account {account_no: $account_no}) RETURN c
}
WITH c
WHERE ($segment IS NULL OR c.segment = $segment)
  AND ($customer_type IS NULL OR c.customer_type = $customer_type)
  AND ($kyc_level IS NULL OR c.kyc_level = $kyc_level)
  AND ($in_ring IS NULL OR $in_ring = EXISTS { (c)-[:MEMBER_OF]->(:FraudRing) })
RETURN count(c) AS total
