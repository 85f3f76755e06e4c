// First load into an empty graph only: risk alerts to their customer, and the transaction or
// account they fired on, CREATEd (nothing exists yet to match).
// Parameters: $rows: [{alert_id: 1, customer_id: 'CUS…', txn_id: 'TXN…' or null,
//   account_no: '10…' or null}]
UNWIND $rows AS row
MATCH (r:RiskAlert {alert_id: row.alert_id})
CALL (r, row) {
  MATCH (c:Customer {customer_id: row.customer_id})
  CREATE (c)-[:HAS_ALERT]->(r)
}
CALL (r, row) {
  MATCH (t:Transaction {txn_id: row.txn_id})
  CREATE (r)-[:ON_TRANSACTION]->(t)
}
CALL (r, row) {
  MATCH (a:Account {account_no: row.account_no})
  CREATE (r)-[:ON_ACCOUNT]->(a)
}
