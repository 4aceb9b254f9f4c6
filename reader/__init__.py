"""Reader: read articles in several languages side by side, translated offline."""

__version__ = "0.1.0"
