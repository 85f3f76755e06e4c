// Purpose: The top hubs: identifiers and devices shared by the most customers. A branch kiosk, a
//   placeholder phone or public Wi-Fi shows up here; ring detection must not let these glue
//   unrelated people together, and a hub nobody can explain is worth a look.
// Param min_customers (int) = 2: fewest customers that make a hub
// Param limit (int) = 20: most hubs returned
// Column identifier_kind (string): Phone, Email, Address, NationalId, IP or Device
// Column identifier (string): the normalized value, or the device id
// Column customers (int): how many customers have or use it
// Column sample_customer_ids (list<string>): up to five of them, sorted
// Ranked by relationship count, which the store keeps per node (no expansion); the exact number of
// distinct customers (one customer may list a value twice) is computed for the top rows only.
CALL () {
  MATCH (i:Identifier)
  RETURN i, COUNT { (i)<-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]-() } AS links
  UNION ALL
  MATCH (i:Device)
  RETURN i, COUNT { (i)<-[:USES]-() } AS links
}
WITH i, links
WHERE links >= $min_customers
ORDER BY links DESC
LIMIT $limit
WITH i, COLLECT { MATCH (i)<-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP|USES]-(c:Customer)
                  RETURN DISTINCT c.customer_id AS id ORDER BY id } AS ids
WHERE size(ids) >= $min_customers
RETURN [l IN labels(i) WHERE l <> 'Identifier'][0] AS identifier_kind,
       coalesce(i.e164, i.address, i.key, i.value, i.device_id) AS identifier,
       size(ids) AS customers,
       ids[..5] AS sample_customer_ids
ORDER BY customers DESC, identifier_kind, identifier
