// Remove the previous run's FraudRing and Household nodes with their MEMBER_OF and PART_OF
// relationships, in batches (needs an auto-commit transaction: session.run). Parameters: none.
MATCH (n) WHERE n:FraudRing OR n:Household
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
