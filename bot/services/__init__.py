"""Services: one function, one unit of work. They never import telegram."""
