// Set the money-flow summary between two accounts: completed transfers aggregated from the source
// (count, total, first and last). Analytics walk these instead of millions of transactions.
// Parameters: $rows: [{src: "10…", dst: "10…", count: 3, total_vnd: 15000000, first_at, last_at}]
UNWIND $rows AS row
MATCH (a:Account {account_no: row.src})
MATCH (b:Account {account_no: row.dst})
MERGE (a)-[r:TRANSFERRED_TO]->(b)
SET r.count = row.count, r.total_vnd = row.total_vnd, r.first_at = row.first_at, r.last_at = row.last_at
