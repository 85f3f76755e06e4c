"""The GraphQL schema: types, the query and mutation roots, and the extensions that guard them."""
