// Purpose: each customer's identifiers (phone, e-mail, address, national ID, IP), with how many
//   other customers share each one. The count is a degree lookup, cheap even for a hub.
// Param ids (list<string>) = ["C000000001"]
// Column id (string), kind (string: phone|email|address|national_id|ip), value (string: the
//   normalized key), raw (string|null: as entered), is_primary (bool|null), shared_with (int)
UNWIND $ids AS id
MATCH (:Customer {customer_id: id})-[r:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->(i:Identifier)
RETURN id,
       CASE WHEN i:Phone THEN 'phone' WHEN i:Email THEN 'email' WHEN i:Address THEN 'address'
            WHEN i:NationalId THEN 'national_id' ELSE 'ip' END AS kind,
       coalesce(i.e164, i.address, i.key, i.value) AS value,
       coalesce(r.raw, i.raw) AS raw,
       r.is_primary AS is_primary,
       COUNT { (i)<--() } - 1 AS shared_with
ORDER BY id, kind, value
