// Uniqueness constraints on every business key. They come before any MERGE: each one also
// creates the index that makes MERGE a lookup instead of a label scan.
// Parameters: none. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (n:Customer) REQUIRE n.customer_id IS UNIQUE;
CREATE CONSTRAINT account_no IF NOT EXISTS FOR (n:Account) REQUIRE n.account_no IS UNIQUE;
CREATE CONSTRAINT device_id IF NOT EXISTS FOR (n:Device) REQUIRE n.device_id IS UNIQUE;
CREATE CONSTRAINT merchant_id IF NOT EXISTS FOR (n:Merchant) REQUIRE n.merchant_id IS UNIQUE;
CREATE CONSTRAINT txn_id IF NOT EXISTS FOR (n:Transaction) REQUIRE n.txn_id IS UNIQUE;
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:RiskAlert) REQUIRE n.alert_id IS UNIQUE;
CREATE CONSTRAINT external_account_key IF NOT EXISTS FOR (n:ExternalAccount) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT sync_watermark_source IF NOT EXISTS FOR (n:SyncWatermark) REQUIRE n.source IS UNIQUE;
CREATE CONSTRAINT sync_pending_id IF NOT EXISTS FOR (n:SyncPending) REQUIRE n.id IS UNIQUE
