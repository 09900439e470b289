"""The posts table beyond what the exports say: features derived from each post."""
