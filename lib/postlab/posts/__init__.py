"""The posts table: its columns and types, account-local time, and reading and writing it."""
