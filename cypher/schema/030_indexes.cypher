// Secondary indexes for the read paths: search by name, transactions by time, and the source row
// ids kept on identifier relationships (so a changed or deleted phone row finds its relationship
// without scanning). Parameters: none. Idempotent.
CREATE INDEX customer_name IF NOT EXISTS FOR (n:Customer) ON (n.full_name);
CREATE TEXT INDEX customer_name_text IF NOT EXISTS FOR (n:Customer) ON (n.full_name);
CREATE INDEX transaction_occurred_at IF NOT EXISTS FOR (n:Transaction) ON (n.occurred_at);
CREATE INDEX account_opened_at IF NOT EXISTS FOR (n:Account) ON (n.opened_at);
CREATE INDEX has_phone_source IF NOT EXISTS FOR ()-[r:HAS_PHONE]-() ON (r.source_id);
CREATE INDEX has_email_source IF NOT EXISTS FOR ()-[r:HAS_EMAIL]-() ON (r.source_id);
CREATE INDEX lives_at_source IF NOT EXISTS FOR ()-[r:LIVES_AT]-() ON (r.source_id)
