"""Markedsplassen: the catalogue tool (`markedsplass`)."""

__version__ = "0.1.0"
