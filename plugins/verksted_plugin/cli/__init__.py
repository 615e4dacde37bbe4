"""The `verksted` command: check, fmt, new, init, frister, export."""
