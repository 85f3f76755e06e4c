// Remove the summary for account pairs with no completed live transfer left.
// Parameters: $keys: [{src: '10…', dst: '10…'}]
UNWIND $keys AS key
MATCH (:Account {account_no: key.src})-[r:TRANSFERRED_TO]->(:Account {account_no: key.dst})
DELETE r
