"""Project the relational bank into Neo4j: full load, incremental sync, bulk import, verification."""
