"""Ring reports: HTML (self-contained, pictures inline), CSV and JSON."""
