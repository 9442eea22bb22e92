"""check-report: a rules-based consistency checker for official statistical and socio-economic reports."""

__version__ = "0.1.0"
