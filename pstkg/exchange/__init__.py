"""Writing plans of the graph in exchange formats other systems read (the eComptes PST XML)."""
