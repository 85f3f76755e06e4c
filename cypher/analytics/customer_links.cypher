// Every identifier link of the given customers. Parameters: ids (list of customer_id), e.g.
// ["C0000001"]. Returns: customer_id, kind (device|phone|email|address|national_id|ip), key.
// Duplicated links (a phone typed twice) come back once.
UNWIND $ids AS id
MATCH (c:Customer {customer_id: id})-[r:USES|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->(i)
WITH DISTINCT id, type(r) AS t, i
RETURN id AS customer_id,
       CASE t WHEN 'USES' THEN 'device' WHEN 'HAS_PHONE' THEN 'phone' WHEN 'HAS_EMAIL' THEN 'email'
              WHEN 'LIVES_AT' THEN 'address' WHEN 'HAS_ID' THEN 'national_id' ELSE 'ip' END AS kind,
       coalesce(i.device_id, i.e164, i.key, i.value, i.address) AS key
