"""The Flet user interface: a thin layer over the domain modules."""
