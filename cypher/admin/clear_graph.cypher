// Delete every node and relationship, in batches (a big graph would not fit one transaction).
// Constraints and indexes stay. Needs an auto-commit transaction (session.run), for IN TRANSACTIONS.
// Parameters: none.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
