"""File datasets (TF's data/ops/readers.py): filled in below."""
