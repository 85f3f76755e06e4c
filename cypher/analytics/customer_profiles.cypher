// What household typing needs per customer: name, birth date, home addresses, joint holders.
// Parameters: ids (list of customer_id). Returns: customer_id, full_name, date_of_birth (Date or
// null), homes (Address keys linked with kind "home"), joint_with (customer_ids holding an
// account together with this customer).
UNWIND $ids AS id
MATCH (c:Customer {customer_id: id})
RETURN id AS customer_id, c.full_name AS full_name, c.date_of_birth AS date_of_birth,
       COLLECT { MATCH (c)-[:LIVES_AT {kind: 'home'}]->(a:Address) RETURN DISTINCT a.key } AS homes,
       COLLECT { MATCH (c)-[:HOLDS]->(:Account)<-[:HOLDS]-(o:Customer) WHERE o <> c
                 RETURN DISTINCT o.customer_id } AS joint_with
