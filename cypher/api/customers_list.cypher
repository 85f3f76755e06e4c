// Purpose: one page of customers in ID order, filtered. Walks the customer_id index in order, so
//   a page costs its own size (plus what the filters skip), not the bank's.
// Param segment (string|null) = null, customer_type (string|null) = null,
//   kyc_level (int|null) = null, in_ring (bool|null) = null
// Param after (string|null) = null: the last customer_id of the previous page
// Param limit (int) = 21
// Column customer (map)
MATCH (c:Customer)
WHERE c.customer_id > coalesce($after, '')
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($customer_type IS NULL OR c.customer_type = $customer_type)
  AND ($kyc_level IS NULL OR c.kyc_level = $kyc_level)
  AND ($in_ring IS NULL OR $in_ring = EXISTS { (c)-[:MEMBER_OF]->(:FraudRing) })
RETURN c {.*} AS customer
ORDER BY c.customer_id
LIMIT $limit
