"""pst-kg: a knowledge graph of the strategic plans (PST) of Walloon CPAS."""

__version__ = "0.1.0"
