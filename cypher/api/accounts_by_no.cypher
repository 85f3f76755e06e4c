// Purpose: accounts by number (the API's account loader). Unknown numbers give no row.
// Param ids (list<string>) = ["100000000010"]
// Column account (map): the Account's properties
UNWIND $ids AS no
MATCH (a:Account {account_no: no})
RETURN a {.*} AS account
