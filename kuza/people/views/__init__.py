"""HTTP views of the people app, one module per page family; they only call selectors/services."""
