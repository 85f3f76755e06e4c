// Ring and household nodes written back by `c360 rings detect`: one node per stable ID.
// Parameters: none. Idempotent.
CREATE CONSTRAINT fraud_ring_id IF NOT EXISTS FOR (n:FraudRing) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS UNIQUE
