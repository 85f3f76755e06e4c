// Purpose: how many customers customers_list's filters match (its totalCount). Without filters
//   this is read from the count store, in constant time.
// Param segment, customer_type, kyc_level, in_ring as in customers_list
// Column total (int)
CALL () {
  WITH 1 AS unfiltered
  WHERE $segment IS NULL AND $customer_type IS NULL AND $kyc_level IS NULL AND $in_ring IS NULL
  MATCH (c:Customer)
  RETURN count(c) AS total
  UNION ALL
  WITH 1 AS filtered
  WHERE NOT ($segment IS NULL AND $customer_type IS NULL AND $kyc_level IS NULL AND $in_ring IS NULL)
  MATCH (c:Customer)
  WHERE ($segment IS NULL OR c.segment = $segment)
    AND ($customer_type IS NULL OR c.customer_type = $customer_type)
    AND ($kyc_level IS NULL OR c.kyc_level = $kyc_level)
    AND ($in_ring IS NULL OR $in_ring = EXISTS { (c)-[:MEMBER_OF]->(:FraudRing) })
  RETURN count(c) AS total
}
RETURN sum(total) AS total
