"""Programme pages: thin views over selectors (reads, with access checks) and services."""
