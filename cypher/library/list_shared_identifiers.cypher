// Purpose: The identifiers and devices one customer shares with other customers, and who those
//   others are. The first thing to look at when a customer is suspected of being in a ring.
// Param customer_id (string) = "CUS000000001": the customer whose identifiers are looked at
// Param max_others (int) = 20: most other customer ids listed per identifier
// Param limit (int) = 50: most identifiers returned
// Column identifier_kind (string): Phone, Email, Address, NationalId, IP or Device
// Column identifier (string): the normalized value (E.164 phone, e-mail, address key, ...)
// Column shared_with (int): how many other customers have it
// Column other_customer_ids (list<string>): up to $max_others of them, sorted
MATCH (c:Customer {customer_id: $customer_id})
      -[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES]->(i)
      <-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES]-(other:Customer)
WHERE other <> c
WITH i, other
ORDER BY other.customer_id
WITH i, collect(DISTINCT other.customer_id) AS others
RETURN [l IN labels(i) WHERE l <> 'Identifier'][0] AS identifier_kind,
       coalesce(i.e164, i.address, i.key, i.value, i.device_id) AS identifier,
       size(others) AS shared_with,
       others[..$max_others] AS other_customer_ids
ORDER BY shared_with DESC, identifier_kind, identifier
LIMIT $limit
