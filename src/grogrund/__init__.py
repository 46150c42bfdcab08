"""Grogrund: plan, value and follow up social investments in residential areas."""

__version__ = "0.1.0"
