"""SCB's area lists shipped with Grogrund (a package only so the CSV files are installed)."""
