// First load into an empty graph only: TO_EXTERNAL links to accounts at other banks.
// Parameters: $rows: [{txn_id: 'TXN…', external: {key: 'VCB:0123', bank: 'VCB', account: '0123'}}]
UNWIND $rows AS row
MATCH (t:Transaction {txn_id: row.txn_id})
MERGE (x:ExternalAccount {key: row.external.key})
  ON CREATE SET x.bank = row.external.bank, x.account = row.external.account
MERGE (t)-[:TO_EXTERNAL]->(x)
