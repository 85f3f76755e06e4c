"""The GraphQL Customer 360: strawberry on uvicorn, reading Neo4j, auditing to the relational store."""
