// Indexes for the GraphQL API's read paths. Parameters: none. Idempotent.
// Name search: a full-text index with the accent-folding analyzer, so "nguyen van an" finds
// "Nguyễn Văn An" the way people type Vietnamese names on a keyboard without diacritics.
CREATE FULLTEXT INDEX customer_name_fulltext IF NOT EXISTS FOR (n:Customer) ON EACH [n.full_name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// Ring lists sorted by score, and alerts by time: keyset pages walk these in order.
CREATE INDEX fraud_ring_score IF NOT EXISTS FOR (n:FraudRing) ON (n.score);
CREATE INDEX risk_alert_raised_at IF NOT EXISTS FOR (n:RiskAlert) ON (n.raised_at)
