// First load into an empty graph only: the links of transactions (created by
// insert_transactions_nodes), in one pass over the page: one index seek per transaction instead
// of one per link type. Links are CREATEd (nothing exists yet to match, and a retried batch is
// rolled back whole); the shared ExternalAccount is MERGEd. SENT, TO, PAID and FROM_DEVICE appear
// only when their end is in the graph, as in upsert_transactions.
// Parameters: $rows: [{txn_id: 'TXN…', from_account_no: '10…', to_account_no: null,
//   merchant_id: 'MER…', external: null or {key: 'VCB:0123', bank: 'VCB', account: '0123'},
//   device_id: 'fp-…' or null}]
UNWIND $rows AS row
MATCH (t:Transaction {txn_id: row.txn_id})
CALL (t, row) {
  MATCH (a:Account {account_no: row.from_account_no})
  CREATE (a)-[:SENT]->(t)
}
CALL (t, row) {
  MATCH (a:Account {account_no: row.to_account_no})
  CREATE (t)-[:TO]->(a)
}
CALL (t, row) {
  MATCH (m:Merchant {merchant_id: row.merchant_id})
  CREATE (t)-[:PAID]->(m)
}
CALL (t, row) {
  MATCH (d:Device {device_id: row.device_id})
  CREATE (t)-[:FROM_DEVICE]->(d)
}
CALL (t, row) {
  UNWIND [x IN [row.external] WHERE x IS NOT NULL] AS ext
  MERGE (x:ExternalAccount {key: ext.key})
    ON CREATE SET x.bank = ext.bank, x.account = ext.account
  CREATE (t)-[:TO_EXTERNAL]->(x)
}
