// Remove soft-deleted risk alerts. Parameters: $keys: [1, 2] (alert_id)
UNWIND $keys AS key
MATCH (r:RiskAlert {alert_id: key})
DETACH DELETE r
