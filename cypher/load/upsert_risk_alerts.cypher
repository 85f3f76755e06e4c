// Upsert risk alerts on their customer, and the transaction or account they fired on.
// Parameters: $rows: [{alert_id: 1, customer_id: 'CUS…', txn_id: 'TXN…' or null,
//   account_no: '10…' or null, props: {rule: 'untrusted_device', severity: 3, ...}}]
UNWIND $rows AS row
MERGE (r:RiskAlert {alert_id: row.alert_id})
SET r += row.props
WITH r, row
CALL (r, row) {
  MATCH (c:Customer {customer_id: row.customer_id})
  MERGE (c)-[:HAS_ALERT]->(r)
}
CALL (r, row) {
  MATCH (t:Transaction {txn_id: row.txn_id})
  MERGE (r)-[:ON_TRANSACTION]->(t)
}
CALL (r, row) {
  MATCH (a:Account {account_no: row.account_no})
  MERGE (r)-[:ON_ACCOUNT]->(a)
}
