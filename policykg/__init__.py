"""policykg: a knowledge graph of Vietnamese policy cascades."""

__version__ = "0.1.0"
