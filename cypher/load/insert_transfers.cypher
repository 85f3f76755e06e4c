// First load into an empty graph only: the money-flow summary between two accounts, one grouped
// pass over transactions, so each (sender, receiver) comes once and is CREATEd. Times arrive as
// ISO text (see insert_customers_nodes).
// Parameters: $rows: [{src: "10…", dst: "10…", count: 3, total_vnd: 15000000, first_at: '…',
//   last_at: '…'}]
UNWIND $rows AS row
MATCH (a:Account {account_no: row.src})
MATCH (b:Account {account_no: row.dst})
CREATE (a)-[r:TRANSFERRED_TO]->(b)
SET r.count = row.count, r.total_vnd = row.total_vnd, r.first_at = localdatetime(row.first_at),
    r.last_at = localdatetime(row.last_at)
