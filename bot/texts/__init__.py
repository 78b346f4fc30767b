"""Pure text builders: domain objects and a translator in, strings out. No I/O."""
