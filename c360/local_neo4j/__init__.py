"""A Neo4j 5.26 Community server run from Maven Central jars, without Docker or a tarball."""
