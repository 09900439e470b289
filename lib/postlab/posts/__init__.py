"""The posts table: its columns and types, account-local time, features derived from each
post, and reading and writing it."""
