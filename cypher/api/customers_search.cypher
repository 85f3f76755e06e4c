// Purpose: customers matching a search: a name (full-text, accents folded), a phone, an e-mail,
//   a national ID or an account number; the caller normalizes each form. Then filters, then one
//   page in ID order (customers_search_count gives the total).
// Param name_query (string) = "nguyen AND an": a Lucene query over customer_name_fulltext
// Param phone (string|null) = "+84912345678", email (string|null) = null,
//   national_id (string|null) = null, account_no (string|null) = null
// Param segment, customer_type, kyc_level, in_ring: as in customers_list
// Param after (string|null) = null, limit (int) = 21
// Column customer (map)
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
WHERE c.customer_id > coalesce($after, '')
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($customer_type IS NULL OR c.customer_type = $customer_type)
  AND ($kyc_level IS NULL OR c.kyc_level = $kyc_level)
  AND ($in_ring IS NULL OR $in_ring = EXISTS { (c)-[:MEMBER_OF]->(:FraudRing) })
RETURN c {.*} AS customer
ORDER BY c.customer_id
LIMIT $limit
