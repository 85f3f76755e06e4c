// Upsert transactions as nodes between the sending account and where the money went: another
// account (TO), a merchant (PAID) or an account at another bank (TO_EXTERNAL), with the device.
// The node exists for every live row; SENT only while the sending account is in the graph.
// Parameters: $rows: [{txn_id: 'TXN…', from_account_no: '10…', to_account_no: null,
//   merchant_id: 'MER…', external: null or {key: 'VCB:0123', bank: 'VCB', account: '0123'},
//   device_id: 'fp-…' or null, props: {amount_vnd: 250000, occurred_at: datetime, ...}}]
UNWIND $rows AS row
MERGE (t:Transaction {txn_id: row.txn_id})
SET t += row.props
WITH t, row
// An edited transaction may point elsewhere now: drop only the links that no longer match.
CALL (t, row) {
  OPTIONAL MATCH (t)-[old:TO_EXTERNAL]->(x:ExternalAccount)
  WHERE row.external IS NULL OR x.key <> row.external.key
  DELETE old
  RETURN collect(x) AS old_externals
}
CALL (t, row) {
  OPTIONAL MATCH (src:Account)-[old:SENT]->(t)
  WHERE src.account_no <> row.from_account_no
  DELETE old
}
CALL (t, row) {
  OPTIONAL MATCH (t)-[old:TO]->(dst:Account)
  WHERE row.to_account_no IS NULL OR dst.account_no <> row.to_account_no
  DELETE old
}
CALL (t, row) {
  OPTIONAL MATCH (t)-[old:PAID]->(m:Merchant)
  WHERE row.merchant_id IS NULL OR m.merchant_id <> row.merchant_id
  DELETE old
}
CALL (t, row) {
  OPTIONAL MATCH (t)-[old:FROM_DEVICE]->(d:Device)
  WHERE row.device_id IS NULL OR d.device_id <> row.device_id
  DELETE old
}
CALL (t, row) {
  MATCH (src:Account {account_no: row.from_account_no})
  MERGE (src)-[:SENT]->(t)
}
CALL (t, row) {
  MATCH (dst:Account {account_no: row.to_account_no})
  MERGE (t)-[:TO]->(dst)
}
CALL (t, row) {
  MATCH (m:Merchant {merchant_id: row.merchant_id})
  MERGE (t)-[:PAID]->(m)
}
CALL (t, row) {
  UNWIND [x IN [row.external] WHERE x IS NOT NULL] AS ext
  MERGE (x:ExternalAccount {key: ext.key})
    ON CREATE SET x.bank = ext.bank, x.account = ext.account
  MERGE (t)-[:TO_EXTERNAL]->(x)
}
CALL (t, row) {
  MATCH (d:Device {device_id: row.device_id})
  MERGE (t)-[:FROM_DEVICE]->(d)
}
CALL (old_externals) {
  UNWIND old_externals AS x
  WITH x
  WHERE NOT EXISTS { (x)--() }
  DELETE x
}
