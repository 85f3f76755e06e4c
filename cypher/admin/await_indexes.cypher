// Wait until every index is online (a MERGE before then would scan). Parameters: $seconds: 300
CALL db.awaitIndexes($seconds)
