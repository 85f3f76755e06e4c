// Purpose: per customer, how many accounts, devices, identifiers, alerts and transactions
//   (sent or received by their accounts). Degree lookups except transactions, which count
//   one relationship per transaction.
// Param ids (list<string>) = ["C000000001"]
// Column id (string), accounts, devices, identifiers, alerts, transactions (int)
UNWIND $ids AS id
MATCH (c:Customer {customer_id: id})
RETURN id,
       COUNT { (c)-[:HOLDS]->() } AS accounts,
       COUNT { (c)-[:USES]->() } AS devices,
       COUNT { (c)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->() } AS identifiers,
       COUNT { (c)-[:HAS_ALERT]->() } AS alerts,
       COUNT { (c)-[:HOLDS]->()-[:SENT]->() } + COUNT { (c)-[:HOLDS]->()<-[:TO]-() } AS transactions
