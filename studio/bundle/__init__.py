"""The config bundle: its model, canonical JSON and sha256, JSON Schema, values, diff, sample."""
